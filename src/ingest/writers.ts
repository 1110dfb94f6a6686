import { writeToString } from 'fast-csv';
import { formatAmount } from '../schema/money.js';
import { TRANSACTION_COLUMNS, type Transaction } from '../schema/transaction.js';

/** Anything with a `write(text)` method (a Node stream, or a collector). @category Ingest */
export interface TextSink {
  /** Receives the next piece of text. */
  write(text: string): unknown;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formula injection (OWASP "CSV injection"): a cell starting with `=`,
 * `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, so spreadsheets show it as text.
 * @category Ingest
 * @example escapeFormula('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Writes rows as CSV through fast-csv (quoting as needed) with formula escaping on every cell.
 * @category Ingest
 * @example await writeCsv([{ a: '1' }], ['a'], process.stdout)
 */
export async function writeCsv(rows: readonly Readonly<Record<string, string | undefined>>[], columns: readonly string[], sink: TextSink): Promise<void> {
  const data = rows.map((r) => columns.map((c) => escapeFormula(r[c] ?? '')));
  const text = await writeToString([[...columns], ...data], { headers: false, includeEndRowDelimiter: true });
  sink.write(text);
}

/**
 * A transaction as a canonical record: exact amount, ISO instant, canonical column names.
 * @category Ingest
 * @example transactionToRecord(tx).amount // '9500.00'
 */
export function transactionToRecord(tx: Transaction): Record<(typeof TRANSACTION_COLUMNS)[number], string | undefined> {
  return {
    id: tx.id,
    timestamp: new Date(tx.timestamp).toISOString(),
    amount: formatAmount(tx.amount, tx.currency),
    currency: tx.currency,
    kind: tx.kind,
    channel: tx.channel,
    from_account: tx.fromAccount,
    from_name: tx.fromName,
    from_country: tx.fromCountry,
    from_institution: tx.fromInstitution,
    to_account: tx.toAccount,
    to_name: tx.toName,
    to_country: tx.toCountry,
    to_institution: tx.toInstitution,
    conductor: tx.conductor,
    location: tx.location,
    location_country: tx.locationCountry,
    reference: tx.reference,
  };
}

/**
 * Writes transactions as canonical CSV (formula-escaped), readable back by `ingestTransactions`.
 * Note: a text field that begins with a formula character is written with a leading apostrophe.
 * @category Ingest
 * @example await writeTransactionsCsv(transactions, createWriteStream('out.csv'));
 */
export async function writeTransactionsCsv(transactions: readonly Transaction[], sink: TextSink): Promise<void> {
  await writeCsv(transactions.map(transactionToRecord), TRANSACTION_COLUMNS, sink);
}

/**
 * Writes values as NDJSON, one JSON document per line.
 * @category Ingest
 * @example writeNdjson(alerts, process.stdout);
 */
export function writeNdjson(values: Iterable<unknown>, sink: TextSink): void {
  for (const v of values) sink.write(`${JSON.stringify(v)}\n`);
}

/**
 * Writes values as one JSON array (pretty-printed).
 * @category Ingest
 * @example writeJson(alerts, process.stdout);
 */
export function writeJson(values: readonly unknown[], sink: TextSink): void {
  sink.write(`${JSON.stringify(values, null, 2)}\n`);
}
