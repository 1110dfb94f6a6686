import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ingestTransactions, readAccounts, readParties } from '../ingest/index.js';
import { renderReport } from '../report/render-report.js';
import { AlertSchema, type Alert } from '../scoring/alert.js';
import type { Transaction } from '../schema/transaction.js';
import type { Command } from './command.js';
import { progress } from './progress.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch report <alerts.json|alerts.ndjson> --transactions F [options]

Writes the analyst case report: one self-contained HTML file (no network) with an overview, a
filterable alert list and, per alert, a money-flow graph, the evidence timeline, the score's
contributions, the hits and the evidence. The alerts are scan's output (--format json or ndjson).

Options:
  --transactions F    the scanned transactions (CSV, NDJSON or JSON); required
  --accounts F        accounts.csv: names accounts by their holders
  --parties F         parties.csv: names and countries of parties
  --mapping F|preset  column mapping of the transactions file, or a preset (amlsim, amlworld)
  --default-zone Z    IANA zone for timestamps written without an offset
  --title T           report title
  --max-cases N       alerts drawn as full cases (default 200); the rest are summarised
  --out F             write the report to F instead of stdout
  -h, --help          this help

Exit status: 0 success, 2 usage error or alerts that are not tidewatch/alert@1, 1 unexpected failure.`;

/** `tidewatch report`: the HTML case report of saved alerts. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'write the HTML case report of saved alerts',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        transactions: { type: 'string' }, accounts: { type: 'string' }, parties: { type: 'string' }, mapping: { type: 'string' },
        'default-zone': { type: 'string' }, title: { type: 'string' }, 'max-cases': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('report takes exactly one alerts file');
    if (values.transactions === undefined) throw new UsageError('report needs --transactions F (the scanned transactions)');
    const maxCases = values['max-cases'] === undefined ? undefined : Number(values['max-cases']);
    if (maxCases !== undefined && !(Number.isSafeInteger(maxCases) && maxCases >= 0)) throw new UsageError('--max-cases must be a whole number from 0');
    const alerts = parseAlerts(await readFile(file, 'utf8'), file);
    const accounts = values.accounts === undefined ? undefined : await readAccounts(values.accounts);
    const parties = values.parties === undefined ? undefined : await readParties(values.parties);
    const bar = progress(io, 'reading');
    const transactions: Transaction[] = [];
    const ingest = await ingestTransactions(
      values.transactions,
      {
        ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
        ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
      },
      (batch) => {
        for (const tx of batch.transactions) transactions.push(tx);
        bar.update(transactions.length);
      },
    );
    bar.done();
    const html = renderReport(
      {
        alerts,
        transactions,
        ...(accounts === undefined ? {} : { accounts: accounts.accounts.values() }),
        ...(parties === undefined ? {} : { parties: parties.parties.values() }),
      },
      {
        source: values.transactions,
        rows: { read: ingest.read, accepted: ingest.accepted, rejected: ingest.rejected, duplicates: ingest.duplicates },
        ...(values.title === undefined ? {} : { title: values.title }),
        ...(maxCases === undefined ? {} : { maxCases }),
      },
    );
    if (values.out === undefined) io.stdout(html);
    else {
      await writeFile(values.out, html);
      io.stderr(`tidewatch: report of ${alerts.length} alerts written to ${values.out} (${Math.ceil(Buffer.byteLength(html) / 1024)} kB)\n`);
    }
    return 0;
  },
};

/**
 * Alerts from scan's JSON (an array) or NDJSON (one per line), each checked against
 * tidewatch/alert@1; the first bad one is a usage error naming its position.
 */
export function parseAlerts(text: string, file: string): Alert[] {
  const trimmed = text.trimStart();
  let items: { value: unknown; where: string }[];
  try {
    items = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[]).map((value, i) => ({ value, where: `item ${i + 1}` }))
      : text.split('\n').flatMap((line, i) => (line.trim() === '' ? [] : [{ value: JSON.parse(line) as unknown, where: `line ${i + 1}` }]));
  } catch (error) {
    throw new UsageError(`${file} is neither a JSON array nor NDJSON of alerts: ${(error as Error).message}`);
  }
  return items.map(({ value, where }) => {
    const parsed = AlertSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${file} ${where} is not a tidewatch/alert@1 alert: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    return parsed.data;
  });
}
