import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { compareAlerts } from './build-alert.js';
import { compareTransactions, createCore, resolveConfig, type EngineRejection, type EntityState } from './core.js';
import type { EngineOptions } from './options.js';

/** Result of {@link scan}. @category Engine */
export interface ScanResult {
  /** Alerts at or above the minimum score, by score then entity: entity alerts and network alerts (see {@link networkAlerts}). */
  readonly alerts: readonly Alert[];
  readonly summary: {
    readonly transactions: number;
    readonly processed: number;
    readonly duplicates: number;
    readonly rejected: number;
  };
  /** Transactions that could not be evaluated (e.g. no FX rate), with the reason. */
  readonly rejections: readonly EngineRejection[];
  /** Hash of the effective configuration. */
  readonly configHash: string;
}

/**
 * Batch analysis: sorts the transactions by (time, id), drops repeated ids (the first in that
 * order wins), and streams them through the same engine as {@link createMonitor}, so a shuffled
 * input gives byte-identical alerts. Network alerts (linked entities whose hits together score more
 * than any one of them, see {@link networkAlerts}) are added at the end, under the same minimum score.
 *
 * @category Engine
 * @example
 * const { alerts } = scan(transactions, { jurisdiction: 'AU' });
 * for (const a of alerts) console.log(a.score, a.entity.id, a.hits[0]?.reason);
 */
export function scan(transactions: Iterable<Transaction>, options: EngineOptions): ScanResult {
  const config = resolveConfig(options);
  const core = createCore(config);
  const sorted = Array.isArray(transactions) ? (transactions as Transaction[]).slice() : [...transactions];
  // Exports are usually in time order already: check in one pass before paying for a sort.
  let inOrder = true;
  for (let i = 1; i < sorted.length && inOrder; i++) inOrder = compareTransactions(sorted[i - 1] as Transaction, sorted[i] as Transaction) <= 0;
  if (!inOrder) sorted.sort(compareTransactions);
  const seen = new Set<string>();
  const touched = new Set<EntityState>();
  const alerts: Alert[] = [];
  const rejections: EngineRejection[] = [];
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
    summary: { transactions: sorted.length, processed: core.stats().processed, duplicates, rejected: rejections.length },
    rejections,
    configHash: config.hash,
  };
}
