/**
 * Account-level precision and recall of tidewatch's funnel (fan-in) and pass-through rules on IBM
 * AMLSim's shipped sample 20K_fanin200cycle200 (../shared/datasets/amlsim-20k-fanin-cycle).
 *
 *   npx tsx examples/evaluate-amlsim.ts [--data DIR] [--jurisdiction US] [--fx-rate R] [--json]
 *   npx tsx examples/evaluate-amlsim.ts --data ../shared/datasets/amlsim-dev3k   # pattern mode
 *
 * With a data directory that holds alert_accounts.csv (AMLSim's newer output schema) the script
 * evaluates per pattern instead: see patternMode() and examples/amlsim-patterns.ts.
 *
 * Transactions are read with `ingestTransactions(path, { mapping: 'amlsim' })`, the library's
 * AMLSim preset: sourceNodeId → from_account, targetNodeId → to_account, value → amount (2
 * decimals), kind transfer, channel online, time (integer step) → days after 2025-01-01T00:00Z,
 * currency USD.
 *
 * Currency and jurisdiction: AMLSim's `value` has no currency; the preset reads it as USD. We scan
 * under the United States profile, whose currency is USD, so no FX table is involved and no
 * amount is re-scaled. The amounts (≈ 100–200) are far below every cash or transfer threshold
 * (US CTR USD 10,000, funds-transfer record-keeping USD 3,000), so the structuring rules stay
 * silent and the comparison isolates the network rules, whose fan-in counts and in/out ratios
 * do not depend on the unit. `--jurisdiction MY --fx-rate 4.45` scans under another profile with a
 * constant daily USD→local rate to show the sensitivity of rules with absolute amount floors.
 *
 * Rules: the default set, except funnel_account with minRegions 1 (AMLSim carries no geography, so
 * the "senders from two regions" condition cannot be evaluated; minRegions 1 is its documented switch).
 *
 * Ground truth: nodes.csv `isFraud` per account (fan-in and cycle members). Predictions: accounts
 * carrying an alert at or above the engine default score whose hits include a rule id starting with
 * `funnel` or `pass_through` (rule ids from RULE_FACTORIES at run time). Party and network alerts
 * map to their member accounts. "Any alert" counts every at-threshold alert regardless of rule.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_FACTORIES, defaultTypologies, funnelAccount, scan, type Alert, type Rule, type Transaction } from '../src/index.js';
import { ingestTransactions } from '../src/ingest/index.js';
import { createFxTable, jurisdiction as profileOf } from '../src/jurisdictions/index.js';
import { parseCsvRecords } from './scenarios/csv.js';
import { loadAmlsimRun, patternMetrics } from './amlsim-patterns.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const dataDir = opt('data', join('..', 'shared', 'datasets', 'amlsim-20k-fanin-cycle'));
const code = opt('jurisdiction', 'US').toUpperCase();
const fxRate = opt('fx-rate', '');
const json = args.includes('--json');

const accountsOf = (a: Alert): string[] => {
  if (a.entity.kind === 'account') return [a.entity.id];
  const members = (a as Alert & { members?: Array<{ kind: string; id: string }> }).members ?? [];
  return members.filter((m) => m.kind === 'account').map((m) => m.id);
};

/**
 * Pattern mode (a run with alert_accounts.csv, e.g. ../shared/datasets/amlsim-dev3k): the default
 * rules and typologies exactly as shipped, per-typology pattern recall, look-alike patterns touched
 * and account precision (see examples/amlsim-patterns.ts).
 */
