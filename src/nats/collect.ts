import { compareAlerts } from '../engine/build-alert.js';
import type { Alert } from '../scoring/alert.js';
import type { DoneMarker } from './messages.js';
import { missingPartitions } from './network-stage.js';
import type { Pipeline } from './pipeline.js';
import { readAlerts } from './read-alerts.js';

/** What {@link collectAlerts} gathered. @category NATS */
export interface CollectResult {
  /** Entity and network alerts, each once, in the order of `scan` (score, then entity). */
  readonly alerts: readonly Alert[];
  /** The partitions' done markers, by partition. */
  readonly partitions: readonly DoneMarker[];
}

/**
 * Waits until every partition has applied its whole input and the network stage has run, then
 * returns the final alerts — entity alerts of all partitions and network alerts, each alert once —
 * sorted as `scan` sorts them, so `ndjson` of them equals `tidewatch scan --format ndjson` of the
 * same rows byte for byte. Throws after `waitMs` naming the partitions that have not finished.
 * @category NATS
 * @example
 * const { alerts } = await collectAlerts(pipeline);
 * const ndjson = alerts.map((a) => `${JSON.stringify(a)}\n`).join(''); // = tidewatch scan --format ndjson
 */
export async function collectAlerts(pipeline: Pipeline, options: { readonly waitMs?: number } = {}): Promise<CollectResult> {
  const read = await readAlerts(
    pipeline,
    // Each partition publishes its done marker after its alerts were stored, and the network stage
    // its marker after the network alerts: in stream order, everything before a marker has been read.
    (r) => r.networkDone !== undefined && r.done.size >= r.networkDone.partitions && r.network.size >= r.networkDone.alerts,
    options.waitMs ?? 600_000,
    (r) => (r.networkDone === undefined ? `the network stage has not run${r.done.size > 0 ? ` (${r.done.size} partitions finished)` : ''}` : missingPartitions(r.done, r.networkDone.partitions)),
  );
  const alerts = [...read.entity.values(), ...read.network.values()].sort(compareAlerts);
  return { alerts, partitions: [...read.done.values()].sort((a, b) => a.partition - b.partition) };
}
