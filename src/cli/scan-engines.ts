import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolveConfig, type EngineConfig } from '../engine/config.js';
import type { EngineOptions } from '../engine/options.js';
import { createScanSink, type ScanSink } from '../engine/scan-sink.js';
import type { Transaction } from '../schema/transaction.js';
import { engineOutputOf, type EngineOutput } from './alert-list.js';
import type { EngineInputs } from './engine-inputs.js';
import { createParallelScan, type ParallelScan } from './parallel-scan.js';

/**
 * The engine behind `tidewatch scan`'s row order: `start` gives the consumer of rows in (time, id)
 * order (called again for a fresh engine if the row order has to restart), `result` ends the input
 * (its alerts stay readable until `dispose`).
 */
export interface ScanEngine {
  readonly start: () => (tx: Transaction) => void;
  result(transactions: number): Promise<EngineOutput>;
  dispose(): Promise<void>;
}

/** Input bytes per worker thread below which another thread costs more than it saves. */
const BYTES_PER_WORKER = 8 * 1024 * 1024;

/** The size of the input when it is a regular file; 0 for a directory (goAML reports), a pipe or a missing file. */
export function inputBytes(file: string): number {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0; // the reader reports a missing file with its own error
  }
}

/** One worker per core, at most one per 8 MB of input (small files gain nothing from threads). */
export function defaultWorkers(file: string): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(inputBytes(file) / BYTES_PER_WORKER)));
}

/**
 * The engine on the calling thread. `options` is called once, when the first row is due. The CLI's
 * ingest has dropped repeated ids already, so the engine keeps no second set of them.
 */
export function oneThreadEngine(options: () => EngineOptions): ScanEngine {
  let config: EngineConfig | undefined;
  let sink: ScanSink | undefined;
  return {
    start() {
      config ??= resolveConfig(options());
      const fresh = createScanSink(config, { uniqueIds: true });
      sink = fresh;
      return (tx) => fresh.add(tx);
    },
    async result(transactions) {
      if (sink === undefined) this.start();
      return engineOutputOf((sink as ScanSink).result(transactions));
    },
    async dispose() {},
  };
}

/**
 * The engine on `workers` threads, one partition each (see {@link createParallelScan}); the main
 * thread resolves the same configuration for the merge. A restart stops the running workers and
 * starts fresh ones.
 */
export function parallelEngine(inputs: () => EngineInputs, options: () => EngineOptions, workers: number): ScanEngine {
  let config: EngineConfig | undefined;
  let scan: ParallelScan | undefined;
  const stopped: Promise<void>[] = [];
  return {
    start() {
      config ??= resolveConfig(options());
      if (scan !== undefined) stopped.push(scan.dispose());
      const fresh = createParallelScan(inputs(), config, workers);
      scan = fresh;
      return (tx) => fresh.add(tx);
    },
    async result(transactions) {
      if (scan === undefined) this.start();
      return engineOutputOf(await (scan as ParallelScan).finish(transactions));
    },
    async dispose() {
      await Promise.all([...stopped, ...(scan === undefined ? [] : [scan.dispose()])]);
    },
  };
}
