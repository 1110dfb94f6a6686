import type { Alert, AlertHit } from '../scoring/alert.js';

type MemberRef = NonNullable<Alert['members']>[number];

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
 * The payer accounts the members' vouching hits name (see {@link isVouchingHit}), other than the
 * members themselves, sorted. A debt collector's payers are part of the pattern the indicator
 * defines (each pays the collector regular instalments soon after arriving), so a network alert
 * lists them as members even where their own accounts show too little to alert (instalments under
 * the 30 %-of-inflow bar, a debt paid off after two instalments, payments they share with family
 * remittances). They add no hits and no score: the alert's score is its alert members'.
 * @internal
 * @example const extra = vouchedPayers(group, new Set(group.map((a) => `${a.entity.kind}:${a.entity.id}`)));
 */
export function vouchedPayers(group: readonly Alert[], members: ReadonlySet<string>): MemberRef[] {
  const out = new Map<string, MemberRef>();
  for (const a of group) {
    for (const h of a.hits) {
      if (!isVouchingHit(h)) continue;
      for (const r of h.related ?? []) {
        const key = `${r.kind}:${r.id}`;
        if (!members.has(key)) out.set(key, { kind: r.kind, id: r.id });
      }
    }
  }
  return [...out.values()].sort((x, y) => (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
