import { conductorSpread } from './conductor-spread.js';
import { corridorCollector } from './corridor-collector.js';
import { corridorFlow } from './corridor-flow.js';
import { fanOut } from './fan-out.js';
import { feeMatch } from './fee-match.js';
import { hotspotCash } from './hotspot-cash.js';
import { sailingSeason } from './sailing-season.js';
import { funnelAccount } from './funnel-account.js';
import { passThrough } from './pass-through.js';
import { newAccount } from './new-account.js';
import { unlicensedRemitter } from './unlicensed-remitter.js';
import { debtRepayment } from './debt-repayment.js';
import { ransomBurst } from './ransom-burst.js';
import { sharedIdentifier } from './shared-identifier.js';
import { thirdPartyPayer } from './third-party-payer.js';
import { wageDiversion } from './wage-diversion.js';
import { multiDepositor } from './multi-depositor.js';
import { multiLocationCash } from './multi-location-cash.js';
import { nearThresholdCash } from './near-threshold-cash.js';
import { roundAmounts } from './round-amounts.js';
import { splitSum } from './split-sum.js';
import { transferThresholdAvoidance } from './transfer-threshold-avoidance.js';
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
