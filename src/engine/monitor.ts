import { ConfigError } from '../_internal/config-error.js';
import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { compareAlerts } from './build-alert.js';
import { compareTransactions } from './transaction-order.js';
import { createCore, type EntityState } from './core.js';
import { resolveConfig } from './config.js';
import type { MonitorCheckpoint, MonitorOptions } from './options.js';
import { CHECKPOINT_FORMAT, checkpointFingerprint, readCheckpoint, type MonitorState } from './checkpoint.js';
import { rejectInvalid, type TransactionRejection } from './validate-input.js';
import { lowerBound } from '../_internal/lower-bound.js';

/** A transaction that arrived later than the lateness bound: reported, not evaluated. @category Engine */
export interface LateArrival {
  readonly id: string;
  readonly code: 'late_arrival';
  readonly message: string;
}

/** What one push or flush produced. @category Engine */
export interface MonitorUpdate {
  /** New or updated alerts (at or above the minimum score), in output order; the latest version of an id replaces earlier ones. */
  readonly alerts: readonly Alert[];
  readonly late: readonly LateArrival[];
  /** Ids seen before (counted once, not evaluated again). */
  readonly duplicates: readonly string[];
  /**
   * Not evaluated: values that are not valid transactions (`invalid_transaction`, every problem
   * listed, reported at push) and transactions without an FX rate (`conversion_unavailable`,
   * reported when released). The monitor goes on with the rest.
   */
  readonly rejected: readonly TransactionRejection[];
}

/**
 * Running counts of a monitor: `received = processed + pending + duplicates + late + rejected`
 * always holds.
 * @category Engine
 */
export interface MonitorStats {
  readonly received: number;
  readonly processed: number;
  readonly pending: number;
  readonly duplicates: number;
  readonly late: number;
  readonly rejected: number;
  readonly entities: number;
  /** Events held in the entities' windows (inside the retention horizon); counted on demand. */
  readonly windowEvents: number;
}

/** A streaming monitor. @category Engine */
export interface Monitor {
  /**
   * Accepts one transaction or a batch, in any order within the lateness bound. Each value is
   * checked (`checkTransaction`); an invalid one is rejected with its problems and the
   * others go on. Never throws on bad input.
   */
  push(input: Transaction | readonly Transaction[]): MonitorUpdate;
  /**
   * Ends the input: evaluates everything pending and returns the alerts of every live entity, and
   * the network alerts over every entity alert of the run (exactly those of {@link scan}).
   */
  flush(): MonitorUpdate;
  /**
   * Serialisable state; `createMonitor({ ...options, checkpoint })` continues exactly from here. It
   * carries a fingerprint of everything that changes results (configuration, reference data, FX
   * rates, lateness, engine version): restoring it elsewhere throws ConfigError `checkpoint_mismatch`
   * naming what differs, and a malformed one `invalid_checkpoint`.
   */
  checkpoint(): MonitorCheckpoint;
  /** Counters so far: `received = processed + pending + duplicates + late + rejected`. */
  stats(): MonitorStats;
  /** Hash of the effective configuration (as written in alerts). */
  readonly configHash: string;
}

/**
 * Creates a streaming monitor: push transactions as they happen, receive new or updated alerts.
 * Transactions are held until the watermark (newest time seen minus `latenessMs`) passes them and
 * are then evaluated in (time, id) order — so any arrival order within the bound gives exactly the
 * alerts of {@link scan}. State is bounded by active entities, not history — except that, for the
 * network alerts given at {@link Monitor.flush}, the final alert of each evicted entity that scored
 * (score > 0, at any minimum score) is kept, in memory and in checkpoints: proportional to the
 * number of such entity alerts, never to transactions. Network alerts come only at flush.
 *
 * @category Engine
 * @example
 * const monitor = createMonitor({ jurisdiction: 'MY', latenessMs: 60_000 });
 * for (const tx of incoming) for (const alert of monitor.push(tx).alerts) notify(alert);
 * monitor.flush();
 */
