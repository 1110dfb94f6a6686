import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import type { EngineConfig } from './config.js';
import { createPartitionSink, type PartitionSinkOptions } from './partition-sink.js';
import { mergePartitionScans } from './partitioned-scan.js';
import type { TransactionRejection } from './validate-input.js';

/** Result of {@link scan} and of the streaming scans in `tidewatch/ingest`. @category Engine */
export interface ScanResult {
  /** Alerts at or above the minimum score, by score then entity: entity alerts and network alerts (see `networkAlerts`). */
  readonly alerts: readonly Alert[];
  readonly summary: {
    readonly transactions: number;
    readonly processed: number;
    readonly duplicates: number;
    /** Not evaluated: invalid values (`invalid_transaction`) and unconvertible currencies (`conversion_unavailable`). */
    readonly rejected: number;
  };
  /**
   * Input that could not be evaluated, with the reason: values that are not valid transactions
   * (every problem listed, see `checkTransaction`) and transactions without an FX rate.
   * `transactions = processed + duplicates + rejected` always holds.
   */
  readonly rejections: readonly TransactionRejection[];
  /** Hash of the effective configuration. */
  readonly configHash: string;
}

/** Where a batch scan sends transactions that are already in (time, id) order. */
export interface ScanSink {
  /** Processes the next transaction; a repeated id is counted as a duplicate and skipped. */
  add(tx: Transaction): void;
  /** Finishes the engine: live entities, network alerts, alerts sorted. `transactions` = rows given. */
  result(transactions: number): ScanResult;
  /** Removes the duplicate-id check's temporary files (a result does too); call it in a `finally`. Safe to call twice. */
  dispose(): void;
}

/**
 * The tail every batch scan shares, so in-memory and external-sort scans cannot drift: the first
 * transaction of an id in (time, id) order wins, later ones are counted as duplicates, alerts are
 * collected and sorted at the end. The caller guarantees the order; `uniqueIds` as in
 * {@link createPartitionSink}.
 */
export function createScanSink(config: EngineConfig, options: PartitionSinkOptions = {}): ScanSink {
  // One partition of one: the partition sink's loop, then the merge that adds the network alerts.
  const sink = createPartitionSink(config, { index: 0, count: 1 }, options);
  return { add: sink.add, result: (transactions) => mergePartitionScans([sink.result(transactions)], config), dispose: sink.dispose };
}
