import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../_internal/config-error.js';
import type { EngineConfig } from '../engine/config.js';
import type { EngineRejection } from '../engine/rejection.js';
import { mergePartitionScans } from '../engine/partitioned-scan.js';
import { unpackPartitionScan, type PackedPartitionScan } from '../engine/packed-candidates.js';
import { createRouter } from '../engine/route.js';
import type { ScanResult } from '../engine/scan.js';
import type { Transaction } from '../schema/transaction.js';
import type { EngineInputs } from './engine-inputs.js';
import type { ScanWorkerData, ScanWorkerMessage } from './scan-worker.js';

/** Transactions per message to the workers. */
const BATCH = 2048;
/** Batches a worker may have queued before the main thread waits for it (bounds memory). */
const MAX_IN_FLIGHT = 8;

/** A scan over worker threads: feed it transactions in (time, id) order, then await the result. */
export interface ParallelScan {
  add(tx: Transaction): void;
  /** Ends the input and returns exactly what `scan()` returns for the same rows. */
  finish(transactions: number): Promise<ScanResult>;
  /** Stops the workers (safe after {@link ParallelScan.finish}). */
  dispose(): Promise<void>;
}

/**
 * Worker threads scanning partitions of the keyed engine, one partition per thread per pass (see
 * {@link startPartitionThreads}). A pass is {@link PartitionThreads.begin}, the input in order
 * through {@link PartitionThreads.add}, then {@link PartitionThreads.finish}; the same threads can
 * run further passes over other partitions (warm: the engine code stays compiled).
 */
export interface PartitionThreads {
  /** Starts a pass: thread `w` scans partition `indexes[w]` of `count` (one index per thread). */
  begin(indexes: readonly number[], count: number): void;
  add(tx: Transaction): void;
  /** Ends the pass's input: each thread's partition scan (candidates packed), and the router's input-side counts. */
  finish(transactions: number): Promise<{ readonly parts: PackedPartitionScan[]; readonly processed: number; readonly rejections: EngineRejection[] }>;
  /**
   * A pass in which thread `w` reads the rows in (time, id) order from the run file `files.path`
   * itself and scans partition `indexes[w]` of `count`, keeping the rows the route file
   * `files.routes` gives that partition (route-file.ts: routed as {@link createRouter} does);
   * resolves to their partition scans (candidates packed: kept so until the merge). Not during a {@link PartitionThreads.begin} pass.
   */
  replay(files: ReplayFiles, indexes: readonly number[], count: number, transactions: number): Promise<PackedPartitionScan[]>;
  /** Stops the workers (safe after {@link PartitionThreads.finish}). */
  dispose(): Promise<void>;
}

/** A run file of ordered rows and the route file of the same rows (see route-file.ts). */
export interface ReplayFiles {
  readonly path: string;
  readonly routes: string;
}

/**
 * How far V8 lets a thread's heap grow past what its last full collection kept before it collects
 * again, in percent (V8's `--heap-growing-percent`). By default V8 lets a fast-collecting heap grow
 * up to four times its live size; a scan's threads allocate fast and keep little (each round's
 * windows, then the partition's result), so their heaps grew far past their state (a partition's
 * worker: 120–190 MB of heap for about 54 MB live on the 1M bench rows at 100). First 300k bench
 * rows, idle, runs in turn (docs/performance.md, session 32): at 100, 39.7–45.9 s, 60–70 CPU-s,
 * 656–670 MB; at 50, 41.9–42.5 s, 64–65 CPU-s, 549–550 MB; at 30, 46.7–51.9 s, 72–80 CPU-s,
 * 491–509 MB.
 */
export const SCAN_HEAP_GROWING_PERCENT = 50;

/**
 * Sets {@link SCAN_HEAP_GROWING_PERCENT} for the process's isolates (V8 flags are process-wide; the
 * workers started after it take it) unless the user set `--heap-growing-percent` for node.
 * `tidewatch scan` calls it before it reads the input: the main thread's reading allocates fast and
 * keeps little too (measured on the 1M-row bench file: its heap grew to 225 MB for 60 MB live).
 */
