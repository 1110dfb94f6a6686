import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '../_internal/config-error.js';
import type { EngineOptions, FxConverter } from '../engine/options.js';
import { jurisdiction as shippedJurisdiction, jurisdictionCodes } from '../jurisdictions/index.js';
import { createFxTable, parseFxCsv } from '../jurisdictions/fx.js';
import { ALERT_CSV_COLUMNS, alertRows } from '../report/alert-rows.js';
import { renderReport } from '../report/render-report.js';
import type { Alert } from '../scoring/alert.js';
import type { Transaction } from '../schema/transaction.js';
import { createRowOrder, ingestTransactions, readAccounts, readParties, writeCsv } from '../ingest/index.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';
import { progress } from './progress.js';
import { formatText } from './format-text.js';
import { alertChunks } from './alert-chunks.js';
import { alertsOf, type EngineOutput } from './alert-list.js';
import { loadProfile } from './goaml.js';
import { loadScanConfig, type EngineInputs } from './engine-inputs.js';
import { defaultWorkers, inputBytes, oneThreadEngine, parallelEngine } from './scan-engines.js';
import { collectGarbageEarly } from './parallel-scan.js';
import { mayExceedBudget, memoryPlan, roundsEngine } from './scan-rounds.js';
import { idShareOf } from '../ingest/scan-stream.js';

