import type { Alert } from '../scoring/alert.js';
import type { EntityKind } from '../rules/types.js';
import { canJoinNetwork, type NetworkCandidate, type RecordsByKind } from './network-candidate.js';
import { linksOfAlert, type AlertLinks } from './alert-links.js';
import { EVIDENCE_KINDS } from './evidence-kinds.js';
import type { PartitionScan } from './partitioned-scan.js';
import { compareText } from '../_internal/compare-text.js';
import { lowerBound } from '../_internal/lower-bound.js';

/**
 * A partition's network candidates as they cross from a worker thread to the merge, and wait there
 * for the last round: each alert and each kind of its evidence records as UTF-8 JSON bytes, and
 * beside them what the network stage reads of every candidate (entity, alert id, whether it
 * scores, whether it has records). On the 1M-row
 * bench file a run holds about 400k candidates and only about 5 % score; the others are there for
 * their fan legs and hops, and the network stage reads their alerts only when a structure makes the
 * account a member. Kept as objects (the structured clone of the candidates, then their strings
 * shared), the candidates were most of the main thread's heap by the last round (557 MB).
 *
 * Two things keep the bytes small. An evidence-only account's alert is the same for every such
 * account but for its id, entity and span (no hits, score 0): it is packed once, as `template`,
 * and each candidate keeps only its span (`spans`); a candidate whose alert differs from the
 * template in anything else keeps its own. A kind's records come in a few shapes (the same fields in
 * the same order): each is packed as its shape's index and its values, the field names once in `shapes`. Both are
 * checked as they are packed (the rebuilt JSON must equal the candidate's own), so what is read
 * back is always the candidate packed, through JSON.
 * Plain data: it crosses threads as it is (the byte arrays can be transferred).
 * @internal
 */
export interface PackedCandidates {
  /** Per candidate: entity kind, entity id, alert id, whether the alert can join a network (score > 0 with hits), how many kinds of evidence it has (0: none), then the number of records of each kind. As JSON. */
  readonly heads: string;
  /**
   * Per candidate, one after another, as UTF-8 JSON: the alert (empty when it is the template's),
   * then its records of each of the `EVIDENCE_KINDS` (empty when none). In blocks of at most
   * about 1 MB (a longer segment has a block of its own), each segment within one block: one array
   * of a partition's bodies was several megabytes, and glibc's allocator, once such a buffer is
   * freed, keeps every arena's free memory up to twice its size (its mmap threshold rises to it).
   */
  readonly bodies: readonly Uint8Array[];
  /** Segment `s` is bytes `offsets[s]` … `offsets[s + 1] − 1` of the blocks of `bodies` laid end to end; candidate `i`'s are `i × (1 + EVIDENCE_KINDS.length)` on. */
  readonly offsets: Uint32Array;
  /** The evidence-only alert candidates share, as JSON (empty when none does). */
  readonly template: string;
  /** Per candidate, `firstSeen` and `lastSeen` (epoch ms) of an alert packed as the template; unused for the others. */
  readonly spans: Float64Array;
  /** Per evidence kind, the shapes of its records (each a list of field names, in order), as JSON: a record is packed as its shape's index and its values. */
  readonly shapes: string;
}

/** What the network stage reads of every candidate without its alert (see {@link PackedCandidates.heads}), then how many records of each evidence kind it has. */
type Head = [kind: EntityKind | 'network', id: string, alertId: string, scored: 0 | 1, kinds: number, ...counts: number[]];

/** Segments per candidate: its alert and each evidence kind. */
const SEGMENTS = 1 + EVIDENCE_KINDS.length;

/** The alert of `template` for another entity and span: the JSON of what an evidence-only candidate packed as the template reads back as. */
function fromTemplate(template: Alert, kind: EntityKind | 'network', id: string, alertId: string, firstSeen: number, lastSeen: number): Alert {
  return { ...template, id: alertId, entity: { kind, id }, firstSeen: new Date(firstSeen).toISOString(), lastSeen: new Date(lastSeen).toISOString() } as Alert;
}

/** The field names of a record, when it can be packed as the array of its values (a plain object of defined values). */
function fieldsOf(r: unknown): string[] | undefined {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
  const keys = Object.keys(r);
  return keys.every((k) => (r as Record<string, unknown>)[k] !== undefined) ? keys : undefined;
}

/** A record as an array: the index of its shape (field names in order) among its kind's, then its values; `[-1, record]` when it has no shape. */
function recordRow(r: unknown, shapes: string[][], shapeIndex: Map<string, number>): unknown[] {
  const fields = fieldsOf(r);
  if (fields === undefined) return [-1, r];
  const key = fields.join('\u0000');
  let shape = shapeIndex.get(key);
  if (shape === undefined) {
    shape = shapes.length;
    shapes.push(fields);
    shapeIndex.set(key, shape);
  }
  const row: unknown[] = [shape];
  for (const f of fields) row.push((r as Record<string, unknown>)[f]);
  return row;
}