export function collectGarbageEarly(): void {
  const given = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));
  if (!given) setFlagsFromString(`--heap-growing-percent=${SCAN_HEAP_GROWING_PERCENT}`);
}

/**
 * The young generation of a scan worker's heap, in MB (V8's default on 64-bit machines is 32 MB:
 * two semi-spaces of 16). A worker's objects either die young (a row's parse, a rule's evaluation)
 * or live in its windows for days of data; a smaller nursery promotes no more of them, and it is
 * memory held by each thread for the whole run. On the first 300k bench rows (5 rounds of 2
 * partitions, two runs each, loaded machine): peak RSS 417 and 484 MB with V8's default, 370 and
 * 394 MB at 12, CPU seconds unchanged (63 and 52 against 57 and 52).
 */
export const SCAN_WORKER_YOUNG_GENERATION_MB = 12;

/**
 * The worker script next to this module: `scan-worker.js` in the built package; from the sources
 * (tests, `tsx`) the `.ts` file, run through tsx's loader.
 */
function startWorker(data: ScanWorkerData): Worker {
  const built = new URL('./scan-worker.js', import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: SCAN_WORKER_YOUNG_GENERATION_MB };
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData: data, resourceLimits });
  const source = new URL('./scan-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source))) throw new ConfigError('invalid_options', `--workers: the worker script ${fileURLToPath(built)} is missing`);
  // From the sources (tests, tsx): a fixed bootstrap registers tsx's loader, then loads the TypeScript worker.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data, resourceLimits });
}

/**
 * Runs a batch scan on `workers` threads, one partition of the keyed engine each (entities split by
 * {@link partitionOf}), and merges the workers' alerts with the network alerts over all of them —
 * byte-identical to a one-thread scan for any worker count. See {@link startPartitionThreads} for
 * the routing and the back-pressure. The input has no repeated ids (the CLI's ingest drops them
 * before the engine).
 */
export function createParallelScan(inputs: EngineInputs, config: EngineConfig, workers: number): ParallelScan {
  const threads = startPartitionThreads(inputs, config, workers);
  threads.begin(Array.from({ length: workers }, (_, i) => i), workers);
  return {
    add: threads.add,
    async finish(transactions) {
      const { parts, processed, rejections } = await threads.finish(transactions);
      const merged = mergePartitionScans(parts.map((p) => unpackPartitionScan(p)), config);
      // The workers each saw part of the input: the input-side counts are the router's.
      return { ...merged, rejections, summary: { transactions, processed, duplicates: 0, rejected: rejections.length } };
    },
    dispose: threads.dispose,
  };
}

/**
 * Starts `workers` worker threads for the keyed engine; each pass ({@link PartitionThreads.begin})
 * gives each thread one partition of `count` (entities split by {@link partitionOf}). The main
 * thread routes each transaction only to the threads that own one of its entities, and the
 * transactions a sweep falls on to all of them (the shared clock; see {@link createRouter}, the
 * router a multi-machine deployment uses too); it counts the transactions no engine can evaluate
 * (no FX rate) itself. Partitions not given to a thread in a pass are simply not scanned in it:
 * `tidewatch scan` scans them in later passes when the state would not fit in memory at once.
 * The main thread blocks (Atomics.wait) when a worker falls `MAX_IN_FLIGHT` batches behind, so
 * memory stays bounded by the batches in flight, not by the input. The input has no repeated ids.
 */
