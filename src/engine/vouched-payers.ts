import type { Alert, AlertHit } from '../scoring/alert.js';
import type { IndicatorFamily } from '../rules/types.js';
import type { AlertLinks } from './alert-links.js';
import { compareMemberRefs, type MemberRef } from './member-ref.js';

/**
 * Weakest debt-collection hit that vouches for the payers it names: the collector variant of
 * `debt_repayment` starts at 0.5 for three unrelated post-arrival series and is discounted below
 * it where the series read as family remittances (arrival unknown, kinship references) or a
 * rotating savings pot. Measured on the scenario bank's tuning seeds: hits from 0.5 up named only
 * the cases' payers; weaker ones named family-remittance senders.
 * @internal
 */
export const VOUCH_MIN_STRENGTH = 0.5;

/**
 * Whether a hit is money-flow evidence at the vouching bar: a rule of a family other than context
 * or identity (they say who someone is, not where money went) with strength of at least
 * {@link VOUCH_MIN_STRENGTH}. The network stage's readings that follow money (paymasters, feeders,
 * members named by money flow) all start from this.
 * @internal
 * @example const vouches = alert.hits.some((h) => isMoneyFlowHit(h, familyOf));
 */
export function isMoneyFlowHit(h: { readonly rule: string; readonly strength: number }, familyOf: (rule: string) => IndicatorFamily | undefined): boolean {
  const family = familyOf(h.rule);
  return family !== undefined && family !== 'context' && family !== 'identity' && h.strength >= VOUCH_MIN_STRENGTH;
}

/**
 * Whether a hit is a debt collector's (MS-DEBT-01 strong form: a collector receiving regular
 * instalments from several unrelated payers), strong enough to vouch for the payers it names. The
 * collector variant is the `debt_repayment` hit that counts payer families (`payerClusters`).
 * @internal
 * @example const collector = alert.hits.some(isVouchingHit);
 */
export function isVouchingHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'debt_repayment' && typeof h.facts['payerClusters'] === 'number' && h.strength >= VOUCH_MIN_STRENGTH;
}

/**
 * Weakest worker-side `wage_diversion` hit (MS-DEBT-02: most of each wage passed on at once, in
 * ≥ 3 pay cycles) that lets a wage-diversion agent vouch for the worker: the network stage's
 * `CREW_MIN_STRENGTH`, the weakest hit that counts as showing a pattern on one's own. A worker
 * whose wages leave as cash of unknown conductor scores 0.27 (discounted: migrants also pay
 * over-the-counter remitters in cash), below any alert and below a network member's score.
 * @internal
 */
export const WORKER_MIN_STRENGTH = 0.25;

/**
 * Whether a hit is a wage-diversion agent's (MS-DEBT-02 network form: several workers paying one
 * account within a payday burst, the variant that counts payer families), at least
 * {@link VOUCH_MIN_STRENGTH}: rent collected by a landlord, a savings pot and a business's takings
 * are discounted below it. It vouches only for the workers it names whose own accounts show the
 * worker pattern (see {@link isWorkerHit}): the diversion seen from both ends.
 * @internal
 * @example const agent = alert.hits.some(isWageAgentHit);
 */
export function isWageAgentHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'wage_diversion' && typeof h.facts['payerClusters'] === 'number' && h.strength >= VOUCH_MIN_STRENGTH;
}

/**
 * Whether a hit is the worker variant of `wage_diversion` (the one that counts pay `cycles`) at
 * {@link WORKER_MIN_STRENGTH} or more.
 * @internal
 * @example const worker = alert.hits.some(isWorkerHit);
 */
export function isWorkerHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'wage_diversion' && typeof h.facts['cycles'] === 'number' && h.strength >= WORKER_MIN_STRENGTH;
}

/**
 * The entities (`kind:id`) among `alerts` that show the worker pattern on their own
 * ({@link isWorkerHit}), for {@link vouchedPayers}.
 * @internal
 * @example const workers = wageWorkers(candidates);
 */
export function wageWorkers(alerts: readonly AlertLinks[]): Set<string> {
  const out = new Set<string>();
  for (const a of alerts) if (a.hits.some(isWorkerHit)) out.add(`${a.entity.kind}:${a.entity.id}`);
  return out;
}

/** Fewest members (distinct holders) whose own debt series name one payee for it to be vouched as their collector (see {@link vouchedPayers}). @internal */
export const MIN_NAMING_PAYERS = 2;

