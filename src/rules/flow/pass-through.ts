import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole, isCorridorCountry } from '../../domain/corridors.js';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, accountTypeFactor, atLeastShare, compareRefs, hitOf, money, newest, ratio, flowReference } from '../_lib.js';
import { HOUR_MS, counterpartyCountryOf, isFamily, isWageLike, ownCountryOf, ownRef } from '../_payments.js';
import { declaredIncome } from '../_income.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { beyondGuard, guardFacts, guardedStart, scanGuard } from '../scan-guard.js';
import { addCredit, creditQueue, eachUnpaid, payFromCredits, weightedMedian } from './credit-fifo.js';
import { carrierSettlement } from './carrier-settlement.js';

/**
 * Options of {@link passThrough}; defaults from RESEARCH §a.1 / §c.4 (MS-PT-01, MS-CASH-02, all *proposed*).
 * @category Rules
 * @example passThroughOptionsSchema.parse({ maxMedianDwellHours: 24 })
 */
export const passThroughOptionsSchema = z.object({
  /** Conduit: W, the window examined (30 d). */
  windowDays: days(7, 90, 30),
  /** Conduit: ρ, the share of the window's inflow paid out again (FIFO-matched to a later debit). */
  minOutInRatio: ratioOpt(0.5, 1, 0.9),
  /** Conduit: h, the amount-weighted median dwell time of the inflow (48 h; the strict reading is 24 h). */
  maxMedianDwellHours: z.number().min(1).max(336).default(48),
  strictDwellHours: z.number().min(1).max(336).default(24),
  /**
   * Conduit: b, the mean balance carried from the window's inflow over W, as a share of that inflow
   * (0.1: about three days' holding in 30). RESEARCH writes `b × Σin / days`; read literally, any
   * dwell above 2.4 h would fail, contradicting h = 48 h, so the share is taken of Σin.
   */
  maxMeanBalanceShare: ratioOpt(0.01, 1, 0.1),
  /** Conduit: minimum inflow volume, as a share of the cash threshold T (0.5 T), from at least `minInflows` credits. */
  minVolumeShareOfThreshold: ratioOpt(0.01, 10, 0.5),
  minInflows: countOpt(2, 100, 3),
  /**
   * Conduit: a sender whose transfers make up at least this share of the window's inflow is named in
   * `related` as the source of the money passed on (payroll credits excepted).
   */
  minSourceShare: ratioOpt(0.5, 1, 0.5),
  /** Conduit: a business account with credits on at least this share of the window's days has steady takings. */
  steadyDayShare: ratioOpt(0.1, 1, 0.5),
  /** Cash to corridor: cash credits within this many days … */
  cashDays: days(1, 30, 7),
  /** … reaching C = 0.3 T … */
  minCashShareOfThreshold: ratioOpt(0.01, 10, 0.3),
  /** … followed within 72 h by international transfers to corridor countries … */
  followHours: z.number().min(1).max(336).default(72),
  /** … totalling at least 0.7 of the cash. */
  minTransferShareOfCash: ratioOpt(0.1, 1, 0.7),
  /** Transfers within ± this share of the cash count as "a similar amount" (± 10 %). */
  similarTolerance: ratioOpt(0, 0.5, 0.1),
  /**
   * New conduit (MS-NEW-01, A = 90 d): the account was opened at most this many days before the
   * money it passed on arrived — mules are mostly fresh accounts. Raises the strength.
   */
  newAccountDays: days(7, 365, 90),
  /**
   * Profile mismatch (MS-PROF-01, m = 3): the money passed through reaches this multiple of the
   * holder's declared monthly income. Raises the strength; needs `declaredMonthlyIncome`.
   */
  incomeMultiple: z.number().min(1).max(100).default(3),
  /**
   * Strength factor for accounts the bank does not hold (no row in accounts.csv while accounts.csv
   * is given): it sees only their flows with its own customers, so the ratio and dwell rest on part
   * of the book.
   */
  partialViewFactor: ratioOpt(0.1, 1, 0.8),
  /**
   * Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`). On
   * an account busier than this within W, the conduit window is the last `maxScan` events
   * (reported as `facts.scanLimit`); an account with more events than this in the cash-to-corridor
   * span (7 d + 72 h) is not evaluated for that variant.
   */
  maxScan: scanGuardOpt(100, 50_000),
});
/** Options accepted by {@link passThrough} (MS-PT-01, MS-CASH-02; defaults filled in). @category Rules @example const o: PassThroughOptions = { windowDays: 14 }; */
export type PassThroughOptions = z.input<typeof passThroughOptionsSchema>;
type Options = z.output<typeof passThroughOptionsSchema>;

