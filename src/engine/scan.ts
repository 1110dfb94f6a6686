import type { Transaction } from '../schema/transaction.js';
import { resolveConfig } from './config.js';
import type { EngineOptions } from './options.js';
import { mergePartitionScans, scanPartitionWith } from './partitioned-scan.js';
import type { ScanResult } from './scan-sink.js';

export type { ScanResult } from './scan-sink.js';

/**
 * Batch analysis: sorts the transactions by (time, id), drops repeated ids (the first in that
 * order wins), and streams them through the same engine as {@link createMonitor}, so a shuffled
 * input gives byte-identical alerts. Network alerts (linked entities whose hits together score more
 * than any one of them, see {@link networkAlerts}) are added at the end, under the same minimum score.
 * Each value is checked first (`checkTransaction`): an invalid one is listed in `rejections`
 * with every problem found and the rest of the batch runs; nothing in the input makes it throw.
 * For input that does not fit in memory, `scanStream` in `tidewatch/ingest` sorts externally.
 *
 * @category Engine
 * @example
 * const { alerts } = scan(transactions, { jurisdiction: 'AU' });
 * for (const a of alerts) console.log(a.score, a.entity.id, a.hits[0]?.reason);
 */
export function scan(transactions: Iterable<Transaction>, options: EngineOptions): ScanResult {
  const config = resolveConfig(options);
  return mergePartitionScans([scanPartitionWith(config, transactions, { index: 0, count: 1 })], config);
}
