import { evidenceKindIndex } from './evidence-kinds.js';
import { candidateRecordCount, recordsInAlertOrder, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity, compareCandidates } from './packed-candidates.js';
import { compareText as cmp } from '../_internal/compare-text.js';
import { lowerBound } from '../_internal/lower-bound.js';

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
 * order, so comparing numbers compares ids. Only what the searches scan is kept, 11 bytes a hop:
 * the accounts, whether the money can have passed through, whether the account knew a
 * counterparty; a hop's amounts, times and transaction ids are read again from its candidate
 * ({@link hopAt}), which the layering stage needs only for the hops on a structure's path. On the
 * 1M-row bench file a run holds hundreds of thousands of hops; as objects with their ids (and the
 * edges between them as maps of objects) they were the largest part of the merge's memory, and
 * with the amounts, times and each hop's candidate and place as columns (53 bytes a hop) 41 MB of
 * ArrayBuffers at the layering stage's peak.
 */
export interface HopTable {
  /** Account ids by number, in id order. */
  readonly names: readonly string[];
  /** The number of an account id (binary search in {@link HopTable.names}), or undefined. */
  numberOf(id: string): number | undefined;
  readonly count: number;
  readonly account: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** 1 when the hop's payment out is not earlier than its receipt (money that can have passed through). */
  readonly forward: Uint8Array;
  /** 1 when the account had a settled relation when the hop was found. */
  readonly known: Uint8Array;
  /**
   * The first hop of each candidate (`candidates.length + 1` entries): candidate `c`'s hops are
   * `start[c] … start[c + 1] − 1`. A hop's amounts, times and ids are read again from its candidate
   * ({@link hopAt}); only the columns the searches scan are kept.
   */
  readonly start: Int32Array;
  /** The candidates in the network stage's order (by entity id, then alert id). */
  readonly candidates: readonly NetworkCandidate[];
}

/** Columns for `capacity` hops. */
function columns(capacity: number) {
  return { account: new Int32Array(capacity), from: new Int32Array(capacity), to: new Int32Array(capacity), forward: new Uint8Array(capacity), known: new Uint8Array(capacity) };
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
  const start = new Int32Array(candidates.length + 1);
  let n = 0;
  candidates.forEach((candidate, ci) => {
    start[ci] = n;
    for (const h of hopsOf(candidate)) {
      c.account[n] = number(h.account);
      c.from[n] = number(h.from);
      c.to[n] = number(h.to);
      c.forward[n] = h.outTs >= h.inTs ? 1 : 0;
      c.known[n] = h.known > 0 ? 1 : 0;
      n++;
    }
  });
  start[candidates.length] = n;
  const order = firstSeen.map((_, i) => i).sort((x, y) => cmp(firstSeen[x] as string, firstSeen[y] as string));
  const renumber = new Int32Array(order.length);
  order.forEach((old, i) => (renumber[old] = i));
  const names = order.map((old) => firstSeen[old] as string);
  seen.clear();
  firstSeen.length = 0;
  const account = c.account.subarray(0, n);
  const from = c.from.subarray(0, n);
  const to = c.to.subarray(0, n);
  for (let i = 0; i < n; i++) {
    account[i] = renumber[account[i] as number] as number;
    from[i] = renumber[from[i] as number] as number;
    to[i] = renumber[to[i] as number] as number;
  }
  const numberOf = (id: string): number | undefined => {
    const lo = lowerBound(0, names.length, (i) => (names[i] as string) < id);
    return lo < names.length && names[lo] === id ? lo : undefined;
  };
  return { names, numberOf, count: n, account, from, to, forward: c.forward.subarray(0, n), known: c.known.subarray(0, n), start, candidates };
}

/** The candidate hop `i` of the table is read from: the last candidate whose first hop is at or before it. */
function sourceOf(t: HopTable, i: number): number {
  return lowerBound(0, t.candidates.length, (c) => (t.start[c + 1] as number) <= i);
}

/** @internal Hop `i` of the table as its record states it, with its transaction ids (read again from its candidate). */
export function hopAt(t: HopTable, i: number): Hop {
  const source = sourceOf(t, i);
  return hopsOf(t.candidates[source] as NetworkCandidate)[i - (t.start[source] as number)] as Hop;
}

/** @internal Hops `from` … `to − 1` of the table as {@link hopAt} reads them, each candidate's records read once. */
export function hopsBetween(t: HopTable, from: number, to: number): Hop[] {
  const out: Hop[] = [];
  if (from >= to) return out;
  let source = sourceOf(t, from);
  let list = hopsOf(t.candidates[source] as NetworkCandidate);
  for (let i = from; i < to; i++) {
    if (i >= (t.start[source + 1] as number)) {
      source = sourceOf(t, i);
      list = hopsOf(t.candidates[source] as NetworkCandidate);
    }
    out.push(list[i - (t.start[source] as number)] as Hop);
  }
  return out;
}

/** @internal The candidates with hops of an account, in the table's order. */
export function hopCandidatesOf(t: HopTable, accountId: string): NetworkCandidate[] {
  const n = t.numberOf(accountId);
  const out: NetworkCandidate[] = [];
  if (n === undefined) return out;
  // The account's hops are one run of the table; its candidates with hops are those the run reads from.
  const lo = lowerBound(0, t.count, (i) => (t.account[i] as number) < n);
  if (lo >= t.count || t.account[lo] !== n) return out;
  let hiHop = lo;
  while (hiHop < t.count && t.account[hiHop] === n) hiHop++;
  for (let s = sourceOf(t, lo); s < t.candidates.length && (t.start[s] as number) < hiHop; s++) {
    if ((t.start[s + 1] as number) > (t.start[s] as number)) out.push(t.candidates[s] as NetworkCandidate);
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
  const to = new Int32Array(degree[accounts] as number);
  const ref = new Int32Array(degree[accounts] as number);
  const fill = degree.slice(0, accounts);
  each((from, b, r) => {
    const at = fill[from] as number;
    fill[from] = at + 1;
    to[at] = b;
    ref[at] = r;
  });
  // Each account's edges by successor, the first ref of each kept (refs were filled ascending),
  // compacted in place: an account's kept edges never start after its raw ones.
  const start = new Int32Array(accounts + 1);
  let kept = 0;
  const pairs: number[] = [];
  for (let a = 0; a < accounts; a++) {
    start[a] = kept;
    const lo = degree[a] as number;
    const hi = degree[a + 1] as number;
    if (hi === lo) continue;
    pairs.length = 0;
    for (let k = lo; k < hi; k++) pairs.push(to[k] as number, ref[k] as number);
    const idx = Array.from({ length: hi - lo }, (_, k) => k).sort((x, y) => (pairs[2 * x] as number) - (pairs[2 * y] as number) || (pairs[2 * x + 1] as number) - (pairs[2 * y + 1] as number));
    let previous = -1;
    for (const k of idx) {
      if (pairs[2 * k] === previous) continue;
      previous = pairs[2 * k] as number;
      to[kept] = previous;
      ref[kept++] = pairs[2 * k + 1] as number;
    }
  }
  start[accounts] = kept;
  return { start, to: to.subarray(0, kept), ref: ref.subarray(0, kept) };
}

/** @internal The ref of edge `from` → `to` (see {@link HopEdges}), or -1. */
export function edgeRef(e: HopEdges, from: number, to: number): number {
  const lo = lowerBound(e.start[from] as number, e.start[from + 1] as number, (i) => (e.to[i] as number) < to);
  return lo < (e.start[from + 1] as number) && e.to[lo] === to ? (e.ref[lo] as number) : -1;
}
