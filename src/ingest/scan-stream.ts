import { resolveConfig, type EngineConfig } from '../engine/config.js';
import type { EngineOptions } from '../engine/options.js';
import { createScanSink, type ScanResult, type ScanSink } from '../engine/scan-sink.js';
import type { Transaction } from '../schema/transaction.js';
import { createRowOrder, type InputOrderStats, type RowOrderOptions } from './row-order.js';
import { createBoundedIdSet } from '../_internal/bounded-id-set.js';

const DEFAULT_MEMORY = 400 * 1024 * 1024;

/**
 * The part of a memory budget that a scan's duplicate-id check keeps its newest ids in: an eighth,
 * at most 32 MiB (older ids wait on disk, see `createBoundedIdSet`).
 * @internal
 */
export function idShareOf(memoryBytes: number): number {
  return Math.min(32 * 2 ** 20, Math.floor(memoryBytes / 8));
}

/** Options of {@link scanStream} and {@link createBatchScanner}. @category Ingest */
export type StreamScanOptions = RowOrderOptions;

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

/**
 * A batch scan that does not hold all rows, with byte-identical alerts to `scan()` for any input
 * order: rows reach the engine through {@link createRowOrder} (in-order input streams straight
 * through; other input is sorted externally under `memoryBytes`, in a private temporary directory).
 * The duplicate-id check takes an eighth of the budget (at most 32 MiB) for its newest ids; older ids wait in
 * sorted runs in a private temporary directory too, so memory stays bounded for in-order input as well.
 * With `options` as a function (configuration known only after the last row, e.g. a jurisdiction
 * inferred from the data), it is called once by `finish` and the rows are sorted from the start.
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
  const deferred = typeof options === 'function';
  // Resolved once: reference data may come as one-shot iterators, and a restart reuses it.
  let config: EngineConfig | undefined = deferred ? undefined : resolveConfig(options);
  let sink: ScanSink | undefined;
  let added = 0;
  // The duplicate-id check's share of the budget (its older ids wait on disk), the rest for the rows.
  const memoryBytes = scanOptions.memoryBytes ?? DEFAULT_MEMORY;
  const idMemoryBytes = idShareOf(memoryBytes);
  const order = createRowOrder({ ...scanOptions, memoryBytes: memoryBytes - idMemoryBytes, ...(deferred ? { stream: false } : {}) }, () => {
    config ??= resolveConfig((options as () => EngineOptions)());
    sink?.dispose(); // a restart: the rows come again from the first
    const fresh = createScanSink(config, { ids: () => createBoundedIdSet({ memoryBytes: idMemoryBytes, ...(scanOptions.tempDir === undefined ? {} : { tempDir: scanOptions.tempDir }) }) });
    sink = fresh;
    return (tx) => fresh.add(tx);
  });
  return {
    add(tx) {
      added++;
      order.add(tx);
    },
    finish() {
      const input = order.finish();
      return { ...(sink as ScanSink).result(added), input };
    },
    dispose() {
      order.dispose();
      sink?.dispose();
    },
  };
}

/**
 * Batch scan of an (async) iterable without holding all rows (see {@link createBatchScanner}). The
 * alerts are byte-identical to `scan()` on the same rows, in any order. Temporary files are removed
 * also when the source or the engine throws.
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