/**
 * Whether a hit is the payer variant of `debt_repayment` (MS-DEBT-01 from the payer's side: a
 * regular post-arrival series to one unrelated payee, the variant with a `periodDays`) at
 * {@link VOUCH_MIN_STRENGTH} or more: rent, family remittances and lenders are discounted below it.
 * @internal
 * @example const series = alert.hits.some(isPayerSeriesHit);
 */
export function isPayerSeriesHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'debt_repayment' && typeof h.facts['periodDays'] === 'number' && typeof h.facts['payerClusters'] !== 'number' && h.strength >= VOUCH_MIN_STRENGTH;
}

/**
 * Weakest payer-side `debt_repayment` hit that vouches for its payee on its own, without a second
 * payer (see {@link isSolePayerHit}): a series whose references name a debt (0.25 of the strength)
 * on top of the bare series (0.25) and 0.2 more of what the indicator looks for (a longer or
 * tighter series, a start soon after the account opened, most of the wage). Measured on the
 * scenario bank's tuning seeds: payer series from 0.7 up with a debt reference and no discount
 * named only debt collectors; family remittances, a savings-group member's payments to its
 * organiser and a tenant's to a relative abroad read 0.5–0.55.
 * @internal
 */
export const SOLE_PAYER_MIN_STRENGTH = 0.7;

/**
 * Whether a hit is a payer's own debt series that names its collector without a second payer
 * (MS-DEBT-01 in the payer's own words): the payer variant of `debt_repayment`
 * ({@link isPayerSeriesHit}) of at least {@link SOLE_PAYER_MIN_STRENGTH}, whose references name
 * a debt ("hutang", "kisti", "loan", "installment": `debtReference`) and that no lawful reading
 * discounted (no `discount`: a relative by family name or kinship references, rent, a lender or
 * biller, a business, a remitter, an unknown start). The payee is the creditor the payments repay —
 * a collector who may receive only this payer's instalments at this bank (the other payers bank
 * elsewhere, or the collector splits the payers over two accounts).
 * @internal
 * @example const creditor = alert.hits.some(isSolePayerHit);
 */
export function isSolePayerHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return isPayerSeriesHit(h) && h.strength >= SOLE_PAYER_MIN_STRENGTH && h.facts['debtReference'] === true && h.facts['discount'] === undefined;
}

/**
 * Whether a hit is a worker's own `wage_diversion` series (the worker variant, with `cycles`) at
 * {@link VOUCH_MIN_STRENGTH} or more: most of each wage passed at once to the same unrelated party
 * in three or more pay cycles, with no lawful reading discounting it (kinship references, a
 * business payee, remittances abroad, cash of unknown conductor, more than the wage). The payee it
 * names — the account paid, or the party recorded as withdrawing the worker's cash — is the agent
 * MS-DEBT-02 describes when two or more workers' own series name it (see {@link vouchedPayers}).
 * @internal
 * @example const names = alert.hits.some(isWorkerSeriesHit);
 */
export function isWorkerSeriesHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'wage_diversion' && typeof h.facts['cycles'] === 'number' && h.strength >= VOUCH_MIN_STRENGTH;
}

/**
 * Whether a hit is a structured cash-out that names its funders (MS-STR-02 withdrawals: sub-threshold
 * cash pieces taken out of money a third party had just paid in; `split_sum` with `funders`) at
 * {@link VOUCH_MIN_STRENGTH} or more: the funder put up the cash being structured, so the
 * structurer's case extends to it. Cash businesses and steady takings are discounted below it.
 * @internal
 * @example const funded = alert.hits.some(isFundedCashOutHit);
 */
export function isFundedCashOutHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'split_sum' && h.facts['direction'] === 'withdrawal' && typeof h.facts['funders'] === 'number' && h.strength >= VOUCH_MIN_STRENGTH;
}

/**
 * The payees (`kind:id`) that the own series ({@link isPayerSeriesHit}, {@link isWorkerSeriesHit})
 * of {@link MIN_NAMING_PAYERS} or more distinct holders among `alerts` name: the collector
 * MS-DEBT-01's strong form defines, seen from its payers' side. The network stage reads the link
 * from each such payer to the payee as seen from both ends (the payers' own series corroborate one
 * another), so that a component split over its confirmed links (an employer's payroll holding it
 * together, or too many members) keeps the payers together with their collector, whose account may
 * show nothing of its own (a salaried holder collecting on the side: issue 14). `holderOf` gives an
 * alert's holder, so one person's two accounts count once; `skip` leaves out payees that are never
 * members (licensed remitters, government accounts).
 * @internal
 * @example const payees = namedPayees(members, (a) => holderKey(accounts, a.entity.kind, a.entity.id), (key) => false);
 */
