import { conductorSpread } from './structuring/conductor-spread.js';
import { corridorCollector } from './flow/corridor-collector.js';
import { corridorFlow } from './context/corridor-flow.js';
import { fanOut } from './flow/fan-out.js';
import { fanLeg } from './flow/fan-leg.js';
import { cashSite } from './debt/cash-site.js';
import { layeringHop } from './flow/layering-hop.js';
import { feeMatch } from './context/fee-match.js';
import { hotspotCash } from './context/hotspot-cash.js';
import { sailingSeason } from './context/sailing-season.js';
import { funnelAccount } from './flow/funnel-account.js';
import { passThrough } from './flow/pass-through.js';
import { relayAbroad } from './flow/relay-abroad.js';
import { cashOutRelay } from './flow/cash-out-relay.js';
import { slowFunnel } from './flow/slow-funnel.js';
import { subCollector } from './flow/sub-collector.js';
import { newAccount } from './context/new-account.js';
import { unlicensedRemitter } from './flow/unlicensed-remitter.js';
import { debtRepayment } from './debt/debt-repayment.js';
import { ransomBurst } from './debt/ransom-burst.js';
import { sharedIdentifier } from './identity/shared-identifier.js';
import { thirdPartyPayer } from './flow/third-party-payer.js';
import { wageDiversion } from './debt/wage-diversion.js';
import { multiDepositor } from './structuring/multi-depositor.js';
import { multiLocationCash } from './structuring/multi-location-cash.js';
import { nearThresholdCash } from './structuring/near-threshold-cash.js';
import { roundAmounts } from './context/round-amounts.js';
import { splitSum } from './structuring/split-sum.js';
import { cashAboveIncome } from './structuring/cash-above-income.js';
import { cashRun } from './structuring/cash-run.js';
import { transferThresholdAvoidance } from './structuring/transfer-threshold-avoidance.js';
import type { Rule } from './types.js';

/**
 * Every shipped rule factory by id, for configuration files (`{ "rules": { "split_sum": { … } } }`).
 * @category Rules
 */
export const RULE_FACTORIES = {
  near_threshold_cash: nearThresholdCash,
  split_sum: splitSum,
  multi_location_cash: multiLocationCash,
  multi_depositor: multiDepositor,
  conductor_spread: conductorSpread,
  transfer_threshold_avoidance: transferThresholdAvoidance,
  cash_above_income: cashAboveIncome,
  cash_run: cashRun,
  round_amounts: roundAmounts,
  debt_repayment: debtRepayment,
  wage_diversion: wageDiversion,
  ransom_burst: ransomBurst,
  third_party_payer: thirdPartyPayer,
  shared_identifier: sharedIdentifier,
  funnel_account: funnelAccount,
  corridor_collector: corridorCollector,
  fan_out: fanOut,
  pass_through: passThrough,
  relay_abroad: relayAbroad,
  cash_out_relay: cashOutRelay,
  slow_funnel: slowFunnel,
  sub_collector: subCollector,
  layering_hop: layeringHop,
  fan_leg: fanLeg,
  cash_site: cashSite,
  unlicensed_remitter: unlicensedRemitter,
  new_account: newAccount,
  fee_match: feeMatch,
  corridor_flow: corridorFlow,
  sailing_season: sailingSeason,
  hotspot_cash: hotspotCash,
} as const satisfies Record<string, (options?: never) => Rule>;

/** @category Rules */
export type RuleId = keyof typeof RULE_FACTORIES;

/**
 * The default rule set, each with its documented default options.
 * @category Rules
 * @example scan(transactions, { jurisdiction: 'MY', rules: defaultRules() })
 */
export function defaultRules(): Rule[] {
  return Object.values(RULE_FACTORIES).map((factory) => (factory as () => Rule)());
}
