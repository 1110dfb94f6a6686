import type { Alert, AlertHit } from '../scoring/alert.js';
import { compareText as cmp } from '../_internal/compare-text.js';
import { compareAlertHits } from './build-alert.js';
import type { EvidenceKind } from './evidence.js';
import { EVIDENCE_KINDS, evidenceKindIndex, isEvidenceHit } from './evidence-kinds.js';

/**
 * An entity alert as the network stage reads it: the alert without its strength-0 evidence hits
 * (layering hops, fan legs), and that evidence as the compact records the engine keeps (see
 * evidence.ts). A busy account holds hundreds of legs and hops; as alert hits (each with its window,
 * sentence, ids and facts) they were most of the memory and time of the end of a run, which
 * revived every kept alert at once (4 GB on the 1M-row bench file, against 2.3 GB at the end of its
 * input). The network stage reads only the records' facts. Plain data: it crosses worker threads.
 * @category Engine
 * @example const accounts = scanPartition(txs, options, { index: 0, count: 2 }).candidates.map((c) => c.alert.entity.id);
 */
export interface NetworkCandidate {
  /** The entity alert as reported: without its evidence hits; its score, span and id are the whole alert's. */
  readonly alert: Alert;
  /** The evidence records by kind (in `EVIDENCE_KINDS` order: layering hops, fan legs, cash-site records), each kind's in the order found; absent without any. */
  readonly evidence?: readonly (readonly unknown[])[] | undefined;
}

/**
 * @internal A candidate that reads its records kind by kind when asked (packed-candidates.ts): the
 * network stage reads each kind once per stage, and nothing keeps the records of all candidates at once.
 */
export interface RecordsByKind {
  recordsOf(k: number): readonly unknown[];
  recordCount(k: number): number;
  readonly hasRecords: boolean;
}

const readsByKind = (c: NetworkCandidate): c is NetworkCandidate & RecordsByKind => typeof (c as Partial<RecordsByKind>).recordsOf === 'function';

/** @internal Whether an entity alert can join a network: score > 0 with hits, not itself a network alert (`isNetworkCandidate`). */
export function canJoinNetwork(alert: Alert): boolean {
  return alert.entity.kind !== 'network' && alert.score > 0 && alert.hits.length > 0;
}

/** @internal The records of evidence kind `k` of a candidate (none when it has no evidence). */
export function candidateRecords(c: NetworkCandidate, k: number): readonly unknown[] {
  return readsByKind(c) ? c.recordsOf(k) : c.evidence?.[k] ?? [];
}

/** @internal How many records of evidence kind `k` a candidate has, without parsing packed records. */
export function candidateRecordCount(c: NetworkCandidate, k: number): number {
  return readsByKind(c) ? c.recordCount(k) : c.evidence?.[k]?.length ?? 0;
}

/** @internal Whether a candidate carries evidence records of any kind. */
export function hasEvidenceRecords(c: NetworkCandidate): boolean {
  if (readsByKind(c)) return c.hasRecords;
  return c.evidence !== undefined && c.evidence.some((list) => list.length > 0);
}

/** @internal The rules of the evidence kinds a candidate has records of, in `EVIDENCE_KINDS` order. */
export function evidenceRulesOf(c: NetworkCandidate): string[] {
  const out: string[] = [];
  EVIDENCE_KINDS.forEach((kind, k) => {
    if (candidateRecords(c, k).length > 0) out.push(kind.rule);
  });
  return out;
}

/** @internal The candidate of an alert whose evidence is already split off (`evidence` by kind; empty kinds make none). */
export function candidateOfParts(alert: Alert, evidence: readonly (readonly unknown[])[] | undefined): NetworkCandidate {
  return evidence !== undefined && evidence.some((list) => list.length > 0) ? { alert, evidence } : { alert };
}

/**
 * The candidate of a whole alert (one given to `networkAlerts`, or kept whole in a checkpoint): its
 * evidence hits turned back into records ({@link EvidenceKind.recordOfAlertHit}), in the alert's hit order.
 * @internal
 */
export function candidateOf(alert: Alert): NetworkCandidate {
  if (!alert.hits.some(isEvidenceHit)) return { alert };
  const evidence: unknown[][] = EVIDENCE_KINDS.map(() => []);
  for (const h of alert.hits) {
    if (!isEvidenceHit(h)) continue;
    const k = evidenceKindIndex(h.rule);
    (evidence[k] as unknown[]).push((EVIDENCE_KINDS[k] as EvidenceKind<unknown>).recordOfAlertHit(h));
  }
  return { alert: { ...alert, hits: alert.hits.filter((h) => !isEvidenceHit(h)) }, evidence };
}

/**
 * The whole alert a candidate stands for: its evidence hits rebuilt from the records and put in the
 * alert's order (a stable sort by the alert's comparator), through JSON as a retired alert is (the
 * same values and key order, nothing undefined). For what leaves the engine as an alert: a
 * checkpoint, a candidate published to a log.
 * @internal
 */
export function alertOfCandidate(c: NetworkCandidate): Alert {
  if (c.evidence === undefined) return c.alert;
  const rebuilt: AlertHit[] = [];
  c.evidence.forEach((list, k) => {
    for (const r of list) rebuilt.push((EVIDENCE_KINDS[k] as EvidenceKind<unknown>).alertHit(r));
  });
  const hits = [...c.alert.hits, ...rebuilt].sort(compareAlertHits);
  return JSON.parse(JSON.stringify({ ...c.alert, hits })) as Alert;
}

/**
 * The records of kind `k` of a candidate in the order its alert would list their hits (by the
 * alert's hit comparator: span start, then sentence; ties in the order found): the order the
 * network stage read them in when it read alert hits, which decides which of two equal paths it names.
 * @internal
 */
export function recordsInAlertOrder(c: NetworkCandidate, k: number): readonly unknown[] {
  const list = candidateRecords(c, k);
  if (list.length < 2) return list;
  const kind = EVIDENCE_KINDS[k] as EvidenceKind<unknown>;
  // The sentence only breaks ties of the span start: built when two records start together, once each.
  const keyed = list.map((r) => ({ r, from: kind.from(r), reason: undefined as string | undefined }));
  const reason = (x: { r: unknown; reason: string | undefined }): string => (x.reason ??= kind.reason(x.r));
  keyed.sort((a, b) => a.from - b.from || cmp(reason(a), reason(b)));
  return keyed.map((x) => x.r);
}
