import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, atLeastShare, flowReference, hitOf, money, newest } from '../_lib.js';
import { isOrganisation, isWageLike, payerOf } from '../_payments.js';
import { declaredIncome } from '../_income.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, guardedStart, scanGuard } from '../scan-guard.js';
import { relayView } from './relay-core.js';

/**
 * Options of {@link subCollector} (MS-FUN-01, a funnel fed through intermediate collectors; all *proposed*).
 * @category Rules
 * @example subCollectorOptionsSchema.parse({ minPayers: 4 })
 */
export const subCollectorOptionsSchema = z.object({
  /** Window read back from a lump (30 d): a sub-collector passes its payers' money on within weeks. */
  windowDays: days(7, 90, 30),
  /** Distinct unrelated payers (people, not organisations, not the holder's family or own accounts) paying in within the window (3). */
  minPayers: countOpt(2, 100, 3),
  /** A counted payment is at least this share of the flow reference (THB 1,000, MYR 125 at the defaults). */
  minPaymentShare: ratioOpt(0, 1, 0.005),
  /**
   * … or at least this share of the holder's declared monthly income (0.1), where that is lower: a
   * cash threshold far above wages (Indonesia's IDR 500 million, no flow reference) puts the
   * reference floor above what the payers of a worker's account can pay. The income lowers the
   * floor at most ten-fold; 0 turns it off.
   */
  minPaymentIncomeShare: ratioOpt(0, 1, 0.1),
  /** Lumps to one payee within the window (2): a pot paid once is a savings group's round, a sub-collector pays its collector again and again. */
  minLumps: countOpt(2, 20, 2),
  /** A lump is at least this multiple of the largest single payment any counted payer made in the window (1.25): the payers' money pooled, not passed on one by one. */
  minLumpFactor: ratioOpt(1, 10, 1.25),
  /** The lumps total at least this share of what the payers paid in the window (0.5). */
  minOnwardShare: ratioOpt(0.1, 5, 0.5),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(50, 5_000),
});
/** Options accepted by {@link subCollector} (defaults filled in). @category Rules @example const o: SubCollectorOptions = { windowDays: 45 }; */
export type SubCollectorOptions = z.input<typeof subCollectorOptionsSchema>;
type Options = z.output<typeof subCollectorOptionsSchema>;

/** The id of {@link subCollector}: its hit names the payee of the lumps, not a payer (the network stage reads it so). @internal */
export const SUB_COLLECTOR_RULE = 'sub_collector';
const ID = SUB_COLLECTOR_RULE;
const INDICATORS = ['MS-FUN-01'] as const;

/**
 * Strength of a hit (0.3): below the network stage's link bar (0.35), so the hit joins no one on
 * its own and, at its weight in `smuggling_collection`, scores a point or two — evidence for the
 * network stage, which lists the account as a sub-collector only when the payee it names is a
 * collecting member whose own money-flow hit names it back (`subCollectors`, src/engine/sub-collectors.ts).
 */
export const SUB_COLLECTOR_STRENGTH = 0.3;

/** Most the holder's declared income lowers the payment floor of {@link subCollector} (ten-fold): pocket money never counts. @internal */
export const SUB_COLLECTOR_MAX_FLOOR_CUT = 10;

/**
 * The smallest payment {@link subCollector} counts: `minPaymentShare` of the flow reference, or,
 * where lower, `minPaymentIncomeShare` of the holder's declared monthly income (never below a
 * {@link SUB_COLLECTOR_MAX_FLOOR_CUT}-th of the reference floor). No declared income, or a declared 0, leaves the reference floor.
 * @internal
 * @example subCollectorFloor(250_000_000, 436_000_000, 0.1) // 43_600_000: IDR 436,000 (a tenth of an IDR 4.36 million income) where the reference floor is IDR 2.5 million
 */
export function subCollectorFloor(referenceFloor: number, income: number | undefined, incomeShare: number): number {
  if (income === undefined || income <= 0 || incomeShare <= 0) return referenceFloor;
  return Math.min(referenceFloor, Math.max(Math.ceil(incomeShare * income), Math.ceil(referenceFloor / SUB_COLLECTOR_MAX_FLOOR_CUT)));
}

