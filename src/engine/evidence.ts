import type { RuleHit } from '../rules/types.js';
import type { AlertHit } from '../scoring/alert.js';

/**
 * Strength-0 evidence kept compact. Some rules raise hits that score nothing and are never
 * reported — layering hops, fan legs: evidence the network stage joins into structures. They are
 * frequent (on a Zipf-random bank file one account evaluation in seven finds a hop), and a hit
 * episode costs about 1.1 KB (the hit with its reason, window, evidence list and entity, the episode
 * with its de-duplication map). Such a rule declares an {@link EvidenceKind}: the engine keeps its
 * hits as small records, one list per rule and entity, and rebuilds the alert hit from a record when
 * an alert is built. The window logic (de-duplication of overlapping hits, merging, the span that
 * closes a case) is written once here, for every kind.
 *
 * Anchor and span: a record added to an entity counts like an episode — it anchors the entity's
 * case when nothing did yet (the alert id) and its span widens the alert's `firstSeen` / `lastSeen`
 * (see `observe` in core.ts and `buildAlert`). A record found again (a duplicate) changes nothing.
 */

/**
 * How the hits of one strength-0 evidence rule are kept on an entity. `R` is the record: plain,
 * JSON-safe data (it is checkpointed as is). The engine adds records in the order their events
 * arrive, and `to` of a record is the time of the event that found it, so a list is in `to` order.
 * (Methods, not function properties, so that a kind of any record type is an `EvidenceKind<unknown>`.)
 * @internal
 */
export interface EvidenceKind<R> {
  /** The rule whose strength-0 hits this kind keeps. */
  readonly rule: string;
  /** The record of a hit of the rule (its facts, and what else the alert hit needs). */
  record(hit: RuleHit): R;
  /** Start of a record's span (epoch ms). */
  from(r: R): number;
  /** End of a record's span: the time of the newest event it holds. */
  to(r: R): number;
  /** Whether two records are the same evidence (the hit's variant): overlapping ones are one record. */
  same(a: R, b: R): boolean;
  /** The variant of the hit a record stands for (what an episode was keyed by). */
  variant(r: R): string;
  /**
   * How an overlapping record of the same evidence is folded into the earlier one, as an episode
   * merges hits: the merged record, or undefined when nothing changed. Without it the later record
   * is a duplicate and dropped.
   */
  merge?(earlier: R, later: R): R | undefined;
  /** The alert hit of a record, as its episode gave it: window, evidence ids in time order, the rule's sentence, facts. */
  alertHit(r: R): AlertHit;
  /** Whether a value read from a checkpoint is a record of this kind. */
  isRecord(x: unknown): x is R;
}

/**
 * Adds a record to an entity's list of one kind unless the list has the same evidence whose span
 * reaches the new one's start — the episode rule for one variant. With `merge`, the overlapping
 * record is replaced by the merged one, moved to the end (its `to` is now the newest). Reads only
 * the records whose span can reach the new one (the list is in `to` order). Returns whether the
 * list changed.
 * @internal
 */
export function addEvidence<R>(kind: EvidenceKind<R>, list: R[], r: R): boolean {
  const from = kind.from(r);
  for (let i = list.length - 1; i >= 0; i--) {
    const old = list[i] as R;
    if (kind.to(old) < from) break;
    if (!kind.same(old, r)) continue;
    if (kind.merge === undefined) return false;
    const merged = kind.merge(old, r);
    if (merged === undefined) return false;
    list.splice(i, 1);
    list.push(merged);
    return true;
  }
  list.push(r);
  return true;
}

/** Whether a record of the list ended before `horizon` (it closes the case like an episode; see `hasEndedBefore`). @internal */
export function evidenceEndedBefore<R>(kind: EvidenceKind<R>, list: readonly R[], horizon: number): boolean {
  for (const r of list) if (kind.to(r) < horizon) return true;
  return false;
}

/** The hit a record stands for, as the rule raised it (with `variant` and the entity), for tests and tools. @internal */
export function evidenceRuleHit<R>(kind: EvidenceKind<R>, r: R, entity: RuleHit['entity']): RuleHit {
  const h = kind.alertHit(r);
  return {
    rule: kind.rule, indicators: h.indicators, entity, strength: 0, window: { from: kind.from(r), to: kind.to(r) },
    transactionIds: h.transactionIds, reason: h.reason, facts: h.facts, variant: kind.variant(r),
  };
}
