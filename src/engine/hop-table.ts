import { evidenceKindIndex } from './evidence-kinds.js';
import { candidateRecordCount, recordsInAlertOrder, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity, compareCandidates } from './packed-candidates.js';
import { compareText as cmp } from '../_internal/compare-text.js';

/** @internal One hop as a member's `layering_hop` hit states it: received from `from` (inTx), paid `to` (outTx). */
export interface Hop {
  readonly account: string;
  readonly inAmount: number;
  readonly outAmount: number;
  readonly from: string;
  readonly to: string;
  readonly inTx: string;
  readonly outTx: string;
  readonly inTs: number;
  readonly outTs: number;
  /** Counterparties the account had seen at least twice (its settled relations) when the hop was found. */
  readonly known: number;
}

/** @internal Index of the hop records in a candidate's evidence. */
export const HOPS = evidenceKindIndex('layering_hop');

/** @internal Whether an evidence record reads as a hop: the accounts and transactions named (the numbers are read as given). */
export function isHopRecord(r: unknown): r is Record<string, unknown> & { from: string; to: string; inTx: string; outTx: string } {
  const f = r as Record<string, unknown>;
  return typeof f['from'] === 'string' && typeof f['to'] === 'string' && typeof f['inTx'] === 'string' && typeof f['outTx'] === 'string';
}

/** The hops of an account's candidate, in the order its alert lists their hits (which decides which of two equal paths is named). */
function hopsOf(c: NetworkCandidate): Hop[] {
  const entity = candidateEntity(c);
  if (entity.kind !== 'account') return [];
  const out: Hop[] = [];
  for (const f of recordsInAlertOrder(c, HOPS)) {
    if (!isHopRecord(f)) continue;
    out.push({
      account: entity.id, inAmount: Number(f['inAmount']), outAmount: Number(f['outAmount']), from: f['from'], to: f['to'], inTx: f['inTx'], outTx: f['outTx'],
      inTs: Number(f['inTs']), outTs: Number(f['outTs']), known: typeof f['known'] === 'number' ? f['known'] : 0,
    });
  }
  return out;
}

/**
 * @internal The hops of a run as columns, in candidate order (by account id, so each account's hops
 * are one contiguous run; within a candidate, in its alert's hit order). Accounts are numbered in id
 * order, so comparing numbers compares ids. A hop's transaction ids are not kept: {@link hopAt}
 * reads them again from its candidate, which the layering stage needs only for the hops on a
 * structure's path. On the 1M-row bench file a run holds hundreds of thousands of hops; as objects
 * with their ids (and the edges between them as maps of objects) they were the largest part of the
 * merge's memory.
 */
export interface HopTable {
  /** Account ids by number, in id order. */
  readonly names: readonly string[];
  /** The number of an account id. */
  readonly numberOf: ReadonlyMap<string, number>;
  readonly count: number;
  readonly account: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly inAmount: Float64Array;
  readonly outAmount: Float64Array;
  readonly inTs: Float64Array;
  readonly outTs: Float64Array;
  /** 1 when the account had a settled relation when the hop was found. */
  readonly known: Uint8Array;
  /** The candidate (index into `candidates`) a hop is read from, and its place among that candidate's hops. */
  readonly source: Int32Array;
  readonly place: Int32Array;
  /** The candidates in the network stage's order (by entity id, then alert id). */
  readonly candidates: readonly NetworkCandidate[];
}

/** Columns for `capacity` hops. */
function columns(capacity: number) {
  return {
    account: new Int32Array(capacity), from: new Int32Array(capacity), to: new Int32Array(capacity),
    inAmount: new Float64Array(capacity), outAmount: new Float64Array(capacity), inTs: new Float64Array(capacity), outTs: new Float64Array(capacity),
    known: new Uint8Array(capacity), source: new Int32Array(capacity), place: new Int32Array(capacity),
  };
}

/** @internal The {@link HopTable} of a run's candidates (any order). */
export function hopTable(all: readonly NetworkCandidate[]): HopTable {
  const candidates = [...all].sort(compareCandidates);
  // Ids numbered as first seen, renumbered in id order at the end.
  const seen = new Map<string, number>();
  const firstSeen: string[] = [];
  const number = (id: string): number => {
    let n = seen.get(id);
    if (n === undefined) {
      n = firstSeen.length;
      seen.set(id, n);
      firstSeen.push(id);
    }
    return n;
  };
  // Sized once from the records' count (packed candidates know it without parsing): at most one hop per record.
  let capacity = 0;
  for (const candidate of candidates) if (candidateEntity(candidate).kind === 'account') capacity += candidateRecordCount(candidate, HOPS);
  const c = columns(capacity);
  let n = 0;
  candidates.forEach((candidate, ci) => {
    hopsOf(candidate).forEach((h, place) => {
      c.account[n] = number(h.account);
      c.from[n] = number(h.from);
      c.to[n] = number(h.to);
      c.inAmount[n] = h.inAmount;
      c.outAmount[n] = h.outAmount;
      c.inTs[n] = h.inTs;
      c.outTs[n] = h.outTs;
      c.known[n] = h.known > 0 ? 1 : 0;
      c.source[n] = ci;
      c.place[n] = place;
      n++;
    });
  });
  const order = firstSeen.map((_, i) => i).sort((x, y) => cmp(firstSeen[x] as string, firstSeen[y] as string));
  const renumber = new Int32Array(order.length);
  order.forEach((old, i) => (renumber[old] = i));
  const names = order.map((old) => firstSeen[old] as string);
  const numberOf = new Map<string, number>();
  names.forEach((id, i) => numberOf.set(id, i));
  const account = c.account.subarray(0, n);
  const from = c.from.subarray(0, n);
  const to = c.to.subarray(0, n);
  for (let i = 0; i < n; i++) {
    account[i] = renumber[account[i] as number] as number;
    from[i] = renumber[from[i] as number] as number;
    to[i] = renumber[to[i] as number] as number;
  }
  return {
    names, numberOf, count: n, account, from, to,
    inAmount: c.inAmount.subarray(0, n), outAmount: c.outAmount.subarray(0, n), inTs: c.inTs.subarray(0, n), outTs: c.outTs.subarray(0, n),
    known: c.known.subarray(0, n), source: c.source.subarray(0, n), place: c.place.subarray(0, n), candidates,
  };
}