export function createMonitor(options: MonitorOptions): Monitor {
  const latenessMs = options.latenessMs ?? 3_600_000;
  if (!(latenessMs >= 0)) throw new ConfigError('invalid_options', `latenessMs must be a non-negative number, got ${latenessMs}`);
  const config = resolveConfig(options);
  const core = createCore(config);
  const retention = Math.max(config.retention.account, config.retention.party);
  let pending: Transaction[] = [];
  const pendingIds = new Map<string, Transaction>();
  let maxTs = Number.NEGATIVE_INFINITY;
  const seen = new Map<string, number>();
  // `seen` is filled in release order, which is time order, so expiry can stop at the first id still
  // inside the horizon. If an entry ever arrives out of time order (a hand-made checkpoint), expiry
  // falls back to a full pass, so exactly the same ids are forgotten either way.
  let seenInTimeOrder = true;
  let seenLastTs = Number.NEGATIVE_INFINITY;
  const remember = (id: string, ts: number): void => {
    if (ts < seenLastTs) seenInTimeOrder = false;
    else seenLastTs = ts;
    seen.set(id, ts);
  };
  const counts = { received: 0, duplicates: 0, late: 0, rejected: 0 };

  const fingerprint = checkpointFingerprint(config, options.fx, latenessMs);
  if (options.checkpoint !== undefined) {
    const s = readCheckpoint(options.checkpoint, fingerprint);
    pending = [...s.pending];
    for (const tx of pending) pendingIds.set(tx.id, tx);
    maxTs = s.maxTs ?? Number.NEGATIVE_INFINITY;
    for (const [id, ts] of s.seen) remember(id, ts);
    Object.assign(counts, s.counts);
    try {
      core.restore(s.core);
    } catch (error) {
      throw new ConfigError('invalid_checkpoint', `checkpoint.state.core: cannot be restored (${(error as Error).message})`);
    }
  }

  const watermark = (): number => maxTs - latenessMs;

  function release(limit: number, touched: Set<EntityState>, finished: Alert[], rejected: TransactionRejection[]): void {
    let n = 0;
    while (n < pending.length && (pending[n] as Transaction).timestamp < limit) n++;
    if (n === 0) return;
    const ready = pending.slice(0, n);
    pending = pending.slice(n);
    for (const tx of ready) {
      pendingIds.delete(tx.id);
      remember(tx.id, tx.timestamp);
      const r = core.process(tx, touched, finished);
      if (r !== undefined) {
        counts.rejected++;
        rejected.push(r);
      }
    }
    if (seen.size > 1024) {
      const horizon = limit - retention - latenessMs;
      // In time order, stop at the first id still inside the horizon: O(expired ids) per release, not O(all).
      for (const [id, ts] of seen) {
        if (ts < horizon) seen.delete(id);
        else if (seenInTimeOrder) break;
      }
    }
  }

  function insert(tx: Transaction, late: LateArrival[], duplicates: string[]): void {
    const existing = pendingIds.get(tx.id);
    if (existing !== undefined || seen.has(tx.id)) {
      counts.duplicates++;
      duplicates.push(tx.id);
      if (existing !== undefined && compareTransactions(tx, existing) < 0) {
        pending.splice(pending.indexOf(existing), 1);
        pendingIds.delete(tx.id);
      } else return;
    } else if (tx.timestamp < watermark()) {
      counts.late++;
      late.push({
        id: tx.id,
        code: 'late_arrival',
        message: `arrived ${tx.timestamp < maxTs ? Math.round((maxTs - tx.timestamp) / 1000) : 0} s behind the newest transaction, beyond the ${Math.round(latenessMs / 1000)} s lateness bound; not evaluated`,
      });
      return;
    }
    const lo = lowerBound(0, pending.length, (i) => compareTransactions(pending[i] as Transaction, tx) <= 0);
    pending.splice(lo, 0, tx);
    pendingIds.set(tx.id, tx);
    if (tx.timestamp > maxTs) maxTs = tx.timestamp;
  }

  function emit(touched: Set<EntityState>, finished: Alert[]): Alert[] {
    const out = [...finished];
    for (const state of touched) {
      state.dirty = false;
      const alert = core.alertOf(state);
      if (alert !== undefined) out.push(alert);
    }
    return out.sort(compareAlerts);
  }

  return {
    configHash: config.hash,
    push(input) {
      const list: readonly unknown[] = Array.isArray(input) ? input : [input];
      const late: LateArrival[] = [];
      const duplicates: string[] = [];
      const rejected: TransactionRejection[] = [];
      const touched = new Set<EntityState>();
      const finished: Alert[] = [];
      for (let i = 0; i < list.length; i++) {
        counts.received++;
        const invalid = rejectInvalid(list[i], i);
        if (invalid === undefined) insert(list[i] as Transaction, late, duplicates);
        else {
          counts.rejected++;
          rejected.push(invalid);
        }
      }
      release(watermark(), touched, finished, rejected);
      return { alerts: emit(touched, finished), late, duplicates, rejected };
    },
    flush() {
      const touched = new Set<EntityState>();
      const finished: Alert[] = [];
      const rejected: TransactionRejection[] = [];
      release(Number.POSITIVE_INFINITY, touched, finished, rejected);
      if (Number.isFinite(maxTs)) maxTs = Math.max(maxTs, maxTs + latenessMs);
      for (const state of core.liveStates()) state.dirty = false;
      const alerts = finished;
      for (const alert of core.finish()) alerts.push(alert);
      return { alerts: alerts.sort(compareAlerts), late: [], duplicates: [], rejected };
    },
    checkpoint() {
      const state: MonitorState = {
        pending: [...pending],
        maxTs: Number.isFinite(maxTs) ? maxTs : null,
        seen: [...seen],
        counts: { ...counts },
        core: core.snapshot(),
      };
      return JSON.parse(JSON.stringify({ format: CHECKPOINT_FORMAT, config: config.hash, fingerprint, state })) as MonitorCheckpoint;
    },
    stats() {
      const s = core.stats();
      return { ...counts, processed: s.processed, pending: pending.length, entities: s.entities, windowEvents: s.windowEvents };
    },
  };
}
