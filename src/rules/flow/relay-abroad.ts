import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { isCorridorCountry } from '../../domain/corridors.js';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, atLeastShare, hitOf, money, newest, ratio } from '../_lib.js';
import { HOUR_MS, counterpartyCountryOf, holderDiscount, isFamily, isWageLike, ownCountryOf, ownRef } from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, guardedStart, scanGuard } from '../scan-guard.js';
import { internalOf, profileOf } from './pass-through.js';
import { addCredit, creditQueue, eachUnpaid, payFromCredits, weightedMedian } from './credit-fifo.js';

/**
 * Options of {@link relayAbroad} (MS-PT-01 read over days, MS-PROF-01 as its money floor; *proposed*).
 * @category Rules
 * @example relayAbroadOptionsSchema.parse({ maxMedianDwellHours: 96 })
 */
export const relayAbroadOptionsSchema = z.object({
  /** W, the window examined (30 d). */
  windowDays: days(7, 90, 30),
  /** Credits collected at home (cash, unrelated domestic senders, not wages) within W. */
  minInflows: countOpt(2, 100, 3),
  /** ρ: the share of those credits sent abroad again (FIFO-matched to later transfers abroad). */
  minOutInRatio: ratioOpt(0.5, 1, 0.9),
  /** h: the amount-weighted median dwell, in hours (MS-PT-01: "within hours or days"; 144 h = 6 days). */
  maxMedianDwellHours: z.number().min(1).max(336).default(144),
  /** MS-PROF-01 m: the money relayed reaches this multiple of the holder's declared monthly income. */
  incomeMultiple: z.number().min(1).max(100).default(3),
  /** The floor never falls below this share of the cash threshold T … */
  minShareOfThreshold: ratioOpt(0.01, 10, 0.05),
  /** … and never rises above this share of T (`pass_through`'s conduit floor), which is the floor where no income is declared. */
  maxShareOfThreshold: ratioOpt(0.01, 10, 0.5),
  /** MS-NEW-01: an account opened at most this many days before the money arrived adds 0.1. */
  newAccountDays: days(7, 365, 90),
  /** Strength factor for accounts the bank does not hold (seen only in part). */
  partialViewFactor: ratioOpt(0.1, 1, 0.8),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); the window is then its last `maxScan` events, reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(100, 50_000),
});
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
 * be such a transfer abroad.
 * @category Rules
 * @example const rule = relayAbroad({ maxMedianDwellHours: 96 });
 */
