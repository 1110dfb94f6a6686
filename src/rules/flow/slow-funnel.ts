import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, MAX_HIT_IDS, atLeastShare, flowReference, hitOf, money, newest, ratio } from '../_lib.js';
import { KIN_REF, counterpartyCountryOf, familyClusters, holderDiscount, isOrganisation, isWageLike, median, ownCountryOf, payerOf, phoneKeys, type Payer } from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, guardedStart, scanGuard } from '../scan-guard.js';
import { relayGate, relayView, type RelayGate, type RelayView } from './relay-core.js';

/**
 * Options of {@link slowFunnel} (MS-FUN-01 read over months with MS-PT-01's way out; RESEARCH §d
 * #16, all *proposed*).
 * @category Rules
 * @example slowFunnelOptionsSchema.parse({ minPayers: 6 })
 */
export const slowFunnelOptionsSchema = z.object({
  /** Window examined (90 d): a slow funnel's payers pay over weeks and months. */
  windowDays: days(30, 180, 90),
  /** Distinct unrelated payer families (5). */
  minPayers: countOpt(2, 200, 5),
  /** A counted payment is at least this share of the flow reference (THB 1,000, MYR 125 at the defaults). */
  minPaymentShare: ratioOpt(0, 1, 0.005),
  /** The counted payments total at least this share of the flow reference (THB 20,000, MYR 2,500). */
  minTotalShare: ratioOpt(0, 10, 0.1),
  /** Share of all the account's credits in the window (own transfers aside) that the payers' payments make up (0.5). */
  minCollectedShare: ratioOpt(0.1, 1, 0.5),
  /** Share of the payers' money that left again in cash, to the holder's own accounts or abroad (0.6), counting the holder's other credits (wages, own cash) as what left first. */
  minOnwardShare: ratioOpt(0.1, 2, 0.6),
  /** Money paid back to the payers themselves above this share of what they paid marks a savings pot (0.2). */
  maxPaidBackShare: ratioOpt(0, 1, 0.2),
  /** A payer whose payments all repeat one amount (within ±2 %) is under a standing arrangement (rent, a savings stake) and not counted. */
  fixedTolerance: ratioOpt(0, 0.2, 0.02),
  /** A round of equal stakes — at least this share of the counted payments within ±`fixedTolerance` of their median — is a savings group's, and not read (0.8). */
  maxEqualStakeShare: ratioOpt(0.1, 1, 0.8),
  /** Most payer accounts listed in `related`. */
  maxRelated: countOpt(0, 1000, 50),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(100, 50_000),
});
/** Options accepted by {@link slowFunnel} (defaults filled in). @category Rules @example const o: SlowFunnelOptions = { windowDays: 60 }; */
export type SlowFunnelOptions = z.input<typeof slowFunnelOptionsSchema>;
type Options = z.output<typeof slowFunnelOptionsSchema>;

const ID = 'slow_funnel';
const INDICATORS = ['MS-FUN-01', 'MS-PT-01'] as const;

/** @internal State of {@link slowFunnel} for one account: the relay gate (count and sum of candidate credits, relay-core.ts). */
export type SlowFunnelGate = RelayGate;

/**
 * MS-FUN-01 read over months, with MS-PT-01's way out (RESEARCH §d #16: a few dozen senders'
 * credits, "nightly sweeps to savings", cash withdrawals, a savings-group cover story): within 90
 * days at least 5 unrelated payer families (people, not organisations; the holder's family, own
 * accounts and wages left out; payments of at least 0.005 of the flow reference) pay one account
 * at least 0.1 of the flow reference in all, that money is at least half of everything credited to
 * the account in the window (the holder's own transfers aside), and at least 60 % of it has left
 * again — withdrawn in cash by the holder, moved to the holder's own or household accounts, or
 * sent abroad to someone other than the payers and not addressed to a relative — counting the
 * holder's other credits (a wage, own cash) as what left first. It reads the collector that `funnel_account`
 * misses because its payers come a few a month rather than five a week. A payer whose payments
 * all repeat one amount (a rent, a savings stake) is not counted, and a round of equal stakes
 * (≥ 80 % of the payments within ±2 % of their median) is a savings group's and not read; money paid back to the payers
 * (a savings pot) above 20 % of what they paid discounts × 0.2 (`rotating_savings_payout`), and
 * money that left only in cash × 0.85 (`cash_only_exit`: informal earnings leave that way too);
 * licensed remitters and government accounts never fire; businesses (× 0.5) and NGOs are
 * discounted. Strength rises with the payers, the share passed on and the ways it left. The last
 * event must be such an onward debit; a count of candidate credits gates the scan.
 * @category Rules
 * @example const rule = slowFunnel({ minPayers: 6 });
 */