export function startPartitionThreads(inputs: EngineInputs, config: EngineConfig, workers: number): PartitionThreads {
  collectGarbageEarly();
  const inFlight = new Int32Array(new SharedArrayBuffer(4 * workers));
  const threads: Worker[] = [];
  /** The pass's result of each thread, settled by its messages. */
  let pending: { resolve: (scan: PackedPartitionScan) => void; reject: (error: unknown) => void }[] = [];
  let results: Promise<PackedPartitionScan>[] = [];
  /** Why a thread can no longer work (it failed or exited): every later pass fails with it. */
  const broken: unknown[] = [];
  for (let slot = 0; slot < workers; slot++) {
    const data: ScanWorkerData = { inputs, slot, inFlight: inFlight.buffer as SharedArrayBuffer };
    const worker = startWorker(data);
    threads.push(worker);
    const fail = (error: unknown): void => {
      broken[slot] ??= error;
      pending[slot]?.reject(error);
    };
    worker.on('message', (m: { type: 'result'; scan: PackedPartitionScan } | { type: 'error'; error: { name: string; code?: string; message: string } }) => {
      if (m.type === 'result') pending[slot]?.resolve(m.scan);
      else fail(m.error.code !== undefined ? new ConfigError(m.error.code as never, m.error.message) : new Error(`scan worker ${slot}: ${m.error.message}`));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`scan worker ${slot} exited with code ${code} before its result`)));
  }
  let router = createRouter(config, 1);
  let slotOf = new Int32Array(1);
  let rejections: EngineRejection[] = [];
  let processed = 0;
  let batches: Transaction[][] = threads.map(() => []);
  const send = (w: number, message: ScanWorkerMessage): void => {
    if (message.type === 'batch') {
      for (let v = Atomics.load(inFlight, w); v >= MAX_IN_FLIGHT; v = Atomics.load(inFlight, w)) Atomics.wait(inFlight, w, v, 1000);
      if (Atomics.load(inFlight, w) < 0) return; // the worker failed: its error arrives with the result
      Atomics.add(inFlight, w, 1);
    }
    (threads[w] as Worker).postMessage(message);
  };
  /** A new pass: one pending result per thread, and its first message to each. */
  const pass = (indexes: readonly number[], first: (index: number) => ScanWorkerMessage): void => {
    if (indexes.length !== workers) throw new RangeError(`a pass needs one partition for each of the ${workers} threads, got ${indexes.length}`);
    results = [];
    pending = [];
    indexes.forEach((index, slot) => {
      results.push(
        new Promise<PackedPartitionScan>((resolve, reject) => {
          pending[slot] = { resolve, reject };
          if (broken[slot] !== undefined) reject(broken[slot]);
        }),
      );
      send(slot, first(index));
    });
    // A failed worker must not leave the merge waiting on the others, nor a rejection unobserved.
    for (const r of results) r.catch(() => undefined);
  };
  return {
    begin(indexes, count) {
      router = createRouter(config, count);
      slotOf = new Int32Array(count).fill(-1);
      indexes.forEach((index, slot) => (slotOf[index] = slot));
      rejections = [];
      processed = 0;
      pass(indexes, (index) => ({ type: 'begin', partition: { index, count } }));
    },
    async replay(files, indexes, count, transactions) {
      pass(indexes, (index) => ({ type: 'replay', path: files.path, routes: files.routes, partition: { index, count }, transactions }));
      return Promise.all(results);
    },
    add(tx) {
      const route = router.route(tx);
      if ('rejection' in route) {
        rejections.push(route.rejection);
        return;
      }
      processed++;
      for (const p of route.partitions) {
        const w = slotOf[p] as number;
        if (w < 0) continue; // a partition of another pass
        const batch = batches[w] as Transaction[];
        batch.push(tx);
        if (batch.length >= BATCH) {
          send(w, { type: 'batch', transactions: batch });
          batches[w] = [];
        }
      }
    },
    async finish(transactions) {
      batches.forEach((batch, w) => {
        if (batch.length > 0) send(w, { type: 'batch', transactions: batch });
      });
      batches = threads.map(() => []);
      for (let w = 0; w < workers; w++) send(w, { type: 'end', transactions });
      return { parts: await Promise.all(results), processed, rejections };
    },
    async dispose() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