export function namedPayees<A extends AlertLinks>(alerts: Iterable<A>, holderOf: (a: A) => string, skip: (key: string) => boolean = () => false): Set<string> {
  const holders = new Map<string, Set<string>>();
  for (const a of alerts) {
    for (const h of a.hits) {
      if (!isPayerSeriesHit(h) && !isWorkerSeriesHit(h)) continue;
      for (const r of h.related ?? []) {
        const key = `${r.kind}:${r.id}`;
        let set = holders.get(key);
        if (set === undefined) holders.set(key, (set = new Set<string>()));
        set.add(holderOf(a));
      }
    }
  }
  const out = new Set<string>();
  for (const [key, set] of holders) if (set.size >= MIN_NAMING_PAYERS && !skip(key)) out.add(key);
  return out;
}

/**
 * The payer accounts the members' vouching hits name (see {@link isVouchingHit}), other than the
 * members themselves, sorted. A debt collector's payers are part of the pattern the indicator
 * defines (each pays the collector regular instalments soon after arriving), so a network alert
 * lists them as members even where their own accounts show too little to alert (instalments under
 * the 30 %-of-inflow bar, a debt paid off after two instalments, payments they share with family
 * remittances). Likewise a wage-diversion agent's workers ({@link isWageAgentHit}) that are in
 * `workers` (their own wages leave at once: {@link wageWorkers}), and the payee that the own
 * series of {@link MIN_NAMING_PAYERS} or more members' holders name ({@link isPayerSeriesHit},
 * {@link isWorkerSeriesHit}), or one member's own debt series names in the payer's own words
 * ({@link isSolePayerHit}): the collector the indicator's strong form defines, seen from its
 * payers' side where its own account shows fewer than three full series (a collector abroad or at
 * another bank, the second account of a pair), or the wage agent whose own account shows no
 * payday burst (fewer than five workers paying at once, or the workers' cash withdrawn by the
 * agent in person: the party recorded as conductor). So do the funders a member's structured
 * cash-out names ({@link isFundedCashOutHit}).
 * They add no hits and no score: the alert's score is its alert members'. `holderOf`
 * gives an alert's holder (default: the alert's entity), so one person's two accounts count once.
 * @internal
 * @example const extra = vouchedPayers(group, new Set(group.map((a) => `${a.entity.kind}:${a.entity.id}`)));
 */
export function vouchedPayers(
  group: readonly Alert[],
  members: ReadonlySet<string>,
  workers: ReadonlySet<string> = new Set(),
  holderOf: (a: Alert) => string = (a) => `${a.entity.kind}:${a.entity.id}`,
): MemberRef[] {
  const out = new Map<string, MemberRef>();
  // The payees two or more holders' own series name, or one member's sole-payer series.
  const named = namedPayees(group, holderOf);
  for (const a of group) {
    for (const h of a.hits) {
      if (isPayerSeriesHit(h) || isWorkerSeriesHit(h)) {
        const sole = isSolePayerHit(h);
        for (const r of h.related ?? []) {
          const key = `${r.kind}:${r.id}`;
          if (!members.has(key) && (sole || named.has(key))) out.set(key, { kind: r.kind, id: r.id });
        }
        continue;
      }
      const debt = isVouchingHit(h) || isFundedCashOutHit(h);
      if (!debt && !isWageAgentHit(h)) continue;
      for (const r of h.related ?? []) {
        const key = `${r.kind}:${r.id}`;
        if (!members.has(key) && (debt || workers.has(key))) out.set(key, { kind: r.kind, id: r.id });
      }
    }
  }
  return [...out.values()].sort(compareMemberRefs);
}

/**
 * Whether a hit is a payer's debt-named payments that make no series (`debt_repayment`'s
 * `named_payment` reading, with `namedPayments`; see named-payment.ts): evidence that names the
 * payee, read only by {@link namedPaymentPayers}.
 * @internal
 * @example const evidence = alert.hits.some(isNamedPaymentHit);
 */
export function isNamedPaymentHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'debt_repayment' && typeof h.facts['namedPayments'] === 'number' && h.strength > 0;
}

/**
 * Whether a hit is a collector's payer list (`debt_repayment`'s `payer_list` reading, with
 * `payerList`; see payer-list.ts): the newly arrived strangers who paid the holder instalment-sized
 * sums beside a debt-named full series, read only by {@link namedPaymentPayers}.
 * @internal
 * @example const listed = alert.hits.some(isPayerListHit);
 */