/** The record of a {@link recordRow}. */
function rowRecord(row: readonly unknown[], shapes: readonly (readonly string[])[]): unknown {
  const shape = row[0] as number;
  if (shape < 0) return row[1];
  const fields = shapes[shape] as readonly string[];
  const r: Record<string, unknown> = {};
  for (let j = 0; j < fields.length; j++) r[fields[j] as string] = row[j + 1];
  return r;
}

/** @internal Packs candidates for {@link unpackCandidates}; the order is kept. */
export function packCandidates(list: Iterable<NetworkCandidate>): PackedCandidates {
  const packer = createCandidatePacker();
  for (const c of list) packer.add(c);
  return packer.done();
}

/**
 * @internal Packs candidates one at a time, as they are built ({@link packCandidates} over a list):
 * `add` each, then `done` once for the {@link PackedCandidates} in the order added. A scan worker
 * packs its partition's candidates so as its core finishes them, never holding all of them as
 * objects (on the 1M-row bench file about 12k a partition, most of its heap at the end).
 */
export interface CandidatePacker {
  add(candidate: NetworkCandidate): void;
  done(): PackedCandidates;
}

/** @internal A new, empty {@link CandidatePacker}. */
export function createCandidatePacker(): CandidatePacker {
  const encoder = new TextEncoder();
  const heads: Head[] = [];
  let offsets = new Uint32Array(1024 * SEGMENTS + 1);
  let spans = new Float64Array(1024 * 2);
  const shapes: string[][][] = EVIDENCE_KINDS.map(() => []);
  const shapeIndex = EVIDENCE_KINDS.map(() => new Map<string, number>());
  let template: Alert | undefined;
  // The segments are encoded into blocks of BLOCK bytes (a longer segment gets a block of its own),
  // joined once at the end: a byte array per segment was over a million small allocations per
  // partition on the 1M-row bench file, and a buffer grown by doubling left blocks of every size
  // in the worker's allocator, which kept them.
  const blocks: Uint8Array[] = [];
  let block = new Uint8Array(0);
  let used = 0;
  let size = 0;
  let segments = 0;
  let done = false;
  const add = (json: string): void => {
    if (json !== '') {
      const most = 3 * json.length; // UTF-8 bytes of a UTF-16 string, at most
      if (most > BLOCK) {
        // A long segment: a block of its own, of its exact size.
        if (used > 0) blocks.push(block.subarray(0, used));
        block = new Uint8Array(0);
        used = 0;
        const bytes = encoder.encode(json);
        blocks.push(bytes);
        size += bytes.length;
      } else {
        if (used + most > block.length) {
          if (used > 0) blocks.push(block.subarray(0, used));
          block = new Uint8Array(BLOCK);
          used = 0;
        }
        const written = encoder.encodeInto(json, block.subarray(used)).written;
        used += written;
        size += written;
      }
      if (size > 0xffff_ffff) throw new RangeError('network candidates of one partition exceed 4 GB');
    }
    offsets[++segments] = size;
  };
  return {
    add(c) {
      if (done) throw new Error('the candidates are packed already');
      const i = heads.length;
      if ((i + 1) * SEGMENTS + 1 > offsets.length) {
        const grown = new Uint32Array(2 * offsets.length);
        grown.set(offsets);
        offsets = grown;
        const grownSpans = new Float64Array(2 * spans.length);
        grownSpans.set(spans);
        spans = grownSpans;
      }
      const a = c.alert;
      const evidence = c.evidence;
      if (evidence !== undefined && evidence.length !== EVIDENCE_KINDS.length) throw new RangeError(`a network candidate's evidence has ${evidence.length} kinds, not ${EVIDENCE_KINDS.length}`);
      heads.push([a.entity.kind, a.entity.id, a.id, canJoinNetwork(a) ? 1 : 0, evidence?.length ?? 0, ...(evidence ?? []).map((list) => list.length)]);
      const json = JSON.stringify(a);
      if (a.hits.length === 0) template ??= JSON.parse(json) as Alert;
      const first = Date.parse(a.firstSeen);
      const last = Date.parse(a.lastSeen);
      const shared = template !== undefined && a.hits.length === 0 && JSON.stringify(fromTemplate(template, a.entity.kind, a.entity.id, a.id, first, last)) === json;
      if (shared) {
        spans[2 * i] = first;
        spans[2 * i + 1] = last;
      }
      add(shared ? '' : json);
      for (let k = 0; k < EVIDENCE_KINDS.length; k++) {
        const kind = evidence?.[k];
        add(kind === undefined || kind.length === 0 ? '' : JSON.stringify(kind.map((r) => recordRow(r, shapes[k] as string[][], shapeIndex[k] as Map<string, number>))));
      }
    },
    done() {
      if (done) throw new Error('the candidates are packed already');
      done = true;
      if (used > 0) blocks.push(block.subarray(0, used));
      const n = heads.length;
      return {
        heads: JSON.stringify(heads),
        bodies: blocks,
        offsets: offsets.slice(0, n * SEGMENTS + 1),
        template: template === undefined ? '' : JSON.stringify(template),
        spans: spans.slice(0, n * 2),
        shapes: JSON.stringify(shapes),
      };
    },
  };
}

