import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { compareTransactions } from '../engine/transaction-order.js';
import { resolveConfig } from '../engine/config.js';
import { ingestTransactions } from '../ingest/index.js';
import type { Transaction } from '../schema/transaction.js';
import type { Command } from './command.js';
import { loadEngineOptions } from './engine-inputs.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_USAGE, engineInputsOf, loadNats, numberOption, serverOption } from './nats-options.js';
import { currencyHint } from './scan.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch publish <transactions> --server URL --partitions N [options]

Validates transactions as \`scan\` does (rejected rows reported, nothing lost), puts them in
(time, id) order, and publishes each to the JetStream partition subject of every entity it touches
(accounts, and the party for cash), with message id = partition + transaction id: JetStream drops
re-sends, so publishing the same file again is harmless. Workers and the network stage must run
with the same engine flags (they check the fingerprint). The rows are held in memory.

Options:
  --partitions N      number of partitions (1-1024); workers run with the same N
${ENGINE_FLAGS_USAGE}
  --mapping F|preset  column mapping file, or a preset (amlsim, amlworld)
  --default-zone Z    IANA zone for timestamps written without an offset
  --rejects F         write rejected rows as NDJSON { row, field, code, message }
  --max-pending N     backpressure: publishes awaiting the broker at once (default 256)
  -h, --help          this help`;

/** `tidewatch publish`: routed, de-duplicated transactions into JetStream. */
export const publishCommand: Command = {
  name: 'publish',
  summary: 'publish transactions to NATS JetStream, routed to partitions by entity',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { ...ENGINE_FLAGS, partitions: { type: 'string' }, mapping: { type: 'string' }, 'default-zone': { type: 'string' }, rejects: { type: 'string' }, 'max-pending': { type: 'string' } },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('publish takes exactly one transactions file');
    const server = serverOption(values.server);
    if (values.partitions === undefined) throw new UsageError('--partitions N is required');
    const partitions = numberOption(values.partitions, '--partitions', 1, 1024, 1);
    const maxPending = numberOption(values['max-pending'], '--max-pending', 1, 65_536, 256);
    const timeoutMs = numberOption(values.timeout, '--timeout', 1, 86_400, 60, false) * 1000;
    const started = performance.now();
    const nats = await loadNats('publish');
    const names = nats.pipelineNames(values.stream ?? 'tx');
    const options = await loadEngineOptions(await engineInputsOf(values));
    const config = resolveConfig(options);

    const rows: Transaction[] = [];
    const ingest = await ingestTransactions(
      file,
      {
        ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
        ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
      },
      (batch) => {
        for (const tx of batch.transactions) rows.push(tx);
      },
    );
    if (values.rejects !== undefined) {
      await writeFile(values.rejects, ingest.issues.map((i) => JSON.stringify(i)).join('\n') + (ingest.issues.length > 0 ? '\n' : ''));
    }
    // The order of scan: a stable sort by (time, id). Repeated ids were already dropped by the ingest (counted in `duplicates`), as for `scan`.
    rows.sort(compareTransactions);

    const nc = await nats.connectBroker(server, 'tidewatch-publish');
    try {
      const pipeline = await nats.openPipeline(nc, names, { timeoutMs });
      const result = await nats.publishTransactions(pipeline, config, rows, { partitions, maxPending, ...(options.fx === undefined ? {} : { fx: options.fx }) });
      const summary = {
        read: ingest.read, accepted: ingest.accepted, rejected: ingest.rejected, duplicates: ingest.duplicates,
        notConvertible: result.rejections.length, partitions,
      };
      await pipeline.kv.put('publish', JSON.stringify(summary));
      const messages = result.perPartition.reduce((s, n) => s + n, 0);
      io.stderr(
        `tidewatch publish: ${ingest.read} rows, ${ingest.accepted} accepted, ${ingest.rejected} rejected, ${ingest.duplicates} duplicates` +
          (result.rejections.length > 0 ? `, ${result.rejections.length} not convertible` : '') +
          `; ${result.transactions} transactions as ${messages} messages to ${partitions} partition${partitions > 1 ? 's' : ''} of ${names.stream} (${result.ticks} to all: sweeps of the shared clock); ${((performance.now() - started) / 1000).toFixed(2)} s\n`,
      );
      const hint = currencyHint(result.rejections, config.profile.currency, options.fx !== undefined);
      if (hint !== undefined) io.stderr(`${hint}\n`);
    } finally {
      await nc.close();
    }
    return 0;
  },
};