/**
 * Sub-collector (MS-FUN-01 fed through intermediate collectors): within `windowDays` of a transfer
 * to one person, at least `minPayers` unrelated people (not organisations or wage payers, not the
 * holder's family or own accounts; payments of at least `minPaymentShare` of the flow reference, or
 * `minPaymentIncomeShare` of the holder's declared monthly income where that is lower, at most ten-fold below)
 * paid the account, and it paid that person at least `minLumps` lumps each at least `minLumpFactor`
 * times the largest single payment any of them made, adding up to at least `minOnwardShare` of what
 * they paid: the payers' money pooled and passed on to one account. A payee that also paid the
 * account in the window (a savings group's member taking the pot, friends settling up) or is one of
 * its payers is no collector; licensed remitters, government, business and NGO accounts never fire.
 * One hit of strength {@link SUB_COLLECTOR_STRENGTH} naming the payee (`related`): on its own it is
 * a landlord's rents passed to an agent or an organiser's pot, and scores almost nothing; the
 * network stage confirms it from the payee's end. The newest event must be such a lump.
 * @category Rules
 * @example const rule = subCollector({ minPayers: 4 });
 */
export function subCollector(options: SubCollectorOptions = {}): Rule<typeof ID> {
  const o = parseOptions(subCollectorOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible sub-collector: several unrelated people pay one account, which passes their money on in lumps to one person.',
    evaluate: (window, context) => {
      if (window.kind !== 'account') return [];
      const type = window.account?.type;
      if (type !== undefined && type !== 'personal') return [];
      const last = newest(window);
      if (last.direction !== 'out' || last.kind !== 'transfer' || last.counterparty === undefined || last.counterparty === '') return [];
      const hit = subCollectorHit(window, context, o, rule, last);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule;
}

function subCollectorHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit | undefined {
  const payee = last.counterparty as string;
  const view = relayView(window, context, last);
  if (view === undefined || view.internal(last) || view.family(last)) return undefined;
  if (isOrganisation({ key: payee, account: payee, ...(last.counterpartyName === undefined ? {} : { name: last.counterpartyName }) }, context)) return undefined;
  const guard = scanGuard(o.maxScan);
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const lo = guardedStart(window, from, guard);
  const minPayment = subCollectorFloor(Math.ceil(o.minPaymentShare * flowReference(context.jurisdiction)), declaredIncome(window, context.jurisdiction.currency), o.minPaymentIncomeShare);
  const payers = new Map<string, WindowEvent[]>();
  const skip = new Set<string>();
  const lumps: WindowEvent[] = [];
  for (let k = lo; k < window.events.length; k++) {
    const e = window.events[k] as WindowEvent;
    if (e.ts < from || e.kind !== 'transfer') continue;
    if (e.direction === 'out') {
      if (e.counterparty === payee) lumps.push(e);
      continue;
    }
    // Money from the payee itself: a mutual relation (a savings pot, friends settling up), not a collector.
    if (e.counterparty === payee) return undefined;
    if (e.amount < minPayment || view.internal(e) || isWageLike(e, context)) continue;
    const p = payerOf(window, e, context, false);
    if (p === undefined || skip.has(p.key)) continue;
    let list = payers.get(p.key);
    if (list === undefined) {
      if (isOrganisation(p, context) || view.family(e)) {
        skip.add(p.key);
        continue;
      }
      list = [];
      payers.set(p.key, list);
    }
    list.push(e);
  }
  if (payers.size < o.minPayers) return undefined;
  let collected = 0;
  let largest = 0;
  const paid: WindowEvent[] = [];
  for (const list of payers.values()) {
    for (const e of list) {
      collected += e.amount;
      largest = Math.max(largest, e.amount);
      paid.push(e);
    }
  }
  // Lumps: each at least minLumpFactor × the largest single payment (exact: amount·100 ≥ factor·100·largest).
  const factor = Math.round(o.minLumpFactor * 100);
  const big = lumps.filter((e) => e.amount * 100 >= factor * largest);
  if (big.length < o.minLumps || !big.includes(last)) return undefined;
  const onward = big.reduce((s, e) => s + e.amount, 0);
  if (!atLeastShare(onward, collected, o.minOnwardShare)) return undefined;
  const profile = context.jurisdiction;
  const reason =
    `Possible sub-collector: ${payers.size} unrelated payers paid this account ${money(profile, collected)} in ${paid.length} payments within ${o.windowDays} days ` +
    `(the largest ${money(profile, largest)}), and it paid ${money(profile, onward)} on to ${payee} in ${big.length} lumps.`;
  const facts = { payers: payers.size, payments: paid.length, collectedMinor: collected, largestMinor: largest, lumps: big.length, onwardMinor: onward, windowDays: o.windowDays };
  const all = [...paid, ...big].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = all.length > MAX_HIT_IDS ? all.slice(all.length - MAX_HIT_IDS) : all;
  return { ...hitOf(rule, window, kept, SUB_COLLECTOR_STRENGTH, reason, guardFacts(facts, guard), payee), related: [{ kind: 'account', id: payee }] };
}
