import type { Alert } from '../scoring/alert.js';
import type { EntityKind } from '../rules/types.js';
import { canJoinNetwork, type NetworkCandidate, type RecordsByKind } from './network-candidate.js';
import { EVIDENCE_KINDS } from './evidence-kinds.js';
import type { PartitionScan } from './partitioned-scan.js';
import { compareText } from '../_internal/compare-text.js';

/**
 * A partition's network candidates as they cross from a worker thread to the merge, and wait there
 * for the last round: each alert and each kind of its evidence records as UTF-8 JSON bytes, and
 * beside them what the network stage reads of every candidate (entity, alert id, whether it
 * scores, whether it has records). On the 1M-row
 * bench file a run holds about 400k candidates and only about 5 % score; the others are there for
 * their fan legs and hops, and the network stage reads their alerts only when a structure makes the
 * account a member. Kept as objects (the structured clone of the candidates, then their strings
 * shared), the candidates were most of the main thread's heap by the last round (557 MB).
 * Plain data: it crosses threads as it is (the byte arrays can be transferred).
 * @internal
 */
export interface PackedCandidates {
  /** Per candidate: entity kind, entity id, alert id, whether the alert can join a network (score > 0 with hits), how many kinds of evidence it has (0: none), whether any records. As JSON. */
  readonly heads: string;
  /** Per candidate, one after another, as UTF-8 JSON: the alert, then its records of each of the `EVIDENCE_KINDS` (empty when none). */
  readonly bodies: Uint8Array;
  /** Segment `s` is `bodies[offsets[s], offsets[s + 1])`; candidate `i`'s are `i × (1 + EVIDENCE_KINDS.length)` on. */
  readonly offsets: Uint32Array;
}

/** What the network stage reads of every candidate without its alert (see {@link PackedCandidates.heads}). */
type Head = [kind: EntityKind | 'network', id: string, alertId: string, scored: 0 | 1, kinds: number, records: 0 | 1];

/** Segments per candidate: its alert and each evidence kind. */
const SEGMENTS = 1 + EVIDENCE_KINDS.length;


/** @internal Packs candidates for {@link unpackCandidates}; the order is kept. */
export function packCandidates(list: readonly NetworkCandidate[]): PackedCandidates {
  const encoder = new TextEncoder();
  const heads: Head[] = [];
  const chunks: Uint8Array[] = [];
  const offsets = new Uint32Array(list.length * SEGMENTS + 1);
  let size = 0;
  const add = (bytes: Uint8Array): void => {
    chunks.push(bytes);
    size += bytes.length;
    if (size > 0xffff_ffff) throw new RangeError('network candidates of one partition exceed 4 GB');
    offsets[chunks.length] = size;
  };
  const none = new Uint8Array(0);
  for (const c of list) {
    const a = c.alert;
    const evidence = c.evidence;
    if (evidence !== undefined && evidence.length !== EVIDENCE_KINDS.length) throw new RangeError(`a network candidate's evidence has ${evidence.length} kinds, not ${EVIDENCE_KINDS.length}`);
    const records = evidence !== undefined && evidence.some((r) => r.length > 0);
    heads.push([a.entity.kind, a.entity.id, a.id, canJoinNetwork(a) ? 1 : 0, evidence?.length ?? 0, records ? 1 : 0]);
    add(encoder.encode(JSON.stringify(a)));
    for (let k = 0; k < EVIDENCE_KINDS.length; k++) {
      const kind = evidence?.[k];
      add(kind === undefined || kind.length === 0 ? none : encoder.encode(JSON.stringify(kind)));
    }
  }
  const bodies = new Uint8Array(size);
  chunks.forEach((b, i) => bodies.set(b, offsets[i] as number));
  return { heads: JSON.stringify(heads), bodies, offsets };
}

/**
 * A candidate read back from {@link PackedCandidates}: entity, alert id and joinability at once;
 * the alert parsed when first read (and kept); the records of a kind parsed each time they are read
 * and not kept, so that the network stage holds one kind of one stage at a time, not every
 * candidate's records. Equal, field by field, to the candidate packed — through JSON, as a candidate
 * crossing a thread or a checkpoint is.
 * @internal
 */
export class PackedCandidate implements NetworkCandidate, RecordsByKind {
  readonly kind: EntityKind | 'network';
  readonly id: string;
  readonly alertId: string;
  /** Whether the alert can join a network (`isNetworkCandidate`). */
  readonly scored: boolean;
  readonly hasRecords: boolean;
  /** All evidence records by kind, parsed at each read; absent without any (as on the candidate packed). */
  declare readonly evidence?: readonly (readonly unknown[])[];
  readonly #kinds: number;
  #alert: Alert | undefined;
  readonly #bodies: Uint8Array;
  readonly #offsets: Uint32Array;
  readonly #at: number;

  constructor(head: Head, bodies: Uint8Array, offsets: Uint32Array, at: number) {
    [this.kind, this.id, this.alertId] = head;
    this.scored = head[3] === 1;
    this.#kinds = head[4];
    this.hasRecords = head[5] === 1;
    this.#bodies = bodies;
    this.#offsets = offsets;
    this.#at = at;
    if (this.#kinds > 0) Object.defineProperty(this, 'evidence', { enumerable: true, get: () => Array.from({ length: this.#kinds }, (_, k) => this.recordsOf(k)) });
  }

  #segment(s: number): string {
    return DECODER.decode(this.#bodies.subarray(this.#offsets[this.#at + s], this.#offsets[this.#at + s + 1]));
  }

  /** The alert, parsed at the first read. */
  get alert(): Alert {
    return (this.#alert ??= JSON.parse(this.#segment(0)) as Alert);
  }

  /** The records of evidence kind `k`, parsed at each read. */
  recordsOf(k: number): readonly unknown[] {
    if (k < 0 || k >= this.#kinds) return [];
    const text = this.#segment(1 + k);
    return text === '' ? [] : (JSON.parse(text) as unknown[]);
  }
}

const DECODER = new TextDecoder();

/** @internal The candidates of {@link packCandidates}, in their order; alerts and records are parsed only when read. */
export function unpackCandidates(p: PackedCandidates): PackedCandidate[] {
  const heads = JSON.parse(p.heads) as Head[];
  if (p.offsets.length !== heads.length * SEGMENTS + 1) throw new RangeError('packed network candidates: the parts do not agree in length');
  return heads.map((h, i) => new PackedCandidate(h, p.bodies, p.offsets, i * SEGMENTS));
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
  return c instanceof PackedCandidate ? c.scored : canJoinNetwork(c.alert);
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
