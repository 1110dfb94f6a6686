/**
 * 04 · Analysts — scan a bank's export and write the case report.
 *
 *   npx tsx examples/04-scan-and-report.ts [out-folder]          # default .tmp/examples/04
 *
 * The same as the CLI (after `npm run build`, or `npx tidewatch` once installed):
 *
 *   tidewatch scan examples/data/transactions.csv --accounts examples/data/accounts.csv \
 *     --parties examples/data/parties.csv --jurisdiction MY --format html --out report.html
 *   tidewatch scan … --format json --out alerts.json      # every field, for other tools
 *   tidewatch scan … --format text --top 5                # a terminal summary
 *
 * Writes report.html (one self-contained file: overview, sortable alert list, and for each case
 * a money-flow graph, a timeline, the score's contributions, each hit's reason, the evidence
 * table and what to check next) and alerts.json (`tidewatch/alert@1`; `tidewatch report
 * alerts.json --transactions …` draws the same report later).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport, scan } from 'tidewatch';
import { isMain, loadBank } from './load-bank.js';

/** Scans the demo bank and writes report.html and alerts.json into `outDir`. */
export async function main(outDir = join('.tmp', 'examples', '04'), out: (line: string) => void = console.log): Promise<{ report: string; alertsFile: string; alerts: number; cases: number }> {
  const bank = await loadBank();
  const { alerts } = scan(bank.transactions, { jurisdiction: 'MY', accounts: bank.accounts.values(), parties: bank.parties.values() });
  const html = renderReport(
    { alerts, transactions: bank.transactions, accounts: bank.accounts.values(), parties: bank.parties.values() },
    { source: 'examples/data/transactions.csv', rows: { read: bank.summary.read, accepted: bank.summary.accepted, rejected: bank.summary.rejected, duplicates: bank.summary.duplicates } },
  );
  mkdirSync(outDir, { recursive: true });
  const report = join(outDir, 'report.html');
  const alertsFile = join(outDir, 'alerts.json');
  writeFileSync(report, html);
  writeFileSync(alertsFile, `${JSON.stringify(alerts, null, 2)}\n`);
  const cases = html.split('class="case band-').length - 1;
  out(`${alerts.length} alerts; ${report} (${Math.round(html.length / 1024)} kB, ${cases} cases) and ${alertsFile}`);
  out(`open ${report} in a browser: the top case is ${alerts[0]?.entity.kind} ${alerts[0]?.entity.id} (score ${alerts[0]?.score})`);
  return { report, alertsFile, alerts: alerts.length, cases };
}

if (isMain(import.meta.url)) await main(process.argv[2]);

/* Expected output (the bundled demo bank):
31 alerts; .tmp/examples/04/report.html (1647 kB, 31 cases) and .tmp/examples/04/alerts.json
open .tmp/examples/04/report.html in a browser: the top case is account MY3563283 (score 100)
*/
