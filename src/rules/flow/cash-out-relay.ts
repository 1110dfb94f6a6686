import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, atLeastShare, hitOf, money, newest, ratio } from '../_lib.js';
import { HOUR_MS, holderDiscount } from '../_payments.js';
import { guardFacts } from '../scan-guard.js';
import { relayGate, relayMayHold, relayOptionFields, relayScan, relayView, type RelayGate } from './relay-core.js';

/**
 * Options of {@link cashOutRelay} (MS-PT-01 read over days, MS-PROF-01 as its money floor; *proposed*;
 * the same options and defaults as `relay_abroad`).
 * @category Rules
 * @example cashOutRelayOptionsSchema.parse({ maxMedianDwellHours: 96 })
 */
export const cashOutRelayOptionsSchema = z.object(relayOptionFields);
/** Options accepted by {@link cashOutRelay} (defaults filled in). @category Rules @example const o: CashOutRelayOptions = { windowDays: 14 }; */
export type CashOutRelayOptions = z.input<typeof cashOutRelayOptionsSchema>;
type Options = z.output<typeof cashOutRelayOptionsSchema>;

const ID = 'cash_out_relay';
const INDICATORS = ['MS-PT-01', 'MS-PROF-01'] as const;

/** @internal State of {@link cashOutRelay} for one account: the relay gate (relay-core.ts). */
export type CashOutGate = RelayGate;

/**
 * MS-PT-01 read over days ("funds withdrawn shortly after deposit"; FinCEN 2020: withdrawals in
 * another area with little time elapsing), with MS-PROF-01 as the money floor: money collected at
 * home — cash paid in, or transfers from unrelated domestic senders that are not wages — withdrawn
 * again in cash by the holder (or an unrecorded hand), FIFO-matched credit to withdrawal. Within 30
 * days: at least 3 such credits, at least 90 % of them withdrawn, an amount-weighted median dwell of
 * at most 144 h, and a total of at least 3 × the declared monthly income — never less than 0.05 T
 * and never more than `pass_through`'s 0.5 T (that floor alone where no income is declared). It is
 * `relay_abroad` with the cash machine in place of the transfer abroad: a mule that empties the
 * account at ATMs. Wages, the holder's own or household transfers and money from abroad are no
 * part of it (a worker drawing the wage in cash is not a relay); a withdrawal by a recorded third
 * party is `wage_diversion`'s, not this rule's. A new account, money ≥ 3 × the declared income and
 * cash paid in add strength; licensed remitters (× 0.25), government (× 0.2), NGO (× 0.35) and
 * business accounts (× 0.5: a firm drawing its takings for cash wages) are discounted. The last
 * event must be such a withdrawal; a count of the candidate credits in the window gates the scan.
 * @category Rules
 * @example const rule = cashOutRelay({ maxMedianDwellHours: 96 });
 */
export function cashOutRelay(options: CashOutRelayOptions = {}): Rule<typeof ID> {
  const o = parseOptions(cashOutRelayOptionsSchema, options, ID);
  const windowMs = o.windowDays * DAY_MS;
  const rule: Rule<typeof ID, CashOutGate> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs,
    options: o,
    description: 'Possible cash-out relay: money collected at home, in cash or from unrelated senders, is withdrawn in cash within days.',
    incremental: relayGate(windowMs),
    evaluate: (window, context, state) => {
      const last = newest(window);
      if (!isCashOut(window, last) || window.kind !== 'account' || !relayMayHold(state, o, window, context)) return [];
      const hit = cashOutHit(window, context, o, rule, last);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule as Rule<typeof ID>;
}

/** A cash withdrawal by the holder, or with no conductor recorded. */
function isCashOut(window: EntityWindow, e: WindowEvent): boolean {
  return e.kind === 'cash_withdrawal' && e.direction === 'out' && (e.conductor === undefined || e.conductor === window.account?.party);
}

function cashOutHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit | undefined {
  const view = relayView(window, context, last);
  if (view === undefined) return undefined;
  const r = relayScan(window, context, o, last, view, (e) => (isCashOut(window, e) ? 'cash' : undefined), () => false);
  if (r === undefined) return undefined;
  const profile = context.jurisdiction;
  const discount = holderDiscount(window.account?.type, { factor: 0.5, why: 'business_account' });
  const cashShare = r.cashIn / r.sumIn;
  const strength = (0.45 + (atLeastShare(r.matched, r.sumIn, 0.98) ? 0.05 : 0) + (cashShare >= 0.5 ? 0.05 : 0) + r.fit.bonus) * discount.factor * r.fit.factor;
  const medianHours = Math.round((r.medianMs / HOUR_MS) * 10) / 10;
  const reason =
    `Possible cash-out relay: ${money(profile, r.sumIn)} collected at home in ${r.inflows} credits within ${o.windowDays} days, ` +
    `${Math.round((r.matched / r.sumIn) * 100)}% of it withdrawn in cash on ${r.outDays} day${r.outDays === 1 ? '' : 's'}, after a median of ${medianHours} hours.`;
  const facts: Record<string, number | string | boolean> = {
    inflows: r.inflows, inTotalMinor: r.sumIn, cashOutTotalMinor: r.sumOut, matchedShare: ratio(r.matched / r.sumIn), medianDwellHours: medianHours,
    cashInShare: ratio(cashShare), floorMinor: r.floor, withdrawalDays: r.outDays, windowDays: o.windowDays,
  };
  if (r.fit.notes.length > 0) facts['profile'] = r.fit.notes.join(',');
  if (discount.why !== undefined) facts['discount'] = discount.why;
  const kept = r.evidence.length > MAX_HIT_IDS ? r.evidence.slice(r.evidence.length - MAX_HIT_IDS) : r.evidence;
  return hitOf(rule, window, kept, strength, reason, guardFacts(facts, r.guard), 'cash_out');
}
