import type { Rule, RuleIncremental } from '../rules/types.js';

/** One incremental state per entity: of a rule, or shared by the rules with its `shareKey` (the first one's transitions). */
export interface IncrementalSlot {
  readonly incremental: RuleIncremental<unknown>;
  /** Offset of its first horizon's cursor among the cursors that follow the states in {@link EntityState.ruleStates}. */
  readonly cursor: number;
}

/** The incremental slots of one entity kind's rules, and each rule's slot (-1 without state); rules with one `shareKey` share a slot. */
export function incrementalSlots(rules: readonly Rule[]): { slots: IncrementalSlot[]; slotOf: number[] } {
  const slots: IncrementalSlot[] = [];
  const shared = new Map<string, number>();
  let cursor = 0;
  const slotOf = rules.map((rule) => {
    const inc = rule.incremental;
    if (inc === undefined) return -1;
    const known = inc.shareKey === undefined ? undefined : shared.get(inc.shareKey);
    if (known !== undefined) return known;
    if (inc.shareKey !== undefined) shared.set(inc.shareKey, slots.length);
    slots.push({ incremental: inc, cursor });
    cursor += inc.horizonsMs.length;
    return slots.length - 1;
  });
  return { slots, slotOf };
}
