import { jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { PipelineNames } from './names.js';
import { retry } from './retry.js';

/** Options of {@link openPipeline}. @category NATS */
export interface OpenPipelineOptions {
  /** How long JetStream remembers message ids to drop re-sends (ms). Default 2 hours. */
  readonly duplicateWindowMs?: number;
  /** How long to keep retrying while the broker is away (ms). Default 60 s. */
  readonly timeoutMs?: number;
}

/** The JetStream handles of one pipeline. @category NATS */
export interface Pipeline {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly kv: KV;
  readonly names: PipelineNames;
  readonly timeoutMs: number;
}

/**
 * Opens (creating when missing) the pipeline's two streams — transactions with a subject per
 * partition and its dead letters; alerts — both on file storage with a message-id de-duplication
 * window, and the key-value bucket of checkpoints. Every command calls it, so they can start in any
 * order; existing streams are used as they are.
 * @category NATS
 * @example const pipeline = await openPipeline(await connectBroker('nats://127.0.0.1:4222', 'tidewatch'), pipelineNames('tx'));
 */
export async function openPipeline(nc: NatsConnection, names: PipelineNames, options: OpenPipelineOptions = {}): Promise<Pipeline> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const window = nanos(options.duplicateWindowMs ?? 2 * 3_600_000);
  const jsm = await retry(() => jetstreamManager(nc), { timeoutMs, what: 'JetStream' });
  const ensure = async (name: string, subjects: string[]): Promise<void> => {
    await retry(async () => {
      try {
        await jsm.streams.info(name);
      } catch (error) {
        if (!/not found/i.test((error as Error).message)) throw error;
        await jsm.streams.add({ name, subjects, storage: StorageType.File, duplicate_window: window });
      }
    }, { timeoutMs, what: `stream ${name}` });
  };
  await ensure(names.stream, [`${names.stream}.p.*`, `${names.stream}.dead.*`]);
  await ensure(names.alertsStream, [names.alertsWildcard]);
  const kvm = new Kvm(nc);
  const kv = await retry(() => kvm.create(names.bucket, { history: 1, storage: StorageType.File }), { timeoutMs, what: `bucket ${names.bucket}` });
  return { js: jetstream(nc), jsm, kv, names, timeoutMs };
}
