import type { Alert } from '../scoring/alert.js';
import type { NetworkConfig } from './network.js';
import { compareText as cmp } from '../_internal/compare-text.js';

/** Each further member showing a rule on its own adds this to the rule's strongest hit in a network. @category Engine */
export const CREW_STEP = 0.05;
/** Most a network's members add to one rule's strength together (six members). @category Engine */
export const CREW_MAX = 0.25;
/** Weakest hit of a member that counts towards {@link CREW_STEP}. @category Engine */
export const CREW_MIN_STRENGTH = 0.25;

/**
 * Members that show the same pattern each on their own corroborate each other (RESEARCH §c.6;
 * MS-DEBT-02 "several workers' wages flow to one account"): a crew whose wages all leave in cash
 * within hours, several payers of one collector. Per rule of a money family (not context, not
 * identity: dormitory residents share addresses lawfully), distinct holders (an account and its
 * holder party count once) with a hit of at least {@link CREW_MIN_STRENGTH} raise the strongest
 * hit by {@link CREW_STEP} per further holder, at most {@link CREW_MAX}. Only rules with two or
 * more such holders are returned.
 * @internal
 */
export function crewStrengths(group: readonly Alert[], config: NetworkConfig): Map<string, { strength: number; strongest: number; members: number }> {
  const byRule = new Map<string, { holders: Set<string>; strongest: number }>();
  for (const a of group) {
    const holder = a.entity.kind === 'account' ? (config.context.accounts.get(a.entity.id)?.party ?? `account:${a.entity.id}`) : a.entity.id;
    for (const h of a.hits) {
      const f = config.familyOf(h.rule);
      if (f === undefined || f === 'context' || f === 'identity' || h.strength < CREW_MIN_STRENGTH) continue;
      const r = byRule.get(h.rule) ?? { holders: new Set<string>(), strongest: 0 };
      r.holders.add(holder);
      r.strongest = Math.max(r.strongest, h.strength);
      byRule.set(h.rule, r);
    }
  }
  const out = new Map<string, { strength: number; strongest: number; members: number }>();
  for (const [rule, r] of [...byRule].sort(([a], [b]) => cmp(a, b))) {
    if (r.holders.size < 2) continue;
    out.set(rule, { strength: Math.min(1, r.strongest + Math.min(CREW_MAX, CREW_STEP * (r.holders.size - 1))), strongest: r.strongest, members: r.holders.size });
  }
  return out;
}
