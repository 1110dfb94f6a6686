import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { isCorridorCountry } from '../../domain/corridors.js';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, accountTypeFactor, atLeastShare, compareRefs, hitOf, historyCoverage, historyFactor, HISTORY_UNSEEN, money, newest, ratio, reportableAmount, flowReference } from '../_lib.js';
import { HOUR_MS, counterpartyCountryOf, ownCountryOf } from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { beyondGuard, guardFacts, noteStop, scanGuard, type ScanGuard } from '../scan-guard.js';
import { carrierSettlement } from './carrier-settlement.js';

/**
 * Options of {@link fanOut}; defaults from RESEARCH §a.1 / §c.4 (MS-FAN-01, all *proposed*).
 * @category Rules
 * @example fanOutOptionsSchema.parse({ minRecipients: 4 })
 */
export const fanOutOptionsSchema = z
  .object({
    /** The inflow burst is the money paid in during this many days before the dispersal window (and during it) — "inflow ≥ Q within 7 d". */
    burstDays: days(1, 30, 7),
    /** Q as a multiple of the jurisdiction's cash threshold T (Q = T). */
    minBurstShareOfThreshold: ratioOpt(0.05, 10, 1),
    /** Payments making up the burst. */
    minBurstPayments: countOpt(1, 100, 2),
    /**
     * A burst of fewer payments (one lump) still counts on a personal account when at least this
     * many recipients are abroad in corridor countries and received at least half of the money paid
     * out: a private person re-dispersing one sum to offshore third parties (MS-FAN-01's "offshore
     * third parties in corridor countries"; AUSTRAC's father–son case, S7). Its Q reads the
     * jurisdiction's flow reference, not T. 0 disables it.
     */
    minLumpCorridorRecipients: countOpt(0, 100, 2),
    /** H: the outflows happen within this many hours (72 h). */
    dispersalHours: z.number().min(1).max(720).default(72),
    /** Secondary dispersal window (7 d): a slower fan-out, at reduced strength. */
    secondaryDays: days(1, 30, 7),
    /** r: distinct recipients (accounts; cash withdrawals are one recipient per location). */
    minRecipients: countOpt(2, 100, 3),
    /** p_out: outflows as a share of the burst. */
    minOutShare: ratioOpt(0.1, 1, 0.7),
    /**
     * Most paid out relative to the burst: an account paying out well beyond what just came in
     * (an employer's payroll, a trader settling from its balance) is spending a balance, not
     * dispersing a collection (the generator's collectors disperse 55–95 %).
     */
    maxOutShare: ratioOpt(1, 10, 1.25),
    /** Inflows in this many days before the burst show whether it is a burst at all (steady takings). */
    historyDays: days(7, 90, 28),
    /** Payroll look-alike: the same recipients paid about the same amount one cycle earlier (30 ± 5 days, ± 10 %). */
    cycleDays: days(7, 35, 30),
    cycleToleranceDays: days(0, 10, 5),
    cycleAmountTolerance: ratioOpt(0, 0.5, 0.1),
    /**
     * Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`). An
     * account with more events than this within `secondaryDays + burstDays` is not evaluated: its
     * burst could not be totalled. A hit whose lookback stopped at it carries `facts.scanLimit`.
     */
    maxScan: scanGuardOpt(100, 50_000),
  })
  .refine((o) => o.secondaryDays * 24 >= o.dispersalHours, { message: 'secondaryDays must cover dispersalHours', path: ['secondaryDays'] });
/** Options accepted by {@link fanOut} (MS-FAN-01; defaults filled in). @category Rules @example const o: FanOutOptions = { dispersalHours: 48 }; */
export type FanOutOptions = z.input<typeof fanOutOptionsSchema>;
type Options = z.output<typeof fanOutOptionsSchema>;

const ID = 'fan_out';
const INDICATORS = ['MS-FAN-01'] as const;

/**
 * MS-FAN-01, fan-out after collection: after an inflow burst (≥ Q = the cash threshold T within
 * 7 days, from ≥ 2 payments), outflows within 72 h (secondary window 7 days, weaker) to ≥ 3
 * distinct recipients totalling ≥ 70 % of the burst. Stronger when recipients are abroad in
 * corridor countries or the outflows are split below T. Licensed remitters and government
 * accounts are not evaluated; NGOs (grant disbursement), steady inflows (business takings) and
 * payroll-like monthly cycles (the same recipients paid about the same a month earlier) are
 * discounted. Recipient accounts are listed in `related` (at most 50).
 * @category Rules
 * @example const rule = fanOut({ minRecipients: 4 });
 */
