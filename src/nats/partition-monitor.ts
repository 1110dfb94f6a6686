import { ConfigError } from '../_internal/config-error.js';
import { CHECKPOINT_FORMAT, checkpointFingerprint, readCheckpoint, type MonitorState } from '../engine/checkpoint.js';
import { createCore, type EntityState } from '../engine/core.js';
import type { EngineConfig } from '../engine/config.js';
import type { EngineRejection } from '../engine/rejection.js';
import type { FxConverter, MonitorCheckpoint } from '../engine/options.js';
import { checkPartition, type Partition } from '../engine/partition.js';
import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { alertOfCandidate } from '../engine/network-candidate.js';

/**
 * A partition monitor's checkpoint: the engine state in the monitor checkpoint format (with its
 * fingerprint of configuration, reference data and FX rates), the partition, and the input position
 * it was taken at. Plain JSON.
 * @category NATS
 */
export interface PartitionCheckpoint {
  readonly format: 'tidewatch/partition-checkpoint@1';
  readonly partition: Partition;
  /** Next partition-local input position to apply (every earlier one is in the state). */
  readonly next: number;
  /** Entity alerts finalised (evicted) so far, counted once each. */
  readonly finished: number;
  /** Transactions the engine could not evaluate (no FX rate), with the reason. */
  readonly rejections: readonly EngineRejection[];
  readonly monitor: MonitorCheckpoint;
  /** Adapter data stored with the state (for NATS: the stream sequence to resume from). */
  readonly cursor: Readonly<Record<string, number>>;
}

/** What applying one transaction gave. @category NATS */
export interface PartitionStep {
  /** Entity alerts finalised by this step (entities evicted at a sweep), at or above the minimum score. */
  readonly alerts: readonly Alert[];
  readonly rejection?: EngineRejection;
}

/**
 * The engine of one partition of a log: applies transactions in order, one input position at a
 * time, and checkpoints its state with the position. See {@link createPartitionMonitor}.
 * @category NATS
 */
export interface PartitionMonitor {
  readonly partition: Partition;
  /** The next input position this monitor expects. */
  readonly next: () => number;
  /** Applies the transaction at position {@link PartitionMonitor.next} (or only advances past a position with nothing to apply). */
  apply(tx: Transaction | undefined): PartitionStep;
  /** State and position, to restore with `createPartitionMonitor(config, partition, { checkpoint })`. */
  checkpoint(cursor?: Readonly<Record<string, number>>): PartitionCheckpoint;
  /** {@link PartitionMonitor.checkpoint} as JSON text, without the intermediate deep copy (for storing it at once). */
  checkpointJson(cursor?: Readonly<Record<string, number>>): string;
  /** Entity alerts finalised so far (evicted, at or above the minimum score) and transactions rejected for want of an FX rate. */
  counts(): { finished: number; rejected: number };
  /** End of input: the partition's entity alerts (≥ minimum score) and every entity alert that can join a network. */
  finish(): { alerts: Alert[]; candidates: Alert[] };
}

/** Options of {@link createPartitionMonitor}. @category NATS */
export interface PartitionMonitorOptions {
  /** The FX converter the configuration was resolved with (it is part of the fingerprint). */
  readonly fx?: FxConverter;
  readonly checkpoint?: PartitionCheckpoint;
}

/**
 * The engine core of one partition behind a log that delivers its transactions in order (see
 * {@link createRouter}): it keeps windows and raises alerts only for the partition's entities,
 * follows the clock of the transactions it is given, and counts positions so that a restarted
 * worker skips what its checkpoint already holds (effectively once on an at-least-once log).
 * Restoring checks the fingerprint: another configuration, reference data, FX table, engine version
 * or partition throws ConfigError `checkpoint_mismatch`, a malformed checkpoint `invalid_checkpoint`.
 * @category NATS
 * @example
 * const m = createPartitionMonitor(config, { index: 1, count: 4 });
 * m.apply(tx); const saved = m.checkpoint();
 * const again = createPartitionMonitor(config, { index: 1, count: 4 }, { checkpoint: saved });
 */
export function createPartitionMonitor(config: EngineConfig, partition: Partition, options: PartitionMonitorOptions = {}): PartitionMonitor {
  checkPartition(partition);
  const core = createCore(config, partition);
  const fingerprint = checkpointFingerprint(config, options.fx, 0);
  let next = 0;
  let finished = 0;
  const rejections: EngineRejection[] = [];
  const cp = options.checkpoint;
  if (cp !== undefined) {
    if (cp === null || typeof cp !== 'object' || cp.format !== 'tidewatch/partition-checkpoint@1' || !Number.isInteger(cp.next) || !Number.isInteger(cp.finished) || !Array.isArray(cp.rejections)) {
      throw new ConfigError('invalid_checkpoint', 'partition checkpoint: not a tidewatch/partition-checkpoint@1 document');
    }
    if (cp.partition?.index !== partition.index || cp.partition?.count !== partition.count) {
      throw new ConfigError('checkpoint_mismatch', `partition checkpoint is of partition ${cp.partition?.index}/${cp.partition?.count}, not ${partition.index}/${partition.count}`);
    }
    const state: MonitorState = readCheckpoint(cp.monitor, fingerprint);
    try {
      core.restore(state.core);
    } catch (error) {
      throw new ConfigError('invalid_checkpoint', `partition checkpoint: the engine state cannot be restored (${(error as Error).message})`);
    }
    next = cp.next;
    finished = cp.finished;
    rejections.push(...cp.rejections);
  }
  const touched = new Set<EntityState>();
  return {
    partition,
    next: () => next,
    apply(tx) {
      next++;
      if (tx === undefined) return { alerts: [] };
      const alerts: Alert[] = [];
      const rejection = core.process(tx, touched, alerts);
      touched.clear();
      finished += alerts.length;
      if (rejection !== undefined) rejections.push(rejection);
      return rejection === undefined ? { alerts } : { alerts, rejection };
    },
    checkpoint(cursor = {}) {
      return JSON.parse(this.checkpointJson(cursor)) as PartitionCheckpoint;
    },
    checkpointJson(cursor = {}) {
      const s = core.stats();
      const state: MonitorState = {
        pending: [], maxTs: null, seen: [],
        counts: { received: s.processed + rejections.length, duplicates: 0, late: 0, rejected: rejections.length },
        core: core.snapshot(),
      };
      const monitor = { format: CHECKPOINT_FORMAT, config: config.hash, fingerprint, state };
      return JSON.stringify({ format: 'tidewatch/partition-checkpoint@1', partition, next, finished, rejections, monitor, cursor });
    },
    counts: () => ({ finished, rejected: rejections.length }),
    finish() {
      const end = core.finishEntities();
      // Published to the log as alerts (the network stage's input format): each whole, its evidence hits rebuilt.
      return { alerts: end.alerts, candidates: end.candidates.map(alertOfCandidate) };
    },
  };
}
