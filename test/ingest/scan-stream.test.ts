import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { scanCommand } from '../../src/cli/scan.js';
import { scan } from '../../src/engine/scan.js';
import { scanStream } from '../../src/ingest/scan-stream.js';
import { resolveConfig } from '../../src/engine/config.js';
import { createScanSink } from '../../src/engine/scan-sink.js';
import { createBoundedIdSet } from '../../src/_internal/bounded-id-set.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, MY_LIKE } from '../helpers/builders.js';

const dir = mkdtempSync(join(tmpdir(), 'tidewatch-scanstream-test-'));
const spillParent = mkdtempSync(join(tmpdir(), 'tidewatch-scanstream-spill-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(spillParent, { recursive: true, force: true });
});

const T0 = Date.UTC(2025, 0, 6);

/** Small worlds with collisions, including repeated ids (at other times, or the same time with other contents). */
const arbWorld = fc.constantFrom(AU_LIKE, MY_LIKE).chain((profile) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('cash_deposit', 'transfer') as fc.Arbitrary<Transaction['kind']>,
      from: fc.constantFrom('A', 'B', 'C'),
      to: fc.constantFrom('A', 'B', 'E'),
      amount: fc.integer({ min: Math.floor(profile.cashThreshold * 0.8), max: profile.cashThreshold }),
      minutes: fc.integer({ min: 0, max: 5 * 24 * 60 }),
      id: fc.integer({ min: 0, max: 80 }),
    }),
    { minLength: 10, maxLength: 60 },
  ).map((rows) => ({
    profile,
    txs: rows.map((r): Transaction => ({
      id: `T${r.id}`, timestamp: T0 + r.minutes * 60_000, amount: r.amount, currency: profile.currency, kind: r.kind,
      ...(r.kind === 'transfer' ? { fromAccount: r.from } : {}), toAccount: r.to,
    })),
  })),
);

async function* slowly(txs: readonly Transaction[]): AsyncGenerator<Transaction> {
  for (const tx of txs) yield tx;
}

