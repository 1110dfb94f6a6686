import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandIo } from '../../src/cli/command.js';
import { collectCommand } from '../../src/cli/collect.js';
import { networkCommand } from '../../src/cli/network.js';
import { publishCommand } from '../../src/cli/publish.js';
import { scanCommand } from '../../src/cli/scan.js';
import { workerCommand } from '../../src/cli/worker.js';
import { loadEngineOptions } from '../../src/cli/engine-inputs.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import { resolveConfig } from '../../src/engine/config.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import { connectBroker, openPipeline, pipelineNames, publishTransactions } from '../../src/nats/index.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { startBroker, type Broker } from './broker.js';

// The scenario bank of examples/data: entity alerts (accounts and parties) and network alerts.
const DATA = 'examples/data/transactions.csv';
const ENGINE = ['--jurisdiction', 'MY', '--accounts', 'examples/data/accounts.csv', '--parties', 'examples/data/parties.csv'];

function io(): CommandIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => undefined, stderr: (s) => void err.push(s), isTTY: false };
}

async function run(command: { run: (argv: readonly string[], io: CommandIo) => Promise<number> }, argv: string[]): Promise<string> {
  const out = io();
  const code = await command.run(argv, out);
  if (code !== 0) throw new Error(`exit ${code}: ${out.err.join('')}`);
  return out.err.join('');
}

/** A worker in its own process (from the sources, through tsx), so that it can be killed. */
function workerProcess(url: string, stream: string, partition: string, partitions: number): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'worker', '--server', url, '--stream', stream, '--partition', partition, '--partitions', String(partitions), '--batch', '100', '--max-unacked', '400', ...ENGINE], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr?.on('data', (d: Buffer) => { text += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => text, exited };
}

async function readRows(): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await ingestTransactions(DATA, {}, (b) => { for (const t of b.transactions) txs.push(t); });
  return txs.sort(compareTransactions);
}

let broker: Broker;
let dir: string;
let expected: string;

beforeAll(async () => {
  broker = await startBroker();
  dir = mkdtempSync(join(tmpdir(), 'tidewatch-nats-test-'));
  await run(scanCommand, [DATA, ...ENGINE, '--format', 'ndjson', '--workers', '1', '--out', join(dir, 'scan.ndjson')]);
  expected = readFileSync(join(dir, 'scan.ndjson'), 'utf8');
}, 60_000);

