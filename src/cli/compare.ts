import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { compareConfigs } from '../backtest/compare-configs.js';
import { formatComparison } from '../backtest/format-comparison.js';
import type { FxConverter } from '../engine/options.js';
import { createFxTable, parseFxCsv } from '../jurisdictions/fx.js';
import { ingestTransactions, readAccounts, readParties } from '../ingest/index.js';
import { readLabels } from '../ingest/read-labels.js';
import { renderComparisonHtml } from '../report/comparison-html.js';
import type { Transaction } from '../schema/transaction.js';
import type { Command } from './command.js';
import { readJsonFile } from './read-json.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch compare <transactions> --config A.json --config B.json [options]

Backtests two configurations over the same transactions: reads the input once, runs the engine
once per configuration, writes nothing but the report. Shows alerts per band and typology for
each, the entities alerted only under A, only under B, and changed (score, band, rules), with
the reason behind each; with --labels also precision, recall, average precision and, per
labelled typology, recall, AP and the alert rate of its label-0 (look-alike) accounts.

Options:
  --config F          a scan configuration (tidewatch config --print); give it twice: A, then B
  --labels F          labels CSV: account,label[,typology] (label 1 = case, 0 = look-alike/background)
  --accounts F        accounts.csv
  --parties F         parties.csv
  --jurisdiction CC   reporting regime for both (overrides the configurations' jurisdiction)
  --mapping F|preset  column mapping file, or a preset (amlsim, amlworld)
  --fx F              FX table CSV: from,to,date,rate
  --format F          text (default) | json | html
  --limit N           entities listed per section in text (default 50; json lists all)
  --out F             write the report to F instead of stdout
  --as-of ISO         analysis date recorded in alerts
  --default-zone Z    IANA zone for timestamps written without an offset
  -h, --help          this help

The time taken (one ingestion plus two engine passes) goes to stderr.`;

/** `tidewatch compare`: side-effect-free backtest of two configurations. */
export const compareCommand: Command = {
  name: 'compare',
  summary: 'backtest two configurations on the same transactions',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string', multiple: true }, labels: { type: 'string' }, accounts: { type: 'string' }, parties: { type: 'string' },
        jurisdiction: { type: 'string' }, mapping: { type: 'string' }, fx: { type: 'string' }, format: { type: 'string' },
        limit: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' }, 'default-zone': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('compare takes exactly one transactions file');
    const configs = values.config ?? [];
    if (configs.length !== 2) throw new UsageError('compare needs --config twice: the current configuration (A), then the candidate (B)');
    const format = values.format ?? 'text';
    if (!['text', 'json', 'html'].includes(format)) throw new UsageError(`unknown --format "${format}"`);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit must be a whole number');

    const started = performance.now();
    const [configA, configB] = [await readJsonFile(configs[0] as string, 'config'), await readJsonFile(configs[1] as string, 'config')];
    const accounts = values.accounts === undefined ? undefined : await readAccounts(values.accounts);
    const parties = values.parties === undefined ? undefined : await readParties(values.parties);
    const fx: FxConverter | undefined = values.fx === undefined ? undefined : createFxTable(parseFxCsv(await readFile(values.fx, 'utf8')));
    const labels = values.labels === undefined ? undefined : await readLabels(values.labels);
    const transactions: Transaction[] = [];
    const ingest = await ingestTransactions(
      file,
      {
        ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
        ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
      },
      (batch) => {
        for (const tx of batch.transactions) transactions.push(tx);
      },
    );
    const read = performance.now();
    const comparison = compareConfigs(transactions, configA as never, configB as never, {
      ...(values.jurisdiction === undefined ? {} : { jurisdiction: values.jurisdiction }),
      ...(accounts === undefined ? {} : { accounts: accounts.accounts.values() }),
      ...(parties === undefined ? {} : { parties: parties.parties.values() }),
      ...(fx === undefined ? {} : { fx }),
      ...(labels === undefined ? {} : { labels: labels.labels }),
      ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }),
    });
    const passes = performance.now();
    const text =
      format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : format === 'html' ? renderComparisonHtml(comparison) : formatComparison(comparison, { limit });
    if (values.out === undefined) io.stdout(text);
    else await writeFile(values.out, text);
    const s = (ms: number): string => (ms / 1000).toFixed(2);
    io.stderr(
      `tidewatch: ${ingest.read} rows, ${ingest.accepted} accepted, ${ingest.rejected} rejected, ${ingest.duplicates} duplicates` +
        (labels === undefined ? '' : `; ${labels.labels.length} labels (${labels.issues.length} unusable rows)`) +
        `; A ${comparison.a.alerts} alerts, B ${comparison.b.alerts}; only A ${comparison.onlyA.length}, only B ${comparison.onlyB.length}, changed ${comparison.changed.length}` +
        `; one ingestion ${s(read - started)} s + two engine passes ${s(passes - read)} s = ${s(passes - started)} s\n`,
    );
    return 0;
  },
};
