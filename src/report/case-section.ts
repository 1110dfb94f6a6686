import type { Alert, AlertHit } from '../scoring/alert.js';
import type { Transaction } from '../schema/transaction.js';
import { caseScope, type CaseScope } from './case-scope.js';
import { contributionsHtml } from './contributions.js';
import { esc } from './escape.js';
import { buildFlowGraph } from './flow-graph.js';
import { flowSvg } from './flow-svg.js';
import { money, utc } from './format.js';
import { leadingHit } from './leading-hit.js';
import { GENERIC_NEXT_STEPS, NEXT_STEPS, SIGNALS_DISCLAIMER } from './next-steps.js';
import type { ReportIndex } from './report-index.js';
import { direction, timelineSvg } from './timeline-svg.js';

/** Per-case limits of the report (see `renderReport`). @category Reports */
export interface CaseSectionOptions {
  /** Most counterparty nodes per side of the graph; default 12. */
  readonly maxCounterparties?: number;
  /** Most rows of the evidence table; default 300 (the alert JSON has every id). */
  readonly maxEvidenceRows?: number;
}

/** Evidence tables longer than this start folded (`<details>`); printing unfolds them. */
const FOLD_ROWS = 12;

/**
 * One alert's case: header, money-flow graph, evidence timeline, score contributions, each hit's
 * reason and facts, the evidence table with the raw fields, and what to check next for its
 * typologies, with the standing disclaimer.
 * @param id - the case anchor (unique in the document)
 * @example caseSectionHtml(alert, 'c1', 1, indexReportData(transactions))
 */
export function caseSectionHtml(alert: Alert, id: string, n: number, index: ReportIndex, options: CaseSectionOptions = {}): string {
  const scope = caseScope(alert, index);
  const graph = buildFlowGraph(scope, index, options.maxCounterparties === undefined ? {} : { maxCounterparties: options.maxCounterparties });
  const typ = alert.typologies.filter((t) => t.score > 0).map((t) => `${esc(t.id)} ${t.score}`).join(', ');
  const members =
    alert.members === undefined
      ? ''
      : `<p><strong>${alert.members.length} members:</strong> ${alert.members.map((m) => `${esc(m.kind)} <code>${esc(m.id)}</code>`).join(', ')}</p>`;
  const grouped =
    graph.grouped.senders + graph.grouped.recipients > 0
      ? ` Folded into “others”: ${graph.grouped.senders} senders and ${graph.grouped.recipients} recipients with the smallest totals (evidence counterparties are kept first).`
      : '';
  const flow =
    scope.flows.length === 0
      ? '<p class="warn">None of this alert\'s transactions are in the transactions file, so there is no graph.</p>'
      : `<figure class="flowfig"><div class="fig-tools"><button type="button" class="zoom" aria-pressed="false" hidden>actual size</button></div>${flowSvg(graph, id)}` +
        `<figcaption><span class="key ev"></span> evidence <span class="key cx"></span> other flows of the alerted side from a day before its first hit window to a day after its last (context, not evidence). Width grows with the amount (${esc(graph.currency)}).${grouped}</figcaption></figure>`;
  const timeline =
    scope.evidence.length === 0
      ? ''
      : `<figure class="timefig">${timelineSvg(scope.evidence, alert.hits, scope.inside, leadingHit(alert))}<figcaption><span class="key in"></span> in <span class="key out"></span> out <span class="key internal"></span> between members; ■ cash, ● transfer. Shaded: the window of the leading hit (the rule earning most points); every hit's window is a lane below. Times in UTC.</figcaption></figure>`;
  return (
    `<section class="case band-${esc(alert.band)}" id="${id}" data-case="${id}" data-band="${esc(alert.band)}">` +
    `<h2><span class="band ${esc(alert.band)}">${alert.score}</span> #${n} ${esc(alert.entity.kind)} <code>${esc(alert.entity.id)}</code> <small>${esc(alert.band)}</small></h2>` +
    `<p class="meta">Typologies: ${typ || 'none scoring'} · ${esc(utc(alert.firstSeen))} → ${esc(utc(alert.lastSeen))} · alert <code>${esc(alert.id)}</code> · <a href="#alerts">back to the list</a></p>` +
    members +
    `<h3>Money flow</h3>${flow}` +
    (timeline === '' ? '' : `<h3>Timeline of the evidence</h3>${timeline}`) +
    `<h3>Score</h3>${contributionsHtml(alert)}` +
    `<h3>Hits</h3><ol class="hits">${alert.hits.map((h) => hitHtml(h, graph.currency)).join('')}</ol>` +
    `<h3>Evidence</h3>${evidenceHtml(scope, options.maxEvidenceRows ?? 300)}` +
    `<h3>What to check next</h3>${nextStepsHtml(alert)}` +
    `<p class="disclaimer">${esc(SIGNALS_DISCLAIMER)}</p></section>`
  );
}

/** Hits listed in a summary case; the rest are counted. */
const COMPACT_HITS = 3;

/**
 * A case beyond the report's full-case budget, kept small (~1–2 kB: a 10,000-alert report is
 * mostly these): header, and the reasons of its first hits. Graph, timeline, contributions and
 * evidence are in the full cases only.
 * @example compactCaseHtml(alert, 'c900', 900, 200)
 */
