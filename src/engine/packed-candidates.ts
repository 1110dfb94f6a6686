import type { Alert } from '../scoring/alert.js';
import type { EntityKind } from '../rules/types.js';
import type { NetworkCandidate } from './network-candidate.js';
import type { PartitionScan } from './partitioned-scan.js';
import { compareText } from '../_internal/compare-text.js';

/**
 * A partition's network candidates as they cross from a worker thread to the merge, and wait there
 * for the last round: each alert as UTF-8 JSON bytes, and beside them what the network stage reads
 * of every candidate (entity, alert id, whether it scores) and the evidence records. On the 1M-row
 * bench file a run holds about 400k candidates and only about 5 % score; the others are there for
 * their fan legs and hops, and the network stage reads their alerts only when a structure makes the
 * account a member. Kept as objects (the structured clone of the candidates, then their strings
 * shared), the candidates were most of the main thread's heap by the last round (557 MB).
 * Plain data: it crosses threads as it is (the byte arrays can be transferred).
 * @internal
 */
export interface PackedCandidates {
  /** Per candidate: entity kind, entity id, alert id, whether the alert can join a network (score > 0 with hits). As JSON. */
  readonly heads: string;
  /** The alerts, one after another, as UTF-8 JSON. */
  readonly bodies: Uint8Array;
  /** Candidate `i`'s alert is `bodies[offsets[i], offsets[i + 1])`. */
  readonly offsets: Uint32Array;
  /** Per candidate: its evidence records by kind, or 0 without any. As JSON. */
  readonly evidence: string;
}

/** What the network stage reads of every candidate without its alert (see {@link PackedCandidates.heads}). */
type Head = [kind: EntityKind | 'network', id: string, alertId: string, scored: 0 | 1];

/** Whether an alert can join a network: the test of `isNetworkCandidate` (network.ts), here to keep this module free of the network stage. */
const canJoin = (a: Alert): boolean => a.entity.kind !== 'network' && a.score > 0 && a.hits.length > 0;

/** @internal Packs candidates for {@link unpackCandidates}; the order is kept. */
export function packCandidates(list: readonly NetworkCandidate[]): PackedCandidates {
  const encoder = new TextEncoder();
  const heads: Head[] = [];
  const evidence: (readonly (readonly unknown[])[] | 0)[] = [];
  const chunks: Uint8Array[] = [];
  const offsets = new Uint32Array(list.length + 1);
  let size = 0;
  list.forEach((c, i) => {
    const a = c.alert;
    heads.push([a.entity.kind, a.entity.id, a.id, canJoin(a) ? 1 : 0]);
    evidence.push(c.evidence ?? 0);
    const bytes = encoder.encode(JSON.stringify(a));
    chunks.push(bytes);
    size += bytes.length;
    if (size > 0xffff_ffff) throw new RangeError('network candidates of one partition exceed 4 GB');
    offsets[i + 1] = size;
  });
  const bodies = new Uint8Array(size);
  chunks.forEach((b, i) => bodies.set(b, offsets[i] as number));
  return { heads: JSON.stringify(heads), bodies, offsets, evidence: JSON.stringify(evidence) };
}

/**
 * A candidate read back from {@link PackedCandidates}: entity, alert id and evidence at once, the
 * alert parsed when first read (and kept). Equal, field by field, to the candidate packed — through
 * JSON, as a candidate crossing a thread or a checkpoint is.
 * @internal
 */
export class PackedCandidate implements NetworkCandidate {
  readonly kind: EntityKind | 'network';
  readonly id: string;
  readonly alertId: string;
  /** Whether the alert can join a network (`isNetworkCandidate`). */
  readonly scored: boolean;
  readonly evidence?: readonly (readonly unknown[])[];
  #alert: Alert | undefined;
  readonly #bodies: Uint8Array;
  readonly #from: number;
  readonly #to: number;

  constructor(head: Head, evidence: readonly (readonly unknown[])[] | 0, bodies: Uint8Array, from: number, to: number) {
    [this.kind, this.id, this.alertId] = head;
    this.scored = head[3] === 1;
    if (evidence !== 0) this.evidence = evidence;
    this.#bodies = bodies;
    this.#from = from;
    this.#to = to;
  }

  /** The alert, parsed at the first read. */
  get alert(): Alert {
    return (this.#alert ??= JSON.parse(DECODER.decode(this.#bodies.subarray(this.#from, this.#to))) as Alert);
  }
}

const DECODER = new TextDecoder();

/** @internal The candidates of {@link packCandidates}, in their order; each alert is parsed only when read. */
export function unpackCandidates(p: PackedCandidates): PackedCandidate[] {
  const heads = JSON.parse(p.heads) as Head[];
  const evidence = JSON.parse(p.evidence) as (readonly (readonly unknown[])[] | 0)[];
  if (heads.length !== evidence.length || p.offsets.length !== heads.length + 1) throw new RangeError('packed network candidates: the parts do not agree in length');
  return heads.map((h, i) => new PackedCandidate(h, evidence[i] as readonly (readonly unknown[])[] | 0, p.bodies, p.offsets[i] as number, p.offsets[i + 1] as number));
}

/** @internal The entity of a candidate, without parsing a packed alert. */
export function candidateEntity(c: NetworkCandidate): { readonly kind: EntityKind | 'network'; readonly id: string } {
  return c instanceof PackedCandidate ? c : c.alert.entity;
}

/** @internal The alert id of a candidate, without parsing a packed alert. */
export function candidateAlertId(c: NetworkCandidate): string {
  return c instanceof PackedCandidate ? c.alertId : c.alert.id;
}

/** @internal Candidates by entity id, then alert id (the network stage's order of reading them), without parsing packed alerts. */
export function compareCandidates(a: NetworkCandidate, b: NetworkCandidate): number {
  return compareText(candidateEntity(a).id, candidateEntity(b).id) || compareText(candidateAlertId(a), candidateAlertId(b));
}

/** @internal Whether a candidate's alert can join a network (`isNetworkCandidate`), without parsing a packed alert. */
export function candidateCanJoin(c: NetworkCandidate): boolean {
  return c instanceof PackedCandidate ? c.scored : canJoin(c.alert);
}

/** @internal A {@link PartitionScan} whose candidates are packed, as a scan worker posts it. */
export type PackedPartitionScan = Omit<PartitionScan, 'candidates'> & { readonly candidates: PackedCandidates };

/** @internal A partition's scan with its candidates packed; `transfer` lists the buffers a thread can hand over without copying. */
export function packPartitionScan(scan: PartitionScan): { packed: PackedPartitionScan; transfer: ArrayBuffer[] } {
  const candidates = packCandidates(scan.candidates);
  return { packed: { ...scan, candidates }, transfer: [candidates.bodies.buffer as ArrayBuffer, candidates.offsets.buffer as ArrayBuffer] };
}

/** @internal The scan of {@link packPartitionScan}, its candidates' alerts parsed when read. */
export function unpackPartitionScan(scan: PackedPartitionScan): PartitionScan {
  return { ...scan, candidates: unpackCandidates(scan.candidates) };
}
