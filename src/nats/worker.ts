import { AckPolicy, DeliverPolicy, type Consumer, type JsMsg } from '@nats-io/jetstream';
import { headers, nanos } from '@nats-io/transport-node';
import { ConfigError } from '../_internal/config-error.js';
import { checkpointFingerprint, compareFingerprints } from '../engine/checkpoint.js';
import type { EngineConfig } from '../engine/config.js';
import type { CheckpointFingerprint, FxConverter } from '../engine/options.js';
import type { Alert } from '../scoring/alert.js';
import { loadJson, saveJson } from './checkpoint-store.js';
import { decodePartitionMessage, KIND_HEADER, POSITION_HEADER, type DoneMarker, type Malformed, type PartitionMessage } from './messages.js';
import { createPartitionMonitor, type PartitionCheckpoint } from './partition-monitor.js';
import type { Pipeline } from './pipeline.js';
import { retry } from './retry.js';

/** Options of {@link runPartitionWorker}. @category NATS */
export interface WorkerOptions {
  readonly partition: number;
  readonly partitions: number;
  readonly fx?: FxConverter;
  /** Messages pulled per request. Default 256. */
  readonly batch?: number;
  /**
   * At most this many ms between checkpoints (and acknowledgements) while messages arrive. Default
   * 10 s; also at the end, whenever the partition is idle, and after `maxUnacked` messages.
   */
  readonly checkpointIntervalMs?: number;
  /** At most this many applied messages between checkpoints (the consumer's max_ack_pending follows it). Default 50,000. */
  readonly maxUnacked?: number;
  /** How long the broker waits for an acknowledgement before redelivering (ms). Default 60 s. */
  readonly ackWaitMs?: number;
  /**
   * Lateness (ms): how long a later position may wait for a missing earlier one (a publish retried
   * after a broker failure can land behind later messages; positions restore the order). Past it
   * the worker stops with an error naming the gap instead of waiting forever. Default 5 minutes.
   */
  readonly latenessMs?: number;
  /** Stops the worker after its next checkpoint. */
  readonly signal?: AbortSignal;
  /** Progress lines (counts only, never transaction contents). */
  readonly log?: (line: string) => void;
}

/** What a partition worker did, counted over the whole input (restarts included). @category NATS */
export interface WorkerResult {
  readonly partition: number;
  /** Transactions the engine of this partition applied. */
  readonly applied: number;
  /** Messages seen again after a restart or redelivery and skipped (already in the checkpoint). */
  readonly skipped: number;
  readonly deadLettered: number;
  /** Whether the worker started from a checkpoint. */
  readonly restored: boolean;
  /** Whether the partition reached its end marker (false when stopped by the signal). */
  readonly ended: boolean;
}

/** Adapter counters stored in the checkpoint's cursor. */
interface Cursor {
  /** Stream sequence to resume reading from: everything before it is in the state or dead-lettered. */
  resume: number;
  applied: number;
  dead: number;
  ended: number;
}

/** The checkpoint key of a partition. */
const stateKey = (k: number, n: number): string => `partition.${k}.of.${n}`;

/**
 * Runs the worker of one partition: a durable pull consumer of the partition's subject that applies
 * its transactions in position order to a {@link createPartitionMonitor}, publishes entity alerts as
 * they are finalised (message id = alert id), and every `checkpointIntervalMs` (or `maxUnacked` messages) saves the state
 * with the stream sequence to resume from in the key-value bucket — then, and only then,
 * acknowledges the messages. On restart it restores the checkpoint, re-creates its consumer at that
 * sequence and skips positions the state already holds: effectively once on an at-least-once log
 * (anything applied after the checkpoint is applied again from the same state, and the alerts it
 * publishes again carry the same message ids). A message that cannot be decoded goes to the
 * dead-letter subject with the reason. On the end marker it publishes its live entity alerts and
 * network candidates, then a done marker with its counts.
 * @category NATS
 * @example
 * const pipeline = await openPipeline(await connectBroker('nats://127.0.0.1:4222', 'worker-1'), pipelineNames('tx'));
 * const result = await runPartitionWorker(pipeline, resolveConfig(options), { partition: 1, partitions: 4 });
 */
