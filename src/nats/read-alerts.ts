import type { JsMsg } from '@nats-io/jetstream';
import type { Alert } from '../scoring/alert.js';
import type { DoneMarker, NetworkDoneMarker } from './messages.js';
import type { Pipeline } from './pipeline.js';

/** Everything read from the alerts stream so far, de-duplicated by alert id. @category NATS */
export interface AlertsRead {
  readonly entity: Map<string, Alert>;
  readonly candidates: Map<string, Alert>;
  readonly network: Map<string, Alert>;
  readonly done: Map<number, DoneMarker>;
  networkDone: NetworkDoneMarker | undefined;
}

const decoder = new TextDecoder();

/**
 * Reads the pipeline's alerts stream from its start until `enough` says so, waiting for more while
 * it does not; an alert sent twice (a worker restarted after publishing it) is kept once. Throws
 * after `timeoutMs` with what `describe` says is missing.
 * @internal
 */
export async function readAlerts(pipeline: Pipeline, enough: (read: AlertsRead) => boolean, timeoutMs: number, describe: (read: AlertsRead) => string): Promise<AlertsRead> {
  const { js, names } = pipeline;
  const read: AlertsRead = { entity: new Map(), candidates: new Map(), network: new Map(), done: new Map(), networkDone: undefined };
  const deadline = Date.now() + timeoutMs;
  const take = (m: JsMsg): void => {
    const body = JSON.parse(decoder.decode(m.data)) as unknown;
    const subject = m.subject.slice(names.stream.length + '.alerts.'.length);
    if (subject.startsWith('entity.')) read.entity.set((body as Alert).id, body as Alert);
    else if (subject.startsWith('candidate.')) read.candidates.set((body as Alert).id, body as Alert);
    else if (subject.startsWith('done.')) read.done.set((body as DoneMarker).partition, body as DoneMarker);
    else if (subject === 'network') read.network.set((body as Alert).id, body as Alert);
    else if (subject === 'network-done') read.networkDone = body as NetworkDoneMarker;
  };
  let consumer: Awaited<ReturnType<typeof js.consumers.get>> | undefined;
  while (!enough(read)) {
    if (Date.now() > deadline) throw new Error(`gave up after ${Math.round(timeoutMs / 1000)} s: ${describe(read)}`);
    try {
      consumer ??= await js.consumers.get(names.alertsStream);
      const batch = await consumer.fetch({ max_messages: 1000, expires: 1000 });
      for await (const m of batch) take(m);
    } catch {
      consumer = undefined; // the broker went away: an ordered consumer starts again from the beginning (the maps de-duplicate)
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return read;
}
