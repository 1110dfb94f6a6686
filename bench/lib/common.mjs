// Shared helpers of the benchmarks (not part of the package).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export const DAY_MS = 86_400_000;
/** MY cash reporting threshold in minor units (MYR 25,000, "and above"), as in the shipped MY profile. */
export const MY_THRESHOLD = 2_500_000;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Nearest-rank percentile of a sorted numeric array (p in 0..100). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
    // glibc's arena count changes the scans' peak RSS (docs/performance.md, session 36); the scans inherit it.
    mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
  };
}

/**
 * The like-for-like rule selection: split_sum on the 1- and 7-day windows of the reference SQL,
 * plus funnel_account if the build has it, else multi_depositor. Returns { ids, options }.
 */
export function likeForLikeRules(factories) {
  const fanIn = Object.hasOwn(factories, 'funnel_account') ? 'funnel_account' : 'multi_depositor';
  return { ids: ['split_sum', fanIn], options: { split_sum: { windowDays: [1, 7] }, [fanIn]: {} } };
}

/** A `tidewatch scan --config` file enabling only the given rules (all others set to false). */
export function writeRuleConfig(path, factories, selection) {
  const rules = {};
  for (const id of Object.keys(factories)) rules[id] = selection.ids.includes(id) ? selection.options[id] ?? {} : false;
  writeFileSync(path, `${JSON.stringify({ rules }, null, 2)}\n`);
  return path;
}

const haveGnuTime = existsSync('/usr/bin/time');

/**
 * Runs a command as a child process and measures wall time and peak RSS: with GNU time
 * (`/usr/bin/time -v`) when installed, otherwise by polling /proc/<pid>/status VmHWM.
 * Resolves { seconds, peakRssMB, userSeconds, systemSeconds, stdout, stderr, code }.
 */
export function measured(command, args, { env } = {}) {
  return new Promise((resolve, reject) => {
    const full = haveGnuTime ? ['/usr/bin/time', ['-v', command, ...args]] : [command, args];
    const t0 = performance.now();
    const child = spawn(full[0], full[1], { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let stdout = '';
    let stderr = '';
    let hwmKB = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = haveGnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
          } catch {}
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = (performance.now() - t0) / 1000;
      let userSeconds;
      let systemSeconds;
      if (haveGnuTime) {
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (rss) hwmKB = Number(rss[1]);
        userSeconds = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]);
        systemSeconds = Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1]);
        stderr = stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '');
      }
      resolve({ seconds, peakRssMB: Math.round(hwmKB / 1024), userSeconds, systemSeconds, stdout, stderr, code, rssMethod: haveGnuTime ? '/usr/bin/time -v' : '/proc VmHWM poll' });
    });
  });
}

/** Runs a bench child (node script printing one JSON line last) and returns its parsed result plus the parent's measurements. */
export async function child(script, args, nodeFlags = []) {
  const r = await measured(process.execPath, [...nodeFlags, script, ...args]);
  if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.code}):\n${r.stderr.slice(-2000)}`);
  const last = r.stdout.trim().split('\n').pop();
  return { ...JSON.parse(last), wallSeconds: r.seconds, peakRssMB: r.peakRssMB, userSeconds: r.userSeconds, systemSeconds: r.systemSeconds };
}

export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(n));

/**
 * The built package (`dist`, default `dist`) and the first `rows` transactions of a bench file,
 * read through its own ingestion: what the in-process benchmarks (rules.mjs, alloc.mjs) run on.
 */
export async function firstRows({ file, rows, dist = 'dist' }) {
  const { pathToFileURL } = await import('node:url');
  const { resolve } = await import('node:path');
  const base = pathToFileURL(resolve(dist)).href;
  const tw = await import(`${base}/index.js`);
  const { ingestTransactions } = await import(`${base}/ingest.js`);
  const txs = [];
  await ingestTransactions(file, {}, (b) => {
    for (const t of b.transactions) if (txs.length < rows) txs.push(t);
  });
  return { tw, txs };
}
