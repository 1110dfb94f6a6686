import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { escapeFormula, fixedDecimals, ingestTransactions, writeCsv, writeTransactionsCsv } from '../../src/ingest/index.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-ingest-');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEADER = 'id,timestamp,amount,currency,kind,to_account';
const collect = async (source: Parameters<typeof ingestTransactions>[0], options = {}) => {
  const txs: Transaction[] = [];
  const summary = await ingestTransactions(source, options, (b) => txs.push(...b.transactions));
  return { txs, summary };
};

describe('readers', () => {
  test('a CSV file spanning many read chunks: quoted newlines and CRLF across chunk boundaries, row numbers exact', async () => {
    // ~5,000 rows of varying width (~600 KB) so quoted fields and CRLF pairs straddle the 64 KiB reads.
    const lines = [HEADER + ',reference'];
    let physical = 2;
    const expected: [string, number, string][] = [];
    for (let i = 0; i < 5000; i++) {
      const reference = i % 7 === 0 ? `"line one\r\nline ""two"", x${'x'.repeat(i % 113)}"` : 'r'.repeat(i % 97);
      lines.push(`C${i},2025-01-01T00:00:00Z,${i + 1}.00,USD,cash_deposit,A${i % 50},${reference}`);
      expected.push([`C${i}`, physical, i % 7 === 0 ? `line one\r\nline "two", x${'x'.repeat(i % 113)}` : 'r'.repeat(i % 97)]);
      physical += i % 7 === 0 ? 2 : 1;
    }
    lines.push('C0,2025-01-01T00:00:00Z,1.00,USD,cash_deposit,A0,dup');
    const p = file('big.csv', `${lines.join('\r\n')}\r\n`);
    const { txs, summary } = await collect(p);
    expect(summary).toMatchObject({ read: 5001, accepted: 5000, rejected: 0, duplicates: 1 });
    expect(summary.issues).toEqual([{ row: physical, field: 'id', code: 'duplicate_id', message: expect.any(String) }]);
    expect(txs.map((t) => [t.id, t.reference ?? ''])).toEqual(expected.map(([id, , ref]) => [id, ref]));
  });

  test('NDJSON: rows are line numbers; a bad line is malformed; numbers become exact strings', async () => {
    const p = file('a.ndjson', [
      JSON.stringify({ id: 'N1', timestamp: '2025-01-01T00:00:00Z', amount: 12.5, currency: 'USD', kind: 'cash_deposit', to_account: 'A' }),
      '',
      '{not json',
      JSON.stringify({ id: 'N2', timestamp: '2025-01-01T00:00:00Z', amount: '1', currency: 'USD', kind: 'cash_deposit' }),
    ].join('\n'));
    const { txs, summary } = await collect(p);
    expect(txs.map((t) => [t.id, t.amount])).toEqual([['N1', 1250]]);
    expect(summary.issues.map((i) => [i.row, i.code])).toEqual([[3, 'malformed_row'], [4, 'required']]);
  });

  test('JSON arrays stream element by element; rows are 1-based indexes', async () => {
    const p = file('a.json', JSON.stringify([
      { id: 'J1', timestamp: '2025-01-01T00:00:00Z', amount: '5', currency: 'JPY', kind: 'cash_deposit', to_account: 'A', reference: 'a "quoted" ] bracket, comma' },
      42,
      { id: 'J2', timestamp: 'nope', amount: '5', currency: 'JPY', kind: 'cash_deposit', to_account: 'A' },
    ]));
    const { txs, summary } = await collect(p);
    expect(txs.map((t) => t.reference)).toEqual(['a "quoted" ] bracket, comma']);
    expect(summary.issues.map((i) => [i.row, i.code])).toEqual([[2, 'malformed_row'], [3, 'invalid_timestamp']]);
    const unclosed = await collect(file('b.json', '[{"id":"x"}'));
    expect(unclosed.summary.read).toBe(unclosed.summary.rejected + unclosed.summary.accepted + unclosed.summary.duplicates);
  });

  test('async iterables of objects and Node streams are sources too', async () => {
    async function* gen() {
      yield { id: 'I1', timestamp: '2025-01-01T00:00:00Z', amount: '1.00', currency: 'USD', kind: 'cash_deposit', to_account: 'A' };
    }
    expect((await collect(gen())).txs).toHaveLength(1);
    const stream = Readable.from([`${HEADER}\r\nS1,2025-01-01T00:00:00Z,1.00,USD,cash_deposit,A\r\n`]);
    expect((await collect(stream, { format: 'csv' })).txs).toHaveLength(1);
  });

  test('unknown columns become attributes on a null-prototype object', async () => {
    const p = file('attr.csv', `${HEADER},__proto__,Branch Code\nA1,2025-01-01T00:00:00Z,1.00,USD,cash_deposit,A,evil,BR9\n`);
    const { txs } = await collect(p);
    const attrs = txs[0]?.attributes as Record<string, string>;
    expect(Object.getPrototypeOf(attrs)).toBeNull();
    expect(attrs['__proto__']).toBe('evil');
    expect(attrs['branch code']).toBe('BR9');
  });

  test('fast-csv is selectable and agrees on a valid file', async () => {
    const p = file('valid.csv', `${HEADER},reference\nV1,2025-01-01T00:00:00Z,1.00,USD,cash_deposit,A,"multi\nline, ""quoted"""\nV2,2025-01-02T00:00:00Z,2.00,USD,cash_deposit,B,plain\n`);
    const fast = await collect(p);
    const slow = await collect(p, { parser: 'fast-csv' });
    expect(slow.txs).toEqual(fast.txs);
  });

  test('the zod validator accepts exactly what the fast path does', async () => {
    const fast = await collect('examples/data/hostile.csv');
    const zod = await collect('examples/data/hostile.csv', { validator: 'zod' });
    expect(zod.txs).toEqual(fast.txs);
    expect(zod.summary.issues.map((i) => [i.row, i.field, i.code])).toEqual(fast.summary.issues.map((i) => [i.row, i.field, i.code]));
  });
});

describe('writers', () => {
  test('cells that start like a formula are escaped', async () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'safe', ''].map(escapeFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'safe', '']);
    const out: string[] = [];
    await writeCsv([{ a: '=HYPERLINK("http://x")', b: 'ok' }], ['a', 'b'], { write: (s) => out.push(s) });
    expect(out.join('')).toBe('a,b\n"\'=HYPERLINK(""http://x"")",ok\n');
  });

  test('transactions written as canonical CSV read back identically', async () => {
    const txs: Transaction[] = [
      { id: 'R1', timestamp: Date.UTC(2025, 0, 1, 2, 3, 4, 5), amount: 1, currency: 'BHD', kind: 'cash_deposit', toAccount: 'A', reference: 'line\nbreak, "q"' },
      { id: 'R2', timestamp: Date.UTC(2025, 0, 2), amount: 123456, currency: 'JPY', kind: 'transfer', fromAccount: 'A', toAccount: 'B', fromCountry: 'MY', channel: 'online' },
    ];
    const out: string[] = [];
    await writeTransactionsCsv(txs, { write: (s) => out.push(s) });
    expect((await collect(file('rt.csv', out.join('')))).txs).toEqual(txs);
  });

  test('fixed_decimals rounds exactly, half to even', () => {
    expect(['1.005', '1.015', '1.0051', '9.999', '0.5', '2.5', '3', '12.3'].map((v) => fixedDecimals(v, v === '0.5' || v === '2.5' ? 0 : 2)))
      .toEqual(['1.00', '1.02', '1.01', '10.00', '0', '2', '3.00', '12.30']);
  });
});
