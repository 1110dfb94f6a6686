import type { RuleContext, EntityRef, EntityWindow, Rule, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, compareRefs, hitOf, money, newest } from '../_lib.js';
import { declaredIncome } from '../_income.js';
import { PURCHASE_REF, TRADE_REF, isFamily, isOrganisation, ownCountryOf, ownRef, paidBefore, payerOf, type Payer } from '../_payments.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';

/** The options of `ransom_burst` the pooled variant reads (see `ransomBurstOptionsSchema`). */
export interface PooledRansomOptions {
  readonly burstDays: number;
  readonly historyDays: number;
  readonly minPaymentShareOfBand: number;
  readonly pooledMinPayers: number;
  readonly pooledCashOutShare: number;
  readonly pooledSurge: number;
  readonly maxScan: number;
}

/** Invoices, orders, purchase references: what a trader's customers write, never a ransom. */
export const commerceRef = (e: WindowEvent): boolean => {
  const r = e.tx.reference ?? '';
  return r !== '' && (TRADE_REF.test(r) || PURCHASE_REF.test(r));
};

/** Strength of a pooled hit before the extras (more payers, nearly all of it gone). */
const BASE = 0.7;
/** Days before the burst over which the account's usual inflow is read (at most; less when the data begins later). */
const USUAL_INFLOW_DAYS = 90;

/**
 * @internal The pooled variant of MS-DEBT-03 with MS-TP-01 and MS-PROF-01: a personal account that
 * within `burstDays` is paid ransom-sized money by ≥ `pooledMinPayers` unrelated persons (not the
 * holder's family, not organisations, each paying at least `minPaymentShareOfBand` of the band
 * floor; deposits of unknown cash add to the sum), none of whom paid it earlier than `burstDays`
 * before the burst began (no standing relationship: rent, a savings group, family support), a sum
 * ≥ the band floor and ≥ `pooledSurge` times both the holder's declared monthly income and the
 * account's usual inflow over the same span; and ≥ `pooledCashOutShare` of it leaves in cash or
 * abroad between `burstDays` before the burst and now. It is what the families' payments look like
 * when each family pays once or twice (Wang Kelian: one relative's RM 4,000, another's CDM
 * deposits) so that no family shows a burst of its own, and the collector cashes the money out.
 * Evaluated on the credits and on the cash-outs, so the order of the two does not matter.
 * `trades` says whether the holder trades with companies (invoices, orders): never pooled.
 */