export function compactCaseHtml(alert: Alert, id: string, n: number, fullCases: number): string {
  const typ = alert.typologies.filter((t) => t.score > 0).map((t) => `${esc(t.id)} ${t.score}`).join(', ');
  const hits = alert.hits
    .slice(0, COMPACT_HITS)
    .map((h) => `<li><strong>${esc(h.rule)}</strong> ${esc(h.reason)} (${h.transactionCount} transactions)</li>`)
    .join('');
  const more = alert.hits.length > COMPACT_HITS ? `<li>… ${alert.hits.length - COMPACT_HITS} more hits</li>` : '';
  return (
    `<section class="case compact band-${esc(alert.band)}" id="${id}" data-case="${id}" data-band="${esc(alert.band)}">` +
    `<h2><span class="band ${esc(alert.band)}">${alert.score}</span> #${n} ${esc(alert.entity.kind)} <code>${esc(alert.entity.id)}</code> <small>${esc(alert.band)}</small></h2>` +
    `<p class="meta">Typologies: ${typ || 'none scoring'} · ${esc(utc(alert.firstSeen))} → ${esc(utc(alert.lastSeen))} · alert <code>${esc(alert.id)}</code></p>` +
    `<ul class="hits">${hits}${more}</ul>` +
    `<p class="note">Summary only: this report draws its first ${fullCases} cases in full. For this one's graph, timeline, score and evidence, report fewer alerts (<code>scan --min-score</code> or <code>--top</code>) or raise <code>report --max-cases</code>. Alerts are signals, not findings.</p></section>`
  );
}

function hitHtml(h: AlertHit, currency: string): string {
  // Amount facts are minor units (`totalMinor`, `threshold`): printed as money, the key kept.
  const facts = Object.entries(h.facts)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(typeof v === 'number' && Number.isSafeInteger(v) && /(Minor|^threshold)$/.test(k) ? money(v, factCurrency(h, k, currency)) : v)}</dd>`)
    .join('');
  const related = h.related === undefined || h.related.length === 0 ? '' : `<p class="related">Ties to: ${h.related.map((r) => `${esc(r.kind)} <code>${esc(r.id)}</code>`).join(', ')}</p>`;
  return (
    `<li class="hit" data-rule="${esc(h.rule)}"><p><strong>${esc(h.rule)}</strong> <span class="ind">${h.indicators.map((i) => esc(i)).join(', ')}</span> · strength ${esc(h.strength)} · ${esc(utc(h.window.from))} → ${esc(utc(h.window.to))} · ${h.transactionCount} transactions</p>` +
    `<p class="reason">${esc(h.reason)}</p><dl class="hitfacts">${facts}</dl>${related}</li>`
  );
}

/** The currency of an amount fact: `feeCurrency` for `feeMinor`, `thresholdCurrency` for `threshold`, else the case's. */
function factCurrency(h: AlertHit, key: string, fallback: string): string {
  const named = h.facts[`${key.replace(/Minor$/, '')}Currency`];
  return typeof named === 'string' && /^[A-Z]{3}$/.test(named) ? named : fallback;
}

const COLUMNS = ['id', 'time (UTC)', 'kind', 'channel', 'amount', 'dir', 'from', 'from name', 'from ctry', 'from inst', 'to', 'to name', 'to ctry', 'to inst', 'conductor', 'location', 'loc ctry', 'reference', 'cited by'];

function evidenceHtml(scope: CaseScope, maxRows: number): string {
  const rows = scope.evidence.slice(0, maxRows).map((tx) => evidenceRow(tx, scope)).join('');
  const more = scope.evidence.length > maxRows ? `<p class="note">${scope.evidence.length - maxRows} more evidence transactions are not shown; the alert JSON lists every id.</p>` : '';
  const missing =
    scope.missing.length === 0
      ? ''
      : `<p class="warn">${scope.missing.length} cited transactions are not in the transactions file: ${scope.missing.slice(0, 20).map((m) => `<code>${esc(m)}</code>`).join(', ')}${scope.missing.length > 20 ? ', …' : ''}</p>`;
  const table = `<div class="scroll"><table class="evidence"><thead><tr>${COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
  const body = scope.evidence.length > FOLD_ROWS ? `<details><summary>${scope.evidence.length} transactions</summary>${table}</details>` : table;
  return (scope.evidence.length === 0 ? '' : body) + more + missing;
}

function evidenceRow(tx: Transaction, scope: CaseScope): string {
  const cells = [
    tx.id, utc(tx.timestamp).replace(' UTC', ''), tx.kind, tx.channel ?? '', money(tx.amount, tx.currency), direction(tx, scope.inside),
    tx.fromAccount ?? '', tx.fromName ?? '', tx.fromCountry ?? '', tx.fromInstitution ?? '',
    tx.toAccount ?? '', tx.toName ?? '', tx.toCountry ?? '', tx.toInstitution ?? '',
    tx.conductor ?? '', tx.location ?? '', tx.locationCountry ?? '', tx.reference ?? '', (scope.citedBy.get(tx.id) ?? []).join(' '),
  ];
  return `<tr data-tx="${esc(tx.id)}">${cells.map((c, i) => `<td${i === 4 ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`;
}

function nextStepsHtml(alert: Alert): string {
  const relevant = alert.typologies.filter((t, i) => i === 0 || t.score >= 40);
  const blocks = (relevant.length === 0 ? [{ id: '' }] : relevant).map((t) => {
    const steps = (Object.hasOwn(NEXT_STEPS, t.id) ? NEXT_STEPS[t.id] : undefined) ?? GENERIC_NEXT_STEPS;
    return `<div class="next" data-typology="${esc(t.id)}"><h4>${esc(steps.title)}</h4><ul>${steps.checks.map((c) => `<li>${esc(c)}</li>`).join('')}</ul></div>`;
  });
  return blocks.join('');
}
