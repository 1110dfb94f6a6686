import { parseArgs } from 'node:util';
import { resolveConfig } from '../engine/config.js';
import type { Command } from './command.js';
import { loadEngineOptions } from './engine-inputs.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_USAGE, engineInputsOf, loadNats, numberOption, serverOption } from './nats-options.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch worker --server URL --partition K --partitions N [options]

Runs the engine of partition K (or several: --partition 0,2) of N over its JetStream subject with a
durable pull consumer, in order; checkpoints the state with the stream position into the key-value
bucket and acknowledges after each checkpoint; on restart restores and skips what it had applied.
Entity alerts go to the alerts stream. Exits when every partition it runs reached the end marker
(or, on SIGTERM/SIGINT, after a last checkpoint). Use the engine flags given to publish.

Options:
  --partition K[,K]   the partition(s) to run, 0-based
  --partitions N      number of partitions of the stream
${ENGINE_FLAGS_USAGE}
  --batch N           messages per pull request (default 256)
  --checkpoint-interval S  seconds between checkpoints (and acks) while messages arrive (default 10;
                      also at the end and whenever the partition is idle)
  --max-unacked N     at most N applied messages between checkpoints (default 50000)
  --ack-wait S        seconds before the broker redelivers an unacknowledged message (default 60)
  --lateness S        how long a message may wait for a missing earlier position of its partition
                      (a retried publish landing late) before the worker stops naming the gap (default 300)
  -h, --help          this help`;

/** `tidewatch worker`: one or more partitions of the keyed engine on JetStream. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run partitions of the engine on NATS JetStream',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: { ...ENGINE_FLAGS, partition: { type: 'string' }, partitions: { type: 'string' }, batch: { type: 'string' }, 'checkpoint-interval': { type: 'string' }, 'max-unacked': { type: 'string' }, 'ack-wait': { type: 'string' }, lateness: { type: 'string' } },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError('worker takes no positional arguments');
    const server = serverOption(values.server);
    if (values.partitions === undefined || values.partition === undefined) throw new UsageError('--partition K and --partitions N are required');
    const partitions = numberOption(values.partitions, '--partitions', 1, 1024, 1);
    const mine = [...new Set(values.partition.split(',').map((p) => numberOption(p.trim(), '--partition', 0, partitions - 1, 0)))];
    const batch = numberOption(values.batch, '--batch', 1, 10_000, 256);
    const checkpointIntervalMs = numberOption(values['checkpoint-interval'], '--checkpoint-interval', 0, 86_400, 10, false) * 1000;
    const maxUnacked = numberOption(values['max-unacked'], '--max-unacked', 1, 1_000_000, 50_000);
    const ackWaitMs = numberOption(values['ack-wait'], '--ack-wait', 1, 86_400, 60, false) * 1000;
    const latenessMs = numberOption(values.lateness, '--lateness', 0, 604_800, 300, false) * 1000;
    const timeoutMs = numberOption(values.timeout, '--timeout', 1, 86_400, 60, false) * 1000;
    const nats = await loadNats('worker');
    const names = nats.pipelineNames(values.stream ?? 'tx');
    const options = await loadEngineOptions(await engineInputsOf(values));
    const config = resolveConfig(options);
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    const nc = await nats.connectBroker(server, `tidewatch-worker-${mine.join('-')}`);
    try {
      const pipeline = await nats.openPipeline(nc, names, { timeoutMs });
      const results = await Promise.all(
        mine.map((partition) =>
          nats.runPartitionWorker(pipeline, config, {
            partition, partitions, batch, checkpointIntervalMs, maxUnacked, ackWaitMs, latenessMs, signal: stop.signal,
            ...(options.fx === undefined ? {} : { fx: options.fx }),
            log: (line) => io.stderr(`tidewatch worker: ${line}\n`),
          }),
        ),
      );
      for (const r of results) {
        io.stderr(`tidewatch worker: partition ${r.partition}/${partitions} ${r.ended ? 'finished' : 'stopped'}: ${r.applied} applied, ${r.skipped} skipped (already applied), ${r.deadLettered} dead-lettered${r.restored ? ', restored from its checkpoint' : ''}\n`);
      }
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await nc.close();
    }
    return 0;
  },
};
