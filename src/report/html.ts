import type { Alert } from '../scoring/alert.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** Metadata printed in the report header. @category Reports */
export interface HtmlReportMeta {
  readonly title?: string;
  readonly source?: string;
  readonly summary?: Readonly<Record<string, string | number>>;
}

/**
 * A self-contained HTML report for analysts: one section per alert with its score, band,
 * contributions and every hit's reason, facts and evidence ids. No scripts, no external
 * resources; every value is HTML-escaped.
 * @deprecated Use `renderReport`: the case report with graphs, timeline and evidence
 * (`tidewatch scan --format html` and `tidewatch report` write it).
 * @category Reports
 * @example fs.writeFileSync('alerts.html', renderHtmlReport(alerts, { source: 'transactions.csv' }))
 */
export function renderHtmlReport(alerts: readonly Alert[], meta: HtmlReportMeta = {}): string {
  const title = meta.title ?? 'tidewatch alerts';
  const summary = Object.entries(meta.summary ?? {})
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(String(v))}</dd>`)
    .join('');
  const sections = alerts.map((a) => {
    const contributions = a.contributions
      .filter((c) => c.points > 0)
      .map((c) => `<li><code>${esc(c.rule)}</code> ${c.points} pts (strength ${c.strength}, weight ${c.weight})</li>`)
      .join('');
    const hits = a.hits
      .map((h) => {
        const facts = Object.entries(h.facts).map(([k, v]) => `${esc(k)}=${esc(String(v))}`).join(', ');
        const ids = h.transactionIds.slice(0, 50).map(esc).join(', ') + (h.transactionCount > 50 ? ` … (${h.transactionCount} in all)` : '');
        return `<li><p><strong>${esc(h.rule)}</strong> [${h.indicators.map(esc).join(', ')}] strength ${h.strength}, ${esc(h.window.from)} → ${esc(h.window.to)}</p><p>${esc(h.reason)}</p><p class="facts">${facts}</p><p class="ids">Transactions: ${ids}</p></li>`;
      })
      .join('');
    const members = a.members === undefined ? '' : `<p>Members: ${a.members.map((m) => esc(`${m.kind}:${m.id}`)).join(', ')}</p>`;
    return `<section class="${esc(a.band)}"><h2>${esc(a.entity.kind)} ${esc(a.entity.id)} — score ${a.score} (${esc(a.band)})</h2><p>Alert ${esc(a.id)}; typologies ${a.typologies.map((t) => esc(`${t.id} ${t.score}`)).join(', ')}; ${esc(a.firstSeen)} → ${esc(a.lastSeen)}</p>${members}<ul>${contributions}</ul><ol>${hits}</ol></section>`;
  });
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    '<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}section{border-left:4px solid #999;padding:0 1em;margin:1.5em 0}.critical{border-color:#b00}.high{border-color:#e60}.medium{border-color:#db0}.facts,.ids{color:#555;font-size:12px}dt{font-weight:bold;float:left;clear:left;width:10em}</style>',
    '</head><body>',
    `<h1>${esc(title)}</h1>`,
    meta.source === undefined ? '' : `<p>Source: ${esc(meta.source)}</p>`,
    summary === '' ? '' : `<dl>${summary}</dl>`,
    '<p><em>Signals for analyst review, not determinations: each hit reports a possible pattern with its evidence.</em></p>',
    ...sections,
    '</body></html>',
  ].join('\n');
}