export function isPayerListHit(h: Pick<AlertHit, 'rule' | 'strength' | 'facts'>): boolean {
  return h.rule === 'debt_repayment' && typeof h.facts['payerList'] === 'number' && h.strength > 0;
}

/** The entities whose debt-named payments ({@link isNamedPaymentHit}) name a payee (`kind:id`), or whom the payee's payer list ({@link isPayerListHit}) lists, sorted. @internal */
export type NamersOf = (payee: string) => readonly MemberRef[];

/**
 * The payers of each payee among `alerts`' debt-named payments ({@link isNamedPaymentHit}) and
 * the payers the payees' own payer lists name ({@link isPayerListHit}), built once for the network
 * stage: payee `kind:id` → the payers' entities, sorted.
 * @internal
 * @example const namersOf = paymentNamers(candidates); namersOf('account:C1') // [{ kind: 'account', id: 'P1' }]
 */
export function paymentNamers(alerts: Iterable<AlertLinks>): NamersOf {
  const byPayee = new Map<string, MemberRef[]>();
  const add = (key: string, m: MemberRef): void => {
    let list = byPayee.get(key);
    if (list === undefined) byPayee.set(key, (list = []));
    if (!list.some((x) => x.kind === m.kind && x.id === m.id)) list.push(m);
  };
  for (const a of alerts) {
    for (const h of a.hits) {
      if (isNamedPaymentHit(h)) {
        for (const r of h.related ?? []) add(`${r.kind}:${r.id}`, { kind: a.entity.kind as MemberRef['kind'], id: a.entity.id });
      } else if (isPayerListHit(h)) {
        // The collector's own account lists its payers: payee → each listed payer.
        for (const r of h.related ?? []) add(`${a.entity.kind}:${a.entity.id}`, { kind: r.kind, id: r.id });
      }
    }
  }
  for (const list of byPayee.values()) list.sort(compareMemberRefs);
  return (payee) => byPayee.get(payee) ?? [];
}

/**
 * The debt collectors (`kind:id`) a group's alerts vouch for: members holding a collector hit
 * ({@link isVouchingHit}), and the payees that the own debt series of {@link MIN_NAMING_PAYERS}
 * or more members' holders name, or one member's sole-payer series ({@link isSolePayerHit}) — as
 * {@link vouchedPayers} reads them.
 * @internal
 * @example const collectors = vouchedCollectors(group, (a) => `${a.entity.kind}:${a.entity.id}`);
 */
export function vouchedCollectors<A extends AlertLinks>(group: readonly A[], holderOf: (a: A) => string): Set<string> {
  const out = new Set<string>();
  const named = namedPayees(group, holderOf);
  for (const a of group) {
    for (const h of a.hits) {
      if (isVouchingHit(h)) out.add(`${a.entity.kind}:${a.entity.id}`);
      else if (isPayerSeriesHit(h)) {
        const sole = isSolePayerHit(h);
        for (const r of h.related ?? []) if (sole || named.has(`${r.kind}:${r.id}`)) out.add(`${r.kind}:${r.id}`);
      }
    }
  }
  return out;
}

/**
 * The payers (other than `known`) whose own debt-named payments ({@link isNamedPaymentHit}: one
 * or two transfers, or more at no period, called an instalment, a loan, "kisti", "hutang", soon
 * after the account opened) go to a collector the group vouches for ({@link vouchedCollectors}),
 * sorted. MS-DEBT-01's collector collects from several newly arrived payers; one who calls the
 * payments a debt is one of them, though it paid too little for a series of its own (a debt just
 * begun, or paid off: issue 14, 27 such payers missed). So is one that the collector's own payer
 * list names ({@link isPayerListHit}: a newly arrived stranger paying it sums in the band of a
 * debt-named full series). `namersOf` indexes the run's alerts by the payee their debt-named
 * payments name, and the payer lists by their holder ({@link paymentNamers}). They add no hits and no score.
 * @internal
 * @example const extra = namedPaymentPayers(group, known, paymentNamers(candidates), (a) => `${a.entity.kind}:${a.entity.id}`);
 */
export function namedPaymentPayers<A extends AlertLinks>(group: readonly A[], known: ReadonlySet<string>, namersOf: NamersOf, holderOf: (a: A) => string): MemberRef[] {
  const out = new Map<string, MemberRef>();
  for (const c of vouchedCollectors(group, holderOf)) {
    for (const m of namersOf(c)) {
      const key = `${m.kind}:${m.id}`;
      if (!known.has(key)) out.set(key, m);
    }
  }
  return [...out.values()].sort(compareMemberRefs);
}