const ID = 'pass_through';
const INDICATORS = ['MS-PT-01', 'MS-CASH-02'] as const;

/**
 * MS-PT-01 and MS-CASH-02, the account as a conduit. Variant `conduit` (MS-PT-01): within 30
 * days ≥ 90 % of the inflow (≥ 0.5 T from ≥ 3 credits) is paid out again, with a median dwell
 * time ≤ 48 h by FIFO-matching credits to debits and little balance retained. Variant
 * `cash_to_corridor` (MS-CASH-02): cash credits ≥ 0.3 T within 7 days followed within 72 h by
 * international transfers to corridor countries totalling ≥ 70 % of that cash. Licensed
 * remitters, government and NGO accounts, and businesses with steady takings are discounted;
 * a new account (opened ≤ 90 days before the money arrived, MS-NEW-01) and money ≥ 3 × the declared
 * monthly income (MS-PROF-01) each add 0.1; accounts at other banks, seen only in part, weigh 0.8;
 * transfers between the holder's own or household accounts and family remittances are ignored.
 * A conduit names in `related` the sender of at least half its inflow (fact `sourceShare`; payroll
 * credits excepted): the account whose money it passed on, which links it to that account's case.
 * @category Rules
 * @example const rule = passThrough({ maxMedianDwellHours: 24 });
 */
export function passThrough(options: PassThroughOptions = {}): Rule<typeof ID> {
  const o = parseOptions(passThroughOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: Math.max(o.windowDays * DAY_MS, o.cashDays * DAY_MS + o.followHours * HOUR_MS),
    options: o,
    description: 'Possible pass-through pattern: money leaves the account almost as soon as it arrives, or cash paid in is sent on to a corridor country.',
    evaluate: (window, context) => {
      const last = newest(window);
      if (last.direction !== 'out' || (last.kind !== 'transfer' && last.kind !== 'cash_withdrawal')) return [];
      const internal = internalOf(window, context);
      if (internal(last)) return [];
      const out: RuleHit[] = [];
      const conduit = conduitHit(window, context, o, rule, last, internal);
      if (conduit !== undefined) out.push(conduit);
      const cash = cashToCorridorHit(window, context, o, rule, last, internal);
      if (cash !== undefined) out.push(cash);
      return out;
    },
  };
  return rule;
}

/** Transfers between the holder's own or household accounts (memoised per counterparty). Shared with `relay_abroad`. */
export function internalOf(window: EntityWindow, context: RuleContext): (e: WindowEvent) => boolean {
  // Without a known holder no household is known (and the engine never makes a self-transfer event).
  if (window.kind !== 'account' || context.identity.partyOf(window.id) === undefined) return () => false;
  const memo = new Map<string, boolean>();
  return (e) => {
    if (e.kind !== 'transfer' || e.counterparty === undefined || window.kind !== 'account') return false;
    let v = memo.get(e.counterparty);
    if (v === undefined) {
      v = e.counterparty === window.id || context.identity.sameHousehold(window.id, e.counterparty);
      memo.set(e.counterparty, v);
    }
    return v;
  };
}

/** The options {@link profileOf} reads. */
export type ProfileOptions = Pick<Options, 'newAccountDays' | 'incomeMultiple' | 'partialViewFactor'>;

/**
 * Corroboration from the holder's profile, shared by both variants (and `relay_abroad`): a new
 * account (MS-NEW-01) and money far above the declared income (MS-PROF-01), each +0.1; and the
 * partial-view factor for accounts the bank does not hold. Returns the bonus, the factor, the
 * reason codes and the declared monthly income (minor units) where there is one.
 */