export function slowFunnel(options: SlowFunnelOptions = {}): Rule<typeof ID> {
  const o = parseOptions(slowFunnelOptionsSchema, options, ID);
  const windowMs = o.windowDays * DAY_MS;
  const rule: Rule<typeof ID, SlowFunnelGate> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs,
    options: o,
    description: 'Possible slow-funnel pattern: several unrelated people pay one account over weeks, and the money leaves in cash, to the holder\'s other accounts or abroad.',
    incremental: relayGate(windowMs),
    evaluate: (window, context, state) => {
      if (window.kind !== 'account' || state.n < o.minPayers || state.sum < minTotal(o, context)) return [];
      const type = window.account?.type;
      if (type === 'msb' || type === 'government') return [];
      const last = newest(window);
      if (last.direction !== 'out') return [];
      const view = relayView(window, context, last);
      if (view === undefined || exitOf(window, view, last, context) === undefined) return [];
      const hit = slowFunnelHit(window, context, o, rule, last, view);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule as Rule<typeof ID>;
}

/**
 * Money that left only as the holder's cash withdrawals reads weaker (× 0.85): it is also how
 * informal earnings are spent — a hawker or a driver paid by transfer by a handful of customers
 * takes the money out in cash. At five or six payers such a hit no longer alerts on its own
 * (0.8 × 0.85 × 55 = 37); more payers, a second way out (a sweep to the holder's other
 * accounts, a transfer abroad) or another rule's evidence still raise it. Measured on the bench's
 * random economy (1M rows, ~100k accounts): 1,700 accounts of random senders who withdraw cash
 * met the rule, all with cash as their only way out; no look-alike in the scenario bank did.
 */
const CASH_ONLY_FACTOR = 0.85;

const minTotal = (o: Options, context: RuleContext): number => Math.ceil(o.minTotalShare * flowReference(context.jurisdiction));

type Exit = 'cash' | 'own_account' | 'abroad';

/** How a debit takes money onward: the holder's cash withdrawal, a transfer to the holder's own or household account, or a transfer abroad to non-family (not addressed to a relative). */
function exitOf(window: EntityWindow, view: RelayView, e: WindowEvent, context: RuleContext): Exit | undefined {
  if (e.direction !== 'out') return undefined;
  if (e.kind === 'cash_withdrawal') return e.conductor === undefined || e.conductor === window.account?.party ? 'cash' : undefined;
  if (e.kind !== 'transfer') return undefined;
  if (view.internal(e)) return 'own_account';
  const to = counterpartyCountryOf(e, context);
  return to !== undefined && to !== view.home && isCountryCode(to) && !view.family(e) && !KIN_REF.test(e.tx.reference ?? '') ? 'abroad' : undefined;
}

interface PayerGroup { payer: Payer; events: WindowEvent[] }

/** Whether every payment of the group repeats one amount (two or more payments): a rent or a savings stake. */
function standing(g: PayerGroup, tolerance: number): boolean {
  if (g.events.length < 2) return false;
  let lo = Infinity;
  let hi = 0;
  for (const e of g.events) {
    lo = Math.min(lo, e.amount);
    hi = Math.max(hi, e.amount);
  }
  return (hi - lo) * 10_000 <= Math.round(tolerance * 10_000) * hi;
}

/** Whether most counted payments repeat one amount across the payers (±`fixedTolerance` of their median): a savings group's round of equal stakes. */
function equalStakes(payers: readonly PayerGroup[], o: Options): boolean {
  const amounts = payers.flatMap((g) => g.events.map((e) => e.amount));
  const mid = median(amounts);
  const bp = Math.round(o.fixedTolerance * 10_000);
  let near = 0;
  for (const a of amounts) if (Math.abs(a - mid) * 10_000 <= bp * mid) near++;
  return near * 10_000 >= Math.round(o.maxEqualStakeShare * 10_000) * amounts.length;
}

function slowFunnelHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent, view: RelayView): RuleHit | undefined {
  const guard = scanGuard(o.maxScan);
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const lo = guardedStart(window, from, guard);
  const ref = flowReference(context.jurisdiction);
  const minPayment = Math.ceil(o.minPaymentShare * ref);
  const holderParty = window.account?.party;
  const groups = new Map<string, PayerGroup>();
  const skip = new Set<string>();
  let credits = 0;
  const debits: WindowEvent[] = [];
  for (let k = lo; k < window.events.length; k++) {
    const e = window.events[k] as WindowEvent;
    if (e.ts < from) continue;
    if (e.direction === 'out') {
      debits.push(e);
      continue;
    }
    if (view.internal(e)) continue;
    credits += e.amount;
    if ((e.kind !== 'transfer' && e.kind !== 'cash_deposit') || e.amount < minPayment || isWageLike(e, context)) continue;
    if (e.kind === 'cash_deposit' && (e.conductor === undefined || e.conductor === holderParty)) continue;
    const p = payerOf(window, e, context, false);
    if (p === undefined || skip.has(p.key)) continue;
    let g = groups.get(p.key);
    if (g === undefined) {
      if (isOrganisation(p, context) || view.family(e)) {
        skip.add(p.key);
        continue;
      }
      g = { payer: p, events: [] };
      groups.set(p.key, g);
    }
    g.events.push(e);
  }
  const payers = [...groups.values()].filter((g) => !standing(g, o.fixedTolerance));
  if (payers.length < o.minPayers) return undefined;
  const clusters = familyClusters(payers.map((g) => g.payer), context, false, phoneKeys(payers, context));
  const families = new Set(payers.map((g) => clusters.clusterOf(g.payer.key))).size;
  if (families < o.minPayers) return undefined;
  let collected = 0;
  for (const g of payers) for (const e of g.events) collected += e.amount;
  if (equalStakes(payers, o)) return undefined;
  if (collected < minTotal(o, context) || !atLeastShare(collected, credits, o.minCollectedShare)) return undefined;

  // Where the money went: onward (cash, own accounts, abroad) or back to the payers (a savings pot).
  const payerAccounts = new Set<string>();
  for (const g of groups.values()) if (g.payer.account !== undefined) payerAccounts.add(g.payer.account);
  const byExit: Record<Exit, number> = { cash: 0, own_account: 0, abroad: 0 };
  let paidBack = 0;
  const onward: WindowEvent[] = [];
  for (const e of debits) {
    if (e.kind === 'transfer' && e.counterparty !== undefined && payerAccounts.has(e.counterparty)) {
      paidBack += e.amount;
      continue;
    }
    const exit = exitOf(window, view, e, context);
    if (exit === undefined) continue;
    byExit[exit] += e.amount;
    onward.push(e);
  }
  const onwardTotal = byExit.cash + byExit.own_account + byExit.abroad;
  // The holder's own money (wages, own cash, the uncounted credits) is taken to have left first: only the rest can be the payers'.
  const onwardOfPayers = Math.max(0, onwardTotal - (credits - collected));
  if (!atLeastShare(onwardOfPayers, collected, o.minOnwardShare)) return undefined;

  const discounts: string[] = [];
  const holder = holderDiscount(window.account?.type);
  let factor = holder.factor;
  if (holder.why !== undefined) discounts.push(holder.why);
  if (paidBack > o.maxPaidBackShare * collected) {
    factor *= 0.2;
    discounts.push('rotating_savings_payout');
  }
  const exits = (Object.keys(byExit) as Exit[]).filter((x) => byExit[x] > 0);
  if (exits.length === 1 && exits[0] === 'cash') {
    factor *= CASH_ONLY_FACTOR;
    discounts.push('cash_only_exit');
  }
  const onwardShare = onwardOfPayers / collected;
  const strength = (0.75 + 0.03 * Math.min(5, families - o.minPayers) + (onwardShare >= 0.8 ? 0.05 : 0) + (exits.length >= 2 ? 0.05 : 0)) * factor;

  const profile = context.jurisdiction;
  const events = payers.flatMap((g) => g.events);
  const firstTs = Math.min(...events.map((e) => e.ts));
  const spanDays = Math.max(1, Math.round((last.ts - firstTs) / DAY_MS));
  const exitText = exits.map((x) => `${money(profile, byExit[x])} ${x === 'cash' ? 'withdrawn in cash' : x === 'own_account' ? 'moved to the holder\'s own accounts' : 'sent abroad'}`).join(', ');
  const reason =
    `Possible slow-funnel pattern: ${families} unrelated payers paid this account ${money(profile, collected)} in ${events.length} payments over ${spanDays} days ` +
    `(${Math.round((collected / credits) * 100)}% of its credits), and ${Math.round(onwardShare * 100)}% of it left again: ${exitText}.`;
  const facts: Record<string, number | string | boolean> = {
    payers: families, payments: events.length, collectedMinor: collected, collectedShare: ratio(collected / credits), creditsMinor: credits,
    onwardMinor: onwardTotal, onwardOfPayersMinor: onwardOfPayers, onwardShare: ratio(onwardShare), cashOutMinor: byExit.cash, ownAccountsMinor: byExit.own_account, abroadMinor: byExit.abroad,
    paidBackMinor: paidBack, spanDays, windowDays: o.windowDays, home: ownCountryOf(window, last) ?? view.home,
  };
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const all = [...events, ...onward];
  const kept = all.length > MAX_HIT_IDS ? [...all].sort((a, b) => a.ts - b.ts).slice(all.length - MAX_HIT_IDS) : all;
  const related = [...new Set(payers.map((g) => g.payer.account).filter((a): a is string => a !== undefined))].sort().slice(0, o.maxRelated)
    .map((id) => ({ kind: 'account' as const, id }));
  return { ...hitOf(rule, window, kept, strength, reason, guardFacts(facts, guard)), related };
}
