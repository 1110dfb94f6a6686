import type { Transaction } from '../schema/transaction.js';
import { compareTransactions, resolveConfig } from './core.js';
import type { EngineOptions } from './options.js';
import { createScanSink, type ScanResult } from './scan-sink.js';

export type { ScanResult } from './scan-sink.js';

/**
 * Batch analysis: sorts the transactions by (time, id), drops repeated ids (the first in that
 * order wins), and streams them through the same engine as {@link createMonitor}, so a shuffled
 * input gives byte-identical alerts. Network alerts (linked entities whose hits together score more
 * than any one of them, see {@link networkAlerts}) are added at the end, under the same minimum score.
 * For input that does not fit in memory, `scanStream` in `tidewatch/ingest` sorts externally.
 *
 * @category Engine
 * @example
 * const { alerts } = scan(transactions, { jurisdiction: 'AU' });
 * for (const a of alerts) console.log(a.score, a.entity.id, a.hits[0]?.reason);
 */
export function scan(transactions: Iterable<Transaction>, options: EngineOptions): ScanResult {
  const config = resolveConfig(options);
  const sorted = Array.isArray(transactions) ? (transactions as Transaction[]).slice() : [...transactions];
  // Exports are usually in time order already: check in one pass before paying for a sort.
  let inOrder = true;
  for (let i = 1; i < sorted.length && inOrder; i++) inOrder = compareTransactions(sorted[i - 1] as Transaction, sorted[i] as Transaction) <= 0;
  if (!inOrder) sorted.sort(compareTransactions);
  const sink = createScanSink(config);
  for (const tx of sorted) sink.add(tx);
  return sink.result(sorted.length);
}