/** @internal Hop `i` of the table as its record states it, with its transaction ids (read again from its candidate). */
export function hopAt(t: HopTable, i: number): Hop {
  return hopsOf(t.candidates[t.source[i] as number] as NetworkCandidate)[t.place[i] as number] as Hop;
}

/** @internal Hops `from` … `to − 1` of the table as {@link hopAt} reads them, each candidate's records read once. */
export function hopsBetween(t: HopTable, from: number, to: number): Hop[] {
  const out: Hop[] = [];
  let source = -1;
  let list: Hop[] = [];
  for (let i = from; i < to; i++) {
    if (t.source[i] !== source) {
      source = t.source[i] as number;
      list = hopsOf(t.candidates[source] as NetworkCandidate);
    }
    out.push(list[t.place[i] as number] as Hop);
  }
  return out;
}

/** @internal The candidates with hops of an account, in the table's order. */
export function hopCandidatesOf(t: HopTable, accountId: string): NetworkCandidate[] {
  const n = t.numberOf.get(accountId);
  const out: NetworkCandidate[] = [];
  if (n === undefined) return out;
  // The account's hops are one run of the table; its candidates with hops are those the run reads from.
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.account[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  let last = -1;
  for (let i = lo; i < t.count && t.account[i] === n; i++) {
    const s = t.source[i] as number;
    if (s !== last) out.push(t.candidates[s] as NetworkCandidate);
    last = s;
  }
  return out;
}

/**
 * @internal The edges between hop accounts, as successor lists by account number (ascending): A → B
 * when A's hop paid B (new to A) or B's hop was paid by A (new to B). Of several hops giving one
 * edge, the first in table order (a hop's payment before its receipt) names it: `ref` is
 * 2 × hop (its payment out) or 2 × hop + 1 (its receipt).
 */
export interface HopEdges {
  /** Account `a`'s successors are `to[start[a]] … to[start[a + 1] − 1]`. */
  readonly start: Int32Array;
  readonly to: Int32Array;
  readonly ref: Int32Array;
}

/** @internal The {@link HopEdges} of a table; `isHop[a]` is 1 for accounts with hops of their own. */
export function hopEdges(t: HopTable, isHop: Uint8Array): HopEdges {
  const accounts = t.names.length;
  const degree = new Int32Array(accounts + 1);
  const each = (visit: (from: number, to: number, ref: number) => void): void => {
    for (let h = 0; h < t.count; h++) {
      const a = t.account[h] as number;
      const to = t.to[h] as number;
      const from = t.from[h] as number;
      if (a !== to && isHop[to] === 1) visit(a, to, 2 * h);
      if (from !== a && isHop[from] === 1) visit(from, a, 2 * h + 1);
    }
  };
  each((from) => (degree[from + 1] = (degree[from + 1] as number) + 1));
  for (let a = 0; a < accounts; a++) degree[a + 1] = (degree[a + 1] as number) + (degree[a] as number);
  const rawTo = new Int32Array(degree[accounts] as number);
  const rawRef = new Int32Array(degree[accounts] as number);
  const fill = degree.slice(0, accounts);
  each((from, to, ref) => {
    const at = fill[from] as number;
    fill[from] = at + 1;
    rawTo[at] = to;
    rawRef[at] = ref;
  });
  // Each account's edges by successor, the first ref of each kept (refs were filled ascending).
  const start = new Int32Array(accounts + 1);
  const outTo = new Int32Array(rawTo.length);
  const outRef = new Int32Array(rawTo.length);
  let kept = 0;
  for (let a = 0; a < accounts; a++) {
    start[a] = kept;
    const lo = degree[a] as number;
    const hi = degree[a + 1] as number;
    if (hi === lo) continue;
    const idx = Array.from({ length: hi - lo }, (_, k) => lo + k).sort((x, y) => (rawTo[x] as number) - (rawTo[y] as number) || (rawRef[x] as number) - (rawRef[y] as number));
    let previous = -1;
    for (const k of idx) {
      if (rawTo[k] === previous) continue;
      previous = rawTo[k] as number;
      outTo[kept] = previous;
      outRef[kept++] = rawRef[k] as number;
    }
  }
  start[accounts] = kept;
  return { start, to: outTo.subarray(0, kept), ref: outRef.subarray(0, kept) };
}

/** @internal The ref of edge `from` → `to` (see {@link HopEdges}), or -1. */
export function edgeRef(e: HopEdges, from: number, to: number): number {
  let lo = e.start[from] as number;
  let hi = e.start[from + 1] as number;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((e.to[mid] as number) < to) lo = mid + 1;
    else hi = mid;
  }
  return lo < (e.start[from + 1] as number) && e.to[lo] === to ? (e.ref[lo] as number) : -1;
}