describe('scanStream', () => {
  test('byte-identical to scan() of the same rows for any order and budget, duplicates included', async () => {
    let spilled = 0;
    await fc.assert(
      fc.asyncProperty(arbWorld, fc.integer(), fc.constantFrom(500, 3000, 50_000_000), async ({ profile, txs }, seed, memoryBytes) => {
        const shuffled = fc.sample(fc.shuffledSubarray(txs, { minLength: txs.length, maxLength: txs.length }), { seed, numRuns: 1 })[0] as Transaction[];
        const options = { jurisdiction: profile, minScore: 0 };
        // The same input order on both sides: among rows with the same (time, id) but other contents
        // the first in input order wins, in scan() as in the stream, so a shuffle may change the winner.
        const expected = scan(shuffled, options);
        const got = await scanStream(slowly(shuffled), options, { memoryBytes, tempDir: spillParent, maxOpenRuns: 3 });
        if (got.input.runs >= 2) spilled++;
        const { input: _input, ...rest } = got;
        expect(JSON.stringify(rest)).toBe(JSON.stringify(expected));
        expect(readdirSync(spillParent)).toEqual([]);
      }),
      { numRuns: 60 },
    );
    expect(spilled).toBeGreaterThanOrEqual(15); // about two thirds of the cases have a budget that spills
  });

  test('the duplicate-id check on disk: the sink behind the stream gives scan()\'s bytes with its older ids in runs', () => {
    let repeatsOnDisk = 0;
    fc.assert(
      fc.property(arbWorld, fc.constantFrom(1, 2, 5), ({ profile, txs }, maxTableIds) => {
        const options = { jurisdiction: profile, minScore: 0 };
        const expected = scan(txs, options);
        const sorted = [...txs].sort(compareTransactions); // stable, as scan() sorts
        const sink = createScanSink(resolveConfig(options), { ids: () => createBoundedIdSet({ maxTableIds, tempDir: spillParent }) });
        try {
          const firstAt = new Map<string, number>();
          for (const tx of sorted) {
            const first = firstAt.get(tx.id);
            if (first === undefined) firstAt.set(tx.id, firstAt.size);
            // a repeat whose first occurrence has been written out (more than maxTableIds new ids ago)
            else if (firstAt.size - first > maxTableIds) repeatsOnDisk++;
            sink.add(tx);
          }
          expect(JSON.stringify(sink.result(txs.length))).toBe(JSON.stringify(expected));
        } finally {
          sink.dispose();
        }
        expect(readdirSync(spillParent)).toEqual([]);
      }),
      { numRuns: 80, seed: 20261207 },
    );
    expect(repeatsOnDisk).toBeGreaterThan(100);
  });

  test('temporary files are removed when the source throws', async () => {
    async function* failing(): AsyncGenerator<Transaction> {
      for (let i = 0; i < 300; i++) yield { id: `T${i}`, timestamp: T0 + ((i * 7) % 300) * 1000, amount: 1, currency: 'MYR', kind: 'cash_deposit', toAccount: 'A' };
      throw new Error('source failed');
    }
    await expect(scanStream(failing(), { jurisdiction: MY_LIKE }, { memoryBytes: 2000, tempDir: spillParent })).rejects.toThrow('source failed');
    expect(readdirSync(spillParent)).toEqual([]);
  });

  test('a configuration function is called once, after the last row', async () => {
    const txs = Array.from({ length: 50 }, (_, i): Transaction => ({
      id: `T${i}`, timestamp: T0 + ((i * 7) % 50) * 60_000, amount: 2_400_000, currency: 'MYR', kind: 'cash_deposit', toAccount: 'A',
    }));
    let calls = 0;
    const got = await scanStream(txs, () => (calls++, { jurisdiction: MY_LIKE, minScore: 0 }), { memoryBytes: 2000, tempDir: spillParent });
    expect(calls).toBe(1);
    expect(got.input.strategy).toBe('sorted');
    expect(JSON.stringify(got.alerts)).toBe(JSON.stringify(scan(txs, { jurisdiction: MY_LIKE, minScore: 0 }).alerts));
  });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await scanCommand.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}
const DATA = 'examples/data';
const refs = ['--accounts', `${DATA}/accounts.csv`, '--parties', `${DATA}/parties.csv`];

/** Deterministic shuffle of the data rows, header kept first. */
function shuffledCopy(file: string, name: string): string {
  const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
  let seed = 7;
  for (let i = rows.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
  }
  const p = join(dir, name);
  writeFileSync(p, `${header}\n${rows.join('\n')}\n`);
  return p;
}

describe('tidewatch scan --memory', () => {
  test('ordered and shuffled input give byte-identical NDJSON with and without spilling', async () => {
    const shuffled = shuffledCopy(`${DATA}/transactions.csv`, 'shuffled.csv');
    const base = [...refs, '--jurisdiction', 'MY', '--format', 'ndjson', '--min-score', '0'];
    const ordered = await run([`${DATA}/transactions.csv`, ...base]);
    expect(ordered.code).toBe(0);
    expect(ordered.stdout.split('\n').length).toBeGreaterThan(100);
    for (const [file, memory] of [[shuffled, '400'], [shuffled, '0.05'], [`${DATA}/transactions.csv`, '0.05']] as const) {
      const other = await run([file, ...base, '--memory', memory]);
      expect(other.stdout).toBe(ordered.stdout);
      // The summary is the same; at a budget this small the engine may also say it scans in rounds.
      const summary = (err: string) => err.trim().split('\n').at(-1)?.replace(/[\d.]+ s$/, '');
      expect(summary(other.stderr)).toBe(summary(ordered.stderr));
      for (const line of other.stderr.trim().split('\n').slice(0, -1)) expect(line).toMatch(/^tidewatch: up to \d+ rows within the retention horizon, .* rounds? of \d+ partitions? \(same alerts, more time\)$/);
    }
    // Without --jurisdiction it is inferred from the currency (all rows are read first).
    const inferred = await run([shuffled, ...refs, '--format', 'ndjson', '--min-score', '0', '--memory', '0.05']);
    expect(inferred.stdout).toBe(ordered.stdout);
    expect(inferred.stderr).toMatch(/jurisdiction MY \(inferred from currency MYR/);
  }, 180_000);

  test('rejects and duplicates are counted as before, whatever the budget', async () => {
    // (hostile.csv has quoted multi-line cells: shuffling its lines would change the rows; the
    // property above covers duplicates in any order.)
    for (const memory of ['400', '0.01']) {
      const rejects = join(dir, 'rejects.ndjson');
      const r = await run([`${DATA}/hostile.csv`, '--jurisdiction', 'MY', '--rejects', rejects, '--memory', memory]);
      expect(r.code).toBe(0);
      expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(17);
      expect(r.stderr).toMatch(/20 rows, 3 accepted, 16 rejected, 1 duplicates/);
    }
  });
});