export function pooledRansom(
  window: EntityWindow,
  context: RuleContext,
  o: PooledRansomOptions,
  rule: Pick<Rule, 'id' | 'indicators'>,
  floor: number,
  trades: () => boolean,
): RuleHit | undefined {
  if (window.account?.type !== 'personal') return undefined;
  const last = newest(window);
  const holderCountry = ownCountryOf(window, last);
  const abroad = (e: WindowEvent) => e.kind === 'transfer' && e.counterpartyCountry !== undefined && holderCountry !== undefined && e.counterpartyCountry !== holderCountry;
  const cashOut = (e: WindowEvent) => e.direction === 'out' && (e.kind === 'cash_withdrawal' || abroad(e));
  const credit = (e: WindowEvent) => e.direction === 'in' && (e.kind === 'transfer' || e.kind === 'cash_deposit') && !commerceRef(e);
  if (!credit(last) && !cashOut(last)) return undefined;
  const burstFrom = last.ts - o.burstDays * DAY_MS;
  const guard = scanGuard(o.maxScan);
  const holder = ownRef(window, last);
  const keep = (p: Payer): boolean => !isOrganisation(p, context) && !isFamily(context.identity.familyLink(holder, p));
  const byPayer = new Map<string, { payer: Payer; total: number }>();
  const credits: WindowEvent[] = [];
  let total = 0;
  let unknownCash = 0;
  scanRecent(window, burstFrom, guard, (e) => {
    if (e.ts <= burstFrom || !credit(e)) return;
    if (e.kind === 'cash_deposit' && e.conductor !== undefined && e.conductor === window.account?.party) return;
    const p = payerOf(window, e, context);
    if (p === undefined) {
      // Cash of unknown origin (a machine deposit quoting no one): part of the sum, no payer of its own.
      if (e.kind !== 'cash_deposit') return;
      unknownCash += e.amount;
    } else {
      if (!keep(p)) return;
      const g = byPayer.get(p.key) ?? { payer: p, total: 0 };
      g.total += e.amount;
      byPayer.set(p.key, g);
    }
    total += e.amount;
    credits.push(e);
  });
  if (total < floor) return undefined;
  const payers = [...byPayer.values()].filter((g) => g.total >= o.minPaymentShareOfBand * floor);
  if (payers.length < o.pooledMinPayers) return undefined;
  const start = Math.min(...credits.map((e) => e.ts));
  // Sudden: the sum against the account's usual inflow over the seen span before the burst, and against the declared income.
  const oldest = (window.events[window.start] as WindowEvent).ts;
  const spanFrom = Math.max(oldest, start - USUAL_INFLOW_DAYS * DAY_MS);
  const seenDays = (start - spanFrom) / DAY_MS;
  let prior = 0;
  const outs: WindowEvent[] = [];
  let out = 0;
  scanRecent(window, spanFrom, guard, (e) => {
    if (e.direction === 'in' && e.ts < start) prior += e.amount;
    if (e.ts >= start - o.burstDays * DAY_MS && cashOut(e)) {
      out += e.amount;
      outs.push(e);
    }
  });
  const income = declaredIncome(window, context.jurisdiction.currency);
  const usual = seenDays >= o.burstDays ? (prior / seenDays) * o.burstDays : undefined;
  if (income === undefined && usual === undefined) return undefined;
  if ((income !== undefined && total < o.pooledSurge * income) || (usual !== undefined && total < o.pooledSurge * usual)) return undefined;
  if (out < o.pooledCashOutShare * total) return undefined;
  // A standing relationship (any of these payers paying well before the burst) is not a one-off demand.
  const keys = new Set(payers.map((g) => g.payer.key));
  if (paidBefore(window, context, keys, last.ts - o.historyDays * DAY_MS, start - o.burstDays * DAY_MS, guard)) return undefined;
  if (trades()) return undefined;

  const profile = context.jurisdiction;
  const share = out / total;
  const strength = BASE + 0.05 * Math.min(2, payers.length - o.pooledMinPayers) + (share >= 0.8 ? 0.1 : 0);
  const against = [
    ...(usual === undefined ? [] : [`its usual ${money(profile, Math.round(usual))} per ${o.burstDays} days`]),
    ...(income === undefined ? [] : [`a declared monthly income of ${money(profile, income)}`]),
  ].join(' and ');
  const reason =
    `Possible ransom-collection pattern: ${payers.length} unrelated payers, none of them paying this account before, ` +
    `paid it ${money(profile, total)} within ${o.burstDays} days` +
    (unknownCash > 0 ? ` (${money(profile, unknownCash)} of it in cash of unknown origin)` : '') +
    ` against ${against}, and ${money(profile, out)} (${Math.round(share * 100)}%) left in cash or abroad.`;
  const facts: Record<string, number | string | boolean> = {
    unrelatedPayers: payers.length, payments: credits.length, totalMinor: total, unknownCashMinor: unknownCash,
    cashOutMinor: out, cashOutShare: Math.round(share * 1000) / 1000, priorInflowMinor: prior, priorDays: Math.round(seenDays),
  };
  if (income !== undefined) facts['declaredIncomeMinor'] = income;
  const related: EntityRef[] = payers
    .map((g): EntityRef | undefined => g.payer.account !== undefined ? { kind: 'account', id: g.payer.account } : g.payer.party !== undefined ? { kind: 'party', id: g.payer.party } : undefined)
    .filter((r): r is EntityRef => r !== undefined)
    .sort(compareRefs);
  // Credits come in and cash-outs go out: the two lists never share an event.
  return { ...hitOf(rule, window, [...credits, ...outs], strength, reason, guardFacts(facts, guard), 'pooled'), related };
}
