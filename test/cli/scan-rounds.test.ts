import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { alertsOf } from '../../src/cli/alert-list.js';
import { loadEngineOptions } from '../../src/cli/engine-inputs.js';
import { createLiveRows } from '../../src/cli/live-rows.js';
import { mayExceedBudget, roundsEngine, roundsFor, STATE_BYTES_PER_LIVE_ROW, THREAD_BASE_BYTES } from '../../src/cli/scan-rounds.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import { scan } from '../../src/engine/scan.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { scanCommand } from '../../src/cli/scan.js';

const inputs = { jurisdiction: 'MY', accounts: 'examples/data/accounts.csv', parties: 'examples/data/parties.csv', minScore: 0 };
const MB = 2 ** 20;
const DAY = 86_400_000;

async function runCli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await scanCommand.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}

async function demoRows(): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await ingestTransactions('examples/data/transactions.csv', {}, (b) => { for (const t of b.transactions) txs.push(t); });
  return txs.sort(compareTransactions);
}

describe('live rows: the peak number of rows within the retention horizon', () => {
  test('counts the densest horizon, not the whole input', () => {
    const live = createLiveRows(10 * DAY);
    // 5 rows a day, at hours 0..4, for 30 days: 10 days back from a day's last row (hour 4) reach that
    // day's 5 rows, the 45 of the 9 days before, and the hour-4 row of the day 10 days before.
    for (let d = 0; d < 30; d++) for (let i = 0; i < 5; i++) live.add(d * DAY + i * 3_600_000);
    expect(live.max).toBe(51);
    // A burst of 200 rows on one day later stands out.
    for (let i = 0; i < 200; i++) live.add(40 * DAY + i);
    expect(live.max).toBe(200);
  });

  test('is exact to the hour: a row one hour past the horizon no longer counts', () => {
    const live = createLiveRows(DAY);
    live.add(0);
    live.add(DAY - 1); // same horizon as the first
    expect(live.max).toBe(2);
    live.add(2 * DAY + 3_600_000); // both earlier rows are more than a day and an hour back
    expect(live.max).toBe(2);
  });
});

describe('rounds for a memory budget', () => {
  test('one round while the estimated state fits beside the threads, more as it grows', () => {
    const forState = 400 * MB - 3 * THREAD_BASE_BYTES;
    const fits = Math.floor(forState / STATE_BYTES_PER_LIVE_ROW);
    expect(roundsFor(fits, 2, 400 * MB)).toBe(1);
    expect(roundsFor(fits + 1, 2, 400 * MB)).toBe(2);
    expect(roundsFor(10 * fits, 2, 400 * MB)).toBe(10);
    // Never more partitions than the core accepts (1024), however small the budget.
    expect(roundsFor(1e9, 2, 1)).toBe(512);
  });

  test('the 1M-row benchmark (1,000,000 rows within the horizon) at --memory 400 runs in 46 rounds of 2 partitions: the measured bytes per row and per thread', () => {
    // 400 MiB less three threads' 95 MiB leaves 115 MiB for two partitions' state at 5,500 bytes a row.
    expect(roundsFor(1_000_000, 2, 400 * MB)).toBe(46);
    // Exactly at a round's capacity and one row over it.
    const in46 = Math.floor((46 * (400 * MB - 3 * THREAD_BASE_BYTES)) / STATE_BYTES_PER_LIVE_ROW);
    expect(roundsFor(in46, 2, 400 * MB)).toBe(46);
    expect(roundsFor(in46 + 1, 2, 400 * MB)).toBe(47);
  });

  test('a file small enough for one round streams through the engine; a larger one is ordered on disk first', () => {
    expect(mayExceedBudget(806_469, 2, 400 * MB)).toBe(false); // the demo bank
    expect(mayExceedBudget(91_300_000, 2, 400 * MB)).toBe(true); // the 1M-row benchmark file
  });
});

describe('scan in rounds of partitions (real worker threads)', () => {
  test('3 rounds of 2 partitions give byte-identical results to a one-thread scan of the demo bank', async () => {
    const txs = await demoRows();
    const options = await loadEngineOptions(inputs);
    const whole = scan(txs, options);
    expect(whole.alerts.some((a) => a.entity.kind === 'network')).toBe(true);
    const notes: string[] = [];
    let asked = 0;
    const engine = roundsEngine(() => inputs, () => options, 2, { rounds: (live) => ((asked = live), 3), why: () => 'forced' }, { stderr: (s) => notes.push(s), isTTY: false });
    try {
      const consume = engine.start();
      for (const tx of txs) consume(tx);
      const { alerts, ...rest } = await engine.result(txs.length);
      // The alerts wait in the scan's temporary directory (alert-spool.ts) and are read back in output order.
      expect(JSON.stringify({ alerts: alertsOf(alerts), ...rest })).toBe(JSON.stringify(whole));
      expect(alerts.high).toBe(whole.alerts.filter((a) => a.band === 'high' || a.band === 'critical').length);
    } finally {
      await engine.dispose();
    }
    expect(asked).toBe(txs.length); // the demo bank spans less than the longest rule window
    expect(notes).toEqual([`tidewatch: up to ${txs.length} rows within the retention horizon, forced: scanning the entities in 3 rounds of 2 partitions (same alerts, more time)\n`]);
  }, 180_000);

  test('tidewatch scan --memory small enough for several rounds prints the same alerts as with room to spare', async () => {
    // Three copies of the demo bank under fresh ids: 15k rows, about 81 MB of estimated state (5,500 bytes a row): at the smallest state per thread (16 MB) three rounds.
    const dir = mkdtempSync(join(tmpdir(), 'tidewatch-rounds-'));
    try {
      const [header, ...lines] = readFileSync('examples/data/transactions.csv', 'utf8').trimEnd().split('\n');
      const copies = [0, 1, 2].flatMap((c) => lines.map((l) => l.replace(/^([^,]+)/, `$1-c${c}`)));
      const file = join(dir, 'tx.csv');
      writeFileSync(file, `${header}\n${copies.join('\n')}\n`);
      const args = [file, '--jurisdiction', 'MY', '--accounts', 'examples/data/accounts.csv', '--parties', 'examples/data/parties.csv', '--format', 'ndjson', '--workers', '2', '--min-score', '0'];
      const roomy = await runCli([...args, '--memory', '100000']);
      const tight = await runCli([...args, '--memory', '1']);
      expect(roomy.code).toBe(0);
      expect(tight.code).toBe(0);
      expect(roomy.stderr).not.toMatch(/rounds/);
      expect(tight.stderr).toMatch(/up to 15372 rows within the retention horizon, about \d+ MB of engine state for --memory 1: scanning the entities in 3 rounds of 2 partitions/);
      expect(tight.stdout.split('\n').length).toBeGreaterThan(100);
      expect(tight.stdout).toBe(roomy.stdout);
      // The JSON array and --top read the spooled alerts back as objects: the same alerts, the same bytes.
      const top = await runCli([...args.filter((a) => a !== 'ndjson' && a !== '--format'), '--format', 'json', '--top', '7', '--memory', '1']);
      expect(top.code).toBe(0);
      expect(top.stdout).toBe(`${JSON.stringify(roomy.stdout.split('\n').slice(0, 7).map((l) => JSON.parse(l)), null, 2)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
