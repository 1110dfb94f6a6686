import { closeSync } from 'node:fs';
import { createHeap, heapPop, heapPush, type Heap } from '../_internal/heap.js';
import { compareTransactions } from '../engine/transaction-order.js';
import type { Transaction } from '../schema/transaction.js';
import { estimateBytes } from './spill-codec.js';
import {
  appendRun, arraySource, closeRun, createSpillDir, mergeSources, openRun, readRun, reduceRuns, removeSpillDir, writeRun,
  type Run, type RunWriter, type SpillDir,
} from './spill-runs.js';

/** Options of {@link createRowOrder} (and of the streaming scans built on it). @category Ingest */
export interface RowOrderOptions {
  /**
   * Estimated bytes of input rows held in memory (reorder buffer, sort buffer) before sorted runs
   * are spilled to disk. The engine's own state comes on top. Default 400 MiB.
   */
  readonly memoryBytes?: number;
  /** Parent of the private temporary directory for spilled runs. Default: the OS temp directory. */
  readonly tempDir?: string;
  /** Most run files merged at once (at least 3); more are first merged in rounds. Default 64. */
  readonly maxOpenRuns?: number;
  /** False: never stream through the reorder buffer, sort everything first. Default true. */
  readonly stream?: boolean;
}

/** How the input was put in order. @category Ingest */
export interface InputOrderStats {
  /**
   * `streamed`: the rows reached the consumer through the reorder buffer, in one pass;
   * `sorted`: they were sorted first (in memory when `runs` is 0, otherwise externally).
   */
  readonly strategy: 'streamed' | 'sorted';
  /** Sorted runs written to disk, the streamed prefix kept for a restart included. */
  readonly runs: number;
  /** Times the consumer was restarted because a row came later than the reorder buffer allowed (0 or 1). */
  readonly restarts: number;
  /** The reorder buffer's lag behind the newest timestamp, ms (the observed disorder, doubled). */
  readonly lagMs: number;
}

/** Puts rows in (time, id) order under a memory budget (see {@link createRowOrder}). @category Ingest */
export interface RowOrder {
  /** Adds the next input row (any order). */
  add(tx: Transaction): void;
  /** Delivers the remaining rows, removes the temporary files and tells how it went. */
  finish(): InputOrderStats;
  /** Removes the temporary files; call it in a `finally` (safe after {@link RowOrder.finish}). */
  dispose(): void;
}

const DEFAULT_MEMORY = 400 * 1024 * 1024;
/** Rows seen before the reorder buffer starts releasing: how it learns the input's disorder. */
const PROBE_ROWS = 4096;

interface Held {
  readonly tx: Transaction;
  readonly seq: number;
  readonly bytes: number;
}

/**
 * Delivers the input rows in the order of a stable sort by (time, id) — the order `scan()` uses, so
 * duplicate ids resolve the same way — without holding all of them.
 *
 * The consumer cannot un-see a row, so a row may only be delivered once no later input row can sort
 * before it. Rows first enter a **reorder buffer** (a heap in (time, id, input position) order).
 * After `PROBE_ROWS` rows it releases its smallest row whenever that row is older than the
 * newest timestamp seen by more than twice the largest disorder observed so far (an export in
 * order, or jittered by seconds, holds a handful of rows), or when the buffer exceeds the memory
 * budget. Every released row is also appended to a run file on disk. If a row then arrives that
 * sorts before the last released one, the guess was wrong: the released rows already form a sorted
 * run on disk, `start` is called again for a fresh consumer, and the rest falls back to an
 * **external sort** — the buffered rows and all later ones are sorted in memory-budget chunks and
 * spilled as runs, and `finish` feeds the consumer a k-way merge of all runs. The fallback costs the
 * consumer's work on the prefix, never correctness. Input that fits the budget is sorted in memory
 * and never touches the disk.
 *
 * Runs are kept in input order and the merge breaks ties by run, so equal keys keep input order.
 * Files live in a private `mkdtemp` directory (mode 0700), each created with mode 0600, removed by
 * `finish` and by `dispose`.
 *
 * @param start - called when delivery (re)starts (at the first delivered row at the latest); returns the consumer
 * @category Ingest
 * @example
 * let out: Transaction[] = [];
 * const order = createRowOrder({ memoryBytes: 2 ** 20 }, () => { out = []; return (tx) => out.push(tx); });
 * try { for (const tx of rows) order.add(tx); order.finish(); } finally { order.dispose(); }
 */
