import { hasRole } from '../../domain/corridors.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, flowReference, hitOf, money, moneyRange } from '../_lib.js';
import {
  BILL_REF, COMPANY_NAME, DEBT_REF, LENDER_NAME, RENT_REF, addressedAsKin, counterpartyCountryOf, cv, familyClusters, homeCountry, isFamily, isOrganisation, isWageLike, median,
  ownRef, payerOf,
  type Payer,
} from '../_payments.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';
import type { DebtRepaymentSettings } from './debt-repayment.js';

/**
 * Fewest payers (of distinct families) whose own debt-named payments make a collector in
 * {@link namedCollectionSide}: two newly arrived strangers each calling their payments to one
 * holder a debt. Measured on the scenario bank's non-held-out seeds (issue 14): every payee that
 * two or more newly arrived payers paid with a debt reference ("kisti", "installment", "utang")
 * was a debt collector; no family remittance, rent, savings group, payroll or lender look-alike
 * had two.
 * @internal
 */
export const NAMED_COLLECTION_MIN_PAYERS = 2;

/**
 * Strength of {@link namedCollectionSide} at {@link NAMED_COLLECTION_MIN_PAYERS} payer families:
 * above `VOUCH_MIN_STRENGTH` (0.5), so it vouches for the payers it names, and below an alert on
 * its own (55 × 0.65 ≈ 36 points): the collector's case is raised with corroboration (its payers'
 * shared identifier, their own series). Each further family adds
 * {@link NAMED_COLLECTION_PER_PAYER}, up to {@link NAMED_COLLECTION_MAX_STRENGTH}.
 * @internal
 */
export const NAMED_COLLECTION_STRENGTH = 0.65;
/** What each payer family beyond {@link NAMED_COLLECTION_MIN_PAYERS} adds to {@link NAMED_COLLECTION_STRENGTH}. @internal */
export const NAMED_COLLECTION_PER_PAYER = 0.05;
/** Strongest {@link namedCollectionSide} hit from its payers alone: the full collector variant's with every payer newly arrived and a debt reference (0.75); {@link NAMED_COLLECTION_FORWARDED_BONUS} comes on top. @internal */
export const NAMED_COLLECTION_MAX_STRENGTH = 0.75;

/**
 * What {@link namedCollectionSide} adds when the holder forwarded abroad, to origin countries
 * (`hasRole(…, 'origin')`: where the journeys the debts paid for began), at least as much as its
 * named payers paid it in the window: collected and passed on to the organiser, the collector's
 * other half of MS-DEBT-01 (RESEARCH §a.1; the debt is owed to the smuggler, the collector in the
 * destination country remits it). With it two payer families reach an alert on their own
 * (55 × 0.75 ≈ 41 points). Issue 14: a collector of "installment" and "utang" from two newly
 * arrived strangers remitted IDR 2,000,000–2,500,000 a month to Afghanistan and stayed at 36.
 * @internal
 */
export const NAMED_COLLECTION_FORWARDED_BONUS = 0.1;

/**
 * Smallest median payment of a payer {@link namedCollectionSide} counts, as a share of the
 * jurisdiction's flow reference (`flowReference`: about USD 5,600; MYR 25, THB 200, IDR 500,000):
 * a debt's instalment, not the coffee money and shared shopping friends pay back and also call
 * "hutang" or "utang" (issue 14: IDR 30,000–100,000 between neighbours).
 * @internal
 */
export const NAMED_COLLECTION_MIN_SHARE_OF_REFERENCE = 0.001;

interface NamedPayer {
  readonly payer: Payer;
  readonly events: WindowEvent[];
  /** The payer shares only the holder's family name (or a common one): counted beside an unrelated payer only. */
  readonly surname: boolean;
}