export function profileOf(window: EntityWindow, context: RuleContext, o: ProfileOptions, firstIn: number, sumIn: number): { bonus: number; factor: number; notes: string[]; income: number | undefined } {
  const notes: string[] = [];
  let bonus = 0;
  const opened = window.account?.openedAt;
  if (opened !== undefined && firstIn - opened <= o.newAccountDays * DAY_MS) {
    bonus += 0.1;
    notes.push('new_account');
  }
  const income = declaredIncome(window, context.jurisdiction.currency);
  if (income !== undefined && sumIn >= o.incomeMultiple * income) {
    bonus += 0.1;
    notes.push('above_declared_income');
  }
  // Not in accounts.csv while reference data is given: an account at another bank.
  const partial = window.kind === 'account' && window.account === undefined && context.accounts.size > 0;
  return { bonus, factor: partial ? o.partialViewFactor : 1, notes: partial ? [...notes, 'partial_view'] : notes, income };
}

const homeOf = (window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined =>
  ownCountryOf(window, e) ?? (isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined);

/** The corridor country an outgoing transfer goes abroad to, if it does. */
function corridorAbroad(window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined {
  if (e.kind !== 'transfer' || e.direction !== 'out') return undefined;
  const to = counterpartyCountryOf(e, context);
  if (to === undefined || !isCorridorCountry(to)) return undefined;
  const home = homeOf(window, e, context);
  return home !== undefined && to !== home ? to : undefined;
}

function conduitHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent, internal: (e: WindowEvent) => boolean): RuleHit | undefined {
  const { events: all, start } = window;
  const h = o.maxMedianDwellHours * HOUR_MS;
  // Cheap gate: a conduit's debit follows a recent credit.
  let recent = false;
  for (let i = all.length - 2; i >= start; i--) {
    const e = all[i] as WindowEvent;
    if (e.ts < last.ts - h) break;
    if (e.direction === 'in' && !internal(e)) {
      recent = true;
      break;
    }
  }
  if (!recent) return undefined;
  // The window: the last W days, or the last maxScan events if fewer (found by binary search).
  const from = last.ts - o.windowDays * DAY_MS;
  const guard = scanGuard(o.maxScan);
  const lo = guardedStart(window, from, guard);
  // FIFO: credits matched to the debits that paid them out (see credit-fifo.ts).
  const queue = creditQueue();
  let sumIn = 0;
  let sumOut = 0;
  let matched = 0;
  let fast = 0;
  let holding = 0; // Σ amount × dwell (ms): the balance carried, integrated over time
  const dwells: number[] = [];
  const amounts: number[] = [];
  const piece = (dwell: number, take: number): void => {
    if (dwell <= h) fast += take;
    holding += take * dwell;
    dwells.push(dwell);
    amounts.push(take);
  };
  let inflowDays = 0;
  let lastDay = Number.NaN;
  let cashIn = 0;
  // Transfer credits by sender: their sum and the newest (a payroll credit names no source).
  const bySender = new Map<string, { sum: number; newest: WindowEvent }>();
  let first: WindowEvent | undefined;
  for (let k = lo; k < all.length; k++) {
    const e = all[k] as WindowEvent;
    if (internal(e)) continue;
    first ??= e;
    if (e.direction === 'in') {
      addCredit(queue, e.ts, e.amount);
      sumIn += e.amount;
      if (e.day !== lastDay) {
        inflowDays++;
        lastDay = e.day;
      }
      if (e.kind === 'cash_deposit') cashIn += e.amount;
      else if (e.kind === 'transfer' && e.counterparty !== undefined) {
        const s = bySender.get(e.counterparty);
        if (s === undefined) bySender.set(e.counterparty, { sum: e.amount, newest: e });
        else {
          s.sum += e.amount;
          s.newest = e;
        }
      }
      continue;
    }
    sumOut += e.amount;
    matched += payFromCredits(queue, e.ts, e.amount, piece);
  }
  // Credits not yet paid out are still dwelling.
  eachUnpaid(queue, last.ts, piece);
  const cts = queue.ts;
  const profile = context.jurisdiction;
  if (cts.length < o.minInflows || sumIn < Math.ceil(o.minVolumeShareOfThreshold * flowReference(profile))) return undefined;
  if (!atLeastShare(matched, sumIn, o.minOutInRatio) || fast * 2 < sumIn) return undefined;
  // Mean balance carried from the window's inflow, over the whole window W (a young account is not
  // held to a shorter span: its median dwell already speaks).
  const meanBalance = holding / (o.windowDays * DAY_MS);
  if (meanBalance > o.maxMeanBalanceShare * sumIn) return undefined;

  // Only now, for the hit: outflows to corridor countries, and the newest events as evidence.
  let corridorOut = 0;
  const evidence: WindowEvent[] = [];
  for (let k = all.length - 1; k >= lo; k--) {
    const e = all[k] as WindowEvent;
    if (internal(e)) continue;
    if (evidence.length < MAX_HIT_IDS) evidence.push(e);
    if (e.direction === 'out' && corridorAbroad(window, e, context) !== undefined) corridorOut += e.amount;
  }
  evidence.reverse();
  const firstTs = (first as WindowEvent).ts;
  const medianMs = weightedMedian(dwells, amounts, sumIn / 2);
  let factor = accountTypeFactor(window);
  const discounts: string[] = [];
  const type = window.account?.type;
  if (type !== undefined && type !== 'personal') discounts.push(`${type}_account`);
  const carrier = carrierSettlement(window);
  if (carrier !== undefined) {
    factor *= carrier.factor;
    discounts.push(carrier.why);
  }
  const daysSeen = Math.max(1, Math.ceil((last.ts - firstTs) / DAY_MS));
  if (type === 'business' && inflowDays >= o.steadyDayShare * Math.min(o.windowDays, daysSeen)) {
    factor *= 0.5;
    discounts.push('steady_takings');
  }
  const strict = medianMs <= o.strictDwellHours * HOUR_MS;
  const matchedShare = matched / sumIn;
  const cashShare = cashIn / sumIn;
  const corridorShare = sumOut === 0 ? 0 : corridorOut / sumOut;
  const profileFit = profileOf(window, context, o, cts[0] as number, sumIn);
  const strength =
    (0.45 + (strict ? 0.1 : 0) + (matchedShare >= 0.98 ? 0.05 : 0) + (cashShare >= 0.5 ? 0.05 : 0) + (corridorShare >= 0.5 ? 0.1 : 0) +
      (cts.length >= 10 ? 0.05 : 0) + profileFit.bonus) * factor * profileFit.factor;
  const medianHours = Math.round((medianMs / HOUR_MS) * 10) / 10;
  const reason =
    `Possible pass-through pattern: ${Math.round(matchedShare * 100)}% of ${money(profile, sumIn)} paid in by ${cts.length} credits ` +
    `within ${o.windowDays} days left the account again, after a median of ${medianHours} hours.`;
  const facts: Record<string, number | string | boolean> = {
    inflows: cts.length, inTotalMinor: sumIn, outTotalMinor: sumOut, outInRatio: ratio(sumOut / sumIn), matchedShare: ratio(matchedShare),
    medianDwellHours: medianHours, meanBalanceShare: ratio(meanBalance / sumIn), inflowDays, cashInShare: ratio(cashShare),
    corridorOutShare: ratio(corridorShare), windowDays: o.windowDays,
  };
  if (profileFit.notes.length > 0) facts['profile'] = profileFit.notes.join(',');
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  // The account whose money passed through: one sender of at least half the inflow, not a payroll.
  let source: string | undefined;
  for (const [sender, s] of bySender) if (atLeastShare(s.sum, sumIn, o.minSourceShare)) source = sender;
  const credits = source === undefined ? undefined : bySender.get(source);
  if (credits !== undefined && isWageLike(credits.newest, context)) source = undefined;
  if (source !== undefined && credits !== undefined) facts['sourceShare'] = ratio(credits.sum / sumIn);
  const hit = hitOf(rule, window, evidence, strength, reason, guardFacts(facts, guard), 'conduit');
  return { ...hit, window: { from: firstTs, to: hit.window.to }, ...(source === undefined ? {} : { related: [{ kind: 'account' as const, id: source }] }) };
}


function cashToCorridorHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent, internal: (e: WindowEvent) => boolean): RuleHit | undefined {
  if (corridorAbroad(window, last, context) === undefined) return undefined;
  const followMs = o.followHours * HOUR_MS;
  const xFrom = last.ts - followMs;
  const cashFrom = xFrom - o.cashDays * DAY_MS;
  const transfers: WindowEvent[] = [];
  const cash: WindowEvent[] = [];
  const countries = new Set<string>();
  let xTotal = 0;
  let cashTotal = 0;
  const { events: all, start } = window;
  // More than maxScan events in the span: the cash would be undercounted and the share sent
  // overstated, so the account is not evaluated for this variant (checked in O(1)).
  if (beyondGuard(window, cashFrom, scanGuard(o.maxScan))) return undefined;
  for (let i = all.length - 1; i >= start; i--) {
    const e = all[i] as WindowEvent;
    if (e.ts < cashFrom) break;
    if (e.kind === 'cash_deposit' && e.direction === 'in') {
      cash.push(e);
      cashTotal += e.amount;
    } else if (e.ts >= xFrom && !internal(e)) {
      const c = corridorAbroad(window, e, context);
      if (c === undefined) continue;
      transfers.push(e);
      countries.add(c);
      xTotal += e.amount;
    }
  }
  const profile = context.jurisdiction;
  if (cash.length === 0 || cashTotal < Math.ceil(o.minCashShareOfThreshold * flowReference(profile))) return undefined;
  // The cash comes first, and the transfers follow the latest cash credit within 72 h.
  if ((cash[cash.length - 1] as WindowEvent).ts > (transfers[transfers.length - 1] as WindowEvent).ts || (cash[0] as WindowEvent).ts < xFrom) return undefined;
  if (!atLeastShare(xTotal, cashTotal, o.minTransferShareOfCash)) return undefined;
  // Family remittance: the cash goes to the holder's own family abroad.
  const holder = ownRef(window, last);
  const payees = new Map<string, WindowEvent>();
  for (const e of transfers) payees.set(e.counterparty ?? `n:${e.counterpartyName ?? '?'}`, e);
  const links = [...payees.values()].map((e) =>
    context.identity.familyLink(holder, { account: e.counterparty, name: e.counterpartyName, country: counterpartyCountryOf(e, context) }));
  if (links.every((l) => isFamily(l))) return undefined;

  let factor = accountTypeFactor(window);
  const discounts: string[] = [];
  const type = window.account?.type;
  if (type !== undefined && type !== 'personal') discounts.push(`${type}_account`);
  const carrier = carrierSettlement(window);
  if (carrier !== undefined) {
    factor *= carrier.factor;
    discounts.push(carrier.why);
  }
  if (links.some((l) => l === 'common_name')) {
    factor *= 0.5;
    discounts.push('common_family_name');
  }
  const similar = Math.abs(xTotal - cashTotal) <= o.similarTolerance * cashTotal;
  const origin = [...countries].some((c) => hasRole(c, 'origin'));
  const profileFit = profileOf(window, context, o, (cash[cash.length - 1] as WindowEvent).ts, cashTotal);
  const strength =
    (0.5 + (origin ? 0.1 : 0) + (similar ? 0.1 : 0) + (cash.length >= 2 ? 0.05 : 0) + (cashTotal >= profile.cashThreshold ? 0.05 : 0) + profileFit.bonus) *
    factor * profileFit.factor;
  const where = [...countries].sort();
  const reason =
    `Possible cash-to-corridor pass-through pattern: ${money(profile, cashTotal)} paid in as cash in ${cash.length} deposit${cash.length === 1 ? '' : 's'}, ` +
    `then ${money(profile, xTotal)} (${Math.round((xTotal / cashTotal) * 100)}%) sent to ${where.join(', ')} within ${o.followHours} hours.`;
  const facts: Record<string, number | string | boolean> = {
    cashDeposits: cash.length, cashTotalMinor: cashTotal, transfers: transfers.length, transferTotalMinor: xTotal,
    transferShare: ratio(xTotal / cashTotal), similarAmount: similar, countries: where.join(','), originCountry: origin,
  };
  if (profileFit.notes.length > 0) facts['profile'] = profileFit.notes.join(',');
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const related: EntityRef[] = [...payees.values()]
    .filter((e) => e.counterparty !== undefined)
    .map((e) => ({ kind: 'account' as const, id: e.counterparty as string }))
    .sort(compareRefs)
    .slice(0, 50);
  return { ...hitOf(rule, window, [...cash, ...transfers], strength, reason, facts, 'cash_to_corridor'), related };
}