/** Bytes of a {@link createCandidatePacker} block: the segments of many candidates. */
const BLOCK = 1 << 20;

/**
 * @internal Reads bytes `start` … `end − 1` of a pack's bodies as text: from the array itself, or
 * from wherever the bodies were put to wait for the merge (the CLI writes them to its temporary
 * directory between rounds: candidate-file.ts).
 */
export type BodyReader = (start: number, end: number) => string;

/** @internal The total length of a pack's bodies (its blocks laid end to end). */
export function bodiesLength(bodies: readonly Uint8Array[]): number {
  let n = 0;
  for (const b of bodies) n += b.length;
  return n;
}

/** The {@link BodyReader} of bodies held in memory: a segment lies within one block. */
function readBodies(bodies: readonly Uint8Array[]): BodyReader {
  const starts = new Float64Array(bodies.length + 1);
  bodies.forEach((b, i) => (starts[i + 1] = (starts[i] as number) + b.length));
  return (start, end) => {
    if (start === end) return '';
    // The last block starting at or before `start` (binary search over the block starts).
    const lo = Math.max(0, lowerBound(1, bodies.length, (i) => (starts[i] as number) <= start) - 1);
    const from = starts[lo] as number;
    const block = bodies[lo];
    if (block === undefined || start < from || end > from + block.length) throw new RangeError(`bytes ${start}…${end} are not within one block of the packed bodies`);
    return DECODER.decode(block.subarray(start - from, end - from));
  };
}

/** What the candidates of one {@link PackedCandidates} read their alerts and records from. */
interface Pack {
  readonly text: BodyReader;
  readonly offsets: Uint32Array;
  readonly spans: Float64Array;
  readonly template: string;
  readonly shapes: readonly (readonly (readonly string[])[])[];
  /**
   * Per candidate, {@link COUNTS_STRIDE} entries: how many kinds of evidence it has, then its number
   * of records of each kind (a typed array for the pack, not an array per candidate: on the 1M-row
   * bench file the merge holds about 400k candidates).
   */
  readonly counts: Int32Array;
}