/**
 * MS-DEBT-01's collector in its payers' own words, on the payee's account: transfers from at least
 * {@link NAMED_COLLECTION_MIN_PAYERS} payers of distinct families (`familyClusters`), each a
 * newly arrived personal account (opened within `startWithinDays` before its first payment here)
 * paying steady instalment-sized sums (median at least {@link NAMED_COLLECTION_MIN_SHARE_OF_REFERENCE}
 * of the flow reference, amount CV at most `maxAmountCv`, as a series') that names at least one of its payments a debt (`DEBT_REF`: "kisti", "installment", "utang",
 * "loan"), none of them rent, a bill or addressed as a relative (`addressedAsKin`), and that this
 * holder paid nothing in the window (money lent both ways is a friendship's, a pot paid back a
 * savings group's); they are at least half of the holder's payers by transfer (employers,
 * companies and the holder's own accounts aside: someone paid by many friends and customers, a few
 * of whom once wrote "hutang" or "pinjam", collects no debt). A payer who shares only the holder's family name counts beside an unrelated
 * one (many names in the region carry none, and common ones are shared by strangers; family
 * support is not called a debt), never alone. The holder is a personal account (or one of
 * unknown type) that no name shows to be a lender, biller or company. Read only where the full
 * collector variant (`collectorSide`) found nothing, on a debt-named inflow; the payers are named
 * in `related` (and so vouched for as members of the collector's case), `facts.namedCollection`.
 * Issue 14: collectors whose payers paid one to three instalments each, by transfer between
 * cash hand-overs, showed no full series and were never read as collectors.
 * @internal
 * @example const hits = namedCollectionSide(window, context, settings, rule, newest(window));
 */
