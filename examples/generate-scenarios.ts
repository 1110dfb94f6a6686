/**
 * Generates a synthetic reporting-bank world with injected people-smuggling finance cases and
 * lawful look-alikes, in tidewatch's canonical CSV format, with ground-truth labels.
 *
 *   npx tsx examples/generate-scenarios.ts --seed 7 --accounts 3000 --days 180 --jurisdiction MY --out examples/data/scenario-7/
 *
 * Options: --seed N (default 7), --accounts N (own-bank accounts, default 3000), --days N
 * (default 180), --jurisdiction MY|ID|TH|AU (default MY), --start YYYY-MM-DD (default 2024-10-01),
 * --out DIR (default examples/data/scenario-<seed>/), --quiet.
 * Writes transactions.csv, accounts.csv, parties.csv, labels.csv and manifest.json.
 * See examples/scenarios/README.md for the world model and labelling decisions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateScenario } from './scenarios/index.js';
import { LOCALES } from './scenarios/locale.js';

function usage(message?: string): never {
  if (message !== undefined) process.stderr.write(`error: ${message}\n`);
  process.stderr.write('usage: npx tsx examples/generate-scenarios.ts [--seed N] [--accounts N] [--days N] [--jurisdiction MY|ID|TH|AU] [--start YYYY-MM-DD] [--out DIR] [--quiet]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const opts: Record<string, string> = {};
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--help' || a === '-h') usage();
  if (a === '--quiet') { opts.quiet = '1'; continue; }
  if (!a.startsWith('--')) usage(`unexpected argument ${a}`);
  const v = args[i + 1];
  if (v === undefined) usage(`${a} needs a value`);
  opts[a.slice(2)] = v;
  i++;
}
const int = (name: string, def: number, min: number): number => {
  const v = opts[name];
  if (v === undefined) return def;
  if (!/^\d+$/.test(v) || Number(v) < min) usage(`--${name} must be an integer ≥ ${min}`);
  return Number(v);
};
for (const k of Object.keys(opts)) if (!['seed', 'accounts', 'days', 'jurisdiction', 'start', 'out', 'quiet'].includes(k)) usage(`unknown option --${k}`);
const seed = int('seed', 7, 0);
const accounts = int('accounts', 3000, 50);
const days = int('days', 180, 14);
const jurisdiction = (opts.jurisdiction ?? 'MY').toUpperCase();
if (LOCALES[jurisdiction] === undefined) usage(`--jurisdiction must be one of ${Object.keys(LOCALES).join(', ')}`);
const start = opts.start ?? '2024-10-01';
if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) usage('--start must be YYYY-MM-DD');
const out = opts.out ?? join('examples', 'data', `scenario-${seed}`);

const t0 = performance.now();
const { files, summary } = generateScenario({ seed, accounts, days, jurisdiction, start });
mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
const ms = Math.round(performance.now() - t0);
if (opts.quiet === undefined) {
  process.stderr.write(
    `wrote ${out}: ${summary.transactions} transactions, ${summary.ownAccounts} own accounts (${summary.labelledAccounts} labelled incl. counterparties), ` +
    `${summary.parties} parties; positives ${summary.positivesOwn} own (${(100 * summary.positivesOwn / Math.max(1, summary.ownAccounts)).toFixed(1)} %), ${summary.positivesAll} incl. counterparties; ${ms} ms\n`,
  );
  const rows = Object.entries(summary.typologies).sort((a, b) => b[1].label - a[1].label || a[0].localeCompare(b[0]));
  for (const [t, c] of rows) process.stderr.write(`  ${t.padEnd(32)} own ${String(c.own).padStart(5)}  all ${String(c.all).padStart(5)}\n`);
}
