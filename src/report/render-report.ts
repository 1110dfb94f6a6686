import type { Alert } from '../scoring/alert.js';
import type { Account, Party } from '../schema/reference-data.js';
import type { Transaction } from '../schema/transaction.js';
import { VERSION } from '../version.js';
import { alertListHtml } from './alert-list.js';
import { caseSectionHtml, compactCaseHtml, type CaseSectionOptions } from './case-section.js';
import { esc } from './escape.js';
import { overviewHtml, type RowCounts } from './overview.js';
import { REPORT_CSP } from './report-csp.js';
import { indexReportData } from './report-index.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_CSS } from './report-style.js';

/** Full cases drawn by default; see {@link RenderReportOptions.maxCases}. @category Reports */
export const DEFAULT_MAX_CASES = 200;

/** The data a case report is drawn from: the alerts and the transactions (and reference data) they cite. @category Reports */
export interface ReportInput {
  /** Alerts in `tidewatch/alert@1`, in the order the cases should appear (scan's: by score). */
  readonly alerts: readonly Alert[];
  /** The scanned transactions: the report finds the evidence and the flows around it here. */
  readonly transactions: Iterable<Transaction>;
  /** accounts.csv rows: names accounts through their holders, and a party's accounts. */
  readonly accounts?: Iterable<Account>;
  /** parties.csv rows: names and countries of parties. */
  readonly parties?: Iterable<Party>;
}

/** Options of {@link renderReport}. @category Reports */
export interface RenderReportOptions extends CaseSectionOptions {
  readonly title?: string;
  /** The input file name, shown in the overview. */
  readonly source?: string;
  /** Rows read, accepted, rejected (and duplicates) when the caller read the file. */
  readonly rows?: RowCounts;
  /**
   * Alerts drawn as full cases (graph, timeline, evidence), in input order; the rest get a
   * summary (header and first reasons). Default 200: a full case weighs ~15–200 kB (median ~30).
   */
  readonly maxCases?: number;
}

/**
 * The analyst case report: one self-contained HTML file (no network, fonts or external scripts;
 * a Content-Security-Policy that allows only its own inline style and script by hash) with an
 * overview, a sortable and filterable alert list, and one case per alert — money-flow graph,
 * evidence timeline, score contributions, hits, evidence table and what to check next. Every
 * value from the data is escaped; the page reads completely without its script; cases render
 * lazily (`content-visibility`), and it prints one case per page. Pure: same input, same bytes.
 * @category Reports
 * @example
 * const { alerts } = scan(transactions, { jurisdiction: 'MY' });
 * fs.writeFileSync('report.html', renderReport({ alerts, transactions }, { source: 'transactions.csv' }));
 */
export function renderReport(input: ReportInput, options: RenderReportOptions = {}): string {
  const transactions = Array.isArray(input.transactions) ? (input.transactions as readonly Transaction[]) : [...input.transactions];
  const index = indexReportData(transactions, input.accounts, input.parties);
  const alerts = input.alerts;
  const ids = alerts.map((_, i) => `c${i + 1}`);
  const title = options.title ?? 'tidewatch case report';
  const jurisdictions = [...new Set(alerts.map((a) => a.engine.jurisdiction))].sort().join(', ');
  const full = Math.max(0, options.maxCases ?? DEFAULT_MAX_CASES);
  const cases = alerts.map((a, i) => (i < full ? caseSectionHtml(a, ids[i] ?? '', i + 1, index, options) : compactCaseHtml(a, ids[i] ?? '', i + 1, full))).join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="tidewatch ${esc(VERSION)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    `<header class="top"><h1>${esc(title)}</h1><p>${alerts.length} alerts${jurisdictions === '' ? '' : ` · jurisdiction ${esc(jurisdictions)}`}${options.source === undefined ? '' : ` · ${esc(options.source)}`} · tidewatch ${esc(VERSION)}</p></header>`,
    '<nav class="toc"><a href="#overview">Overview</a><a href="#alerts">Alerts</a><a href="#cases">Cases</a></nav>',
    '<main>',
    overviewHtml(alerts, ids, { transactions: index.byId.size, ...(options.source === undefined ? {} : { source: options.source }), ...(options.rows === undefined ? {} : { rows: options.rows }) }),
    alerts.length === 0 ? '<section id="alerts"><h2>Alerts</h2><p>No alerts at or above the minimum score.</p></section>' : alertListHtml(alerts, ids),
    `<div id="cases">${cases}</div>`,
    '</main>',
    `<footer>Made by tidewatch ${esc(VERSION)} from the alerts (tidewatch/alert@1) and the transactions they cite. Times are UTC. This file loads nothing from the network.</footer>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