export function namedCollectionSide(window: EntityWindow, context: RuleContext, o: DebtRepaymentSettings, rule: Rule, last: WindowEvent): RuleHit[] {
  if (last.kind !== 'transfer' || last.direction !== 'in' || !DEBT_REF.test(last.tx.reference ?? '')) return [];
  const type = window.account?.type;
  if (type !== undefined && type !== 'personal') return [];
  const holderName = window.party?.name ?? last.tx.toName ?? '';
  if (LENDER_NAME.test(holderName) || COMPANY_NAME.test(holderName)) return [];
  const holder = ownRef(window, last);
  const newest = payerOf(window, last, context, false);
  if (newest === undefined || newest.account === undefined) return [];
  const guard = scanGuard(o.maxScan);
  const byPayer = new Map<string, WindowEvent[]>();
  const paidBack = new Set<string>();
  const holderCountry = homeCountry(window, last, context);
  /** Sent abroad to origin countries by transfer (see {@link NAMED_COLLECTION_FORWARDED_BONUS}). */
  let forwarded = 0;
  scanRecent(window, last.ts - o.windowDays * DAY_MS, guard, (e) => {
    if (e.direction === 'out') {
      if (e.counterparty !== undefined) paidBack.add(e.counterparty);
      if (e.kind === 'transfer') {
        const to = counterpartyCountryOf(e, context);
        if (to !== undefined && holderCountry !== undefined && to !== holderCountry && hasRole(to, 'origin')) forwarded += e.amount;
      }
      return;
    }
    if (e.kind !== 'transfer' || e.counterparty === undefined) return;
    const list = byPayer.get(e.counterparty);
    if (list === undefined) byPayer.set(e.counterparty, [e]);
    else list.push(e);
  });
  /** The payer's payments qualify it (see above); `undefined` otherwise. */
  const named = (account: string, events: WindowEvent[]): NamedPayer | undefined => {
    if (paidBack.has(account)) return undefined;
    const acc = context.accounts.get(account);
    if (acc?.openedAt === undefined || (acc.type !== undefined && acc.type !== 'personal')) return undefined;
    const oldest = events.reduce((a, e) => (e.ts < a.ts ? e : a));
    if (oldest.ts < acc.openedAt || oldest.ts - acc.openedAt > o.startWithinDays * DAY_MS) return undefined;
    const refs = events.map((e) => e.tx.reference ?? '');
    if (!refs.some((r) => DEBT_REF.test(r)) || refs.some((r) => RENT_REF.test(r) || BILL_REF.test(r) || addressedAsKin(r))) return undefined;
    if (events.some((e) => isWageLike(e, context))) return undefined;
    const amounts = events.map((e) => e.amount);
    if (median(amounts) < NAMED_COLLECTION_MIN_SHARE_OF_REFERENCE * flowReference(context.jurisdiction)) return undefined;
    // Instalments are steady sums (`maxAmountCv`, as a series'): dorm-mates settling lunch, top-ups and a "hutang" pay what each cost.
    if (cv(amounts) > o.maxAmountCv) return undefined;
    const payer = payerOf(window, oldest, context, false);
    if (payer === undefined || isOrganisation(payer, context) || LENDER_NAME.test(payer.name ?? '')) return undefined;
    const link = context.identity.familyLink(holder, payer);
    if (isFamily(link) && link !== 'family_name') return undefined;
    return { payer, events: [...events].reverse(), surname: link === 'family_name' || link === 'common_name' };
  };
  const payers: NamedPayer[] = [];
  // Everyone else who paid the holder by transfer, other than employers, companies and the holder's own accounts.
  let strangers = 0;
  for (const [account, events] of byPayer) {
    const p = named(account, events);
    if (p !== undefined) payers.push(p);
    const type = context.accounts.get(account)?.type;
    if ((type === undefined || type === 'personal') && !events.some((e) => isWageLike(e, context)) && (holder.party === undefined || context.accounts.get(account)?.party !== holder.party)) strangers++;
  }
  // Most of the people paying the holder call it a debt: a friend or trader paid by many, a few of whom once wrote "hutang", is no collector.
  if (payers.length * 2 < strangers) return [];
  // The newest payer is one of them (else an earlier debt-named inflow already read the same), and one is unrelated.
  if (!payers.some((p) => p.payer.account === newest.account) || !payers.some((p) => !p.surname)) return [];
  const clusters = familyClusters(payers.map((p) => p.payer), context, false);
  const families = new Set(payers.map((p) => clusters.clusterOf(p.payer.key))).size;
  if (families < NAMED_COLLECTION_MIN_PAYERS) return [];
  const events = payers.flatMap((p) => p.events);
  const amounts = events.map((e) => e.amount);
  const total = amounts.reduce((s, a) => s + a, 0);
  const passedOn = forwarded >= total;
  const strength =
    Math.min(NAMED_COLLECTION_MAX_STRENGTH, NAMED_COLLECTION_STRENGTH + NAMED_COLLECTION_PER_PAYER * (families - NAMED_COLLECTION_MIN_PAYERS)) +
    (passedOn ? NAMED_COLLECTION_FORWARDED_BONUS : 0);
  const debtNamed = events.filter((e) => DEBT_REF.test(e.tx.reference ?? '')).length;
  const surnames = payers.filter((p) => p.surname).length;
  const reason =
    `Possible debt-repayment collection pattern: ${payers.length} payers from ${families} unrelated families, each paying from an account opened within ` +
    `${Math.round(o.startWithinDays / 30)} months before its first payment, made ${events.length} payments of ${moneyRange(context.jurisdiction, Math.min(...amounts), Math.max(...amounts))} ` +
    `to this account, ${debtNamed} of them named as a debt in the reference (too few or too irregular for series of their own)` +
    (surnames > 0 ? `; ${surnames} of the payers share${surnames === 1 ? 's' : ''} only the holder's family name` : '') +
    (passedOn ? `; the holder sent ${money(context.jurisdiction, forwarded)} abroad to origin countries in the same period` : '') + '.';
  const related: EntityRef[] = payers
    .map((p) => ({ kind: 'account' as const, id: p.payer.account as string }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const facts = {
    namedCollection: true, payers: payers.length, payerClusters: families, recentOpeners: payers.length, debtReferencePayers: payers.length,
    debtNamedPayments: debtNamed, payments: events.length, totalMinor: total, ...(surnames > 0 ? { surnamePayers: surnames } : {}),
    ...(passedOn ? { forwardedAbroadMinor: forwarded } : {}),
  };
  return [{ ...hitOf(rule, window, events, strength, reason, guardFacts(facts, guard), 'named_collection'), related }];
}
