import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { compareAlerts } from './build-alert.js';
import { compareTransactions, createCore, resolveConfig, type EntityState } from './core.js';
import type { EngineOptions } from './options.js';
import { splitValid, type TransactionRejection } from './validate-input.js';

/** Result of {@link scan}. @category Engine */
export interface ScanResult {
  /** Alerts at or above the minimum score, by score then entity: entity alerts and network alerts (see {@link networkAlerts}). */
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
   * (every problem listed, see {@link checkTransaction}) and transactions without an FX rate.
   * `transactions = processed + duplicates + rejected` always holds.
   */
  readonly rejections: readonly TransactionRejection[];
  /** Hash of the effective configuration. */
  readonly configHash: string;
}

/**
 * Batch analysis: sorts the transactions by (time, id), drops repeated ids (the first in that
 * order wins), and streams them through the same engine as {@link createMonitor}, so a shuffled
 * input gives byte-identical alerts. Network alerts (linked entities whose hits together score more
 * than any one of them, see {@link networkAlerts}) are added at the end, under the same minimum score.
 * Each value is checked first (`checkTransaction`): an invalid one is listed in `rejections`
 * with every problem found and the rest of the batch runs; nothing in the input makes it throw.
 *
 * @category Engine
 * @example
 * const { alerts } = scan(transactions, { jurisdiction: 'AU' });
 * for (const a of alerts) console.log(a.score, a.entity.id, a.hits[0]?.reason);
 */
export function scan(transactions: Iterable<Transaction>, options: EngineOptions): ScanResult {
  const config = resolveConfig(options);
  const core = createCore(config);
  // Checked before sorting: a NaN or string timestamp would break the order; the rest of the batch still runs.
  const { valid: sorted, rejections, received } = splitValid(transactions);
  // Exports are usually in time order already: check in one pass before paying for a sort.
  let inOrder = true;
  for (let i = 1; i < sorted.length && inOrder; i++) inOrder = compareTransactions(sorted[i - 1] as Transaction, sorted[i] as Transaction) <= 0;
  if (!inOrder) sorted.sort(compareTransactions);
  const seen = new Set<string>();
  const touched = new Set<EntityState>();
  const alerts: Alert[] = [];
  let duplicates = 0;
  for (const tx of sorted) {
    if (seen.has(tx.id)) {
      duplicates++;
      continue;
    }
    seen.add(tx.id);
    const r = core.process(tx, touched, alerts);
    if (r !== undefined) rejections.push(r);
    touched.clear();
  }
  for (const alert of core.finish()) alerts.push(alert); // live entities, then network alerts; not push(...): no argument-count limit
  alerts.sort(compareAlerts);
  return {
    alerts,
    summary: { transactions: received, processed: core.stats().processed, duplicates, rejected: rejections.length },
    rejections,
    configHash: config.hash,
  };
}
