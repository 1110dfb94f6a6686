import { TRANSACTION_COLUMNS, parseTransaction, type Transaction } from '../schema/transaction.js';
import { checkTransactionRecord } from '../schema/transaction-fast-path.js';
import type { RowIssue } from '../schema/issues.js';
import { applyMapping, loadMapping, type ColumnMapping } from './mapping.js';
import { canonicalHeader, compileHeader, recordFromObject } from './records.js';
import { csvRows, formatOf, jsonArrayRows, ndjsonRows, objectRows, type IngestFormat, type IngestSource, type RawRow } from './sources.js';
import { fastCsvRows } from './fast-csv-reader.js';
import { goamlRows } from './goaml-source.js';
import type { GoamlProfile } from '../goaml/profile.js';
import { createBoundedIdSet } from '../_internal/bounded-id-set.js';

/** Options of {@link ingestTransactions}. @category Ingest */
export interface IngestOptions {
  /** Default: from the file extension (`.csv`, `.ndjson`/`.jsonl`, `.json`, `.xml` or a directory = goAML reports); objects for iterables. */
  readonly format?: IngestFormat;
  /** CSV reader: the built-in streaming splitter (default, measured fastest) or fast-csv. */
  readonly parser?: 'fast' | 'fast-csv';
  /** Row validator: the fast path (default) or the zod schema; both accept exactly the same rows. */
  readonly validator?: 'fast' | 'zod';
  /** IANA zone for timestamps without an offset; without it such rows are rejected. */
  readonly defaultZone?: string;
  /** A column mapping object, a path to a mapping JSON file, or a preset name. */
  readonly mapping?: ColumnMapping | string;
  /** goAML input: the FIU profile whose codes and time zone the reports use (default: by `currency_code_local`, IDR → ID, LKR → LK). */
  readonly goamlProfile?: GoamlProfile;
  /** goAML input: `original` currency of foreign-currency transactions (default) or the report's `local` amounts. */
  readonly goamlAmounts?: 'original' | 'local';
  /** Most issues kept in the summary (all are counted; the rest are passed to onBatch only). Default 10,000. */
  readonly maxIssues?: number;
  /**
   * Bytes the duplicate-id check keeps its newest ids in; older ones go to sorted runs in a private
   * temporary directory (2 bytes an id stay in memory), removed before the call returns. Default 32 MiB.
   */
  readonly idMemoryBytes?: number;
  /** Parent of that temporary directory. Default: the OS temp directory. */
  readonly tempDir?: string;
}

/** A batch of accepted transactions and the issues of the rows read with them. @category Ingest */
export interface TransactionBatch {
  readonly transactions: Transaction[];
  readonly issues: RowIssue[];
}

/**
 * What happened to every row: `read = accepted + rejected + duplicates` always holds.
 * @category Ingest
 */
export interface IngestSummary {
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  /** Issues, at most `maxIssues` of them. */
  readonly issues: readonly RowIssue[];
  /** Issues counted but not kept because of `maxIssues`. */
  readonly issuesDropped: number;
}

const CANONICAL: ReadonlySet<string> = new Set(TRANSACTION_COLUMNS);

/**
 * Streams transactions from a CSV, NDJSON or JSON file, a Node stream, or (async) iterable of
 * objects, validating every row. Bad rows never stop the file: each row is accepted, rejected with
 * `{ row, field, code, message }` issues, or counted once as a duplicate id. Memory stays flat:
 * the duplicate-id check keeps at most `idMemoryBytes` of ids in memory and the rest on disk, with
 * about 2 bytes an id in memory for finding them there (see `createBoundedIdSet`).
 *
 * @param onBatch - receives accepted transactions in input order, batch by batch
 * @returns the counts and (up to `maxIssues`) issues
 * @category Ingest
 * @example
 * const all: Transaction[] = [];
 * const summary = await ingestTransactions('transactions.csv', {}, (b) => all.push(...b.transactions));
 */
