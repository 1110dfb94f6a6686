import { defineTypology, structuringTypology, type Typology } from './typology.js';

/**
 * Debt-financed smuggling (RESEARCH §a.1 MS-DEBT-01/02, MS-TP-01): instalment repayment and wage
 * diversion. One strong debt indicator reaches the alert threshold; identity links and
 * third-party payers corroborate from other families (needed for the high band). The network
 * stage's cash joins (MS-DEBT-04 shared card sessions, MS-DEBT-05 cash hand-overs, `cash_site`)
 * score 0.8 × 55 = 44; a single cash event is evidence only (strength 0: no alert). Instalments
 * and diverted wages are often the same payments: where wage diversion reads them faintly (under
 * 0.2, discounted as a remittance to kin or a rent), it adds nothing beside the instalments
 * (`faintOverlapStrength`; issue 14, a tenant's money home scored twice).
 * @category Scoring
 * @example scan(transactions, { jurisdiction: 'MY', typologies: [debtRepaymentTypology()] })
 */
export function debtRepaymentTypology(): Typology {
  return defineTypology({
    id: 'debt_repayment',
    name: 'Possible debt-financed smuggling repayment',
    description: 'Post-arrival instalments or diverted wages flowing to a collector.',
    weights: { debt_repayment: 55, wage_diversion: 55, cash_site: 55, third_party_payer: 20, shared_identifier: 20 },
    context: { round_amounts: 0.1, fee_match: 0.1, corridor_flow: 0.1, new_account: 0.1 },
    threshold: 40,
    faintOverlapStrength: 0.2,
  });
}

/**
 * Ransom and extortion collection (MS-DEBT-03, MS-TP-01): escalating payments from family
 * clusters to one collector.
 * @category Scoring
 * @example scan(transactions, { jurisdiction: 'MY', typologies: [ransomCollectionTypology()] })
 */
export function ransomCollectionTypology(): Typology {
  return defineTypology({
    id: 'ransom_collection',
    name: 'Possible ransom or extortion collection',
    description: 'Families of captives paying escalating amounts to a collector.',
    weights: { ransom_burst: 60, third_party_payer: 25, shared_identifier: 20, multi_depositor: 15 },
    context: { round_amounts: 0.1, fee_match: 0.15, hotspot_cash: 0.15, sailing_season: 0.05 },
    threshold: 40,
  });
}

/**
 * Smuggling-fee collection (RESEARCH §a.1 MS-FUN-01/02, MS-FAN-01, MS-PT-01, MS-CASH-02): many
 * unrelated payers, often from origin or diaspora countries, pay one collector, whose account then
 * disperses the money (boat owner, crew, coordinators) or passes it straight through. Corridor,
 * fee-sized amounts, sailing season, hotspot cash and a new account only amplify.
 * @category Scoring
 * @example scan(transactions, { jurisdiction: 'MY', typologies: [smugglingCollectionTypology()] })
 */
export function smugglingCollectionTypology(): Typology {
  return defineTypology({
    id: 'smuggling_collection',
    name: 'Possible smuggling-fee collection',
    description: 'Many unrelated payers funding one collector, whose account disperses or passes the money on.',
    weights: {
      corridor_collector: 55,
      funnel_account: 45,
      fan_out: 30,
      pass_through: 30,
      relay_abroad: 60,
      cash_out_relay: 60,
      slow_funnel: 55,
      sub_collector: 5,
      third_party_payer: 20,
      shared_identifier: 15,
      multi_depositor: 15,
    },
    context: { corridor_flow: 0.15, fee_match: 0.15, sailing_season: 0.1, hotspot_cash: 0.15, new_account: 0.1, round_amounts: 0.05 },
    threshold: 40,
  });
}

/**
 * An account behaving like an unlicensed remitter (MS-HAW-01): hundi or hawala books settled
 * through a personal or business account — many payers, money cashed out or sent offshore, or
 * domestic payouts offset by a few foreign lump sums. Licensed remitters are excluded by the rule.
 * The indicator met as catalogued — at least 20 unrelated payer families in 30 days and at least 80 %
 * of the inflow cashed out or sent abroad within 7 days, on a personal account (strength 0.5) —
 * alerts on its own (0.5 × 80 = 40), as one strong debt indicator does in debt_repayment; a smaller
 * book (0.4: 32 points) or a discounted holder (business cashing out, NGO, savings pot, rent) needs
 * corroboration. (Measured on the scenario bank's tuning seeds: no lawful account had a hit of this
 * rule at any strength, while hundi books at 0.40–0.56 stayed under the threshold at weight 60.)
 * @category Scoring
 * @example scan(transactions, { jurisdiction: 'MY', typologies: [unlicensedRemitterTypology()] })
 */
export function unlicensedRemitterTypology(): Typology {
  return defineTypology({
    id: 'unlicensed_remitter',
    name: 'Possible unlicensed remittance business',
    description: 'A non-MSB account collecting from many payers and paying out cash or offshore like a remitter.',
    weights: { unlicensed_remitter: 80, pass_through: 25, relay_abroad: 25, cash_out_relay: 25, fan_out: 20, funnel_account: 15 },
    context: { corridor_flow: 0.15, new_account: 0.1, sailing_season: 0.05 },
    threshold: 40,
  });
}

/**
 * Layering through transit accounts (MS-LAY-01…03): money round-tripping through a cycle of
 * counterparties new to each account, scattered over new intermediaries that converge on one sink,
 * or gathered from new senders and scattered to new recipients by one hub; and fan-in and fan-out
 * hubs whose spokes are dedicated to them (MS-FAN-02/03, `fan_leg`). A single hop or leg is
 * evidence only (strength 0: no alert); the network stage's structures score 0.8 × 60 = 48.
 * @category Scoring
 * @example scan(transactions, { jurisdiction: 'US', typologies: [layeringTypology()] })
 */
export function layeringTypology(): Typology {
  return defineTypology({
    id: 'layering',
    name: 'Possible layering through transit accounts',
    description: 'Round-tripping cycles, scatter-gather and gather-scatter flows through accounts that each see their counterparties once.',
    weights: { layering_hop: 60, fan_leg: 60 },
    context: { new_account: 0.1, corridor_flow: 0.1 },
    threshold: 40,
  });
}

/**
 * The default typologies: structuring, debt repayment, ransom collection, smuggling-fee
 * collection, unlicensed remittance and layering.
 * @category Scoring
 * @example const typologies = [...defaultTypologies(), myTypology]; // add one beside the shipped five
 */
export function defaultTypologies(): Typology[] {
  return [structuringTypology(), debtRepaymentTypology(), ransomCollectionTypology(), smugglingCollectionTypology(), unlicensedRemitterTypology(), layeringTypology()];
}