async function patternMode(): Promise<void> {
  const t0 = performance.now();
  const run = loadAmlsimRun(dataDir);
  const result = scan(run.transactions, { jurisdiction: code, minScore: 0 });
  const ms = Math.round(performance.now() - t0);
  const threshold = Math.min(...defaultTypologies().map((t) => t.threshold), 100);
  const m = patternMetrics(result.alerts, run.patterns, threshold, accountsOf);
  const sarAccounts = new Set(run.patterns.filter((p) => p.sar).flatMap((p) => p.accounts));
  const byRule: Record<string, { accounts: number; insideSar: number }> = {};
  for (const rule of [...new Set(result.alerts.flatMap((a) => a.hits.map((h) => h.rule)))].sort()) {
    const accs = new Set(result.alerts.filter((a) => a.score >= threshold && a.hits.some((h) => h.rule === rule)).flatMap(accountsOf));
    byRule[rule] = { accounts: accs.size, insideSar: [...accs].filter((a) => sarAccounts.has(a)).length };
  }
  const report = { data: dataDir, jurisdiction: code, transactions: run.transactions.length, accounts: run.accounts, rejections: result.rejections.length, threshold, alerts: result.alerts.filter((a) => a.score >= threshold).length, ...m, byRule, timingMs: ms };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const out = [
    `AMLSim patterns ${dataDir}: ${report.transactions} transfers, ${report.accounts} accounts, ${report.rejections} rejected by the engine; jurisdiction ${code}; threshold ${threshold}; ${report.alerts} alerts at threshold; ${ms} ms`,
    `account precision: ${m.insideSar}/${m.alertedAccounts} alerted accounts inside a SAR pattern (${pct(m.accountPrecision)})`,
    'pattern type        SAR found          look-alikes touched',
    ...Object.entries(m.byType).sort().map(([t, g]) => `  ${t.padEnd(18)} ${String(g.found).padStart(2)}/${String(g.sar).padEnd(2)} ${pct(g.sar ? g.found / g.sar : 0).padStart(7)}    ${g.lookalikesTouched}/${g.lookalikes}`),
    'accounts alerted with a hit of each rule (inside SAR / all)',
    ...Object.entries(byRule).map(([r, g]) => `  ${r.padEnd(28)} ${g.insideSar}/${g.accounts}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  if (existsSync(join(dataDir, 'alert_accounts.csv'))) return patternMode();
  const t0 = performance.now();
  const txPath = join(dataDir, 'transactions.csv');
  const transactions: Transaction[] = [];
  const summary = await ingestTransactions(txPath, { mapping: 'amlsim' }, (b) => { for (const t of b.transactions) transactions.push(t); });
  const truth = new Map<string, 0 | 1>();
  for (const r of parseCsvRecords(readFileSync(join(dataDir, 'nodes.csv'), 'utf8'))) truth.set(r.nodeid as string, r.isFraud === '1' ? 1 : 0);
  const tLoad = performance.now() - t0;
  const profile = profileOf(code);
  let fx;
  if (profile.currency !== 'USD') {
    if (fxRate === '') throw new Error(`${code} uses ${profile.currency}: pass --fx-rate (units of ${profile.currency} per USD)`);
    const rates = Array.from({ length: 200 }, (_, d) => ({ from: 'USD', to: profile.currency, rate: fxRate, date: new Date(Date.UTC(2024, 11, 25) + d * 86_400_000).toISOString().slice(0, 10) }));
    fx = createFxTable(rates);
  }
  const t1 = performance.now();
  // AMLSim has no countries, institutions or cash locations, so the funnel rule's "senders from
  // ≥ 2 regions" condition cannot hold; its documented switch for missing geography is minRegions 1.
  const rules: Rule[] = Object.entries(RULE_FACTORIES).map(([id, factory]) => (id === 'funnel_account' ? funnelAccount({ minRegions: 1 }) : (factory as () => Rule)()));
  const result = scan(transactions, { jurisdiction: code, minScore: 0, rules, ...(fx === undefined ? {} : { fx }) });
  const tScan = performance.now() - t1;
  const threshold = Math.min(...defaultTypologies().map((t) => t.threshold), 100);
  const ruleIds = Object.keys(RULE_FACTORIES);
  const targetRules = ruleIds.filter((r) => r.startsWith('funnel') || r.startsWith('pass_through'));

  const evaluate = (pred: (a: Alert) => boolean, minScore = threshold) => {
    const flagged = new Set<string>();
    for (const a of result.alerts) if (a.score >= minScore && pred(a)) for (const acc of accountsOf(a)) flagged.add(acc);
    let tp = 0;
    for (const acc of flagged) if (truth.get(acc) === 1) tp++;
    const positives = [...truth.values()].filter((x) => x === 1).length;
    const precision = flagged.size === 0 ? 0 : tp / flagged.size;
    const recall = positives === 0 ? 0 : tp / positives;
    return { flagged: flagged.size, truePositives: tp, positives, precision, recall, f1: precision + recall === 0 ? 0 : 2 * precision * recall / (precision + recall) };
  };
  const perRule: Record<string, ReturnType<typeof evaluate>> = {};
  for (const r of targetRules) perRule[r] = evaluate((a) => a.hits.some((h) => h.rule === r));
  // Rule level: an account counts as flagged when the rule hit it at all, whatever the score. AMLSim
  // carries no names, countries, cash or reference data, so a single network-flow family can never
  // be corroborated up to the alert threshold; this isolates what the rules themselves find.
  const perRuleAnyScore: Record<string, ReturnType<typeof evaluate>> = {};
  for (const r of targetRules) perRuleAnyScore[r] = evaluate((a) => a.hits.some((h) => h.rule === r), 0);
  const report = {
    data: dataDir,
    reader: "ingestTransactions(path, { mapping: 'amlsim' })",
    jurisdiction: code, currency: profile.currency, fxRate: fx === undefined ? null : fxRate,
    transactions: transactions.length, read: summary.read, rejected: summary.rejected, engineRejections: result.rejections.length, accounts: truth.size,
    threshold,
    registeredRules: ruleIds,
    evaluatedRules: targetRules,
    funnelAndPassThrough: targetRules.length === 0 ? null : evaluate((a) => a.hits.some((h) => targetRules.includes(h.rule))),
    perRule,
    perRuleAnyScore,
    funnelAndPassThroughAnyScore: targetRules.length === 0 ? null : evaluate((a) => a.hits.some((h) => targetRules.includes(h.rule)), 0),
    anyAlert: evaluate(() => true),
    alerts: { total: result.alerts.length, atThreshold: result.alerts.filter((a) => a.score >= threshold).length },
    timingMs: { load: Math.round(tLoad), scan: Math.round(tScan) },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const line = (m: ReturnType<typeof evaluate>): string => `flagged ${m.flagged}, TP ${m.truePositives} of ${m.positives}: precision ${pct(m.precision)}, recall ${pct(m.recall)}, F1 ${pct(m.f1)}`;
  const out = [
    `AMLSim ${dataDir}: ${report.transactions} transfers (${report.rejected} rejected by ingest, ${report.engineRejections} by the engine), ${report.accounts} accounts; read with ${report.reader}`,
    `jurisdiction ${code} (${profile.currency}${fx === undefined ? '' : `, USD→${profile.currency} ${fxRate}`}); threshold ${threshold}; load ${report.timingMs.load} ms, scan ${report.timingMs.scan} ms`,
    `registered rules: ${ruleIds.join(', ')}`,
    targetRules.length === 0
      ? 'no rule id starting with "funnel" or "pass_through" is registered yet: funnel / pass-through precision and recall cannot be measured'
      : `funnel + pass-through (${targetRules.join(', ')}): ${line(report.funnelAndPassThrough as ReturnType<typeof evaluate>)}`,
    ...Object.entries(perRule).map(([r, m]) => `  ${r}: ${line(m)}`),
    targetRules.length === 0 ? '' : `rule level (hit at any score): funnel + pass-through: ${line(report.funnelAndPassThroughAnyScore as ReturnType<typeof evaluate>)}`,
    ...Object.entries(perRuleAnyScore).map(([r, m]) => `  ${r}: ${line(m)}`),
    `any alert: ${line(report.anyAlert)}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