export async function ingestTransactions(
  source: IngestSource,
  options: IngestOptions = {},
  onBatch?: (batch: TransactionBatch) => void,
): Promise<IngestSummary> {
  const format = formatOf(source, options.format);
  const mapping = options.mapping === undefined ? undefined : await loadMapping(options.mapping);
  const maxIssues = options.maxIssues ?? 10_000;
  const parseOptions = options.defaultZone === undefined ? {} : { defaultZone: options.defaultZone };
  const useZod = options.validator === 'zod';
  const seen = createBoundedIdSet({
    ...(options.idMemoryBytes === undefined ? {} : { memoryBytes: options.idMemoryBytes }),
    ...(options.tempDir === undefined ? {} : { tempDir: options.tempDir }),
  });
  const issues: RowIssue[] = [];
  let read = 0;
  let accepted = 0;
  let rejected = 0;
  let duplicates = 0;
  let dropped = 0;
  let headers: string[] | undefined;
  let sourceHeaders: string[] | undefined;
  let toRecord: ReturnType<typeof compileHeader> | undefined;

  const rows: AsyncIterable<RawRow[]> =
    format === 'csv'
      ? options.parser === 'fast-csv' ? fastCsvRows(source as string) : csvRows(source as string)
      : format === 'ndjson' ? ndjsonRows(source as string)
      : format === 'json' ? jsonArrayRows(source as string)
      : format === 'goaml'
        ? goamlRows(source as string, {
          ...(options.goamlProfile === undefined ? {} : { profile: options.goamlProfile }),
          ...(options.goamlAmounts === undefined ? {} : { amounts: options.goamlAmounts }),
        })
      : objectRows(source as AsyncIterable<unknown>);

  const note = (issue: RowIssue, batchIssues: RowIssue[]): void => {
    batchIssues.push(issue);
    if (issues.length < maxIssues) issues.push(issue);
    else dropped++;
  };

  try {
    for await (const batch of rows) {
      const transactions: Transaction[] = [];
      const batchIssues: RowIssue[] = [];
      for (const raw of batch) {
        const file = 'file' in raw && raw.file !== undefined ? { file: raw.file } : {};
        if ('cells' in raw && headers === undefined) {
          sourceHeaders = raw.cells.map((h) => h.trim());
          headers = sourceHeaders.map(canonicalHeader);
          toRecord = compileHeader(headers, CANONICAL);
          continue;
        }
        read++;
        if (raw.error !== undefined) {
          rejected++;
          note({ row: raw.row, ...file, field: '', code: 'malformed_row', message: raw.error }, batchIssues);
          continue;
        }
        let built: { record: Record<string, unknown>; attributes: Record<string, string> | undefined } | undefined;
        if ('cells' in raw) {
          const h = headers as string[];
          if (raw.cells.length !== h.length) {
            rejected++;
            note({ row: raw.row, field: '', code: 'malformed_row', message: `row has ${raw.cells.length} cells, the header has ${h.length}` }, batchIssues);
            continue;
          }
          built = mapping === undefined ? (toRecord as NonNullable<typeof toRecord>)(raw.cells) : applyMapping(mapping, sourceHeaders as string[], raw.cells, raw.row, CANONICAL);
        } else {
          built = recordFromObject(raw.object, CANONICAL);
          if (built !== undefined && mapping !== undefined) {
            const keys = Object.keys(raw.object as object);
            built = applyMapping(mapping, keys, keys.map((k) => String((raw.object as Record<string, unknown>)[k] ?? '')), raw.row, CANONICAL);
          }
        }
        if (built === undefined) {
          rejected++;
          note({ row: raw.row, field: '', code: 'malformed_row', message: 'expected an object' }, batchIssues);
          continue;
        }
        const result = useZod ? withAttributes(parseTransaction(built.record, parseOptions), built.attributes) : checkTransactionRecord(built.record, parseOptions, built.attributes);
        // goAML rows: elements that could not be mapped are issues of their own; the validator's
        // issues on other fields are added.
        const mapped = 'issues' in raw ? raw.issues ?? [] : [];
        if (!result.ok || mapped.length > 0) {
          rejected++;
          const fields = new Set(mapped.map((i) => i.field));
          const all = [...mapped, ...(result.ok ? [] : result.issues.filter((i) => !fields.has(i.field)))];
          for (const i of all) note({ row: raw.row, ...file, field: i.field, code: i.code, message: i.message }, batchIssues);
          continue;
        }
        const tx = result.value;
        if (!seen.add(tx.id)) {
          duplicates++;
          note({ row: raw.row, ...file, field: 'id', code: 'duplicate_id', message: `id "${tx.id.slice(0, 60)}" appeared before; counted once` }, batchIssues);
          continue;
        }
        accepted++;
        transactions.push(tx);
      }
      if (onBatch !== undefined && (transactions.length > 0 || batchIssues.length > 0)) onBatch({ transactions, issues: batchIssues });
    }
  } finally {
    seen.dispose();
  }
  return { read, accepted, rejected, duplicates, issues, issuesDropped: dropped };
}

function withAttributes<T extends { ok: boolean }>(result: T, attributes: Record<string, string> | undefined): T {
  if (!result.ok || attributes === undefined) return result;
  const r = result as unknown as { value: Transaction };
  return { ...result, value: { ...r.value, attributes } };
}