const USAGE = `tidewatch scan <transactions> [options]

Scans transactions (CSV, NDJSON or JSON) and prints explained alerts, highest score first.

Options:
  --accounts F        accounts.csv (account, party, type, opened_at, institution, country)
  --parties F         parties.csv (party, name, country, phone, address, document, …)
  --jurisdiction CC   reporting regime (${'`tidewatch rules`'} lists rules; codes: see --help of schema)
  --config F          JSON configuration (see \`tidewatch schema config\`)
  --mapping F|preset  column mapping file, or a preset (amlsim, amlworld)
  --fx F              FX table CSV: from,to,date,rate
  --format F          json (default) | ndjson | csv | html (the case report) | text
  --out F             write alerts to F instead of stdout
  --min-score N       only alerts scoring at least N (default: the typology thresholds)
  --top N             only the N highest-scoring alerts
  --rejects F         write rejected rows as NDJSON { row, field, code, message }
  --as-of ISO         analysis date recorded in alerts
  --default-zone Z    IANA zone for timestamps written without an offset
  --parser P          fast (default) | fast-csv
  --fiu P             goAML input (.xml or a directory of reports): ID | LK | profile JSON
                      (default: by the reports' currency_code_local, IDR → ID, LKR → LK)
  --goaml-amounts A   original (default: a foreign-currency transaction in its own currency) | local
  --memory MB         memory budget (default 400). Out-of-order input beyond it is sorted in a
                      private temporary directory, removed at the end. When the input is large
                      enough that the engine's state may not fit, the rows are ordered on disk
                      first and the entities scanned in rounds of partitions: same alerts, more time
  --workers N         worker threads, one partition of the entities each (default: one per core,
                      at most one per 8 MB of input; output is identical for any number)
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
        'as-of': { type: 'string' }, 'default-zone': { type: 'string' }, parser: { type: 'string' }, fiu: { type: 'string' }, 'goaml-amounts': { type: 'string' },
        memory: { type: 'string' }, workers: { type: 'string' },
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
    const workersOption = optionalNumber(values.workers, '--workers', 1, 64);
    if (workersOption !== undefined && !Number.isInteger(workersOption)) throw new UsageError('--workers must be a whole number from 1 to 64');
    const started = performance.now();
    collectGarbageEarly();

    const config = await loadScanConfig(values.config);
    const accounts = values.accounts === undefined ? undefined : await readAccounts(values.accounts);
    const parties = values.parties === undefined ? undefined : await readParties(values.parties);
    const fx: FxConverter | undefined = values.fx === undefined ? undefined : createFxTable(parseFxCsv(await readFile(values.fx, 'utf8')));
    const workers = workersOption ?? defaultWorkers(file);

    // Rows stream into the engine through the row order, which holds at most --memory of them
    // (in-order input streams straight through; other input is sorted externally). Without a
    // jurisdiction it is inferred from the currencies of all rows, so the engine can only start
    // after the last row: the rows are then sorted from the start.
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
    // What worker threads build the same engine from (they read the same files).
    const inputsFor = (jurisdictionCode: string): EngineInputs => ({
      jurisdiction: jurisdictionCode,
      ...(values.config === undefined ? {} : { config: values.config }),
      ...(values.accounts === undefined ? {} : { accounts: values.accounts }),
      ...(values.parties === undefined ? {} : { parties: values.parties }),
      ...(values.fx === undefined ? {} : { fx: values.fx }),
      ...(minScore === undefined ? {} : { minScore }),
      ...(values['as-of'] === undefined ? {} : { asOf: values['as-of'] }),
    });
    const jurisdictionCode = (): string => (code ??= inferJurisdiction(currencies, io));
    // The case report draws the flows around each alert, so --format html keeps the accepted rows.
    const transactions: Transaction[] | undefined = format === 'html' ? [] : undefined;
    // Input whose engine state may exceed --memory is ordered on disk and scanned in rounds of
    // partitions (src/cli/scan-rounds.ts); the rest streams into the engine while it is read.
    const budgetBytes = memoryMB * 1024 * 1024;
    const engine = mayExceedBudget(inputBytes(file), workers, budgetBytes)
      ? roundsEngine(() => inputsFor(jurisdictionCode()), () => engineOptions(jurisdictionCode()), workers, memoryPlan(workers, budgetBytes), io)
      : workers > 1
        ? parallelEngine(() => inputsFor(jurisdictionCode()), () => engineOptions(jurisdictionCode()), workers)
        : oneThreadEngine(() => engineOptions(jurisdictionCode()));
    // The duplicate-id check of the reading keeps its newest ids in a share of the budget (older ones
    // wait on disk); the row order holds rows in the rest.
    const idMemoryBytes = idShareOf(budgetBytes);
    const order = createRowOrder({ memoryBytes: budgetBytes - idMemoryBytes, ...(code === undefined ? { stream: false } : {}) }, engine.start);
    let result: EngineOutput;
    let ingest;
    // The engine is disposed after the output is written: the rounds engine's alerts wait in its temporary directory until then.
    try {
      try {
        const bar = progress(io, 'reading');
        let accepted = 0;
        ingest = await ingestTransactions(
          file,
          {
            idMemoryBytes,
            ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
            ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
            ...(values.parser === undefined ? {} : { parser: values.parser as 'fast' | 'fast-csv' }),
            ...(values.fiu === undefined ? {} : { goamlProfile: await loadProfile(values.fiu) }),
            ...(values['goaml-amounts'] === undefined ? {} : { goamlAmounts: goamlAmounts(values['goaml-amounts']) }),
          },
          (batch) => {
            for (const tx of batch.transactions) {
              if (code === undefined) currencies.add(tx.currency);
              transactions?.push(tx);
              order.add(tx);
            }
            accepted += batch.transactions.length;
            bar.update(accepted);
          },
        );
        bar.done();
        if (values.rejects !== undefined) {
          await writeFile(values.rejects, ingest.issues.map((i) => JSON.stringify(i)).join('\n') + (ingest.issues.length > 0 ? '\n' : ''));
        }
        order.finish();
        result = await engine.result(accepted);
      } finally {
        order.dispose();
      }
      const profile = shippedJurisdiction(jurisdictionCode());
      if (profile.unverified) io.stderr(`${unverifiedWarning(profile)}\n`);
      const shown = top === undefined ? result.alerts.length : Math.min(top, result.alerts.length);
      const text =
        transactions !== undefined
          ? renderReport(
              {
                alerts: alertsOf(result.alerts, shown),
                transactions,
                ...(accounts === undefined ? {} : { accounts: accounts.accounts.values() }),
                ...(parties === undefined ? {} : { parties: parties.parties.values() }),
              },
              { source: file, rows: { read: ingest.read, accepted: ingest.accepted, rejected: ingest.rejected, duplicates: ingest.duplicates } },
            )
          : format === 'text'
            ? formatText(alertsOf(result.alerts, shown), {
                total: result.alerts.length,
                timeZone: profile.timeZone,
                ...(accounts === undefined ? {} : { accounts: accounts.accounts }),
                ...(parties === undefined ? {} : { parties: parties.parties }),
              })
            : format === 'csv'
              ? await renderCsv(alertsOf(result.alerts, shown))
              : undefined;
      const outFile = values.out === undefined ? undefined : fileWriter(values.out);
      const write = outFile?.write ?? io.stdout;
      try {
        if (text !== undefined) write(text);
        else for (const chunk of alertChunks(format === 'ndjson' ? 'ndjson' : 'json', result.alerts, shown)) write(chunk);
      } finally {
        outFile?.close();
      }
      const seconds = (performance.now() - started) / 1000;
      const high = result.alerts.high;
      io.stderr(
        `tidewatch: ${ingest.read} rows, ${ingest.accepted} accepted, ${ingest.rejected} rejected, ${ingest.duplicates} duplicates` +
          (result.summary.rejected > 0 ? `, ${result.summary.rejected} not convertible` : '') +
          `; ${result.alerts.length} alerts (${high} high or critical); ${seconds.toFixed(2)} s` +
          (values.out === undefined ? '\n' : `; written to ${values.out}\n`),
      );
      const hint = currencyHint(result.rejections, profile.currency, fx !== undefined);
      if (hint !== undefined) io.stderr(`${hint}\n`);
    } finally {
      await engine.dispose();
    }
    return 0;
  },
};


function goamlAmounts(text: string): 'original' | 'local' {
  if (text !== 'original' && text !== 'local') throw new UsageError('--goaml-amounts must be original or local');
  return text;
}

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

async function renderCsv(alerts: readonly Alert[]): Promise<string> {
  const chunks: string[] = [];
  await writeCsv(alertRows(alerts), ALERT_CSV_COLUMNS, { write: (s: string) => chunks.push(s) });
  return chunks.join('');
}

/** Writes text to a new file `path` as it comes (synchronously, so that nothing queues in memory); `close` when done. */
function fileWriter(path: string): { write(text: string): void; close(): void } {
  const fd = openSync(path, 'w');
  return {
    write(text) {
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    },
    close: () => closeSync(fd),
  };
}

/** The run-time warning for a profile the research could not confirm. */
export function unverifiedWarning(profile: { code: string; source: string; notes?: string }): string {
  return `tidewatch: warning: the ${profile.code} profile is unverified (${profile.source}${profile.notes === undefined ? '' : `; ${profile.notes}`}); ` +
    'check its threshold and aggregation against the regulator before relying on threshold-based hits (alerts carry engine.jurisdictionUnverified)';
}

/**
 * How to fix transactions left unevaluated for want of a rate: which currencies, how many, and the
 * --fx option to pass (or, with a table, that it lacks those pairs or dates). Undefined when none.
 */
export function currencyHint(rejections: readonly { code: string; id: string; message: string }[], target: string, haveFx: boolean): string | undefined {
  const byCurrency = new Map<string, number>();
  for (const r of rejections) {
    if (r.code !== 'conversion_unavailable') continue;
    const from = /from ([A-Z]{3}) to/.exec(r.message)?.[1] ?? '?';
    byCurrency.set(from, (byCurrency.get(from) ?? 0) + 1);
  }
  if (byCurrency.size === 0) return undefined;
  const list = [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${n} in ${c}`).join(', ');
  return haveFx
    ? `tidewatch: ${list} not evaluated: the --fx table has no rate to ${target} within 7 days of their dates; add those pairs and dates`
    : `tidewatch: ${list} not evaluated: they are not in ${target}, the jurisdiction's currency; pass --fx rates.csv (columns from,to,date,rate, e.g. USD,${target},2025-03-01,4.4725) to convert them exactly`;
}
