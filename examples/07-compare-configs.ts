/**
 * 07 · Analysts — compare two configurations on the same transactions before changing one.
 *
 *   npx tsx examples/07-compare-configs.ts
 *
 * Configuration A is the shipped default; B is what a team might try to cut medium alerts: a
 * stricter near-threshold band, round amounts switched off and a higher minimum score. The
 * comparison says what differs, which alerts only one side raises and why, and, with the demo
 * bank's labels.csv (ground truth of this synthetic bank), precision and recall on each side.
 *
 * The CLI does the same from two JSON files:
 *   tidewatch compare transactions.csv --config default.json --config stricter.json --jurisdiction MY --labels labels.csv
 */
import { compareConfigs, formatComparison, type ScanConfig } from 'tidewatch';
import { readLabels } from 'tidewatch/ingest';
import { join } from 'node:path';
import { DEMO_BANK, isMain, loadBank } from './load-bank.js';

/** The configuration under test (B); A is `{}`, the defaults. */
export const STRICTER: ScanConfig = {
  rules: { near_threshold_cash: { beta: 0.95 }, round_amounts: false },
  minScore: 50,
};

/** Compares the defaults with {@link STRICTER} on the demo bank and prints the comparison. */
export async function main(out: (line: string) => void = console.log): Promise<{ alertsA: number; alertsB: number; onlyA: number; onlyB: number; differences: readonly string[] }> {
  const bank = await loadBank();
  const labels = await readLabels(join(DEMO_BANK, 'labels.csv'));
  const c = compareConfigs(bank.transactions, {}, STRICTER, {
    jurisdiction: 'MY', accounts: bank.accounts.values(), parties: bank.parties.values(), labels: labels.labels,
  });
  for (const line of formatComparison(c, { limit: 10 }).trimEnd().split('\n')) out(line);
  return { alertsA: c.a.alerts, alertsB: c.b.alerts, onlyA: c.onlyA.length, onlyB: c.onlyB.length, differences: c.differences };
}

if (isMain(import.meta.url)) await main();

/* Expected output (the bundled demo bank), excerpts:
                                                                          A                            B
config hash                                     1f7750ab487b392fc06256231dc  0830b20028262476e0b8b17baf0
minimum score                                                            40                           50
alerts                                                                   31                           17
…
precision                                                              1.00                         1.00
recall                                                                 0.43                         0.40
…
B differs from A:
  - minimum score 40 → 50
  - near_threshold_cash: beta 0.9 → 0.95
  - round_amounts: disabled in B

only under A (14)
  account MY3133781: 42 medium [debt_repayment, round_amounts, shared_identifier]; 40 under B
      under B it scores 40, below B's minimum 50
      round_amounts: does not fire under B (disabled in B); it gave 2 points under A
…
*/
