import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { compareAlerts } from './build-alert.js';
import { compareTransactions } from './transaction-order.js';
import { resolveConfig, type EngineConfig } from './config.js';
import { createPartitionSink } from './partition-sink.js';
import { reportedNetworkAlertsOf, type NetworkStageHooks } from './network.js';
import type { NetworkCandidate } from './network-candidate.js';
import type { EngineOptions } from './options.js';
import { checkPartition, type Partition } from './partition.js';
import type { ScanResult } from './scan.js';
import { splitValid, type TransactionRejection } from './validate-input.js';

/**
 * What one partition of a batch scan found: the alerts of the entities it owns and the entity
 * alerts that can join networks, for {@link mergePartitionScans}. Plain data: it crosses worker
 * threads and processes as it is.
 * @category Engine
 */
export interface PartitionScan {
  readonly partition: Partition;
  /** Entity alerts at or above the minimum score (evicted during the run and live at its end), unsorted. */
  readonly alerts: readonly Alert[];
  /** Every entity alert of the partition that can join a network, whatever its score, with its evidence kept compact. */
  readonly candidates: readonly NetworkCandidate[];
  readonly summary: ScanResult['summary'];
  readonly rejections: readonly TransactionRejection[];
  readonly configHash: string;
}

/**
 * One partition of {@link scan}: the same (time, id) order, duplicate handling, sweeps and
 * rejections as the whole scan — every partition reads every transaction — but windows, rules and
 * alerts only for the entities {@link partitionOf} assigns to `partition`. Merging the scans of all
 * partitions with {@link mergePartitionScans} gives exactly the result of {@link scan}: an entity's
 * state depends only on its own events, and evictions follow the shared clock of the input.
 * @category Engine
 * @example
 * const parts = [0, 1].map((index) => scanPartition(txs, { jurisdiction: 'MY' }, { index, count: 2 }));
 * const result = mergePartitionScans(parts, { jurisdiction: 'MY' }); // = scan(txs, { jurisdiction: 'MY' })
 */
export function scanPartition(transactions: Iterable<Transaction>, options: EngineOptions, partition: Partition): PartitionScan {
  return scanPartitionWith(resolveConfig(options), transactions, checkPartition(partition));
}

/**
 * {@link scanPartition} with a resolved configuration: the one batch path behind `scan()` too.
 * Invalid values are rejected first (every partition reports them, as it does duplicates).
 * @internal
 */
export function scanPartitionWith(config: EngineConfig, transactions: Iterable<Transaction>, partition: Partition): PartitionScan {
  // Checked before sorting: a NaN or string timestamp would break the order; the rest of the batch still runs.
  const { valid: sorted, rejections: invalid, received } = splitValid(transactions);
  // Exports are usually in time order already: check in one pass before paying for a sort.
  let inOrder = true;
  for (let i = 1; i < sorted.length && inOrder; i++) inOrder = compareTransactions(sorted[i - 1] as Transaction, sorted[i] as Transaction) <= 0;
  if (!inOrder) sorted.sort(compareTransactions);
  const sink = createPartitionSink(config, partition);
  let part: PartitionScan;
  try {
    for (const tx of sorted) sink.add(tx);
    part = sink.result(received);
  } finally {
    sink.dispose();
  }
  if (invalid.length === 0) return part;
  const rejections = [...invalid, ...part.rejections];
  return { ...part, rejections, summary: { ...part.summary, rejected: rejections.length } };
}

/**
 * Merges the scans of partitions 0..n−1 of one input into the result {@link scan} gives: entity
 * alerts of all partitions, then the network alerts formed over the candidates of all of them, in
 * the deterministic output order. Throws RangeError when partitions are missing, repeated, or were
 * scanned with another configuration.
 * @category Engine
 * @example
 * const parts = [0, 1].map((index) => scanPartition(transactions, options, { index, count: 2 }));
 * const { alerts } = mergePartitionScans(parts, options); // = scan(transactions, options)
 */
export function mergePartitionScans(parts: readonly PartitionScan[], options: EngineOptions | EngineConfig): ScanResult {
  return mergePartitionScansWith(parts, options, {});
}

/** @internal {@link mergePartitionScans}, with what to do between the network stage's passes. */
export function mergePartitionScansWith(parts: readonly PartitionScan[], options: EngineOptions | EngineConfig, hooks: NetworkStageHooks): ScanResult {
  const config = 'hash' in options && 'context' in options ? options : resolveConfig(options);
  const count = parts[0]?.partition.count ?? 0;
  const indexes = new Set(parts.map((p) => p.partition.index));
  if (count === 0 || parts.length !== count || indexes.size !== count || parts.some((p) => p.partition.count !== count)) {
    throw new RangeError(`need the scans of partitions 0..${Math.max(0, count - 1)} of ${count} exactly once each; got ${parts.map((p) => `${p.partition.index}/${p.partition.count}`).join(', ')}`);
  }
  if (parts.some((p) => p.configHash !== config.hash)) throw new RangeError('partitions were scanned with a different configuration (config hash differs)');
  const alerts: Alert[] = [];
  const candidates: NetworkCandidate[] = [];
  for (const p of parts) {
    for (const a of p.alerts) alerts.push(a);
    for (const c of p.candidates) candidates.push(c);
  }
  for (const alert of reportedNetworkAlertsOf(candidates, config, config.minScore, hooks)) alerts.push(alert);
  alerts.sort(compareAlerts);
  // Every partition reads the whole input, so the input-side counts are those of any one of them.
  const first = parts.find((p) => p.partition.index === 0) as PartitionScan;
  return { alerts, summary: first.summary, rejections: first.rejections, configHash: config.hash };
}
