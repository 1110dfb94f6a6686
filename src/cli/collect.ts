import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isHighBand } from '../scoring/bands.js';
import type { Command } from './command.js';
import { loadNats, numberOption, serverOption } from './nats-options.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch collect --server URL --out F [options]

Waits until every partition has applied everything published and the network stage has run, then
writes the final alerts (entity and network, each once) in the format and order of
\`tidewatch scan --format ndjson\`: the two files compare equal byte for byte.

Options:
  --server URL        NATS server(s)
  --stream NAME       stream name (default tx)
  --out F             write the alerts to F (default: stdout)
  --wait S            how long to wait for the partitions and the network stage (default 600)
  --timeout S         how long to keep retrying while the broker is away (default 60)
  -h, --help          this help`;

/** `tidewatch collect`: the final alerts of a NATS pipeline, as scan writes them. */
export const collectCommand: Command = {
  name: 'collect',
  summary: 'write the final alerts of a NATS pipeline (as scan --format ndjson)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: { server: { type: 'string' }, stream: { type: 'string' }, out: { type: 'string' }, wait: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError('collect takes no positional arguments');
    const server = serverOption(values.server);
    const waitMs = numberOption(values.wait, '--wait', 1, 604_800, 600, false) * 1000;
    const timeoutMs = numberOption(values.timeout, '--timeout', 1, 86_400, 60, false) * 1000;
    const nats = await loadNats('collect');
    const names = nats.pipelineNames(values.stream ?? 'tx');
    const nc = await nats.connectBroker(server, 'tidewatch-collect');
    try {
      const pipeline = await nats.openPipeline(nc, names, { timeoutMs });
      const { alerts, partitions } = await nats.collectAlerts(pipeline, { waitMs });
      const text = alerts.map((a) => `${JSON.stringify(a)}\n`).join('');
      if (values.out === undefined) io.stdout(text);
      else await writeFile(values.out, text);
      const entry = await pipeline.kv.get('publish');
      const p = entry === null || entry.operation !== 'PUT' ? undefined : (entry.json() as { read: number; accepted: number; rejected: number; duplicates: number; notConvertible: number });
      const dead = partitions.reduce((s, d) => s + d.deadLettered, 0);
      const high = alerts.filter((a) => isHighBand(a.band)).length;
      io.stderr(
        'tidewatch collect: ' +
          (p === undefined ? '' : `${p.read} rows, ${p.accepted} accepted, ${p.rejected} rejected, ${p.duplicates} duplicates${p.notConvertible > 0 ? `, ${p.notConvertible} not convertible` : ''}; `) +
          `${alerts.length} alerts (${high} high or critical) from ${partitions.length} partition${partitions.length > 1 ? 's' : ''}` +
          (dead > 0 ? `; ${dead} messages dead-lettered (see ${names.stream}.dead.*)` : '') +
          (values.out === undefined ? '\n' : `; written to ${values.out}\n`),
      );
    } finally {
      await nc.close();
    }
    return 0;
  },
};
