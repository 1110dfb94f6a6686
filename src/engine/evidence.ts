import type { RuleHit } from '../rules/types.js';
import type { AlertHit } from '../scoring/alert.js';

/**
 * Strength-0 evidence kept compact. Some rules raise hits that score nothing and are never
 * reported — layering hops, fan legs: evidence the network stage joins into structures. They are
 * frequent (on a Zipf-random bank file one account evaluation in seven finds a hop), and a hit
 * episode costs about 1.1 KB (the hit with its reason, window, evidence list and entity, the episode
 * with its de-duplication map). Such a rule declares an {@link EvidenceKind}: the engine keeps its
 * hits as small records (see {@link Evidence}), and rebuilds the alert hit from a record when
 * an alert is built. The window logic (de-duplication of overlapping hits, merging, the span that
 * closes a case) is written once here, for every kind.
 *
 * Anchor and span: a record added to an entity counts like an episode — it anchors the entity's
 * case when nothing did yet (the alert id: its first transaction id) and its transactions widen the
 * alert's `firstSeen` / `lastSeen` (`seenFrom`, `to`; see `observe` in core.ts and `buildAlert`). A
 * record found again (a duplicate) changes nothing. So every kind behaves as layering hops did.
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
  /**
   * The time of the record's oldest transaction: where it starts an alert's `firstSeen`. The same as
   * `from` unless the span reaches back before its evidence (a broad period spans the lookback it counted).
   */
  seenFrom(r: R): number;
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
  /** The sentence of {@link EvidenceKind.alertHit} alone (it orders records as their hits are ordered). */
  reason(r: R): string;
  /** The record an alert hit of this kind was built from: the inverse of {@link EvidenceKind.alertHit}. */
  recordOfAlertHit(hit: AlertHit): R;
  /** Whether a value read from a checkpoint is a record of this kind. */
  isRecord(x: unknown): x is R;
  /**
   * A cheap test telling this kind's records from every other kind's (a field only they have):
   * records are stored untagged. Not a validation — that is {@link EvidenceKind.isRecord}.
   */
  owns(r: unknown): boolean;
}

/**
 * An entity's compact evidence: its one record itself, or its records in an array, in the order
 * they were found — which is `to` order for every kind at once (each record's `to` is the time of the
 * event that found it). Records are objects, never arrays, and each kind recognises its own
 * ({@link EvidenceKind.owns}), so no tag is stored. Most entities find one record (on the bench
 * file two in three): it costs no array; an array is kept at its exact size while small (a first
 * `push` reserves 17 slots).
 * @internal
 */
export type Evidence = object | object[];

/** Records up to which an array grows by copying (exact size) rather than by `push`. */
const EXACT_RECORDS = 8;

/** The records of an entity's evidence, in the order found (the array itself when it is one). @internal */
export function evidenceRecords(evidence: Evidence): readonly object[] {
  return Array.isArray(evidence) ? evidence : [evidence];
}

/** The index in `kinds` of the kind that owns a record (-1 for none: a corrupt record). @internal */
export function kindOfRecord(kinds: readonly EvidenceKind<unknown>[], r: unknown): number {
  for (let k = 0; k < kinds.length; k++) if ((kinds[k] as EvidenceKind<unknown>).owns(r)) return k;
  return -1;
}

/** The evidence with `r` appended: a copy at its exact size while small, else the array itself, pushed. */
function appended(records: readonly object[], r: object): object[] {
  if (records.length >= EXACT_RECORDS && Array.isArray(records)) {
    (records as object[]).push(r);
    return records as object[];
  }
  const out = new Array<object>(records.length + 1);
  for (let i = 0; i < records.length; i++) out[i] = records[i] as object;
  out[records.length] = r;
  return out;
}

/**
 * Adds a record of kind `k` to an entity's evidence unless it has the same evidence whose span
 * reaches the new one's start — the episode rule for one variant. With `merge`, the overlapping
 * record is replaced by the merged one, moved to the end (its `to` is now the newest). Reads only
 * the records whose span can reach the new one (they are in `to` order). Returns the evidence to
 * keep (the record alone, or an array — a new one while small, so that it stays at its exact size),
 * or undefined when nothing changed.
 * @internal
 */
export function addEvidence(kinds: readonly EvidenceKind<unknown>[], evidence: Evidence | undefined, k: number, r: object): Evidence | undefined {
  if (evidence === undefined) return r;
  const kind = kinds[k] as EvidenceKind<unknown>;
  const from = kind.from(r);
  const records = evidenceRecords(evidence);
  for (let i = records.length - 1; i >= 0; i--) {
    const old = records[i] as object;
    const ok = kindOfRecord(kinds, old);
    if ((kinds[ok] as EvidenceKind<unknown>).to(old) < from) break;
    if (ok !== k || !kind.same(old, r)) continue;
    if (kind.merge === undefined) return undefined;
    const merged = kind.merge(old, r) as object | undefined;
    if (merged === undefined) return undefined;
    if (records.length === 1) return merged;
    const rest = records.filter((_, j) => j !== i);
    return appended(rest, merged);
  }
  return appended(records, r);
}

/** Whether a record ended before `horizon` (it closes the case like an episode; see `hasEndedBefore`). @internal */
export function evidenceEndedBefore(kinds: readonly EvidenceKind<unknown>[], evidence: Evidence, horizon: number): boolean {
  for (const r of evidenceRecords(evidence)) if ((kinds[kindOfRecord(kinds, r)] as EvidenceKind<unknown>).to(r) < horizon) return true;
  return false;
}

/** The records of kind `k`, in the order found. @internal */
export function evidenceOf(kinds: readonly EvidenceKind<unknown>[], evidence: Evidence, k: number): object[] {
  return evidenceRecords(evidence).filter((r) => kindOfRecord(kinds, r) === k);
}

/** The hit a record stands for, as the rule raised it (with `variant` and the entity), for tests and tools. @internal */
export function evidenceRuleHit<R>(kind: EvidenceKind<R>, r: R, entity: RuleHit['entity']): RuleHit {
  const h = kind.alertHit(r);
  return {
    rule: kind.rule, indicators: h.indicators, entity, strength: 0, window: { from: kind.from(r), to: kind.to(r) },
    transactionIds: h.transactionIds, reason: h.reason, facts: h.facts, variant: kind.variant(r),
  };
}
