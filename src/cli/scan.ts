import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '../_internal/config-error.js';
import { resolveScanConfig } from '../engine/config-file.js';
import type { EngineOptions, FxConverter } from '../engine/options.js';
import { jurisdiction as shippedJurisdiction, jurisdictionCodes } from '../jurisdictions/index.js';
import { createFxTable, parseFxCsv } from '../jurisdictions/fx.js';
import { ALERT_CSV_COLUMNS, alertRows } from '../report/alert-rows.js';
import { renderHtmlReport } from '../report/html.js';
import type { Alert } from '../scoring/alert.js';
import { createBatchScanner, ingestTransactions, readAccounts, readParties, writeCsv } from '../ingest/index.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';
import { progress } from './progress.js';
import { formatText } from './format-text.js';

const USAGE = `tidewatch scan <transactions> [options]

Scans transactions (CSV, NDJSON or JSON) and prints explained alerts, highest score first.

Options:
  --accounts F        accounts.csv (account, party, type, opened_at, institution, country)
  --parties F         parties.csv (party, name, country, phone, address, document, …)
  --jurisdiction CC   reporting regime (${'`tidewatch rules`'} lists rules; codes: see --help of schema)
  --config F          JSON configuration (see \`tidewatch schema config\`)
  --mapping F|preset  column mapping file, or a preset (amlsim, amlworld)
  --fx F              FX table CSV: from,to,date,rate
  --format F          json (default) | ndjson | csv | html | text
  --out F             write alerts to F instead of stdout
  --min-score N       only alerts scoring at least N (default: the typology thresholds)
  --top N             only the N highest-scoring alerts
  --rejects F         write rejected rows as NDJSON { row, field, code, message }
  --as-of ISO         analysis date recorded in alerts
  --default-zone Z    IANA zone for timestamps written without an offset
  --parser P          fast (default) | fast-csv
  --memory MB         memory for buffering and sorting input rows; out-of-order input beyond it
                      is sorted in a private temporary directory, removed at the end (default 400)
  -h, --help          this help

Exit status: 0 success (bad rows are reported, not fatal), 2 usage or configuration error, 1 unexpected failure.`;

