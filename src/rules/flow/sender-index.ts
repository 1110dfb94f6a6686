/**
 * The incremental index of a collecting account's senders (internal; shared by funnel_account and
 * corridor_collector): each raw sender's inflows in the rule's window and the raw senders in order
 * of their newest inflow, so that an evaluation groups the most recent `maxSenders` senders by
 * reading their own inflows only, not the window.
 */
import { appendCompact, dropDeadPrefix } from '../../engine/incremental/fifo.js';
import { createKeyed, keyedDelete, keyedGet, keyedSet, type Keyed } from '../../engine/incremental/keyed.js';
import type { EntityWindow, RuleContext, RuleIncremental, WindowEvent } from '../types.js';
import { payerOf, type Payer } from '../_payments.js';
import { rawSenderId } from './funnel-gate.js';
import type { ScanLimits, Sender, SenderScan } from './senders.js';

/** @internal One sender as written on an account's inflows (see {@link rawSenderId}), in the recency list. */
export interface RawSender {
  /** With two or more inflows in the rule's window, they are here from `head` on, oldest first: event, position, time, event, position, time… (the numbers at hand, not behind the event and its transaction: a read goes through many senders). */
  inflows: (WindowEvent | number)[];
  head: number;
  /** Its newest inflow, with position and time, and how many it has in the window: a sender with one is read without its list. */
  newest: WindowEvent;
  newestSeq: number;
  newestTs: number;
  live: number;
  /** Its payer as resolved from its newest inflow; `null` until read since that entered, `undefined` when none counts. */
  payer: Payer | null | undefined;
  /** Its inflows counted by a rule's gate in that rule's short and long windows (funnel_account's; 0 otherwise). */
  countedShort: number;
  countedLong: number;
  /** The raw sender paid next before this one's newest inflow (older), and next after it (newer). */
  older: RawSender | undefined;
  newer: RawSender | undefined;
}

/**
 * @internal Incremental state of a collector rule's senders for one account: every inflow with a
 * sender written on it in the rule's window, grouped by raw sender; the raw senders in a list
 * ordered by their newest inflow, most recent first; the transfers out to a counterparty; and the
 * positions that bound a read to the `maxScan` newest events exactly as a newest-first window scan.
 */
export interface SenderIndex {
  /** Events entered so far (the position of the next one). */
  seq: number;
  /** Events that have left the rule's window: `seq - left` are in it. */
  left: number;
  /** Raw sender id → its inflows (created at the first one). */
  byRaw: Keyed<string, RawSender> | undefined;
  /** The raw sender with the newest inflow (the recency list's head). */
  latest: RawSender | undefined;
  /** Transfers out to a counterparty in the rule's window from index `outHead` on: event, position pairs. */
  outflows: (WindowEvent | number)[];
  outHead: number;
}

/** Entries per inflow in {@link RawSender.inflows}. */
const INFLOW_STRIDE = 3;

/** Shared by every index without inflows or outflows yet; never written (appendCompact copies short lists). */
const NONE = Object.freeze([]) as unknown as (WindowEvent | number)[];

/** @internal The index's transitions over a rule window of `windowMs` (its one horizon). */
export function senderIndex(windowMs: number): RuleIncremental<SenderIndex> {
  return {
    // An event is in a window of D ms when ts > newest − D, i.e. it leaves once ts < newest − (D − 1).
    horizonsMs: [windowMs - 1],
    init: () => ({ seq: 0, left: 0, byRaw: undefined, latest: undefined, outflows: NONE, outHead: 0 }),
    enter(s, e, window) {
      const seq = s.seq++;
      if (e.direction === 'out') {
        if (e.kind === 'transfer' && e.counterparty !== undefined) s.outflows = appendCompact(s.outflows, e, seq);
        return;
      }
      const raw = rawSenderId(e, window.account?.party);
      if (raw === undefined) return;
      const byRaw = (s.byRaw ??= createKeyed());
      let node = keyedGet(byRaw, raw);
      if (node === undefined) {
        node = { inflows: NONE, head: 0, newest: e, newestSeq: seq, newestTs: e.ts, live: 0, payer: null, countedShort: 0, countedLong: 0, older: undefined, newer: undefined };
        keyedSet(byRaw, raw, node);
      } else if (node !== s.latest) unlink(s, node);
      if (node !== s.latest) {
        node.older = s.latest;
        if (s.latest !== undefined) s.latest.newer = node;
        s.latest = node;
      }
      // A sender's one inflow is held on its entry alone; the list starts at its second.
      if (node.live > 0) {
        if (node.head === node.inflows.length) node.inflows = appendCompact(node.inflows, node.newest, node.newestSeq, node.newestTs);
        node.inflows = appendCompact(node.inflows, e, seq, e.ts);
      }
      node.newest = e;
      node.newestSeq = seq;
      node.newestTs = e.ts;
      node.payer = null;
      node.live++;
    },
    leave(s, e, _horizon, window) {
      s.left++;
      if (s.outHead < s.outflows.length && s.outflows[s.outHead] === e) {
        s.outHead += 2;
        s.outHead -= dropDeadPrefix(s.outflows, s.outHead);
        return;
      }
      if (e.direction === 'out') return;
      const raw = rawSenderId(e, window.account?.party);
      if (raw === undefined) return;
      const node = keyedGet(s.byRaw as Keyed<string, RawSender>, raw) as RawSender;
      if (--node.live > 0) {
        node.head += INFLOW_STRIDE;
        node.head -= dropDeadPrefix(node.inflows, node.head);
        return;
      }
      unlink(s, node);
      keyedDelete(s.byRaw as Keyed<string, RawSender>, raw);
    },
  };
}

