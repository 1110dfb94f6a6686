import type { Alert } from '../scoring/alert.js';
import { esc } from './escape.js';
import { SIGNALS_DISCLAIMER } from './next-steps.js';

const BANDS = ['critical', 'high', 'medium', 'low'] as const;

/** Counts of the input file, when the caller read it (the CLI does). @category Reports */
export interface RowCounts {
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates?: number;
}

/** What the overview says about the run besides the alerts. */
export interface OverviewMeta {
  readonly source?: string;
  readonly rows?: RowCounts;
  /** Transactions available to the report (used when `rows` is absent). */
  readonly transactions: number;
}

/**
 * The overview: input counts, configuration hash, jurisdiction and engine (as stamped on the
 * alerts), alerts by band and by leading typology, a score histogram, and the top entities with
 * links to their cases.
 * @param caseIds - the case anchor of each alert, same order
 * @example overviewHtml(alerts, ids, { transactions: 4900 })
 */
export function overviewHtml(alerts: readonly Alert[], caseIds: readonly string[], meta: OverviewMeta): string {
  const facts: [string, string][] = [];
  if (meta.source !== undefined) facts.push(['source', meta.source]);
  if (meta.rows !== undefined) {
    const r = meta.rows;
    facts.push(['rows', `${r.read} read, ${r.accepted} accepted, ${r.rejected} rejected${r.duplicates === undefined ? '' : `, ${r.duplicates} duplicates`}`]);
  } else facts.push(['transactions', String(meta.transactions)]);
  facts.push(['jurisdiction', distinct(alerts.map((a) => a.engine.jurisdiction))]);
  facts.push(['configuration hash', distinct(alerts.map((a) => a.engine.config))]);
  facts.push(['engine', distinct(alerts.map((a) => a.engine.version))]);
  const asOf = distinct(alerts.flatMap((a) => (a.engine.asOf === undefined ? [] : [a.engine.asOf])));
  if (asOf !== '—') facts.push(['as of', asOf]);
  facts.push(['alerts', String(alerts.length)]);

  const byBand = BANDS.map((b) => `<li class="band-chip ${b}"><span class="band ${b}">${b}</span> ${alerts.filter((a) => a.band === b).length}</li>`).join('');
  const typologies = [...new Set(alerts.map(leading))].sort();
  const matrix =
    typologies.length === 0
      ? ''
      : `<table class="matrix"><thead><tr><th>leading typology</th>${BANDS.map((b) => `<th class="num">${b}</th>`).join('')}<th class="num">all</th></tr></thead><tbody>` +
        typologies
          .map((t) => {
            const of = alerts.filter((a) => leading(a) === t);
            return `<tr><td>${esc(t)}</td>${BANDS.map((b) => `<td class="num">${of.filter((a) => a.band === b).length}</td>`).join('')}<td class="num">${of.length}</td></tr>`;
          })
          .join('') +
        '</tbody></table>';
  const order = alerts.map((a, i) => ({ a, id: caseIds[i] ?? '' })).sort((x, y) => y.a.score - x.a.score);
  const top = order
    .slice(0, 10)
    .map(({ a, id }) => `<li><a href="#${id}"><span class="band ${a.band}">${a.score}</span> ${esc(a.entity.kind)} <code>${esc(a.entity.id)}</code></a> — ${esc(leading(a))}</li>`)
    .join('');
  return (
    '<section id="overview" class="overview"><h2>Overview</h2>' +
    `<p class="disclaimer">${esc(SIGNALS_DISCLAIMER)}</p>` +
    `<div class="cols"><dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` +
    `<div><h3>Alerts by band</h3><ul class="bands">${byBand}</ul><h3>Score histogram</h3>${histogramSvg(alerts)}</div></div>` +
    `<div class="cols"><div><h3>Alerts by leading typology and band</h3>${matrix}</div>` +
    `<div><h3>Top entities</h3><ol class="top">${top}</ol></div></div></section>`
  );
}

/** Scores in ten bins of ten (the last one 90–100), as bars with counts. */
function histogramSvg(alerts: readonly Alert[]): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const a of alerts) bins[Math.min(9, Math.floor(a.score / 10))] = (bins[Math.min(9, Math.floor(a.score / 10))] ?? 0) + 1;
  const max = Math.max(1, ...bins);
  const bars = bins
    .map((n, i) => {
      const h = (n / max) * 90;
      const x = 30 + i * 34;
      const band = i >= 9 ? 'critical' : i >= 7 ? 'high' : i >= 4 ? 'medium' : 'low';
      return `<g class="bin ${band}" data-bin="${i * 10}" data-count="${n}"><title>${i * 10}–${i === 9 ? 100 : i * 10 + 9}: ${n} alerts</title><rect x="${x}" y="${(100 - h).toFixed(1)}" width="28" height="${h.toFixed(1)}"/><text x="${x + 14}" y="${(96 - h).toFixed(1)}" text-anchor="middle">${n > 0 ? n : ''}</text><text class="tick" x="${x + 14}" y="114" text-anchor="middle">${i * 10}</text></g>`;
    })
    .join('');
  return `<svg class="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 -12 380 132" width="380" height="132" role="img" aria-label="Score histogram"><line class="axis" x1="28" y1="100" x2="372" y2="100"/>${bars}</svg>`;
}

/** The alert's highest-scoring typology. */
export function leading(alert: Alert): string {
  return alert.typologies[0]?.id ?? 'none';
}

function distinct(values: readonly string[]): string {
  const set = [...new Set(values)].sort();
  return set.length === 0 ? '—' : set.join(', ');
}