export function createRowOrder(options: RowOrderOptions, start: () => (tx: Transaction) => void): RowOrder {
  const budget = options.memoryBytes ?? DEFAULT_MEMORY;
  const maxOpenRuns = Math.max(3, options.maxOpenRuns ?? 64); // the merge also reads the rows in memory
  let dir: SpillDir | undefined;
  const spillDir = (): SpillDir => (dir ??= createSpillDir(options.tempDir));
  let added = 0;
  let restarts = 0;
  let strategy: InputOrderStats['strategy'] = options.stream === false ? 'sorted' : 'streamed';

  // Reorder buffer (strategy 'streamed').
  const held: Heap<Held> = createHeap((a, b) => compareTransactions(a.tx, b.tx) || a.seq - b.seq);
  let heldBytes = 0;
  let newest = Number.NEGATIVE_INFINITY;
  let disorderMs = 0;
  let lagMs: number | undefined;
  let tee: RunWriter | undefined;
  let lastReleased: Transaction | undefined;
  let consumer: ((tx: Transaction) => void) | undefined;

  // External sort (strategy 'sorted'): rows in input order, runs in input order.
  let buffer: Transaction[] = [];
  let bufferBytes = 0;
  const runs: Run[] = [];
  let finished = false;

  function release(h: Held): void {
    tee ??= openRun(spillDir());
    appendRun(tee, h.tx);
    heldBytes -= h.bytes;
    lastReleased = h.tx;
    (consumer ??= start())(h.tx);
  }

  function hold(tx: Transaction, seq: number): void {
    const bytes = estimateBytes(tx);
    heapPush(held, { tx, seq, bytes });
    heldBytes += bytes;
    if (tx.timestamp > newest) newest = tx.timestamp;
    else disorderMs = Math.max(disorderMs, newest - tx.timestamp);
    if (lagMs === undefined && added < PROBE_ROWS && heldBytes <= budget) return;
    lagMs = Math.max(lagMs ?? 0, 2 * disorderMs);
    for (let top = held.items[0]; top !== undefined; top = held.items[0]) {
      if (heldBytes <= budget && top.tx.timestamp >= newest - lagMs) break;
      release(heapPop(held) as Held);
    }
  }

  /** The reorder buffer guessed wrong: drop the consumer, keep the released rows as run 0. */
  function fallBack(): void {
    strategy = 'sorted';
    if (tee !== undefined) {
      runs.push(closeRun(tee));
      tee = undefined;
      restarts++;
    }
    consumer = undefined;
    // Every held row came after every released row with an equal key, and before every later row:
    // (key, input position) order here, then a stable sort, gives a stable sort of the input.
    buffer = held.items.sort(held.compare).map((h) => h.tx);
    bufferBytes = heldBytes;
    held.items.length = 0;
    heldBytes = 0;
  }

  function spill(): void {
    buffer.sort(compareTransactions); // stable: equal keys keep input order
    runs.push(writeRun(spillDir(), buffer));
    buffer = [];
    bufferBytes = 0;
  }

  function dispose(): void {
    if (tee !== undefined) closeSync(tee.fd);
    tee = undefined;
    if (dir !== undefined) removeSpillDir(dir);
  }

  function drain(): void {
    if (strategy === 'streamed') {
      const visit = (consumer ??= start());
      for (let h = heapPop(held); h !== undefined; h = heapPop(held)) visit(h.tx);
      return;
    }
    const visit = (consumer = start());
    buffer.sort(compareTransactions);
    if (runs.length === 0) {
      for (const tx of buffer) visit(tx);
      return;
    }
    const readBytes = Math.min(1 << 20, Math.max(1 << 16, Math.floor(budget / (2 * maxOpenRuns))));
    const merged = reduceRuns(spillDir(), runs, maxOpenRuns - 1, readBytes);
    const sources = [...merged.map((r) => readRun(r, readBytes)), arraySource(buffer)];
    try {
      mergeSources(sources, visit);
    } finally {
      for (const s of sources) s.close();
    }
  }

  return {
    add(tx) {
      if (finished) throw new Error('createRowOrder: add() after finish()');
      const seq = added++;
      if (strategy === 'streamed') {
        if (lastReleased === undefined || compareTransactions(tx, lastReleased) >= 0) {
          hold(tx, seq);
          return;
        }
        fallBack();
      }
      buffer.push(tx);
      bufferBytes += estimateBytes(tx);
      if (bufferBytes > budget) spill();
    },
    finish() {
      if (finished) throw new Error('createRowOrder: finish() called twice');
      finished = true;
      try {
        drain();
        buffer = [];
        return { strategy, runs: runs.length + (tee === undefined ? 0 : 1), restarts, lagMs: lagMs ?? 2 * disorderMs };
      } finally {
        dispose();
      }
    },
    dispose,
  };
}
