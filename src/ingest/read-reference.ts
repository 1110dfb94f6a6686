import type * as z from 'zod';
import { ACCOUNT_COLUMNS, AccountRecordSchema } from '../schema/account.js';
import type { RowIssue } from '../schema/issues.js';
import { PARTY_COLUMNS, PartyRecordSchema } from '../schema/party.js';
import type { Account, Party } from '../schema/reference-data.js';
import { buildRecord, canonicalHeader } from './records.js';
import { csvRows } from './sources.js';

/** Counts and issues of a reference-data file; `read = accepted + rejected + duplicates`. @category Ingest */
export interface ReferenceSummary {
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly issues: readonly RowIssue[];
}

/** Reads a reference-data CSV (accounts, parties) with a zod row schema into a map by key; shared by the readers. */
export async function readReference<T>(
  path: string,
  columns: readonly string[],
  schema: z.ZodType<T>,
  key: (value: T) => string,
): Promise<{ values: Map<string, T>; summary: ReferenceSummary }> {
  const canonical = new Set(columns);
  const values = new Map<string, T>();
  const issues: RowIssue[] = [];
  let headers: string[] | undefined;
  let read = 0;
  let rejected = 0;
  let duplicates = 0;
  for await (const batch of csvRows(path)) {
    for (const raw of batch) {
      if (!('cells' in raw)) continue;
      if (headers === undefined) {
        headers = raw.cells.map(canonicalHeader);
        continue;
      }
      read++;
      if (raw.error !== undefined || raw.cells.length !== headers.length) {
        rejected++;
        issues.push({ row: raw.row, field: '', code: 'malformed_row', message: raw.error ?? `row has ${raw.cells.length} cells, the header has ${headers.length}` });
        continue;
      }
      const result = schema.safeParse(buildRecord(headers, raw.cells, canonical).record);
      if (!result.success) {
        rejected++;
        for (const i of result.error.issues) {
          const field = String(i.path[0] ?? '');
          const code = (i as { params?: { code?: RowIssue['code'] } }).params?.code ?? (i.code === 'invalid_value' ? 'invalid_value' : i.code === 'invalid_type' ? 'required' : 'invalid_value');
          issues.push({ row: raw.row, field, code, message: `${field}: ${i.message}` });
        }
        continue;
      }
      const id = key(result.data);
      if (values.has(id)) {
        duplicates++;
        issues.push({ row: raw.row, field: columns[0] as string, code: 'duplicate_id', message: `"${id}" appeared before; the first row is used` });
        continue;
      }
      values.set(id, result.data);
    }
  }
  return { values, summary: { read, accepted: values.size, rejected, duplicates, issues } };
}

/**
 * Reads `accounts.csv` into a map by account id.
 * @category Ingest
 * @example const { accounts } = await readAccounts('accounts.csv');
 */
export async function readAccounts(path: string): Promise<{ accounts: Map<string, Account>; summary: ReferenceSummary }> {
  const { values, summary } = await readReference(path, ACCOUNT_COLUMNS, AccountRecordSchema, (a) => a.account);
  return { accounts: values, summary };
}

/**
 * Reads `parties.csv` into a map by party id.
 * @category Ingest
 * @example const { parties } = await readParties('parties.csv');
 */
export async function readParties(path: string): Promise<{ parties: Map<string, Party>; summary: ReferenceSummary }> {
  const { values, summary } = await readReference(path, PARTY_COLUMNS, PartyRecordSchema, (p) => p.party);
  return { parties: values, summary };
}