export async function runPartitionWorker(pipeline: Pipeline, config: EngineConfig, options: WorkerOptions): Promise<WorkerResult> {
  const { js, jsm, kv, names, timeoutMs } = pipeline;
  const k = options.partition;
  const partition = { index: k, count: options.partitions };
  const batch = Math.max(1, options.batch ?? 256);
  const every = Math.max(1, options.maxUnacked ?? 50_000);
  const intervalMs = options.checkpointIntervalMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  const key = stateKey(k, options.partitions);
  const saved = (await loadJson(kv, key, timeoutMs)) as (PartitionCheckpoint & { cursor: Cursor }) | undefined;
  const monitor = createPartitionMonitor(config, partition, { ...(options.fx === undefined ? {} : { fx: options.fx }), ...(saved === undefined ? {} : { checkpoint: saved }) });
  const cursor: Cursor = { resume: 1, applied: 0, dead: 0, ended: 0, ...saved?.cursor };
  let skipped = 0;
  const result = (): WorkerResult => ({ partition: k, applied: cursor.applied, skipped, deadLettered: cursor.dead, restored: saved !== undefined, ended: cursor.ended === 1 });
  if (cursor.ended === 1) return result();
  if (saved !== undefined) log(`partition ${k}: restored at position ${monitor.next()}, resuming at stream sequence ${cursor.resume}`);

  // The consumer is only a read position; the committed one is in the checkpoint. Re-creating it
  // there makes a restarted worker go on at once instead of waiting for unacknowledged messages.
  const durable = names.consumer(k);
  await retry(async () => {
    try {
      await jsm.consumers.delete(names.stream, durable);
    } catch (error) {
      if (!/not found/i.test((error as Error).message)) throw error;
    }
    await jsm.consumers.add(names.stream, {
      durable_name: durable,
      filter_subject: names.partition(k),
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(options.ackWaitMs ?? 60_000),
      max_ack_pending: every + 2 * batch,
      ...(cursor.resume > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: cursor.resume } : { deliver_policy: DeliverPolicy.All }),
    });
  }, { timeoutMs, what: `consumer ${durable}` });

  const held = new Map<number, { msg: JsMsg; decoded: PartitionMessage | Malformed }>();
  let toAck: JsMsg[] = [];
  let sinceSave = 0;
  let lastSeq = cursor.resume - 1;
  let alertsOut: Promise<unknown>[] = [];
  let ended = false;
  let savedAt = Date.now();

  const publishAlert = (subject: string, id: string, alert: Alert): void => {
    const sent = retry(() => js.publish(subject, JSON.stringify(alert), { msgID: id, timeout: 5000 }), { timeoutMs, what: `publish to ${subject}` });
    sent.catch(() => undefined);
    alertsOut.push(sent);
  };

  const deadLetter = async (msg: JsMsg, reason: string): Promise<void> => {
    const h = headers();
    h.set('Tidewatch-Reason', reason.slice(0, 200).replace(/[\r\n]/g, ' '));
    h.set('Tidewatch-Sequence', String(msg.seq));
    const body = JSON.stringify({ reason, partition: k, sequence: msg.seq, subject: msg.subject, kind: msg.headers?.get(KIND_HEADER) ?? null, position: msg.headers?.get(POSITION_HEADER) ?? null, payload: new TextDecoder().decode(msg.data.subarray(0, 65_536)) });
    await retry(() => js.publish(names.dead(k), body, { msgID: `dead:${k}:${msg.seq}`, headers: h, timeout: 5000 }), { timeoutMs, what: `dead-letter to ${names.dead(k)}` });
    cursor.dead++;
    // Only the kind of problem: the full reason (which may quote field values) stays in the dead letter.
    log(`partition ${k}: message at stream sequence ${msg.seq} dead-lettered (${reason.split(':')[0]?.slice(0, 80)}; see ${names.dead(k)})`);
  };

  const apply = async (decoded: PartitionMessage | Malformed, msg: JsMsg): Promise<void> => {
    toAck.push(msg);
    sinceSave++;
    if ('malformed' in decoded) {
      await deadLetter(msg, decoded.malformed);
      monitor.apply(undefined);
      return;
    }
    if (decoded.kind === 'start') {
      if (decoded.start.partitions !== options.partitions) {
        throw new ConfigError('checkpoint_mismatch', `${names.stream} was published for ${decoded.start.partitions} partitions, this worker runs ${options.partitions}`);
      }
      checkFingerprint(decoded.start.fingerprint, config, options.fx);
      monitor.apply(undefined);
      return;
    }
    if (decoded.kind === 'tx') {
      const step = monitor.apply(decoded.tx);
      cursor.applied++;
      for (const alert of step.alerts) publishAlert(names.entity(k), `e:${alert.id}`, alert);
      return;
    }
    monitor.apply(undefined);
    const end = monitor.finish();
    for (const alert of end.alerts) publishAlert(names.entity(k), `e:${alert.id}`, alert);
    for (const alert of end.candidates) publishAlert(names.candidate(k), `c:${alert.id}`, alert);
    await Promise.all(alertsOut);
    alertsOut = [];
    const counts = monitor.counts();
    const done: DoneMarker = { partition: k, partitions: options.partitions, applied: cursor.applied, deadLettered: cursor.dead, alerts: counts.finished + end.alerts.length, candidates: end.candidates.length, rejected: counts.rejected, configHash: config.hash };
    await retry(() => js.publish(names.done(k), JSON.stringify(done), { msgID: `done:${k}`, timeout: 5000 }), { timeoutMs, what: `publish to ${names.done(k)}` });
    ended = true;
    cursor.ended = 1;
  };

  const save = async (): Promise<void> => {
    await Promise.all(alertsOut);
    alertsOut = [];
    let resume = lastSeq + 1;
    for (const h of held.values()) resume = Math.min(resume, h.msg.seq);
    cursor.resume = resume;
    await saveJson(kv, key, monitor.checkpointJson({ ...cursor }), timeoutMs);
    for (const m of toAck) m.ack();
    toAck = [];
    sinceSave = 0;
    savedAt = Date.now();
  };

  const latenessMs = options.latenessMs ?? 300_000;
  let gapSince: number | undefined;
  let idleSince = Date.now();
  let consumer: Consumer | undefined;
  while (!ended) {
    if (held.size === 0) gapSince = undefined;
    else if (gapSince === undefined) gapSince = Date.now();
    else if (Date.now() - gapSince > latenessMs) {
      throw new Error(`partition ${k}: position ${monitor.next()} has not arrived for ${Math.round(latenessMs / 1000)} s while ${held.size} later ones wait; publish the input again (message ids make that safe) or raise --lateness`);
    }
    if (options.signal?.aborted === true) {
      if (sinceSave > 0) await save();
      return result();
    }
    let messages: JsMsg[] = [];
    try {
      consumer ??= await js.consumers.get(names.stream, durable);
      const iter = await consumer.fetch({ max_messages: batch, expires: 1000 });
      for await (const m of iter) messages.push(m);
      idleSince = Date.now();
    } catch (error) {
      consumer = undefined;
      if (Date.now() - idleSince > timeoutMs) throw new Error(`partition ${k}: the broker did not answer for ${Math.round(timeoutMs / 1000)} s (${(error as Error).message})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const msg of messages) {
      if (msg.seq > lastSeq) lastSeq = msg.seq;
      const decoded = decodePartitionMessage(msg.headers?.get(KIND_HEADER), msg.headers?.get(POSITION_HEADER), msg.data);
      const position = decoded.position;
      if (position === undefined) {
        // Unplaceable: it holds no position of the input, so dead-lettering it is all there is to do.
        await deadLetter(msg, 'malformed' in decoded ? decoded.malformed : 'no position');
        toAck.push(msg);
        continue;
      }
      if (position < monitor.next()) {
        skipped++;
        toAck.push(msg);
        continue;
      }
      if (position > monitor.next()) {
        held.set(position, { msg, decoded });
        continue;
      }
      await apply(decoded, msg);
      gapSince = undefined;
      for (let h = held.get(monitor.next()); h !== undefined && !ended; h = held.get(monitor.next())) {
        held.delete(monitor.next());
        await apply(h.decoded, h.msg);
      }
      if (ended) break;
    }
    if (ended || sinceSave >= every || (messages.length === 0 && sinceSave > 0) || (sinceSave > 0 && Date.now() - savedAt >= intervalMs)) await save();
  }
  log(`partition ${k}: end of input; ${cursor.applied} applied, ${skipped} skipped, ${cursor.dead} dead-lettered`);
  return result();
}

/** Throws ConfigError `checkpoint_mismatch` naming what differs when the publisher routed under another configuration. */
function checkFingerprint(fingerprint: unknown, config: EngineConfig, fx: FxConverter | undefined): void {
  const got = typeof fingerprint === 'object' && fingerprint !== null ? (fingerprint as Partial<CheckpointFingerprint>) : {};
  const differences = compareFingerprints(got, checkpointFingerprint(config, fx, 0));
  if (differences.length > 0) {
    throw new ConfigError('checkpoint_mismatch', `the transactions were published with another configuration than this worker's: ${differences.join('; ')}`);
  }
}