/** `tidewatch scan`: the main job. */
export const scanCommand: Command = {
  name: 'scan',
  summary: 'scan transactions and print explained alerts',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        accounts: { type: 'string' }, parties: { type: 'string' }, jurisdiction: { type: 'string' },
        config: { type: 'string' }, mapping: { type: 'string' }, fx: { type: 'string' }, format: { type: 'string' },
        out: { type: 'string' }, 'min-score': { type: 'string' }, top: { type: 'string' }, rejects: { type: 'string' },
        'as-of': { type: 'string' }, 'default-zone': { type: 'string' }, parser: { type: 'string' },
        memory: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('scan takes exactly one transactions file');
    const format = values.format ?? 'json';
    if (!['json', 'ndjson', 'csv', 'html', 'text'].includes(format)) throw new UsageError(`unknown --format "${format}"`);
    const minScore = optionalNumber(values['min-score'], '--min-score', 0, 100);
    const top = optionalNumber(values.top, '--top', 1, Number.MAX_SAFE_INTEGER);
    const memoryMB = optionalNumber(values.memory, '--memory', 0.01, 1_000_000) ?? 400;
    const started = performance.now();

    const config = resolveScanConfig(values.config === undefined ? {} : await readJson(values.config));
    const accounts = values.accounts === undefined ? undefined : await readAccounts(values.accounts);
    const parties = values.parties === undefined ? undefined : await readParties(values.parties);
    const fx: FxConverter | undefined = values.fx === undefined ? undefined : createFxTable(parseFxCsv(await readFile(values.fx, 'utf8')));

    // Rows stream into the scanner, which holds at most --memory of them (see createBatchScanner).
    // Without a jurisdiction it is inferred from the currencies of all rows, so the engine can only
    // start after the last row: the scanner then sorts from the start.
    const currencies = new Set<string>();
    let code = values.jurisdiction ?? config.jurisdiction;
    const engineOptions = (jurisdictionCode: string): EngineOptions => ({
      jurisdiction: shippedJurisdiction(jurisdictionCode),
      rules: config.rules,
      typologies: config.typologies,
      ...(accounts === undefined ? {} : { accounts: accounts.accounts.values() }),
      ...(parties === undefined ? {} : { parties: parties.parties.values() }),
      ...(fx === undefined ? {} : { fx }),
      ...(minScore ?? config.minScore) !== undefined ? { minScore: (minScore ?? config.minScore) as number } : {},
      ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }),
    });
    const scanner = createBatchScanner(
      code !== undefined ? engineOptions(code) : () => engineOptions((code = inferJurisdiction(currencies, io))),
      { memoryBytes: memoryMB * 1024 * 1024 },
    );
    let result;
    let ingest;
    try {
      const bar = progress(io, 'reading');
      let accepted = 0;
      ingest = await ingestTransactions(
        file,
        {
          ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
          ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
          ...(values.parser === undefined ? {} : { parser: values.parser as 'fast' | 'fast-csv' }),
        },
        (batch) => {
          for (const tx of batch.transactions) {
            if (code === undefined) currencies.add(tx.currency);
            scanner.add(tx);
          }
          accepted += batch.transactions.length;
          bar.update(accepted);
        },
      );
      bar.done();
      if (values.rejects !== undefined) {
        await writeFile(values.rejects, ingest.issues.map((i) => JSON.stringify(i)).join('\n') + (ingest.issues.length > 0 ? '\n' : ''));
      }
      result = scanner.finish();
    } finally {
      scanner.dispose();
    }
    const alerts = top === undefined ? result.alerts : result.alerts.slice(0, top);
    const text = await render(format, alerts, { file, rows: ingest.read, accepted: ingest.accepted, jurisdiction: code as string });
    if (values.out === undefined) io.stdout(text);
    else await writeFile(values.out, text);
    const seconds = (performance.now() - started) / 1000;
    const high = result.alerts.filter((a) => a.band === 'high' || a.band === 'critical').length;
    io.stderr(
      `tidewatch: ${ingest.read} rows, ${ingest.accepted} accepted, ${ingest.rejected} rejected, ${ingest.duplicates} duplicates` +
        (result.summary.rejected > 0 ? `, ${result.summary.rejected} not convertible` : '') +
        `; ${result.alerts.length} alerts (${high} high or critical); ${seconds.toFixed(2)} s\n`,
    );
    return 0;
  },
};


function optionalNumber(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} must be a number from ${min} to ${max}`);
  return n;
}

/** One currency that exactly one shipped profile uses → that profile; otherwise ask. */
function inferJurisdiction(currencies: ReadonlySet<string>, io: { stderr(s: string): void }): string {
  const [only] = currencies;
  if (currencies.size === 1 && only !== undefined) {
    const matches = jurisdictionCodes().filter((c) => shippedJurisdiction(c).currency === only);
    if (matches.length === 1) {
      io.stderr(`tidewatch: jurisdiction ${matches[0]} (inferred from currency ${only}; use --jurisdiction to choose)\n`);
      return matches[0] as string;
    }
  }
  throw new ConfigError('unknown_jurisdiction', `name the reporting regime with --jurisdiction (one of ${jurisdictionCodes().join(', ')})`);
}

async function render(format: string, alerts: readonly Alert[], meta: { file: string; rows: number; accepted: number; jurisdiction: string }): Promise<string> {
  switch (format) {
    case 'ndjson':
      return alerts.map((a) => `${JSON.stringify(a)}\n`).join('');
    case 'csv': {
      const chunks: string[] = [];
      await writeCsv(alertRows(alerts), ALERT_CSV_COLUMNS, { write: (s: string) => chunks.push(s) });
      return chunks.join('');
    }
    case 'html':
      return renderHtmlReport(alerts, { source: meta.file, summary: { rows: meta.rows, accepted: meta.accepted, jurisdiction: meta.jurisdiction, alerts: alerts.length } });
    case 'text':
      return formatText(alerts);
    default:
      return `${JSON.stringify(alerts, null, 2)}\n`;
  }
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('invalid_config', `config ${path} is not valid JSON: ${(error as Error).message}`);
  }
}
