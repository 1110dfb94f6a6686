/**
 * 02 · Developers — a custom typology: how much each rule's hit is worth, and when it alerts.
 *
 *   npx tsx examples/02-custom-typology.ts
 *
 * A typology is data (`defineTypology`): points per rule at full strength, context rules that
 * only amplify, an alert threshold, and how many indicator families the high band needs. This
 * one scores the custom rule of 01 together with the shipped fee and funnel rules, beside the five
 * default typologies, so its alerts carry its id and its points trace back to hits.
 * docs/writing-rules.md § "A typology" explains each key; a mathjs `formula` may replace the sum.
 */
import { defaultRules, defaultTypologies, defineTypology, scan, type Typology } from 'tidewatch';
import { sameAmountInflows } from './01-custom-rule.js';
import { isMain, loadBank } from './load-bank.js';

/** Fixed-fee collection: many equal payments, fee-sized amounts, many first-time senders. */
export function feeCollectionTypology(): Typology {
  return defineTypology({
    id: 'fee_collection',
    name: 'Possible fixed-fee collection',
    description: 'Equal payments from many senders, matching reported smuggling fees.',
    weights: { same_amount_inflows: 35, fee_match: 30, funnel_account: 30 },
    context: { round_amounts: 0.2, new_account: 0.2 },
    threshold: 45,
    corroboration: 2, // high and critical need hits from two indicator families
  });
}

/** Scans the demo bank with the extra rule and typology; prints the alerts it raises. */
export async function main(out: (line: string) => void = console.log): Promise<{ alerted: { account: string; score: number; rules: string[] }[] }> {
  const bank = await loadBank();
  const { alerts } = scan(bank.transactions, {
    jurisdiction: 'MY',
    rules: [...defaultRules(), sameAmountInflows()],
    typologies: [...defaultTypologies(), feeCollectionTypology()],
    accounts: bank.accounts.values(),
    parties: bank.parties.values(),
  });
  const typology = feeCollectionTypology();
  const alerted: { account: string; score: number; rules: string[] }[] = [];
  for (const alert of alerts) {
    const mine = alert.typologies.find((t) => t.id === typology.id);
    if (mine === undefined || mine.score < typology.threshold || alert.entity.kind !== 'account') continue;
    // The alert's score is its best typology's; `contributions` explain that one (their `typology`).
    const rules = [...new Set(alert.hits.map((h) => h.rule).filter((r) => r in typology.weights))].sort();
    alerted.push({ account: alert.entity.id, score: mine.score, rules });
    out(`${alert.entity.id}  fee_collection ${mine.score}  (alert ${alert.score} ${alert.band}, led by ${alert.contributions[0]?.typology})  from: ${rules.join(', ')}`);
  }
  out(`fee_collection alerts: ${alerted.length}`);
  return { alerted };
}

if (isMain(import.meta.url)) await main();

/* Expected output (the bundled demo bank):
MY5984072  fee_collection 69  (alert 100 critical, led by smuggling_collection)  from: fee_match, funnel_account, same_amount_inflows
MY6243529  fee_collection 100  (alert 100 critical, led by smuggling_collection)  from: fee_match, funnel_account, same_amount_inflows
MY7328899  fee_collection 68  (alert 100 critical, led by structuring)  from: fee_match
MY7550985  fee_collection 59  (alert 100 critical, led by smuggling_collection)  from: fee_match, funnel_account
MY7743720  fee_collection 57  (alert 100 critical, led by structuring)  from: fee_match
MY7035579  fee_collection 63  (alert 63 medium, led by fee_collection)  from: fee_match, funnel_account, same_amount_inflows
fee_collection alerts: 6
*/
