import { defineTypology, structuringTypology, type Typology } from './typology.js';

/**
 * Debt-financed smuggling (RESEARCH §a.1 MS-DEBT-01/02, MS-TP-01): instalment repayment and wage
 * diversion. One strong debt indicator reaches the alert threshold; identity links and
 * third-party payers corroborate from other families (needed for the high band).
 * @category Scoring
 */
export function debtRepaymentTypology(): Typology {
  return defineTypology({
    id: 'debt_repayment',
    name: 'Possible debt-financed smuggling repayment',
    description: 'Post-arrival instalments or diverted wages flowing to a collector.',
    weights: { debt_repayment: 55, wage_diversion: 55, third_party_payer: 20, shared_identifier: 20 },
    context: { round_amounts: 0.1 },
    threshold: 40,
  });
}

/**
 * Ransom and extortion collection (MS-DEBT-03, MS-TP-01): escalating payments from family
 * clusters to one collector.
 * @category Scoring
 */
export function ransomCollectionTypology(): Typology {
  return defineTypology({
    id: 'ransom_collection',
    name: 'Possible ransom or extortion collection',
    description: 'Families of captives paying escalating amounts to a collector.',
    weights: { ransom_burst: 60, third_party_payer: 25, shared_identifier: 20, multi_depositor: 15 },
    context: { round_amounts: 0.1 },
    threshold: 40,
  });
}

/**
 * The default typologies: structuring, debt repayment, ransom collection.
 * @category Scoring
 */
export function defaultTypologies(): Typology[] {
  return [structuringTypology(), debtRepaymentTypology(), ransomCollectionTypology()];
}
