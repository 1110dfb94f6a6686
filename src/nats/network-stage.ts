import { compareAlerts } from '../engine/build-alert.js';
import type { EngineConfig } from '../engine/config.js';
import { reportedNetworkAlerts } from '../engine/network.js';
import type { Alert } from '../scoring/alert.js';
import type { NetworkDoneMarker } from './messages.js';
import type { Pipeline } from './pipeline.js';
import { readAlerts } from './read-alerts.js';
import { retry } from './retry.js';

/** Options of {@link runNetworkStage}. @category NATS */
export interface NetworkStageOptions {
  readonly partitions: number;
  /** How long to wait for every partition to finish (ms). Default 10 minutes. */
  readonly waitMs?: number;
}

/**
 * The network stage: reads the alerts stream until every partition has published its done marker,
 * forms network alerts over the entity alerts of all partitions that can join networks (the same
 * deterministic `reportedNetworkAlerts` that `scan` uses, under the same minimum score), publishes
 * each with the message id `n:<alert id>`, then a network-done marker. Running it twice publishes
 * the same messages again, which JetStream and `collect` de-duplicate.
 * @category NATS
 * @example const networks = await runNetworkStage(pipeline, resolveConfig(options), { partitions: 4 });
 */
export async function runNetworkStage(pipeline: Pipeline, config: EngineConfig, options: NetworkStageOptions): Promise<readonly Alert[]> {
  const { js, names, timeoutMs } = pipeline;
  const n = options.partitions;
  const read = await readAlerts(pipeline, (r) => r.done.size >= n, options.waitMs ?? 600_000, (r) => missingPartitions(r.done, n));
  for (const d of read.done.values()) {
    if (d.partitions !== n) throw new Error(`partition ${d.partition} ran with ${d.partitions} partitions, not ${n}`);
    if (d.configHash !== config.hash) throw new Error(`partition ${d.partition} ran with another configuration (config hash differs)`);
  }
  const want = [...read.done.values()].reduce((s, d) => s + d.candidates, 0);
  if (read.candidates.size < want) throw new Error(`the alerts stream holds ${read.candidates.size} network candidates, the partitions published ${want}`);
  const alerts = reportedNetworkAlerts([...read.candidates.values()], config, config.minScore).sort(compareAlerts);
  const sent = alerts.map((a) => retry(() => js.publish(names.network, JSON.stringify(a), { msgID: `n:${a.id}`, timeout: 5000 }), { timeoutMs, what: `publish to ${names.network}` }));
  await Promise.all(sent);
  const done: NetworkDoneMarker = { partitions: n, alerts: alerts.length, configHash: config.hash };
  await retry(() => js.publish(names.networkDone, JSON.stringify(done), { msgID: 'network-done', timeout: 5000 }), { timeoutMs, what: `publish to ${names.networkDone}` });
  return alerts;
}

/** "partitions 1, 3 of 4 have not finished" for a timeout message. @internal */
export function missingPartitions(done: ReadonlyMap<number, unknown>, n: number): string {
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !done.has(i));
  return missing.length === 0 ? 'waiting for the network stage' : `partition${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${n} ha${missing.length > 1 ? 've' : 's'} not finished`;
}
