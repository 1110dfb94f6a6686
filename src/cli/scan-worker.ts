/**
 * Worker thread of `tidewatch scan --workers N`: one partition of the keyed engine. It builds the
 * engine from the same {@link EngineInputs} as the main thread, receives every transaction in
 * (time, id) order in batches, keeps windows and raises alerts only for the entities of its
 * partition, acknowledges each batch through the shared counter (the main thread's back-pressure),
 * and at the end posts its {@link PartitionScan}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveConfig } from '../engine/config.js';
import { createPartitionSink, type PartitionSink } from '../engine/partition-sink.js';
import type { Partition } from '../engine/partition.js';
import type { Transaction } from '../schema/transaction.js';
import { loadEngineOptions, type EngineInputs } from './engine-inputs.js';
import { shareTransactionStrings } from '../schema/string-pool.js';

/** What the main thread hands a scan worker when it starts it. */
export interface ScanWorkerData {
  readonly inputs: EngineInputs;
  readonly partition: Partition;
  /** Int32Array over a SharedArrayBuffer: [0] = batches sent and not yet processed by this worker. */
  readonly inFlight: SharedArrayBuffer;
}

/** Messages to a scan worker: a batch of transactions in order, or the end of the input. */
export type ScanWorkerMessage = { readonly type: 'batch'; readonly transactions: Transaction[] } | { readonly type: 'end'; readonly transactions: number };

const port = parentPort;
if (port !== null) {
  const data = workerData as ScanWorkerData;
  const inFlight = new Int32Array(data.inFlight);
  const queue: ScanWorkerMessage[] = [];
  let sink: PartitionSink | undefined;
  let failed = false;
  const drain = (): void => {
    if (sink === undefined || failed) return;
    try {
      for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
        if (m.type === 'batch') {
          // Structured cloning copied every string of every row: share the repeated ones again (an account's id, the currency) before the engine keeps them.
          for (const tx of m.transactions) sink.add(shareTransactionStrings(tx));
          Atomics.sub(inFlight, data.partition.index, 1);
          Atomics.notify(inFlight, data.partition.index);
        } else port.postMessage({ type: 'result', scan: sink.result(m.transactions) });
      }
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error: unknown): void => {
    failed = true;
    // Unblock the main thread, which may be waiting for this worker's acknowledgement.
    Atomics.store(inFlight, data.partition.index, -1);
    Atomics.notify(inFlight, data.partition.index);
    const e = error as { name?: string; code?: string; message?: string };
    port.postMessage({ type: 'error', error: { name: e.name ?? 'Error', code: e.code, message: e.message ?? String(error) } });
  };
  port.on('message', (m: ScanWorkerMessage) => {
    queue.push(m);
    drain();
  });
  loadEngineOptions(data.inputs)
    .then((options) => {
      sink = createPartitionSink(resolveConfig(options), data.partition);
      drain();
    })
    .catch(fail);
}
