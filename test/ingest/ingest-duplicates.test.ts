import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ingestTransactions, type TransactionBatch } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-ingest-dup-');
const spillParent = tempDir('tidewatch-ingest-dup-spill-');

/**
 * 12,000 rows: every 97th repeats the id of a row about half the file back (sometimes the same row
 * again, sometimes other contents), so most first occurrences are long out of a 3,072-id table.
 */
function file(): { path: string; repeats: number } {
  const lines = ['id,timestamp,amount,currency,kind,to_account'];
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = 0; i < 12_000; i++) {
    const again = i % 97 === 96;
    const id = again ? `T${Math.floor(i / 2)}` : `T${i}`;
    if (seen.has(id)) repeats++;
    seen.add(id);
    const amount = again && i % 2 === 0 ? 999 : 100 + (i % 50);
    lines.push(`${id},2025-01-01T00:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00Z,${amount},MYR,cash_deposit,A${i % 40}`);
  }
  const path = join(dir, 'dups.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, repeats };
}

describe('ingestTransactions: the duplicate-id check within its memory budget', () => {
  test('ids written out to disk give the same rows, issues and counts as ids all in memory', async () => {
    const { path, repeats } = file();
    const run = async (idMemoryBytes: number | undefined) => {
      const batches: TransactionBatch[] = [];
      const summary = await ingestTransactions(path, { tempDir: spillParent, ...(idMemoryBytes === undefined ? {} : { idMemoryBytes }) }, (b) => batches.push(b));
      return { summary, batches };
    };
    const inMemory = await run(undefined);
    const onDisk = await run(1); // the smallest table: 3,072 ids, then a run on disk
    expect(inMemory.summary.duplicates).toBe(repeats);
    expect(repeats).toBeGreaterThan(50); // 62: most of them repeat an id more than 3,072 ids back
    expect(onDisk.summary).toEqual(inMemory.summary);
    expect(JSON.stringify(onDisk.batches)).toBe(JSON.stringify(inMemory.batches));
    // the repeats are named by row, in input order
    const rows = onDisk.summary.issues.filter((i) => i.code === 'duplicate_id').map((i) => i.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(readdirSync(spillParent)).toEqual([]);
  });

  test('the temporary directory is removed when the consumer throws', async () => {
    const { path } = file();
    let seen = 0;
    await expect(
      ingestTransactions(path, { tempDir: spillParent, idMemoryBytes: 1 }, (b) => {
        seen += b.transactions.length;
        if (seen > 8_000) throw new Error('consumer failed');
      }),
    ).rejects.toThrow('consumer failed');
    expect(readdirSync(spillParent)).toEqual([]);
  });
});
