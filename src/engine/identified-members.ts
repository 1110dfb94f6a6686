import type { IndicatorFamily } from '../rules/types.js';
import type { Alert } from '../scoring/alert.js';
import type { AlertLinks } from './alert-links.js';
import { VOUCH_MIN_STRENGTH, isMoneyFlowHit } from './vouched-payers.js';
import { compareMemberRefs, type MemberRef } from './member-ref.js';

/** What {@link identifiedMembers} reads besides the group: the run's alerts by entity, rule families, holders. @internal */
export interface IdentifiedMembersInput {
  /** The entity alert of `kind:id`, if the run scored one (any score). */
  readonly alertOf: (key: string) => AlertLinks | undefined;
  readonly familyOf: (rule: string) => IndicatorFamily | undefined;
  /** The holder party of a member account, if the reference data names one. */
  readonly holderOf: (account: string) => string | undefined;
  /** Weakest identity hit whose links count (the network stage's link bar). */
  readonly minLinkStrength: number;
}

/**
 * Entities confirmed from both ends (RESEARCH §c.6 corroboration): a member of the network names
 * them with money-flow evidence of at least {@link VOUCH_MIN_STRENGTH} (a funnel's sender, a
 * ransom collector's payer, a wage agent's worker), and their own shared-identifier hit (at least
 * `minLinkStrength`) names a member or a member account's holder — a phone, address or document
 * shared with the people whose money they move. Either link alone joins no one: dormitory
 * residents share addresses lawfully, and a collector's senders are links, not members. Together
 * they make the entity part of the case (a sub-collector holding the collector's phone, a mule
 * registered at the organiser's address). Listed as members without alerts of their own: no hits,
 * no score, as vouched payers (vouched-payers.ts). Other than `members`, sorted.
 * @internal
 * @example const extra = identifiedMembers(group, known, { alertOf, familyOf, holderOf, minLinkStrength: 0.35 });
 */
export function identifiedMembers(group: readonly Alert[], members: ReadonlySet<string>, input: IdentifiedMembersInput): MemberRef[] {
  const own = new Set<string>();
  for (const a of group) {
    own.add(`${a.entity.kind}:${a.entity.id}`);
    const holder = a.entity.kind === 'account' ? input.holderOf(a.entity.id) : undefined;
    if (holder !== undefined) own.add(`party:${holder}`);
  }
  const out: MemberRef[] = [];
  for (const r of namedByMoneyFlow(group, members, input.familyOf)) {
    const confirms = input.alertOf(`${r.kind}:${r.id}`)?.hits.some((x) =>
      input.familyOf(x.rule) === 'identity' && x.strength >= input.minLinkStrength && (x.related ?? []).some((y) => own.has(`${y.kind}:${y.id}`)));
    if (confirms === true) out.push(r);
  }
  return out.sort(compareMemberRefs);
}

/**
 * The entities other than `members` that a member of `group` names (`related`) in one of its own
 * money-flow hits of at least {@link VOUCH_MIN_STRENGTH} — not context or identity evidence —
 * each once, in the order first named: one end of a link confirmed from both ends
 * ({@link identifiedMembers}, `subCollectors` in sub-collectors.ts check the other).
 * @internal
 * @example for (const r of namedByMoneyFlow(group, known, familyOf)) check(r);
 */
export function namedByMoneyFlow(group: readonly AlertLinks[], members: ReadonlySet<string>, familyOf: (rule: string) => IndicatorFamily | undefined): MemberRef[] {
  const out: MemberRef[] = [];
  const seen = new Set<string>();
  for (const a of group) {
    for (const h of a.hits) {
      if (!isMoneyFlowHit(h, familyOf)) continue;
      for (const r of h.related ?? []) {
        const key = `${r.kind}:${r.id}`;
        if (members.has(key) || seen.has(key)) continue;
        seen.add(key);
        out.push({ kind: r.kind, id: r.id });
      }
    }
  }
  return out;
}
