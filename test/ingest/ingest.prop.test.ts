import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { parse } from 'fast-csv';
import { describe, expect, test } from 'vitest';
import { ingestTransactions, writeTransactionsCsv } from '../../src/ingest/index.js';
import { createCsvSplitter } from '../../src/ingest/csv-splitter.js';
import { currencyCodes, currencyExponent } from '../../src/schema/currencies.js';
import type { RowIssue } from '../../src/schema/issues.js';
import { CHANNELS, type Transaction } from '../../src/schema/transaction.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-prop-');
let n = 0;
const tmp = (text: string, ext = 'csv') => {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, text);
  return p;
};
/** Text that a spreadsheet would not misread (no leading formula character), with CSV specials. */
const safeText = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', '\r\n', 'é', '漢', '1', '_') })
  .map((s) => s.trim()).filter((s) => s !== '' && !/^[=+\-@\t\r]/.test(s));

const arbTx: fc.Arbitrary<Transaction> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'b', '1', '2', '-', '_') }).filter((s) => !s.startsWith('-')),
  timestamp: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
  currency: fc.constantFrom(...currencyCodes()),
  minor: fc.integer({ min: 1, max: 10 ** 12 }),
  kind: fc.constantFrom('cash_deposit', 'cash_withdrawal', 'transfer') as fc.Arbitrary<Transaction['kind']>,
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
  fromName: fc.option(safeText, { nil: undefined }),
  toCountry: fc.option(fc.constantFrom('MY', 'BD', 'AU'), { nil: undefined }),
  reference: fc.option(safeText, { nil: undefined }),
}).map((r) => {
  const tx: Record<string, unknown> = { id: r.id, timestamp: r.timestamp, amount: r.minor, currency: r.currency, kind: r.kind };
  if (r.kind !== 'cash_deposit') tx['fromAccount'] = 'F1';
  if (r.kind !== 'cash_withdrawal') tx['toAccount'] = 'T1';
  if (r.channel !== undefined) tx['channel'] = r.channel;
  if (r.fromName !== undefined) tx['fromName'] = r.fromName;
  if (r.toCountry !== undefined) tx['toCountry'] = r.toCountry;
  if (r.reference !== undefined) tx['reference'] = r.reference;
  void currencyExponent;
  return tx as unknown as Transaction;
});

async function read(path: string): Promise<{ txs: Transaction[]; s: Awaited<ReturnType<typeof ingestTransactions>> }> {
  const txs: Transaction[] = [];
  const s = await ingestTransactions(path, {}, (b) => txs.push(...b.transactions));
  return { txs, s };
}

describe('ingest properties', () => {
  test('serialise-then-ingest is the identity on valid transactions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(arbTx, { selector: (t) => t.id, maxLength: 25 }), async (txs) => {
        const out: string[] = [];
        await writeTransactionsCsv(txs, { write: (s) => out.push(s) });
        const { txs: back, s } = await read(tmp(out.join('')));
        expect(back).toEqual(txs);
        expect(s).toMatchObject({ read: txs.length, accepted: txs.length, rejected: 0, duplicates: 0 });
      }),
      { numRuns: 200 },
    );
  });

  test('arbitrary text as CSV, NDJSON or JSON never throws and the counts always add up', async () => {
    const header = 'id,timestamp,amount,currency,kind,to_account\n';
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 300, unit: fc.constantFrom('a', ',', '"', '\n', '\r', '1', '.', '-', '{', '}', '[', ']', ':', '\uFEFF') }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('csv', 'ndjson', 'json'), fc.boolean(), async (body, ext, withHeader) => {
        const content = (withHeader && ext === 'csv' ? header : '') + body;
        // Counted independently of the summary: from what onBatch delivered, row by row.
        const accepted: Transaction[] = [];
        const batchIssues: RowIssue[] = [];
        const s = await ingestTransactions(tmp(content, ext), {}, (b) => {
          accepted.push(...b.transactions);
          batchIssues.push(...b.issues);
        });
        expect(s.read).toBe(s.accepted + s.rejected + s.duplicates);
        expect(accepted.length).toBe(s.accepted);
        expect(new Set(batchIssues.filter((i) => i.code !== 'duplicate_id').map((i) => i.row)).size).toBe(s.rejected);
        expect(batchIssues.filter((i) => i.code === 'duplicate_id').length).toBe(s.duplicates);
        expect(s.issues).toEqual(batchIssues);
        // NDJSON: every non-blank line is one row read.
        if (ext === 'ndjson') expect(s.read).toBe(content.split('\n').filter((l) => l.replace(/\r$/, '').trim() !== '').length);
      }),
      { numRuns: 400 },
    );
  });

  test('the built-in CSV splitter reads generated CSV exactly as fast-csv does, for any chunking', async () => {
    const cell = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 17 }), async (rows, eol, chunk) => {
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const splitter = createCsvSplitter();
        const ours: string[][] = [];
        for (let i = 0; i < text.length; i += chunk) ours.push(...splitter.push(text.slice(i, i + chunk)).map((r) => r.cells));
        ours.push(...splitter.end().map((r) => r.cells));
        const theirs: string[][] = [];
        await new Promise<void>((resolve, reject) => {
          Readable.from([text]).pipe(parse({ headers: false, ignoreEmpty: false })).on('data', (r: string[]) => theirs.push(r)).on('end', () => resolve()).on('error', reject);
        });
        // Ingest trims every cell, so cells are compared trimmed (fast-csv drops whitespace-only cells).
        const trim = (rows: string[][]) => rows.map((r) => r.map((c) => c.trim()));
        expect(trim(ours)).toEqual(trim(theirs.filter((r) => !(r.length === 1 && r[0] === ''))));
      }),
      { numRuns: 300 },
    );
  });
});
