import { parseArgs } from 'node:util';
import { resolveConfig } from '../engine/config.js';
import type { Command } from './command.js';
import { loadEngineOptions } from './engine-inputs.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_USAGE, engineInputsOf, loadNats, numberOption, serverOption } from './nats-options.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch network --server URL --partitions N [options]

The network stage: waits until every partition's worker has finished, forms network alerts over
their entity alerts (deterministically, as scan does) and publishes them to the alerts stream.
Use the engine flags given to publish and the workers.

Options:
  --partitions N      number of partitions of the stream
${ENGINE_FLAGS_USAGE}
  --wait S            how long to wait for the partitions (default 600)
  -h, --help          this help`;

/** `tidewatch network`: network alerts over the entity alerts of all partitions. */
export const networkCommand: Command = {
  name: 'network',
  summary: 'form network alerts over the alerts of all NATS partitions',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: false, options: { ...ENGINE_FLAGS, partitions: { type: 'string' }, wait: { type: 'string' } } });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError('network takes no positional arguments');
    const server = serverOption(values.server);
    if (values.partitions === undefined) throw new UsageError('--partitions N is required');
    const partitions = numberOption(values.partitions, '--partitions', 1, 1024, 1);
    const waitMs = numberOption(values.wait, '--wait', 1, 604_800, 600, false) * 1000;
    const timeoutMs = numberOption(values.timeout, '--timeout', 1, 86_400, 60, false) * 1000;
    const nats = await loadNats('network');
    const names = nats.pipelineNames(values.stream ?? 'tx');
    const config = resolveConfig(await loadEngineOptions(await engineInputsOf(values)));
    const nc = await nats.connectBroker(server, 'tidewatch-network');
    try {
      const pipeline = await nats.openPipeline(nc, names, { timeoutMs });
      const alerts = await nats.runNetworkStage(pipeline, config, { partitions, waitMs });
      io.stderr(`tidewatch network: ${alerts.length} network alerts over ${partitions} partition${partitions > 1 ? 's' : ''}\n`);
    } finally {
      await nc.close();
    }
    return 0;
  },
};
