import { headers } from '@nats-io/transport-node';
import { checkpointFingerprint } from '../engine/checkpoint.js';
import type { EngineConfig } from '../engine/config.js';
import type { EngineRejection } from '../engine/rejection.js';
import type { FxConverter } from '../engine/options.js';
import type { Transaction } from '../schema/transaction.js';
import { KIND_HEADER, POSITION_HEADER, type EndMarker, type StartMarker } from './messages.js';
import type { Pipeline } from './pipeline.js';
import { retry } from './retry.js';
import { createRouter } from '../engine/route.js';

/** Options of {@link publishTransactions}. @category NATS */
export interface PublishOptions {
  /** Number of partitions (workers run `--partitions` of the same number). */
  readonly partitions: number;
  /** The FX converter of the configuration (part of the fingerprint workers check). */
  readonly fx?: FxConverter;
  /** Backpressure: publishes awaiting the broker's acknowledgement before the next waits. Default 256. */
  readonly maxPending?: number;
  /** Called every 1,000 transactions with the count so far. */
  readonly onProgress?: (transactions: number) => void;
}

/** What {@link publishTransactions} did. @category NATS */
export interface PublishResult {
  /** Transactions routed to at least one partition. */
  readonly transactions: number;
  /** Messages per partition, transactions only (each ends with an end marker at that position + 1). */
  readonly perPartition: readonly number[];
  /** Transactions that go to every partition because a sweep of the engine falls on them. */
  readonly ticks: number;
  /** Not published: no FX rate into the jurisdiction's currency (what `scan` reports as not convertible). */
  readonly rejections: readonly EngineRejection[];
}

const encoder = new TextEncoder();

/**
 * Publishes transactions — given in (time, id) order without repeated ids — to the pipeline's
 * partition subjects, each to every partition {@link createRouter} names, as JSON with the message
 * id `<partition>:<transaction id>` (JetStream drops a re-send within its de-duplication window,
 * so re-running a publish is harmless) and a partition-local position header. Each partition gets
 * a start marker (position 0, with the configuration fingerprint workers check) and an end marker.
 * At most `maxPending` publishes wait for the broker at once; a failed one is retried until the
 * broker answers again (positions let workers restore the order if a retry lands late).
 * @category NATS
 * @example
 * const pipeline = await openPipeline(await connectBroker('nats://127.0.0.1:4222', 'publisher'), pipelineNames('tx'));
 * const result = await publishTransactions(pipeline, resolveConfig(options), sortedUniqueRows, { partitions: 4 });
 */
export async function publishTransactions(pipeline: Pipeline, config: EngineConfig, transactions: Iterable<Transaction>, options: PublishOptions): Promise<PublishResult> {
  const { js, names, timeoutMs } = pipeline;
  const count = options.partitions;
  const router = createRouter(config, count);
  const maxPending = Math.max(1, options.maxPending ?? 256);
  const inFlight: Promise<unknown>[] = [];
  // `data` is encoded once by the caller: a transaction goes to several partitions (all of them on a tick).
  const send = async (k: number, kind: 'start' | 'tx' | 'end', position: number, id: string, data: Uint8Array): Promise<void> => {
    const h = headers();
    h.set(KIND_HEADER, kind);
    h.set(POSITION_HEADER, String(position));
    const acked = retry(() => js.publish(names.partition(k), data, { msgID: `${k}:${id}`, headers: h, timeout: 5000 }), { timeoutMs, what: `publish to ${names.partition(k)}` });
    acked.catch(() => undefined); // awaited below, in order; this only keeps a failure from going unobserved meanwhile
    inFlight.push(acked);
    if (inFlight.length >= maxPending) await inFlight.shift();
  };
  const start: StartMarker = { partitions: count, fingerprint: checkpointFingerprint(config, options.fx, 0) };
  const startData = encoder.encode(JSON.stringify(start));
  for (let k = 0; k < count; k++) await send(k, 'start', 0, '~start', startData);
  const positions = new Array<number>(count).fill(0);
  const rejections: EngineRejection[] = [];
  let routed = 0;
  let ticks = 0;
  for (const tx of transactions) {
    const route = router.route(tx);
    if ('rejection' in route) {
      rejections.push(route.rejection);
      continue;
    }
    routed++;
    if (route.tick) ticks++;
    const data = encoder.encode(JSON.stringify(tx));
    for (const k of route.partitions) await send(k, 'tx', ++(positions[k] as number), `tx:${tx.id}`, data);
    if (routed % 1000 === 0) options.onProgress?.(routed);
  }
  for (let k = 0; k < count; k++) {
    const end: EndMarker = { transactions: positions[k] as number };
    await send(k, 'end', (positions[k] as number) + 1, '~end', encoder.encode(JSON.stringify(end)));
  }
  await Promise.all(inFlight);
  return { transactions: routed, perPartition: positions, ticks, rejections };
}
