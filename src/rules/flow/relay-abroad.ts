import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { isCorridorCountry } from '../../domain/corridors.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, atLeastShare, hitOf, money, newest, ratio } from '../_lib.js';
import { HOUR_MS, counterpartyCountryOf, holderDiscount } from '../_payments.js';
import { guardFacts } from '../scan-guard.js';
import { relayGate, relayMayHold, relayOptionFields, relayScan, relayView, type RelayGate } from './relay-core.js';

/**
 * Options of {@link relayAbroad} (MS-PT-01 read over days, MS-PROF-01 as its money floor; *proposed*).
 * @category Rules
 * @example relayAbroadOptionsSchema.parse({ maxMedianDwellHours: 96 })
 */
export const relayAbroadOptionsSchema = z.object(relayOptionFields);
/** Options accepted by {@link relayAbroad} (defaults filled in). @category Rules @example const o: RelayAbroadOptions = { windowDays: 14 }; */
export type RelayAbroadOptions = z.input<typeof relayAbroadOptionsSchema>;
type Options = z.output<typeof relayAbroadOptionsSchema>;

const ID = 'relay_abroad';
const INDICATORS = ['MS-PT-01', 'MS-PROF-01'] as const;

/**
 * MS-PT-01 read over days, with MS-PROF-01 as the money floor: money collected at home — cash paid
 * in, or transfers from unrelated domestic senders that are not wages — sent abroad again to people
 * who are not the holder's family, FIFO-matched credit to transfer. Within 30 days: at least 3 such
 * credits, at least 90 % of them sent abroad, an amount-weighted median dwell of at most 144 h, and
 * a total of at least 3 × the declared monthly income — never less than 0.05 T and never more than
 * `pass_through`'s 0.5 T (that floor alone where no income is declared). Wages, the holder's own or
 * household transfers, money from abroad and remittances to family are no part of it, so a migrant
 * worker sending wages home is not a relay. A new account (MS-NEW-01), money ≥ 3 × the declared
 * income, cash and a corridor destination add strength; licensed remitters (× 0.25), government
 * (× 0.2), NGO (× 0.35) and business accounts (× 0.5: an importer paying its suppliers abroad) are
 * discounted. The last event must
 * be such a transfer abroad; a count of the candidate credits in the window gates the scan.
 * @category Rules
 * @example const rule = relayAbroad({ maxMedianDwellHours: 96 });
 */
export function relayAbroad(options: RelayAbroadOptions = {}): Rule<typeof ID> {
  const o = parseOptions(relayAbroadOptionsSchema, options, ID);
  const windowMs = o.windowDays * DAY_MS;
  const rule: Rule<typeof ID, RelayGate> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs,
    options: o,
    description: 'Possible relay abroad: money collected at home, in cash or from unrelated senders, is sent abroad within days.',
    // A count of the candidate credits in the window gates the scan (relay-core.ts), as for cash_out_relay.
    incremental: relayGate(windowMs),
    evaluate: (window, context, state) => {
      const last = newest(window);
      if (last.direction !== 'out' || last.kind !== 'transfer' || window.kind !== 'account' || !relayMayHold(state, o, window, context)) return [];
      const hit = relayHit(window, context, o, rule, last);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule as Rule<typeof ID>;
}

function relayHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit | undefined {
  const view = relayView(window, context, last);
  if (view === undefined) return undefined;
  const abroad = (e: WindowEvent): string | undefined => {
    if (e.kind !== 'transfer' || e.direction !== 'out' || view.internal(e)) return undefined;
    const to = counterpartyCountryOf(e, context);
    return to === undefined || to === view.home || view.family(e) ? undefined : to;
  };
  if (abroad(last) === undefined) return undefined;
  // FIFO: collected credits matched to the transfers abroad that paid them out (see relay-core.ts); other debits are not read.
  const r = relayScan(window, context, o, last, view, abroad, isCorridorCountry);
  if (r === undefined) return undefined;
  const profile = context.jurisdiction;
  const discount = holderDiscount(window.account?.type, { factor: 0.5, why: 'business_account' });
  const cashShare = r.cashIn / r.sumIn;
  const corridorShare = r.sumOut === 0 ? 0 : r.markedOut / r.sumOut;
  const strength =
    (0.45 + (atLeastShare(r.matched, r.sumIn, 0.98) ? 0.05 : 0) + (cashShare >= 0.5 ? 0.05 : 0) + (corridorShare >= 0.5 ? 0.1 : 0) + r.fit.bonus) *
    discount.factor * r.fit.factor;
  const medianHours = Math.round((r.medianMs / HOUR_MS) * 10) / 10;
  const reason =
    `Possible relay abroad: ${money(profile, r.sumIn)} collected at home in ${r.inflows} credits within ${o.windowDays} days, ` +
    `${Math.round((r.matched / r.sumIn) * 100)}% of it sent abroad on ${r.outDays} day${r.outDays === 1 ? '' : 's'}, after a median of ${medianHours} hours.`;
  const facts: Record<string, number | string | boolean> = {
    inflows: r.inflows, inTotalMinor: r.sumIn, abroadTotalMinor: r.sumOut, matchedShare: ratio(r.matched / r.sumIn), medianDwellHours: medianHours,
    cashInShare: ratio(cashShare), corridorOutShare: ratio(corridorShare), floorMinor: r.floor, sendDays: r.outDays, windowDays: o.windowDays,
  };
  if (r.fit.notes.length > 0) facts['profile'] = r.fit.notes.join(',');
  if (discount.why !== undefined) facts['discount'] = discount.why;
  const kept = r.evidence.length > MAX_HIT_IDS ? r.evidence.slice(r.evidence.length - MAX_HIT_IDS) : r.evidence;
  return hitOf(rule, window, kept, strength, reason, guardFacts(facts, r.guard), 'relay');
}
