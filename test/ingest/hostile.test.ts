import { describe, expect, test } from 'vitest';
import { ingestTransactions } from '../../src/ingest/index.js';
import type { RowIssue } from '../../src/schema/issues.js';

const FILE = 'examples/data/hostile.csv';

describe('a hostile CSV (BOM, CRLF, every reject kind, duplicate, ragged row, unterminated quote, __proto__ column)', async () => {
  const accepted: string[] = [];
  const summary = await ingestTransactions(FILE, {}, (b) => accepted.push(...b.transactions.map((t) => t.id)));
  const byRow = new Map<number, RowIssue[]>();
  for (const i of summary.issues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);
  const codeAt = (row: number) => byRow.get(row)?.map((i) => `${i.field}:${i.code}`);

  test('every row is accounted for', () => {
    expect(summary.read).toBe(summary.accepted + summary.rejected + summary.duplicates);
    expect(summary).toMatchObject({ read: 20, accepted: 3, rejected: 16, duplicates: 1 });
  });

  test('each bad row is reported with its row number (header = row 1) and code', () => {
    expect(codeAt(3)).toEqual(['amount:required']);
    expect(codeAt(4)).toEqual(['kind:invalid_value']);
    expect(codeAt(5)).toEqual(['currency:unknown_currency']);
    expect(codeAt(6)).toEqual(['amount:invalid_amount']);
    expect(codeAt(7)).toEqual(['amount:invalid_amount']);
    expect(codeAt(8)).toEqual(['amount:amount_precision']);
    expect(codeAt(9)).toEqual(['amount:amount_not_positive']);
    expect(codeAt(10)).toEqual(['amount:amount_not_positive']);
    expect(codeAt(11)).toEqual(['amount:amount_too_large']);
    expect(codeAt(12)).toEqual(['timestamp:invalid_timestamp']);
    expect(codeAt(13)).toEqual(['timestamp:naive_timestamp']);
    expect(codeAt(14)).toEqual(['to_country:invalid_country']);
    expect(codeAt(15)).toEqual(['from_account:required']);
    expect(codeAt(16)).toEqual(['id:duplicate_id']);
    expect(codeAt(20)).toEqual([':malformed_row']);
    expect(codeAt(21)).toEqual(['to_account:too_long']);
    expect(codeAt(22)).toEqual([':malformed_row']);
  });

  test('good rows survive, including formula-like text and an embedded newline', () => {
    expect(accepted).toEqual(['H1', 'H15', 'H16']);
  });

  test('a __proto__ or constructor header cannot pollute prototypes', () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test('a naive timestamp is accepted when the zone it was recorded in is named', async () => {
    const s = await ingestTransactions(FILE, { defaultZone: 'Asia/Kuala_Lumpur' });
    expect(s.issues.find((i) => i.row === 13)).toBeUndefined();
    expect(s.accepted).toBe(4);
  });
});