afterAll(async () => {
  await broker?.dispose();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs the network stage and collect for a stream and returns collect's file and summary. */
async function finish(stream: string, partitions: number): Promise<{ text: string; summary: string }> {
  await run(networkCommand, ['--server', broker.url, '--stream', stream, '--partitions', String(partitions), '--wait', '120', ...ENGINE]);
  const out = join(dir, `${stream}.ndjson`);
  const summary = await run(collectCommand, ['--server', broker.url, '--stream', stream, '--out', out, '--wait', '120']);
  return { text: readFileSync(out, 'utf8'), summary };
}

function checkAlerts(text: string): void {
  expect(expected.split('\n').some((l) => l.includes('"kind":"network"'))).toBe(true);
  const ids = text.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
  expect(new Set(ids).size).toBe(ids.length); // no duplicate alert
  expect(text).toBe(expected); // byte for byte
}

describe.concurrent('tidewatch on NATS JetStream (a real nats-server on loopback)', () => {
  test('2 partitions: a worker SIGKILLed mid-stream and restarted, the broker stopped and restarted: collect = scan, byte for byte', async () => {
    const stream = 'killed';
    await run(publishCommand, [DATA, '--server', broker.url, '--stream', stream, '--partitions', '2', ...ENGINE]);
    const nc = await connectBroker(broker.url, 'test');
    const pipeline = await openPipeline(nc, pipelineNames(stream));
    const checkpointed = async (k: number): Promise<number | undefined> => {
      try {
        const e = await pipeline.kv.get(`partition.${k}.of.2`);
        return e === null || e.operation !== 'PUT' ? undefined : (e.json() as { generation: number }).generation;
      } catch {
        return undefined;
      }
    };
    const waitFor = async (what: string, ok: () => Promise<boolean>): Promise<void> => {
      const deadline = Date.now() + 90_000;
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const w1 = workerProcess(broker.url, stream, '1', 2);
    let w0 = workerProcess(broker.url, stream, '0', 2);
    try {
      // Kill partition 0's worker once it has checkpointed a few times, well before its end.
      await waitFor('a checkpoint of partition 0', async () => ((await checkpointed(0)) ?? 0) >= 2);
      w0.child.kill('SIGKILL');
      expect(await w0.exited).toBe(null);
      const before = (await checkpointed(0)) ?? 0;
      w0 = workerProcess(broker.url, stream, '0', 2);
      // The restarted worker checkpoints again; then the broker goes away for a moment.
      await waitFor('a checkpoint of the restarted worker', async () => ((await checkpointed(0)) ?? 0) > before);
      await broker.stop();
      await new Promise((r) => setTimeout(r, 1500));
      await broker.start();
      expect(await w0.exited).toBe(0);
      expect(await w1.exited).toBe(0);
    } finally {
      w0.child.kill('SIGKILL');
      w1.child.kill('SIGKILL');
      await nc.close().catch(() => undefined);
    }
    expect(w0.stderr()).toMatch(/partition 0\/2 finished: .*restored from its checkpoint/);
    expect(w0.stderr()).toMatch(/partition 0: restored at position [1-9]\d*/);
    const { text, summary } = await finish(stream, 2);
    checkAlerts(text);
    expect(summary).toMatch(/5124 rows, 5124 accepted, 0 rejected, 0 duplicates; \d+ alerts .* from 2 partitions/);
  }, 180_000);

  test('1 partition on one worker, with a malformed message dead-lettered with its reason', async () => {
    const stream = 'single';
    const nc = await connectBroker(broker.url, 'test');
    try {
      const pipeline = await openPipeline(nc, pipelineNames(stream));
      await pipeline.js.publish(`${stream}.p.0`, 'not a transaction');
      await run(publishCommand, [DATA, '--server', broker.url, '--stream', stream, '--partitions', '1', ...ENGINE]);
      const log = await run(workerCommand, ['--server', broker.url, '--stream', stream, '--partition', '0', '--partitions', '1', ...ENGINE]);
      expect(log).toMatch(/partition 0\/1 finished: 5124 applied, 0 skipped \(already applied\), 1 dead-lettered/);
      const dead = await pipeline.jsm.streams.getMessage(stream, { last_by_subj: `${stream}.dead.0` });
      expect(dead?.header.get('Tidewatch-Reason')).toMatch(/missing or invalid Tidewatch-Position header/);
      const { text, summary } = await finish(stream, 1);
      checkAlerts(text);
      expect(summary).toMatch(/1 messages dead-lettered/);
    } finally {
      await nc.close();
    }
  }, 180_000);

  test('a position that never arrives stops the worker after --lateness, naming the gap', async () => {
    const stream = 'gap';
    const nc = await connectBroker(broker.url, 'test');
    try {
      const pipeline = await openPipeline(nc, pipelineNames(stream));
      const options = await loadEngineOptions({ jurisdiction: 'MY' });
      const txs = (await readRows()).slice(0, 3);
      await publishTransactions(pipeline, resolveConfig(options), txs, { partitions: 1 });
      await pipeline.jsm.streams.deleteMessage(stream, 2); // position 1: stream sequence 2, after the start marker
      await expect(run(workerCommand, ['--server', broker.url, '--stream', stream, '--partition', '0', '--partitions', '1', '--lateness', '1', '--jurisdiction', 'MY'])).rejects.toThrow(/position 1 has not arrived for 1 s while 3 later ones wait/);
    } finally {
      await nc.close();
    }
  }, 60_000);

  test('4 partitions on 2 workers', async () => {
    const stream = 'four';
    await run(publishCommand, [DATA, '--server', broker.url, '--stream', stream, '--partitions', '4', ...ENGINE]);
    const logs = await Promise.all([
      run(workerCommand, ['--server', broker.url, '--stream', stream, '--partition', '0,2', '--partitions', '4', ...ENGINE]),
      run(workerCommand, ['--server', broker.url, '--stream', stream, '--partition', '1,3', '--partitions', '4', ...ENGINE]),
    ]);
    for (const k of [0, 1, 2, 3]) expect(logs.join('')).toMatch(new RegExp(`partition ${k}/4 finished`));
    checkAlerts((await finish(stream, 4)).text);
  }, 180_000);
});
