#!/usr/bin/env node
// Throughput of the NATS JetStream pipeline (publish -> workers -> network stage -> collect) with 1
// and 2 workers next to the single-process scan, and the recovery time after a worker is killed.
// Needs a build (npm run build) and nats-server on PATH; starts its own broker on a free loopback
// port with a private store, and removes it at the end. Not a test: it prints figures.
//
// Usage: node bench/nats.mjs [--rows 50000] [--seed 1] [--checkpoint-interval 10]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' }, seed: { type: 'string' }, 'checkpoint-interval': { type: 'string' } } });
const rows = Number(values.rows ?? 50_000);
const every = values['checkpoint-interval'] ?? '10';
const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tidewatch-bench-nats-'));
const data = join(dir, 'tx.csv');
const ENGINE = ['--jurisdiction', 'MY'];

const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const url = `nats://127.0.0.1:${port}`;
const broker = spawn('nats-server', ['-js', '-sd', join(dir, 'store'), '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1000));

/** Runs the CLI; resolves with stderr and the wall time. */
function cli(args, { onStderr } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
    onStderr?.(err);
  });
  const done = new Promise((resolve, reject) => child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve({ err, s: (performance.now() - started) / 1000, code, signal }) : reject(new Error(`tidewatch ${args[0]} exited ${code}: ${err}`)))));
  return { child, done };
}

/** publish -> N workers (each one partition) -> network -> collect; returns the times and the output file. */
async function pipeline(stream, partitions, { kill = false } = {}) {
  const started = performance.now();
  const pub = await cli(['publish', data, '--server', url, '--stream', stream, '--partitions', String(partitions), ...ENGINE]).done;
  const published = performance.now();
  const workers = [];
  let recovery;
  for (let k = 0; k < partitions; k++) {
    const args = ['worker', '--server', url, '--stream', stream, '--partition', String(k), '--partitions', String(partitions), '--checkpoint-interval', every, ...ENGINE];
    if (kill && k === 0) {
      // Checkpoint every 2 s here so that the kill lands mid-stream: kill partition 0's worker at
      // its second checkpoint, restart it, and time until it has restored its state and resumed.
      workers.push((async () => {
        const killArgs = [...args, '--checkpoint-interval', '2'];
        const first = cli(killArgs);
        const reached = await Promise.race([waitForCheckpoints(stream, k, partitions, 2), first.done.then(() => 'ended')]);
        if (reached === 'ended') {
          recovery = { note: 'the worker finished before its second checkpoint; nothing killed' };
          return first.done;
        }
        first.child.kill('SIGKILL');
        await first.done;
        const restarted = performance.now();
        let resumedAt;
        const second = cli(killArgs, { onStderr: (text) => { if (resumedAt === undefined && /restored at position/.test(text)) resumedAt = performance.now(); } });
        const r = await second.done;
        const finishedAt = performance.now();
        recovery = { restoredS: ((resumedAt ?? finishedAt) - restarted) / 1000, finishS: (finishedAt - restarted) / 1000, at: /restored at position (\d+)/.exec(r.err)?.[1] };
        return r;
      })());
    } else workers.push(cli(args).done);
  }
  await Promise.all(workers);
  const applied = performance.now();
  await cli(['network', '--server', url, '--stream', stream, '--partitions', String(partitions), ...ENGINE]).done;
  const out = join(dir, `${stream}.ndjson`);
  await cli(['collect', '--server', url, '--stream', stream, '--out', out]).done;
  const end = performance.now();
  return { publishS: (published - started) / 1000, workersS: (applied - published) / 1000, totalS: (end - started) / 1000, out, pub: pub.err.trim(), recovery };
}

/** Polls the checkpoint head of a partition (via the CLI-free library) until its generation reaches `n`; returns it. */
async function waitForCheckpoints(stream, k, partitions, n) {
  const { connectBroker, openPipeline, pipelineNames } = await import('../dist/nats.js');
  const nc = await connectBroker(url, 'bench');
  try {
    const p = await openPipeline(nc, pipelineNames(stream));
    for (;;) {
      const e = await p.kv.get(`partition.${k}.of.${partitions}`);
      const g = e === null || e.operation !== 'PUT' ? 0 : e.json().generation;
      if (g >= n) return g;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await nc.close();
  }
}

try {
  await generate({ rows, out: data, seed: Number(values.seed ?? 1) });
  const scanOut = join(dir, 'scan.ndjson');
  const scan = await cli(['scan', data, ...ENGINE, '--format', 'ndjson', '--workers', '1', '--out', scanOut]).done;
  const expected = readFileSync(scanOut, 'utf8');
  const line = (name, s, extra = '') => console.log(`${name.padEnd(40)} ${s.toFixed(1).padStart(7)} s ${String(Math.round(rows / s)).padStart(8)} tx/s${extra}`);
  console.log(`tidewatch NATS bench: ${rows} generated rows, nats-server on loopback, --checkpoint-interval ${every} s, node ${process.version}`);
  line('scan (one process, one thread)', scan.s);
  for (const [name, stream, partitions, kill] of [['1 worker', 'one', 1, false], ['2 workers', 'two', 2, false], ['2 workers, one SIGKILLed + restarted', 'killed', 2, true]]) {
    const r = await pipeline(stream, partitions, { kill });
    const same = readFileSync(r.out, 'utf8') === expected ? 'identical to scan' : 'DIFFERENT FROM SCAN';
    line(`${name}: publish -> collect`, r.totalS, `   (publish ${r.publishS.toFixed(1)} s, workers ${r.workersS.toFixed(1)} s; ${same})`);
    if (r.recovery?.note !== undefined) console.log(`  ${r.recovery.note}`);
    else if (r.recovery !== undefined) console.log(`  recovery after SIGKILL: restarted worker restored position ${r.recovery.at} and resumed ${r.recovery.restoredS.toFixed(1)} s after the restart (node start-up included); its partition finished ${r.recovery.finishS.toFixed(1)} s after the restart`);
  }
} finally {
  broker.kill('SIGTERM');
  await new Promise((r) => broker.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
// A checkpoint poll still waiting (a worker that finished before it was killed) must not keep the process alive.
process.exit(process.exitCode ?? 0);
