import { closeSync } from 'node:fs';
import { createHeap, heapPop, heapPush, type Heap } from '../_internal/heap.js';
import { compareTransactions, resolveConfig, type EngineConfig } from '../engine/core.js';
import type { EngineOptions } from '../engine/options.js';
import { createScanSink, type ScanResult, type ScanSink } from '../engine/scan-sink.js';
import type { Transaction } from '../schema/transaction.js';
import { estimateBytes } from './spill-codec.js';
import {
  appendRun, arraySource, closeRun, createSpillDir, mergeSources, openRun, readRun, reduceRuns, removeSpillDir, writeRun,
  type Run, type RunWriter, type SpillDir,
} from './spill-runs.js';

/** Options of {@link scanStream} and {@link createBatchScanner}. @category Ingest */
export interface StreamScanOptions {
  /**
   * Estimated bytes of input rows held in memory (reorder buffer, sort buffer) before sorted runs
   * are spilled to disk. The engine's own state comes on top. Default 400 MiB.
   */
  readonly memoryBytes?: number;
  /** Parent of the private temporary directory for spilled runs. Default: the OS temp directory. */
  readonly tempDir?: string;
}

/** How the input was put in order. @category Ingest */
export interface InputOrderStats {
  /**
   * `streamed`: the rows went to the engine through the reorder buffer, in one pass;
   * `sorted`: they were sorted (in memory when `runs` is 0, otherwise externally).
   */
  readonly strategy: 'streamed' | 'sorted';
  /** Sorted runs written to disk, the streamed prefix kept for a restart included. */
  readonly runs: number;
  /** Times the engine was restarted because a row came later than the reorder buffer allowed (0 or 1). */
  readonly restarts: number;
  /** The reorder buffer's lag behind the newest timestamp, ms (the observed disorder, doubled). */
  readonly lagMs: number;
}

/** Result of {@link scanStream}: {@link ScanResult} plus how the input was ordered. @category Ingest */
export interface StreamScanResult extends ScanResult {
  readonly input: InputOrderStats;
}

/** A push-style batch scan (see {@link createBatchScanner}). @category Ingest */
export interface BatchScanner {
  /** Adds the next input row (any order). */
  add(tx: Transaction): void;
  /** Runs the rest through the engine and returns the alerts; removes the temporary files. */
  finish(): StreamScanResult;
  /** Removes the temporary files; call it in a `finally` (safe after {@link BatchScanner.finish}). */
  dispose(): void;
}

const DEFAULT_MEMORY = 400 * 1024 * 1024;
/** Rows seen before the reorder buffer starts releasing: how it learns the input's disorder. */
const PROBE_ROWS = 4096;
/** Most runs merged at once (open files); more are merged in rounds first. */
const MAX_FAN_IN = 64;

interface Held {
  readonly tx: Transaction;
  readonly seq: number;
  readonly bytes: number;
}

/**
 * A batch scan that does not hold all rows, with byte-identical alerts to `scan()` for any input
 * order. Rows go to the engine in the (time, id) order of a stable sort of the input, i.e. exactly
 * the order `scan()` uses, so duplicate ids resolve the same way (the first in that order wins).
 *
 * How: the engine cannot un-process a row, so a row may only reach it once no later input row can
 * sort before it. Rows first enter a **reorder buffer** (a heap in (time, id, input position)
 * order). After {@link PROBE_ROWS} rows it releases its smallest row to the engine whenever that
 * row is older than the newest timestamp seen by more than twice the largest disorder observed so
 * far (so an export in order, or jittered by seconds, holds a handful of rows), or when the buffer
 * exceeds the memory budget. Every released row is also appended to a run file on disk. If a row
 * then arrives that sorts before the last released one, the guess was wrong: the engine is
 * discarded, the released rows already form a sorted run on disk, and the scan falls back to an
 * **external sort** — the buffered rows and all later ones are sorted in memory-budget chunks and
 * spilled as runs, and at the end a k-way merge of all runs feeds a fresh engine. The fallback costs
 * the wasted engine work on the prefix, never correctness. Input that fits the budget is sorted in
 * memory and never touches the disk; with `options` as a function (configuration known only at the
 * end, e.g. a jurisdiction inferred from the data), the scan sorts from the start.
 *
 * Temporary files live in a private `mkdtemp` directory, mode 0600, removed by `finish` and by
 * `dispose` (call it in a `finally`).
 *
 * @param options - engine options, or a function called once after the last row
 * @category Ingest
 * @example
 * const scanner = createBatchScanner({ jurisdiction: 'MY' }, { memoryBytes: 200 * 2 ** 20 });
 * try {
 *   await ingestTransactions('tx.csv', {}, (b) => { for (const tx of b.transactions) scanner.add(tx); });
 *   console.log(scanner.finish().alerts.length);
 * } finally { scanner.dispose(); }
 */
