/**
 * Worker thread of `tidewatch scan --workers N`: the keyed engine for one partition at a time. It
 * builds the engine configuration from the same {@link EngineInputs} as the main thread; for each
 * pass it is told its partition (`begin`), receives every transaction routed to it in (time, id)
 * order in batches (or reads them from a run file itself: `replay`), keeps windows and raises alerts only for the entities of that partition,
 * acknowledges each batch through the shared counter (the main thread's back-pressure), and at the
 * pass's `end` posts its {@link PartitionScan} and drops the partition's state.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveConfig, type EngineConfig } from '../engine/config.js';
import { createPartitionSink, type PartitionSink } from '../engine/partition-sink.js';
import type { Partition } from '../engine/partition.js';
import type { Transaction } from '../schema/transaction.js';
import { loadEngineOptions, type EngineInputs } from './engine-inputs.js';
import { shareTransactionStrings } from '../schema/string-pool.js';
import { MAX_OWNERS, ROUTE_PROCESSED, ROUTE_TICK, ownerCount } from '../engine/route.js';
import { partitionOfHash } from '../engine/partition.js';
import { readRecords } from '../ingest/spill-runs.js';
import { decodeTransaction } from '../ingest/spill-codec.js';
import { readRouteFile } from './route-file.js';
import { createCandidatePacker, packedScan } from '../engine/packed-candidates.js';
import { collectGarbage } from '../_internal/collect-garbage.js';
import { heapNow, memoryLog } from './scan-memory-log.js';

/**
 * One partition's scan of rows in (time, id) order read from a run file: the route file beside it
 * (route-file.ts) says of each row whether it is processed, whether a sweep falls on it, and which
 * entities it enters, so the worker keeps exactly the rows the main thread's router would send it
 * (`createRouter`: the partition's entities' rows and the rows a sweep falls on) and decodes
 * only those. No row crosses a thread. Returns the partition's sink with every row added: its
 * result is built as it is packed (`post`).
 */
function replay(config: EngineConfig, path: string, routesPath: string, partition: Partition, transactions: number): PartitionSink {
  const sink = createPartitionSink(config, partition, { uniqueIds: true });
  const routes = readRouteFile(routesPath);
  const hashes = new Uint32Array(MAX_OWNERS);
  const { index, count } = partition;
  const source = readRecords({ path, rows: 0 }, 1 << 20, (buf, off) => {
    const flags = routes.next(hashes);
    if ((flags & ROUTE_PROCESSED) === 0) return null;
    if ((flags & ROUTE_TICK) !== 0) return decodeTransaction(buf, off);
    for (let i = 0; i < ownerCount(flags); i++) if (partitionOfHash(hashes[i] as number, count) === index) return decodeTransaction(buf, off);
    return null;
  });
  try {
    for (let tx = source.next(); tx !== undefined; tx = source.next()) sink.add(tx);
    routes.end();
  } finally {
    source.close();
    routes.close();
  }
  return sink;
}

/** What the main thread hands a scan worker when it starts it. */
export interface ScanWorkerData {
  readonly inputs: EngineInputs;
  /** This worker's index among the threads started together: its counter in `inFlight`. */
  readonly slot: number;
  /** Int32Array over a SharedArrayBuffer: [slot] = batches sent and not yet processed by this worker. */
  readonly inFlight: SharedArrayBuffer;
}

/** Messages to a scan worker: the start of a pass over a partition, a batch of transactions in order, or the end of the pass's input. */
export type ScanWorkerMessage =
  | { readonly type: 'begin'; readonly partition: Partition }
  | { readonly type: 'batch'; readonly transactions: Transaction[] }
  | { readonly type: 'end'; readonly transactions: number }
  | { readonly type: 'replay'; readonly path: string; readonly routes: string; readonly partition: Partition; readonly transactions: number };

const port = parentPort;
if (port !== null) {
  const data = workerData as ScanWorkerData;
  const inFlight = new Int32Array(data.inFlight);
  const slot = data.slot;
  const queue: ScanWorkerMessage[] = [];
  let config: EngineConfig | undefined;
  let sink: PartitionSink | undefined;
  let failed = false;
  // The candidates go packed (packed-candidates.ts) as the core finishes them, their bytes handed
  // over rather than copied; then the partition's state is garbage: collected before the next pass.
  const post = (done: PartitionSink, transactions: number): void => {
    const packer = createCandidatePacker();
    const scan = done.resultInto(transactions, packer.add);
    const { packed, transfer } = packedScan(scan, packer.done());
    memoryLog(() => `worker ${slot} partition ${scan.partition.index} end: ${heapNow()}`);
    port.postMessage({ type: 'result', scan: packed }, transfer);
  };
  const replayPass = (config: EngineConfig, m: ScanWorkerMessage & { type: 'replay' }): void => {
    post(replay(config, m.path, m.routes, m.partition, m.transactions), m.transactions);
  };
  const endPass = (transactions: number): void => {
    const done = sink as PartitionSink;
    sink = undefined; // the partition's windows go with it before the next pass
    post(done, transactions);
  };
  const drain = (): void => {
    if (config === undefined || failed) return;
    try {
      for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
        if (m.type === 'replay') {
          replayPass(config, m);
          // Nothing of the pass is reachable now (it lived in replayPass's frame, not in this one's).
          collectGarbage();
          memoryLog(() => `worker ${slot} partition ${m.partition.index} dropped: ${heapNow()}`);
        } else if (m.type === 'begin') {
          // The CLI's ingest drops repeated ids before the engine: no set of every id seen.
          sink = createPartitionSink(config, m.partition, { uniqueIds: true });
        } else if (sink === undefined) throw new Error(`a ${m.type} message before the pass began`);
        else if (m.type === 'batch') {
          // Structured cloning copied every string of every row: share the repeated ones again (an account's id, the currency) before the engine keeps them.
          for (const tx of m.transactions) sink.add(shareTransactionStrings(tx));
          Atomics.sub(inFlight, slot, 1);
          Atomics.notify(inFlight, slot);
        } else {
          endPass(m.transactions);
          collectGarbage();
        }
      }
    } catch (error) {
      fail(error);
    }
  };
  const fail = (error: unknown): void => {
    failed = true;
    // Unblock the main thread, which may be waiting for this worker's acknowledgement.
    Atomics.store(inFlight, slot, -1);
    Atomics.notify(inFlight, slot);
    const e = error as { name?: string; code?: string; message?: string };
    port.postMessage({ type: 'error', error: { name: e.name ?? 'Error', code: e.code, message: e.message ?? String(error) } });
  };
  port.on('message', (m: ScanWorkerMessage) => {
    queue.push(m);
    drain();
  });
  loadEngineOptions(data.inputs)
    .then((options) => {
      config = resolveConfig(options);
      drain();
    })
    .catch(fail);
}