/** @internal The entry of a raw sender with an inflow in the index's window (one that has entered and not yet left it). */
export function rawSenderOf(s: SenderIndex, raw: string): RawSender {
  return keyedGet(s.byRaw as Keyed<string, RawSender>, raw) as RawSender;
}

/** @internal The entry of the raw sender of `e` when `e` is the inflow the index took in last (no raw id built again), else `undefined`. */
export function latestSenderOf(s: SenderIndex, e: WindowEvent): RawSender | undefined {
  return s.latest !== undefined && s.latest.newest === e ? s.latest : undefined;
}

/** Takes a raw sender out of the recency list. */
function unlink(s: SenderIndex, node: RawSender): void {
  if (node.newer !== undefined) node.newer.older = node.older;
  else s.latest = node.older;
  if (node.older !== undefined) node.older.newer = node.newer;
  node.older = undefined;
  node.newer = undefined;
}

/**
 * @internal What a newest-first scan over the window (at most `maxScan` events, back to the rule
 * window's start) would find of the senders — the {@link SenderScan} of `scanSenders` — read from
 * the index: the inflows since `from` of the most recent `maxSenders` raw senders that paid since
 * `from`, grouped by payer, with each one's oldest inflow and newest one before `from`; and the
 * largest transfer out to each counterparty since `from`. `undefined` when the newest event's
 * sender also paid since `repeatFrom` (no new sender: nothing changed). The newest event must be an
 * inflow with a raw sender (the index's latest). O(senders read + their inflows + outflows).
 */
export function indexedSenders(
  s: SenderIndex, window: EntityWindow, context: RuleContext, keep: (p: Payer) => boolean, from: number, repeatFrom: number, limits: ScanLimits,
): SenderScan | undefined {
  const { maxScan, maxSenders } = limits;
  const inScan = s.seq - 1 - maxScan; // positions above this are among the maxScan newest
  const first = s.latest as RawSender;
  // The newest event's sender paid before, recently: nothing new.
  const prior = first.inflows.length - 2 * INFLOW_STRIDE;
  if (prior >= first.head && (first.inflows[prior + 1] as number) > inScan && (first.inflows[prior + 2] as number) >= repeatFrom) return undefined;
  const senders = new Map<string, Sender>();
  // Senders made of more than one raw sender (their inflows are put in window order at the end).
  let merged: Set<Sender> | undefined;
  let taken = 0;
  let sampled = false;
  for (let node = s.latest; node !== undefined; node = node.older) {
    if (node.newestSeq <= inScan || node.newestTs < from) break; // every older raw sender's newest inflow is older still
    if (taken >= maxSenders) {
      sampled = true;
      break;
    }
    taken++;
    const e = node.newest;
    if (node.payer === null) node.payer = payerOf(window, e, context, false);
    const p = node.payer;
    if (p === undefined) continue;
    const known = senders.get(p.key);
    const g = known ?? (keep(p) ? { payer: p, events: [], oldest: node.newestTs, previous: undefined } : undefined);
    if (g === undefined) continue;
    senders.set(p.key, g);
    if (known !== undefined) (merged ??= new Set()).add(g);
    if (node.live === 1) {
      // One inflow (most senders): it is since `from` (the loop's test), and the oldest.
      g.events.push(e);
      if (node.newestTs < g.oldest) g.oldest = node.newestTs;
      continue;
    }
    const list = node.inflows;
    let previousAt = -1;
    let i = list.length - INFLOW_STRIDE;
    for (; i >= node.head && (list[i + 1] as number) > inScan; i -= INFLOW_STRIDE) {
      if ((list[i + 2] as number) >= from) g.events.push(list[i] as WindowEvent);
      else if (previousAt < 0) previousAt = i;
    }
    const oldest = list[i + INFLOW_STRIDE + 2] as number; // the last one read
    if (oldest < g.oldest) g.oldest = oldest;
    if (previousAt >= 0) {
      const x = list[previousAt] as WindowEvent;
      // Merged raw senders: the newest inflow before `from` of them all.
      if (g.previous === undefined || x.ts > g.previous.ts || (x.ts === g.previous.ts && windowOrder(window, x) > windowOrder(window, g.previous))) g.previous = x;
    }
  }
  for (const g of senders.values()) {
    if (merged?.has(g) === true) g.events.sort((a, b) => a.ts - b.ts || windowOrder(window, a) - windowOrder(window, b));
    else g.events.reverse();
  }
  const paidOut = new Map<string, number>();
  for (let i = s.outflows.length - 2; i >= s.outHead && (s.outflows[i + 1] as number) > inScan; i -= 2) {
    const e = s.outflows[i] as WindowEvent;
    if (e.ts < from) break;
    paidOut.set(e.counterparty as string, Math.max(paidOut.get(e.counterparty as string) ?? 0, e.amount));
  }
  return { senders, paidOut, truncated: s.seq - s.left > maxScan, sampled };
}

/** Position of an event in the window (for the rare ties in time between merged raw senders' inflows). */
function windowOrder(window: EntityWindow, e: WindowEvent): number {
  const { events, start } = window;
  for (let i = events.length - 1; i >= start; i--) if (events[i] === e) return i;
  return -1;
}