export function fanOut(options: FanOutOptions = {}): Rule<typeof ID> {
  const o = parseOptions(fanOutOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: lookbackMs(o, o.secondaryDays * DAY_MS),
    options: o,
    description: 'Possible fan-out pattern: money collected in a burst is quickly paid out to several recipients.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

/** How far back one evaluation reads for a dispersal window of `h` ms. */
function lookbackMs(o: Options, h: number): number {
  return h + Math.max(o.burstDays + o.historyDays, o.cycleDays + o.cycleToleranceDays) * DAY_MS;
}

/** The entity's own country on an event: the transaction's, the account's, else the jurisdiction's. */
const homeOf = (window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined =>
  ownCountryOf(window, e) ?? (isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined);

const isOutflow = (e: WindowEvent): boolean => e.direction === 'out' && (e.kind === 'transfer' || e.kind === 'cash_withdrawal');
const recipientKey = (e: WindowEvent): string =>
  e.kind === 'cash_withdrawal' ? (e.location === undefined ? 'cash' : `cash@${e.location}`) : e.counterparty !== undefined ? `a:${e.counterparty}` : `n:${e.counterpartyName ?? '?'}`;

interface Recipient {
  readonly key: string;
  readonly account: string | undefined;
  amount: number;
  readonly country: string | undefined;
  readonly corridor: boolean;
}

interface Dispersal {
  readonly h: number;
  readonly burst: WindowEvent[];
  readonly burstTotal: number;
  /** Paid in as one lump (see {@link oneLump}): the flow-reference path. */
  readonly lump: boolean;
  readonly outs: WindowEvent[];
  readonly outTotal: number;
  readonly recipients: Map<string, Recipient>;
  /** Burst and dispersal events, newest first. */
  readonly evidence: WindowEvent[];
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (!isOutflow(last)) return [];
  const type = window.account?.type;
  // Licensed remitters and government accounts pay out to many by design.
  if (type === 'msb' || type === 'government') return [];
  // Without a known holder no household is known (and the engine never makes a self-transfer event).
  const holderKnown = window.kind === 'account' && context.identity.partyOf(window.id) !== undefined;
  const own = new Map<string, boolean>();
  const internal = (e: WindowEvent): boolean => {
    if (!holderKnown || e.kind !== 'transfer' || e.counterparty === undefined) return false;
    let v = own.get(e.counterparty);
    if (v === undefined) {
      v = e.counterparty === window.id || context.identity.sameHousehold(window.id, e.counterparty);
      own.set(e.counterparty, v);
    }
    return v;
  };
  // Moving money to the holder's own (or household's) account is not dispersal.
  if (internal(last)) return [];

  // One bounded pass, newest first: the burst and dispersal span first, then (only when they
  // qualify) the history behind them for the look-alike checks.
  const primaryMs = o.dispersalHours * HOUR_MS;
  const secondaryMs = o.secondaryDays * DAY_MS;
  const burstMs = o.burstDays * DAY_MS;
  const events: WindowEvent[] = [];
  const { events: all, start } = window;
  let i = all.length - 1;
  let scanned = 0;
  const bound1 = last.ts - secondaryMs - burstMs;
  // More events than maxScan in two weeks (the busiest business accounts): the burst would be
  // undercounted and the share paid out overstated, so the account is not evaluated (checked in O(1)).
  const guard = scanGuard(o.maxScan);
  if (beyondGuard(window, bound1, guard)) return [];
  for (; i >= start && scanned < o.maxScan; i--, scanned++) {
    const e = all[i] as WindowEvent;
    if (e.ts < bound1) break;
    if (!internal(e)) events.push(e);
  }
  const found = qualify(events, last, primaryMs, burstMs, o, window, context) ?? qualify(events, last, secondaryMs, burstMs, o, window, context);
  if (found === undefined) return [];
  const bound = last.ts - lookbackMs(o, found.h);
  for (; i >= start && scanned < o.maxScan; i--, scanned++) {
    const e = all[i] as WindowEvent;
    if (e.ts < bound) break;
    if (!internal(e)) events.push(e);
  }
  noteStop(guard, window, scanned, i, bound);
  return [hitFor(found, events, last, o, window, context, rule, guard)];
}

/** The burst and the dispersal for a dispersal window of `h` ms ending at `last`, if they qualify. */
function qualify(events: readonly WindowEvent[], last: WindowEvent, h: number, burstMs: number, o: Options, window: EntityWindow, context: RuleContext): Dispersal | undefined {
  const winFrom = last.ts - h;
  const burstFrom = winFrom - burstMs;
  const outs: WindowEvent[] = [];
  const burst: WindowEvent[] = [];
  const recipients = new Map<string, Recipient>();
  const evidence: WindowEvent[] = [];
  let outTotal = 0;
  let burstTotal = 0;
  for (const e of events) {
    if (e.ts < burstFrom) break;
    if (e.direction === 'in') {
      burst.push(e);
      evidence.push(e);
      burstTotal += e.amount;
    } else if (e.ts >= winFrom && isOutflow(e)) {
      outs.push(e);
      evidence.push(e);
      outTotal += e.amount;
      const key = recipientKey(e);
      const r = recipients.get(key);
      if (r !== undefined) r.amount += e.amount;
      else {
        const country = e.kind === 'transfer' ? counterpartyCountryOf(e, context) : undefined;
        const home = country !== undefined && isCorridorCountry(country) ? homeOf(window, e, context) : undefined;
        const corridor = home !== undefined && country !== home;
        recipients.set(key, { key, account: e.kind === 'transfer' ? e.counterparty : undefined, amount: e.amount, country, corridor });
      }
    }
  }
  if (burst.length === 0 || recipients.size < o.minRecipients) return undefined;
  const several = burst.length >= o.minBurstPayments && burstTotal >= Math.ceil(o.minBurstShareOfThreshold * context.jurisdiction.cashThreshold);
  // A lump paid on abroad is a flow, not a cash amount: its floor scales with the flow reference (lawful payrolls and trade are the two-payment path's).
  const lump = !several && oneLump(burst, burstTotal, o) && lumpToCorridor(recipients, outTotal, window, o) &&
    burstTotal >= Math.ceil(o.minBurstShareOfThreshold * flowReference(context.jurisdiction));
  if (!several && !lump) return undefined;
  // The money must come in before it goes out: the burst starts before the first outflow.
  if ((burst[burst.length - 1] as WindowEvent).ts > (outs[outs.length - 1] as WindowEvent).ts) return undefined;
  if (!atLeastShare(outTotal, burstTotal, o.minOutShare) || atLeastShare(outTotal, burstTotal, o.maxOutShare + 0.0001)) return undefined;
  return { h, burst, burstTotal, lump, outs, outTotal, recipients, evidence };
}

/** Share of a burst one payment must carry for the burst to be that one lump (small credits beside it — a welfare payment, a refund — change nothing). */
const LUMP_SHARE = 0.9;

/** Whether the burst is one lump: fewer payments than `minBurstPayments`, or one payment carrying ≥ 90 % of it. */
function oneLump(burst: readonly WindowEvent[], burstTotal: number, o: Options): boolean {
  if (burst.length < o.minBurstPayments) return true;
  let largest = 0;
  for (const e of burst) if (e.amount > largest) largest = e.amount;
  return atLeastShare(largest, burstTotal, LUMP_SHARE);
}

/** A lump paid on by a personal account mostly (by amount) to recipients abroad in corridor countries (`minLumpCorridorRecipients`). */
function lumpToCorridor(recipients: ReadonlyMap<string, Recipient>, outTotal: number, window: EntityWindow, o: Options): boolean {
  if (o.minLumpCorridorRecipients === 0 || window.account?.type !== 'personal') return false;
  let corridor = 0;
  let abroad = 0;
  for (const r of recipients.values()) {
    if (!r.corridor) continue;
    corridor++;
    abroad += r.amount;
  }
  return corridor >= o.minLumpCorridorRecipients && abroad * 2 >= outTotal;
}

function hitFor(d: Dispersal, events: readonly WindowEvent[], last: WindowEvent, o: Options, window: EntityWindow, context: RuleContext, rule: Rule, guard: ScanGuard): RuleHit {
  const profile = context.jurisdiction;
  const winFrom = last.ts - d.h;
  const burstFrom = winFrom - o.burstDays * DAY_MS;
  // Steady inflows: the weeks before the burst brought in as much per week (business takings).
  const historyFrom = burstFrom - o.historyDays * DAY_MS;
  // Monthly cycle: the same recipients received about the same amount one cycle earlier (payroll).
  const cycleFrom = winFrom - (o.cycleDays + o.cycleToleranceDays) * DAY_MS;
  const cycleTo = last.ts - (o.cycleDays - o.cycleToleranceDays) * DAY_MS;
  let before = 0;
  let historyStart = burstFrom;
  const earlier = new Map<string, number>();
  for (const e of events) {
    if (e.ts >= burstFrom) continue;
    if (e.ts < historyFrom && e.ts < cycleFrom) break;
    if (e.direction === 'in' && e.ts >= historyFrom) {
      before += e.amount;
      historyStart = e.ts;
    } else if (isOutflow(e) && e.ts >= cycleFrom && e.ts <= cycleTo) {
      const key = recipientKey(e);
      if (d.recipients.has(key)) earlier.set(key, (earlier.get(key) ?? 0) + e.amount);
    }
  }
  // Weekly rate of the history actually seen, against the burst's weekly rate.
  const historyWeeks = Math.max(1, (burstFrom - historyStart) / (7 * DAY_MS));
  const burstWeeks = Math.max(1, (last.ts - burstFrom) / (7 * DAY_MS));
  const steady = before > 0 && (before / historyWeeks) * 2 >= d.burstTotal / burstWeeks;
  let recurring = 0;
  let payees = 0;
  for (const r of d.recipients.values()) {
    if (r.account === undefined) continue;
    payees++;
    const prev = earlier.get(r.key);
    if (prev !== undefined && Math.abs(prev - r.amount) <= o.cycleAmountTolerance * r.amount) recurring++;
  }
  const cycle = payees > 0 && recurring * 2 >= payees;

  let factor = accountTypeFactor(window);
  const discounts: string[] = [];
  const type = window.account?.type;
  if (type === 'business' || type === 'ngo') discounts.push(`${type}_account`);
  const carrier = carrierSettlement(window);
  if (carrier !== undefined) {
    factor *= carrier.factor;
    discounts.push(carrier.why);
  }
  if (type === 'ngo') {
    factor *= 0.5;
    discounts.push('ngo_disbursement');
  }
  if (steady) {
    factor *= 0.5;
    discounts.push('steady_inflows');
  }
  if (cycle) {
    factor *= 0.3;
    discounts.push('monthly_cycle');
  }
  // Neither steady takings nor a payroll cycle can show where the data does not reach back.
  const coverage = steady || cycle ? 1 : historyCoverage(window, winFrom, o.cycleDays + o.cycleToleranceDays);
  if (coverage < 1) {
    factor *= historyFactor(coverage);
    discounts.push(HISTORY_UNSEEN);
  }

  const recipients = [...d.recipients.values()];
  const corridor = recipients.filter((r) => r.corridor);
  const split = reportableAmount(profile, d.outTotal) && d.outs.every((e) => !reportableAmount(profile, e.amount));
  const primary = d.h <= o.dispersalHours * HOUR_MS;
  const lump = d.lump;
  const outShare = d.outTotal / d.burstTotal;
  const strength =
    (0.5 + 0.05 * Math.min(4, recipients.length - o.minRecipients) + (corridor.length === 0 ? 0 : corridor.length * 2 >= recipients.length ? 0.15 : 0.1) +
      (split ? 0.1 : 0) + (outShare >= 0.9 ? 0.05 : 0)) * (primary ? 1 : 0.8) * factor;

  const countries = [...new Set(corridor.map((r) => r.country as string))].sort();
  const span = primary ? `${o.dispersalHours} hours` : `${o.secondaryDays} days`;
  const reason =
    `Possible fan-out pattern: ${money(profile, d.burstTotal)} paid in by ${d.burst.length} payment${d.burst.length === 1 ? '' : 's'}, then ${Math.round(outShare * 100)}% of it ` +
    `(${money(profile, d.outTotal)}) paid out to ${recipients.length} recipients within ${span}` +
    (corridor.length > 0 ? `, ${corridor.length} of them abroad in corridor countries (${countries.join(', ')})` : '') +
    (split ? `, each payment below the ${money(profile, profile.cashThreshold)} threshold` : '') + '.';
  const facts: Record<string, number | string | boolean> = {
    burstPayments: d.burst.length, burstTotalMinor: d.burstTotal, outflows: d.outs.length, outTotalMinor: d.outTotal, outShare: ratio(outShare),
    recipients: recipients.length, corridorRecipients: corridor.length, splitBelowThreshold: split, dispersalHours: Math.round(d.h / HOUR_MS),
    recurringRecipients: recurring, priorInflowMinor: before,
  };
  if (countries.length > 0) facts['corridorCountries'] = countries.join(',');
  if (coverage < 1) facts['historyCoverage'] = ratio(coverage);
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const related: EntityRef[] = recipients
    .filter((r) => r.account !== undefined)
    .map((r) => ({ kind: 'account' as const, id: r.account as string }))
    .sort(compareRefs)
    .slice(0, 50);
  // A lump has one source, whose money is being dispersed: it is named too (the collector behind a paymaster).
  const source = lump ? d.burst.reduce<WindowEvent | undefined>((m, e) => (e.kind === 'transfer' && e.counterparty !== undefined && (m === undefined || e.amount > m.amount) ? e : m), undefined)?.counterparty : undefined;
  if (source !== undefined && !related.some((r) => r.id === source)) {
    related.push({ kind: 'account', id: source });
    related.sort(compareRefs);
  }
  // The source stated as a fact too: in `related` it stands among the recipients (the network stage reads a collector's paymaster from it).
  if (source !== undefined) facts['lumpSource'] = source;
  // hitOf keeps the newest MAX_HIT_IDS ids; hand it only those (it sorts what it gets) and span the window over all.
  const hit = hitOf(rule, window, d.evidence.slice(0, MAX_HIT_IDS), strength, reason, guardFacts(facts, guard));
  return { ...hit, window: { from: (d.evidence[d.evidence.length - 1] as WindowEvent).ts, to: hit.window.to }, related };
}
