import type { Transaction } from '../schema/transaction.js';
import { compareTransactions, resolveConfig } from './core.js';
import type { EngineOptions } from './options.js';
import { createScanSink, type ScanResult } from './scan-sink.js';
import { splitValid } from './validate-input.js';

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
  // Checked before sorting: a NaN or string timestamp would break the order; the rest of the batch still runs.
  const { valid: sorted, rejections: invalid, received } = splitValid(transactions);
  // Exports are usually in time order already: check in one pass before paying for a sort.
  let inOrder = true;
  for (let i = 1; i < sorted.length && inOrder; i++) inOrder = compareTransactions(sorted[i - 1] as Transaction, sorted[i] as Transaction) <= 0;
  if (!inOrder) sorted.sort(compareTransactions);
  const sink = createScanSink(config);
  for (const tx of sorted) sink.add(tx);
  const result = sink.result(received);
  if (invalid.length === 0) return result;
  const rejections = [...invalid, ...result.rejections];
  return { ...result, rejections, summary: { ...result.summary, rejected: rejections.length } };
}
