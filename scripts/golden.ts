/**
 * Golden outputs of the engine: every scored alert (`minScore: 0`, NDJSON, gzipped) on the demo
 * bank, the scenario bank (seeds 7, 23 MY; 5 ID; 31 AU; held out 999 MY and 77 TH) and the AMLSim
 * 20K sample. Recorded once from the engine before a change; compared after it.
 *
 *   npx tsx scripts/golden.ts record [--only NAME,…]   # writes test/golden/<name>.ndjson.gz
 *   npx tsx scripts/golden.ts check  [--only NAME,…]   # lists every difference; exit 1 if any
 *
 * The comparison is by alert: alerts only in the golden file, only in the new output, and alerts
 * present in both whose JSON differs (with the first differing field).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { funnelAccount, RULE_FACTORIES, scan, type Alert, type Rule, type Transaction } from '../src/index.js';
import { ingestTransactions } from '../src/ingest/index.js';
import { generateScenario } from '../examples/scenarios/index.js';
import { loadScenario } from '../examples/scenarios/load.js';

/** One golden data set: how to load it and how to scan it. */
export interface GoldenSet {
  readonly name: string;
  readonly run: () => Promise<readonly Alert[]>;
}

const GOLDEN_DIR = join('test', 'golden');

async function scenario(seed: number, jurisdiction: string, start?: string): Promise<readonly Alert[]> {
  const dir = join('.tmp', 'golden', `scenario-${seed}-${jurisdiction}`);
  if (!existsSync(join(dir, 'transactions.csv'))) {
    const { files } = generateScenario({ seed, accounts: 3000, days: 180, jurisdiction, start: start ?? '2024-10-01' });
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  }
  const s = await loadScenario(dir);
  return scan(s.transactions, { jurisdiction, accounts: s.accounts, parties: s.parties, minScore: 0 }).alerts;
}

async function demo(): Promise<readonly Alert[]> {
  const s = await loadScenario(join('examples', 'data'));
  return scan(s.transactions, { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties, minScore: 0 }).alerts;
}

async function amlsim(): Promise<readonly Alert[]> {
  const transactions: Transaction[] = [];
  await ingestTransactions(join('..', 'shared', 'datasets', 'amlsim-20k-fanin-cycle', 'transactions.csv'), { mapping: 'amlsim' }, (b) => {
    for (const t of b.transactions) transactions.push(t);
  });
  // As examples/evaluate-amlsim.ts: AMLSim has no geography, so funnel_account runs with minRegions 1.
  const rules: Rule[] = Object.entries(RULE_FACTORIES).map(([id, factory]) => (id === 'funnel_account' ? funnelAccount({ minRegions: 1 }) : (factory as () => Rule)()));
  return scan(transactions, { jurisdiction: 'US', rules, minScore: 0 }).alerts;
}

/** The golden sets, in the order they are recorded and checked. */
export const GOLDEN_SETS: readonly GoldenSet[] = [
  { name: 'demo', run: demo },
  { name: 'scenario-7-MY', run: () => scenario(7, 'MY') },
  { name: 'scenario-23-MY', run: () => scenario(23, 'MY') },
  { name: 'scenario-5-ID', run: () => scenario(5, 'ID') },
  { name: 'scenario-31-AU', run: () => scenario(31, 'AU') },
  { name: 'scenario-999-MY', run: () => scenario(999, 'MY', '2024-10-01') },
  { name: 'scenario-77-TH', run: () => scenario(77, 'TH', '2025-01-15') },
  { name: 'amlsim-20k', run: amlsim },
];

const toNdjson = (alerts: readonly Alert[]): string => alerts.map((a) => `${JSON.stringify(a)}\n`).join('');

/** The differences between two alert lists, one line each (empty when identical). */
export function diffAlerts(golden: readonly Alert[], current: readonly Alert[]): string[] {
  const key = (a: Alert): string => `${a.entity.kind}:${a.entity.id}`;
  const before = new Map(golden.map((a) => [key(a), a]));
  const after = new Map(current.map((a) => [key(a), a]));
  const out: string[] = [];
  for (const [k, a] of before) {
    const b = after.get(k);
    if (b === undefined) out.push(`only golden: ${k} score ${a.score} rules ${a.hits.map((h) => h.rule).join(',')}`);
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`changed: ${k} ${firstDifference(a, b, '')}`);
  }
  for (const [k, b] of after) if (!before.has(k)) out.push(`only new: ${k} score ${b.score} rules ${b.hits.map((h) => h.rule).join(',')}`);
  if (out.length === 0 && toNdjson(golden) !== toNdjson(current)) out.push('same alerts in a different order');
  return out;
}

function firstDifference(a: unknown, b: unknown, path: string): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)?.slice(0, 120)} → ${JSON.stringify(b)?.slice(0, 120)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== '') return d;
  }
  return path;
}

/** Reads a recorded golden file. */
export function readGolden(name: string): Alert[] {
  const text = gunzipSync(readFileSync(join(GOLDEN_DIR, `${name}.ndjson.gz`))).toString('utf8');
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Alert);
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const onlyIdx = rest.indexOf('--only');
  const only = onlyIdx >= 0 ? new Set((rest[onlyIdx + 1] ?? '').split(',')) : undefined;
  if (mode !== 'record' && mode !== 'check') {
    process.stderr.write('usage: npx tsx scripts/golden.ts record|check [--only NAME,…]\n');
    process.exit(2);
  }
  mkdirSync(GOLDEN_DIR, { recursive: true });
  let differences = 0;
  for (const set of GOLDEN_SETS) {
    if (only !== undefined && !only.has(set.name)) continue;
    const t0 = performance.now();
    const alerts = await set.run();
    const ms = Math.round(performance.now() - t0);
    if (mode === 'record') {
      writeFileSync(join(GOLDEN_DIR, `${set.name}.ndjson.gz`), gzipSync(toNdjson(alerts), { level: 9 }));
      process.stderr.write(`${set.name}: ${alerts.length} alerts recorded (${ms} ms)\n`);
    } else {
      const diff = diffAlerts(readGolden(set.name), alerts);
      differences += diff.length;
      process.stderr.write(`${set.name}: ${alerts.length} alerts, ${diff.length} differences (${ms} ms)\n`);
      for (const line of diff.slice(0, 50)) process.stderr.write(`  ${line}\n`);
      if (diff.length > 50) process.stderr.write(`  … ${diff.length - 50} more\n`);
    }
  }
  if (differences > 0) process.exit(1);
}

if (process.argv[1]?.endsWith('golden.ts')) await main();
