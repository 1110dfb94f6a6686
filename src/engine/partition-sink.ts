import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { createCore, type EntityState } from './core.js';
import type { EngineConfig } from './config.js';
import type { EngineRejection } from './rejection.js';
import type { Partition } from './partition.js';
import { createIdSet } from '../_internal/id-set.js';
import type { PartitionScan } from './partitioned-scan.js';
import type { NetworkCandidate } from './network-candidate.js';

/** Where a partition of a batch scan receives transactions already in (time, id) order. */
export interface PartitionSink {
  /** Processes the next transaction; a repeated id is counted as a duplicate and skipped. */
  add(tx: Transaction): void;
  /** Ends the input: the partition's entity alerts and network candidates. `transactions` = rows given. */
  result(transactions: number): PartitionScan;
  /**
   * Ends the input as {@link PartitionSink.result} does, but hands each network candidate to `each`
   * as it is built (the same candidates in the same order) and lists none: for a caller that packs
   * them one at a time. The sink takes no more input after it.
   */
  resultInto(transactions: number, each: (candidate: NetworkCandidate) => void): PartitionScan;
  /** Removes the duplicate-id check's temporary files (a result does too); call it in a `finally`. Safe to call twice. */
  dispose(): void;
}

/** The duplicate-id check a partition sink keeps: `add` is true for an id not seen before; `dispose` frees what it holds. @internal */
export interface SeenIds {
  add(id: string): boolean;
  dispose(): void;
}

/** The in-memory duplicate-id check (an `IdSet`; nothing to dispose). */
function memoryIds(): SeenIds {
  const set = createIdSet();
  return { add: (id) => set.add(id), dispose: () => undefined };
}

/** Options of {@link createPartitionSink}. */
export interface PartitionSinkOptions {
  /** The caller guarantees no id repeats (the CLI's ingest drops repeats): keep no set of the ids seen. */
  readonly uniqueIds?: boolean;
  /**
   * Makes the duplicate-id check's set. Default: an in-memory `IdSet` (the core imports no Node
   * built-in). The Node entry (`tidewatch/ingest`'s scan stream, the CLI) passes the bounded set
   * that keeps older ids on disk (`createBoundedIdSet`).
   */
  readonly ids?: () => SeenIds;
}

/**
 * The engine of one partition behind an ordered input: the first transaction of an id wins, later
 * ones are duplicates; every transaction advances the clock (sweeps, FX rejections) but only the
 * partition's entities keep windows and raise alerts. The caller guarantees the order.
 * @internal
 */
export function createPartitionSink(config: EngineConfig, partition: Partition, options: PartitionSinkOptions = {}): PartitionSink {
  const core = createCore(config, partition);
  // Every id of the whole input, within a memory budget: skipped when the caller has dropped repeated ids already.
  const seen = options.uniqueIds === true ? undefined : (options.ids ?? memoryIds)();
  const touched = new Set<EntityState>();
  const alerts: Alert[] = [];
  const rejections: EngineRejection[] = [];
  let duplicates = 0;
  const scanOf = (transactions: number, final: readonly Alert[], candidates: NetworkCandidate[]): PartitionScan => {
    for (const alert of final) alerts.push(alert);
    return {
      partition,
      alerts,
      candidates,
      summary: { transactions, processed: core.stats().processed, duplicates, rejected: rejections.length },
      rejections,
      configHash: config.hash,
    };
  };
  return {
    add(tx) {
      if (seen !== undefined && !seen.add(tx.id)) {
        duplicates++;
        return;
      }
      const r = core.process(tx, touched, alerts);
      if (r !== undefined) rejections.push(r);
      touched.clear();
    },
    result(transactions) {
      seen?.dispose();
      const end = core.finishEntities();
      return scanOf(transactions, end.alerts, end.candidates);
    },
    resultInto(transactions, each) {
      seen?.dispose();
      return scanOf(transactions, core.finishEntitiesInto(each), []);
    },
    dispose() {
      seen?.dispose();
    },
  };
}
