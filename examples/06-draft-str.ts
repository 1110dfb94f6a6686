/**
 * 06 · Analysts — draft a suspicious-transaction report (goAML XML) from an alert.
 *
 *   npx tsx examples/06-draft-str.ts [out-folder]          # default .tmp/examples/06
 *
 * Takes the strongest account alert of the demo bank and drafts a goAML report for Indonesia's
 * FIU (PPATK, report code LTKM): the alert's evidence transactions, a reason built from its hits,
 * amounts converted exactly into IDR through an FX table. The demo bank is Malaysian and its
 * files carry no goAML KYC columns, so the parties go in the non-client forms (`asNonClient`);
 * with your KYC columns they go in `t_from_my_client` / `t_to_my_client` (README § goAML).
 * The draft is for an analyst to review, complete and upload — never to file unread.
 *
 * The CLI does the same for every alert:
 *   tidewatch goaml alerts.json --transactions transactions.csv --fiu ID --rentity-id 1234 --as-non-client --fx fx.csv --out str/
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFxTable, goamlProfile, scan, toGoamlReport, type FxRate } from 'tidewatch';
import { isMain, loadBank } from './load-bank.js';

/** MYR→IDR every 5 days over the demo period, at one illustrative rate (use your treasury's published rates). */
function demoRates(): FxRate[] {
  const rates: FxRate[] = [];
  for (let day = Date.UTC(2024, 8, 25); day < Date.UTC(2025, 0, 10); day += 5 * 86_400_000) {
    rates.push({ from: 'MYR', to: 'IDR', date: new Date(day).toISOString().slice(0, 10), rate: '3512.5' });
  }
  return rates;
}

/** Drafts the report of the strongest account alert into `outDir`. */
export async function main(outDir = join('.tmp', 'examples', '06'), out: (line: string) => void = console.log): Promise<{ file: string | undefined; transactions: number; issues: string[] }> {
  const bank = await loadBank();
  const { alerts } = scan(bank.transactions, { jurisdiction: 'MY', accounts: bank.accounts.values(), parties: bank.parties.values() });
  const alert = alerts.find((a) => a.entity.kind === 'account');
  if (alert === undefined) throw new Error('no account alert to report');
  const draft = toGoamlReport(alert, {
    transactions: bank.transactions,
    accounts: bank.accounts,
    parties: bank.parties,
    reportingEntity: { id: 1234, name: 'Tidewater Bank Berhad', institution: 'TDWBMYKL' },
    profile: goamlProfile('ID'),
    fx: createFxTable(demoRates()),
    asNonClient: true,
  });
  if (!draft.ok) {
    // Nothing is guessed: every missing field is named, element by element.
    for (const issue of draft.issues) out(`${issue.code} ${issue.element}: ${issue.message}`);
    return { file: undefined, transactions: 0, issues: draft.issues.map((i) => i.code) };
  }
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${alert.id}.xml`);
  writeFileSync(file, draft.xml);
  out(`alert ${alert.id} (${alert.entity.kind} ${alert.entity.id}, score ${alert.score}) → ${file}: ${draft.transactionCount} transactions`);
  for (const note of draft.notes) out(`note: ${note}`);
  const reason = /<reason>([\s\S]*?)<\/reason>/.exec(draft.xml)?.[1] ?? '';
  out(`reason: ${reason.slice(0, 200)}${reason.length > 200 ? '…' : ''}`);
  return { file, transactions: draft.transactionCount, issues: [] };
}

if (isMain(import.meta.url)) await main(process.argv[2]);

/* Expected output (the bundled demo bank):
alert 14688084d604eb8535d88abbeaa (account MY3563283, score 100) → .tmp/examples/06/14688084d604eb8535d88abbeaa.xml: 20 transactions
reason: tidewatch alert 14688084d604eb8535d88abbeaa on account MY3563283: score 100 (critical); typologies: smuggling_collection 100, ransom_collection 63, unlicensed_remitter 23.
*/