/** Entries per candidate in {@link Pack.counts}. */
const COUNTS_STRIDE = 1 + EVIDENCE_KINDS.length;

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
  #alert: Alert | undefined;
  readonly #pack: Pack;
  /** The candidate's index in its pack. */
  readonly #index: number;

  constructor(head: Head, pack: Pack, index: number) {
    // One string per entity kind, not one per candidate (JSON.parse gives each value its own).
    this.kind = head[0] === 'account' ? 'account' : head[0] === 'party' ? 'party' : head[0];
    this.id = head[1];
    this.alertId = head[2];
    this.scored = head[3] === 1;
    this.#pack = pack;
    this.#index = index;
  }

  /** Whether it has evidence records of any kind. */
  get hasRecords(): boolean {
    const { counts } = this.#pack;
    const at = this.#index * COUNTS_STRIDE;
    for (let k = 1; k <= (counts[at] as number); k++) if ((counts[at + k] as number) > 0) return true;
    return false;
  }

  #segment(s: number): string {
    const at = this.#index * SEGMENTS + s;
    const start = this.#pack.offsets[at] as number;
    const end = this.#pack.offsets[at + 1] as number;
    return start === end ? '' : this.#pack.text(start, end);
  }

  /** The alert, parsed at the first read. */
  get alert(): Alert {
    return (this.#alert ??= this.readAlert());
  }

  /**
   * The alert as {@link PackedCandidate.alert} gives it, parsed afresh unless already kept, and not
   * kept: for a pass over every candidate that needs their alerts only while it runs (on the 1M-row
   * bench file the network stage's components pass reads 18k alerts, about 40 MB, that the
   * layering stage after it must not still hold).
   */
  readAlert(): Alert {
    if (this.#alert !== undefined) return this.#alert;
    const own = this.#segment(0);
    const { spans, template } = this.#pack;
    return own === '' ? fromTemplate(JSON.parse(template) as Alert, this.kind, this.id, this.alertId, spans[2 * this.#index] as number, spans[2 * this.#index + 1] as number) : (JSON.parse(own) as Alert);
  }

  /** What the components pass reads of the alert ({@link AlertLinks}): the kept alert, else a parse of which only the links are kept. */
  readLinks(): AlertLinks {
    return this.#alert ?? linksOfAlert(this.readAlert());
  }

  /** How many kinds of evidence it has (0: none; then {@link EVIDENCE_KINDS}' length). */
  get #kinds(): number {
    return this.#pack.counts[this.#index * COUNTS_STRIDE] as number;
  }

  /** All evidence records by kind, parsed at each read; undefined without any (as on the candidate packed). */
  get evidence(): readonly (readonly unknown[])[] | undefined {
    const kinds = this.#kinds;
    return kinds === 0 ? undefined : Array.from({ length: kinds }, (_, k) => this.recordsOf(k));
  }

  /** How many records of evidence kind `k` the candidate has, without reading them. */
  recordCount(k: number): number {
    return k < 0 || k >= this.#kinds ? 0 : (this.#pack.counts[this.#index * COUNTS_STRIDE + 1 + k] as number);
  }

  /** The records of evidence kind `k`, parsed at each read. */
  recordsOf(k: number): readonly unknown[] {
    if (k < 0 || k >= this.#kinds) return [];
    const text = this.#segment(1 + k);
    if (text === '') return [];
    const shapes = this.#pack.shapes[k] as readonly (readonly string[])[];
    return (JSON.parse(text) as unknown[][]).map((row) => rowRecord(row, shapes));
  }
}

const DECODER = new TextDecoder();

/**
 * @internal The candidates of {@link packCandidates}, in their order; alerts and records are parsed
 * only when read, from `text` when given (the bodies moved out of memory), else from `p.bodies`.
 */
export function unpackCandidates(p: PackedCandidates, text: BodyReader = readBodies(p.bodies)): PackedCandidate[] {
  const heads = JSON.parse(p.heads) as Head[];
  if (p.offsets.length !== heads.length * SEGMENTS + 1 || p.spans.length !== heads.length * 2) throw new RangeError('packed network candidates: the parts do not agree in length');
  const counts = new Int32Array(heads.length * COUNTS_STRIDE);
  heads.forEach((h, i) => {
    const kinds = h[4];
    if (kinds !== 0 && kinds !== EVIDENCE_KINDS.length) throw new RangeError(`packed network candidates: a candidate has ${kinds} evidence kinds, not ${EVIDENCE_KINDS.length}`);
    counts[i * COUNTS_STRIDE] = kinds;
    for (let k = 0; k < kinds; k++) counts[i * COUNTS_STRIDE + 1 + k] = h[5 + k] as number;
  });
  const pack: Pack = { text, offsets: p.offsets, spans: p.spans, template: p.template, shapes: JSON.parse(p.shapes) as string[][][], counts };
  return heads.map((h, i) => new PackedCandidate(h, pack, i));
}

/** @internal The entity of a candidate, without parsing a packed alert. */
export function candidateEntity(c: NetworkCandidate): { readonly kind: EntityKind | 'network'; readonly id: string } {
  return c instanceof PackedCandidate ? c : c.alert.entity;
}

/** @internal A candidate's alert, parsed but not kept when it is packed (see {@link PackedCandidate.readAlert}). */
export function readCandidateAlert(c: NetworkCandidate): Alert {
  return c instanceof PackedCandidate ? c.readAlert() : c.alert;
}

/**
 * @internal What the components pass reads of a candidate's alert ({@link AlertLinks}): a packed
 * alert not already kept is parsed and only its links are kept; any other is read as it is.
 */
export function readCandidateLinks(c: NetworkCandidate): AlertLinks {
  return c instanceof PackedCandidate ? c.readLinks() : c.alert;
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
  return packedScan(scan, packCandidates(scan.candidates));
}

/** @internal {@link packPartitionScan} of a scan whose candidates were packed as they were built ({@link createCandidatePacker}); its own list is left out. */
export function packedScan(scan: PartitionScan, candidates: PackedCandidates): { packed: PackedPartitionScan; transfer: ArrayBuffer[] } {
  // Each block has a buffer of its own (the packer allocates one per block), as do the offsets and spans (slices).
  const transfer = [...candidates.bodies.map((b) => b.buffer as ArrayBuffer), candidates.offsets.buffer as ArrayBuffer, candidates.spans.buffer as ArrayBuffer];
  return { packed: { ...scan, candidates }, transfer };
}

/** @internal The scan of {@link packPartitionScan}, its candidates' alerts parsed when read (from `text` when given, see {@link unpackCandidates}). */
export function unpackPartitionScan(scan: PackedPartitionScan, text?: BodyReader): PartitionScan {
  return { ...scan, candidates: unpackCandidates(scan.candidates, text) };
}