export function createBatchScanner(options: EngineOptions | (() => EngineOptions), scanOptions: StreamScanOptions = {}): BatchScanner {
  const budget = scanOptions.memoryBytes ?? DEFAULT_MEMORY;
  let config: EngineConfig | undefined = typeof options === 'function' ? undefined : resolveConfig(options);
  let dir: SpillDir | undefined;
  const spillDir = (): SpillDir => (dir ??= createSpillDir(scanOptions.tempDir));
  let added = 0;
  let restarts = 0;
  let strategy: InputOrderStats['strategy'] = config === undefined ? 'sorted' : 'streamed';

  // Reorder buffer (strategy 'streamed').
  const held: Heap<Held> = createHeap((a, b) => compareTransactions(a.tx, b.tx) || a.seq - b.seq);
  let heldBytes = 0;
  let newest = Number.NEGATIVE_INFINITY;
  let disorderMs = 0;
  let lagMs: number | undefined;
  let tee: RunWriter | undefined;
  let lastReleased: Transaction | undefined;
  let sink: ScanSink | undefined;

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
    (sink ??= createScanSink(config as EngineConfig)).add(h.tx);
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

  /** The reorder buffer guessed wrong: discard the engine, keep the released rows as run 0. */
  function fallBack(): void {
    strategy = 'sorted';
    if (tee !== undefined) {
      runs.push(closeRun(tee));
      tee = undefined;
      restarts++;
    }
    sink = undefined;
    // Input order among equal keys is what a stable sort keeps; (key, seq) order gives the same.
    buffer = held.items.sort((a, b) => compareTransactions(a.tx, b.tx) || a.seq - b.seq).map((h) => h.tx);
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

  return {
    add(tx) {
      if (finished) throw new Error('createBatchScanner: add() after finish()');
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
      if (finished) throw new Error('createBatchScanner: finish() called twice');
      finished = true;
      try {
        config ??= resolveConfig((options as () => EngineOptions)());
        let out: ScanSink;
        if (strategy === 'streamed') {
          out = sink ??= createScanSink(config);
          for (let h = heapPop(held); h !== undefined; h = heapPop(held)) out.add(h.tx);
        } else {
          out = createScanSink(config);
          buffer.sort(compareTransactions);
          if (runs.length === 0) for (const tx of buffer) out.add(tx);
          else {
            const readBytes = Math.min(1 << 20, Math.max(1 << 16, Math.floor(budget / (2 * MAX_FAN_IN))));
            const merged = reduceRuns(spillDir(), runs, MAX_FAN_IN - 1, readBytes);
            const sources = [...merged.map((r) => readRun(r, readBytes)), arraySource(buffer)];
            try {
              mergeSources(sources, (tx) => out.add(tx));
            } finally {
              for (const s of sources) s.close();
            }
          }
          buffer = [];
        }
        const result = out.result(added);
        return { ...result, input: { strategy, runs: runs.length + (tee === undefined ? 0 : 1), restarts, lagMs: lagMs ?? 2 * disorderMs } };
      } finally {
        dispose();
      }
    },
    dispose,
  };
}

/**
 * Batch scan of an (async) iterable without holding all rows: see {@link createBatchScanner} for
 * how input of any order is put in (time, id) order under `memoryBytes`. The alerts are
 * byte-identical to `scan()` on the same rows. Temporary files are removed also when the source
 * or the engine throws.
 *
 * @category Ingest
 * @example
 * const { alerts, input } = await scanStream(readMyRows(), { jurisdiction: 'MY' }, { memoryBytes: 100 * 2 ** 20 });
 */
export async function scanStream(
  source: AsyncIterable<Transaction> | Iterable<Transaction>,
  options: EngineOptions | (() => EngineOptions),
  scanOptions: StreamScanOptions = {},
): Promise<StreamScanResult> {
  const scanner = createBatchScanner(options, scanOptions);
  try {
    for await (const tx of source) scanner.add(tx);
    return scanner.finish();
  } finally {
    scanner.dispose();
  }
}