export function relayAbroad(options: RelayAbroadOptions = {}): Rule<typeof ID> {
  const o = parseOptions(relayAbroadOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible relay abroad: money collected at home, in cash or from unrelated senders, is sent abroad within days.',
    evaluate: (window, context) => {
      const last = newest(window);
      if (last.direction !== 'out' || last.kind !== 'transfer' || window.kind !== 'account') return [];
      const hit = relayHit(window, context, o, rule, last);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule;
}

function relayHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit | undefined {
  const home = ownCountryOf(window, last) ?? (isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined);
  if (home === undefined) return undefined;
  const internal = internalOf(window, context);
  const holder = ownRef(window, last);
  const family = new Map<string, boolean>();
  const familyOf = (e: WindowEvent): boolean => {
    const key = e.counterparty ?? `n:${e.counterpartyName ?? '?'}`;
    let v = family.get(key);
    if (v === undefined) {
      v = isFamily(context.identity.familyLink(holder, { account: e.counterparty, name: e.counterpartyName, country: counterpartyCountryOf(e, context) }));
      family.set(key, v);
    }
    return v;
  };
  const abroad = (e: WindowEvent): string | undefined => {
    if (e.kind !== 'transfer' || e.direction !== 'out' || internal(e)) return undefined;
    const to = counterpartyCountryOf(e, context);
    return to === undefined || to === home || familyOf(e) ? undefined : to;
  };
  if (abroad(last) === undefined) return undefined;
  const collected = (e: WindowEvent): boolean => {
    if (e.direction !== 'in' || internal(e)) return false;
    if (e.kind === 'cash_deposit') return true;
    if (e.kind !== 'transfer' || isWageLike(e, context)) return false;
    const from = counterpartyCountryOf(e, context);
    return (from === undefined || from === home) && !familyOf(e);
  };
  const all = window.events;
  const from = last.ts - o.windowDays * DAY_MS;
  // The last W days, at most the last maxScan events (a cut is reported as facts.scanLimit).
  const guard = scanGuard(o.maxScan);
  const lo = guardedStart(window, from, guard);
  // FIFO: collected credits matched to the transfers abroad that paid them out (see credit-fifo.ts); other debits are not read.
  const credits = creditQueue();
  let sumIn = 0;
  let cashIn = 0;
  let matched = 0;
  let sumAbroad = 0;
  let corridorAbroad = 0;
  const dwells: number[] = [];
  const amounts: number[] = [];
  const piece = (dwell: number, take: number): void => {
    dwells.push(dwell);
    amounts.push(take);
  };
  const evidence: WindowEvent[] = [];
  const sendDays = new Set<number>();
  for (let k = lo; k < all.length; k++) {
    const e = all[k] as WindowEvent;
    if (collected(e)) {
      addCredit(credits, e.ts, e.amount);
      sumIn += e.amount;
      if (e.kind === 'cash_deposit') cashIn += e.amount;
      evidence.push(e);
      continue;
    }
    const to = abroad(e);
    if (to === undefined || credits.head >= credits.ts.length) continue;
    matched += payFromCredits(credits, e.ts, e.amount, piece);
    sumAbroad += e.amount;
    if (isCorridorCountry(to)) corridorAbroad += e.amount;
    sendDays.add(e.day);
    evidence.push(e);
  }
  const cts = credits.ts;
  if (cts.length < o.minInflows) return undefined;
  const profile = context.jurisdiction;
  const T = profile.cashThreshold;
  const fit = profileOf(window, context, o, cts[0] as number, sumIn);
  const ceiling = Math.ceil(o.maxShareOfThreshold * T);
  const floor = fit.income === undefined || fit.income <= 0
    ? ceiling
    : Math.min(ceiling, Math.max(Math.ceil(o.minShareOfThreshold * T), Math.ceil(o.incomeMultiple * fit.income)));
  if (sumIn < floor || !atLeastShare(matched, sumIn, o.minOutInRatio)) return undefined;
  // Credits not sent on by the last transfer are still dwelling: they count in the median too.
  eachUnpaid(credits, last.ts, piece);
  const medianMs = weightedMedian(dwells, amounts, sumIn / 2);
  if (medianMs > o.maxMedianDwellHours * HOUR_MS) return undefined;
  const type = window.account?.type;
  const discount = holderDiscount(type, { factor: 0.5, why: 'business_account' });
  const cashShare = cashIn / sumIn;
  const corridorShare = sumAbroad === 0 ? 0 : corridorAbroad / sumAbroad;
  const strength =
    (0.45 + (atLeastShare(matched, sumIn, 0.98) ? 0.05 : 0) + (cashShare >= 0.5 ? 0.05 : 0) + (corridorShare >= 0.5 ? 0.1 : 0) + fit.bonus) *
    discount.factor * fit.factor;
  const medianHours = Math.round((medianMs / HOUR_MS) * 10) / 10;
  const reason =
    `Possible relay abroad: ${money(profile, sumIn)} collected at home in ${cts.length} credits within ${o.windowDays} days, ` +
    `${Math.round((matched / sumIn) * 100)}% of it sent abroad on ${sendDays.size} day${sendDays.size === 1 ? '' : 's'}, after a median of ${medianHours} hours.`;
  const facts: Record<string, number | string | boolean> = {
    inflows: cts.length, inTotalMinor: sumIn, abroadTotalMinor: sumAbroad, matchedShare: ratio(matched / sumIn), medianDwellHours: medianHours,
    cashInShare: ratio(cashShare), corridorOutShare: ratio(corridorShare), floorMinor: floor, sendDays: sendDays.size, windowDays: o.windowDays,
  };
  if (fit.notes.length > 0) facts['profile'] = fit.notes.join(',');
  if (discount.why !== undefined) facts['discount'] = discount.why;
  const kept = evidence.length > MAX_HIT_IDS ? evidence.slice(evidence.length - MAX_HIT_IDS) : evidence;
  return hitOf(rule, window, kept, strength, reason, guardFacts(facts, guard), 'relay');
}
