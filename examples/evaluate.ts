/**
 * Account-level evaluation of tidewatch on a labelled scenario directory.
 *
 *   npx tsx examples/evaluate.ts examples/data/scenario-7 [--jurisdiction MY] [--min-score N] [--top N] [--json]
 *
 * Reads transactions.csv, accounts.csv, parties.csv and labels.csv, runs `scan()` once with
 * `minScore: 0` (every scored entity), and maps alerts to accounts:
 *   - account alerts score their account;
 *   - party alerts score every account of that party (accounts.csv);
 *   - network alerts score every member account (party members: all their accounts).
 * An account's score is the maximum over the alerts mapped to it; unalerted accounts score 0.
 *
 * "At threshold" = score ≥ T, where T is --min-score or the engine default (the lowest alert
 * threshold of the default typologies — exactly the alerts `scan()` returns without minScore).
 *
 * Average precision (AP) over all scores: every labelled account is ranked by score, descending;
 * ties (including all unalerted accounts at 0) are broken by account id ascending. With P the
 * number of label-1 accounts in the set and rel(k) = 1 when the k-th ranked account is label 1,
 *   AP = (1/P) · Σ_k rel(k) · precision@k,   precision@k = (Σ_{i≤k} rel(i)) / k.
 * Label-1 accounts that were never alerted still count (they sit in the score-0 tail).
 *
 * Reported sets: "all" = every labelled account (the bank's customers and the counterparties
 * seen in its data); "own" = accounts with an opening date in accounts.csv (the bank's own
 * customers). Case-adjacent label-0 roles (victim_family, client) are excluded from the
 * look-alike false-positive rates and reported separately.
 */
import { defaultTypologies, scan, type Alert } from '../src/index.js';
import { loadScenario, type LabelRow } from './scenarios/load.js';

interface AccountScore {
  score: number;
  alerts: Alert[];
}

interface Metrics {
  readonly n: number;
  readonly positives: number;
  readonly flagged: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly averagePrecision: number;
}

const ADJACENT = new Set(['victim_family', 'client']);

function usage(msg?: string): never {
  if (msg !== undefined) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write('usage: npx tsx examples/evaluate.ts <scenario-dir> [--jurisdiction CC] [--min-score N] [--top N] [--json]\n');
  process.exit(2);
}

export function computeMetrics(ids: readonly string[], label: (id: string) => 0 | 1, score: (id: string) => number, threshold: number): Metrics {
  let positives = 0;
  let flagged = 0;
  let tp = 0;
  for (const id of ids) {
    const y = label(id);
    const f = score(id) >= threshold && score(id) > 0;
    positives += y;
    if (f) flagged++;
    if (f && y === 1) tp++;
  }
  const ranked = [...ids].sort((a, b) => score(b) - score(a) || (a < b ? -1 : a > b ? 1 : 0));
  let hits = 0;
  let sum = 0;
  ranked.forEach((id, k) => {
    if (label(id) === 1) {
      hits++;
      sum += hits / (k + 1);
    }
  });
  const precision = flagged === 0 ? 0 : tp / flagged;
  const recall = positives === 0 ? 0 : tp / positives;
  return {
    n: ids.length, positives, flagged, truePositives: tp, precision, recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    averagePrecision: positives === 0 ? 0 : sum / positives,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let dir: string | undefined;
  let jurisdiction: string | undefined;
  let minScore: number | undefined;
  let top = 15;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--json') json = true;
    else if (a === '--jurisdiction') jurisdiction = args[++i] ?? usage('--jurisdiction needs a value');
    else if (a === '--min-score') {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v < 0 || v > 100) usage('--min-score must be 0–100');
      minScore = v;
    } else if (a === '--top') top = Number(args[++i] ?? '15');
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (dir === undefined) dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (dir === undefined) usage('missing scenario directory');

  const t0 = performance.now();
  const s = await loadScenario(dir);
  const tLoad = performance.now() - t0;
  const code = (jurisdiction ?? s.manifest?.options?.jurisdiction ?? 'MY').toUpperCase();
  const t1 = performance.now();
  const result = scan(s.transactions, { jurisdiction: code, accounts: s.accounts, parties: s.parties, minScore: 0 });
  const tScan = performance.now() - t1;
  const defaultThreshold = Math.min(...defaultTypologies().map((t) => t.threshold), 100);
  const threshold = minScore ?? defaultThreshold;

  // Map alerts to accounts.
  const accountsOfParty = new Map<string, string[]>();
  for (const a of s.accounts) if (a.party !== undefined) accountsOfParty.set(a.party, [...(accountsOfParty.get(a.party) ?? []), a.account]);
  const scores = new Map<string, AccountScore>();
  const unlabelledAlerted = new Set<string>();
  const touch = (acc: string, alert: Alert): void => {
    const cur = scores.get(acc) ?? { score: 0, alerts: [] };
    cur.score = Math.max(cur.score, alert.score);
    cur.alerts.push(alert);
    scores.set(acc, cur);
    if (!s.labels.has(acc)) unlabelledAlerted.add(acc);
  };
  for (const alert of result.alerts) {
    const e = alert.entity;
    if (e.kind === 'account') touch(e.id, alert);
    else if (e.kind === 'party') for (const acc of accountsOfParty.get(e.id) ?? []) touch(acc, alert);
    else {
      const members = (alert as Alert & { members?: Array<{ kind: string; id: string }> }).members ?? [];
      for (const m of members) {
        if (m.kind === 'account') touch(m.id, alert);
        else for (const acc of accountsOfParty.get(m.id) ?? []) touch(acc, alert);
      }
    }
  }
  const score = (id: string): number => scores.get(id)?.score ?? 0;
  const labelOf = (id: string): 0 | 1 => s.labels.get(id)?.label ?? 0;
  const own = new Set(s.accounts.filter((a) => a.openedAt !== undefined).map((a) => a.account));
  const allIds = [...s.labels.keys()];
  const ownIds = allIds.filter((id) => own.has(id));
  const flaggedAt = (id: string): boolean => score(id) >= threshold && score(id) > 0;

  const overall = { all: computeMetrics(allIds, labelOf, score, threshold), own: computeMetrics(ownIds, labelOf, score, threshold) };

  // Recall per labelled typology and role; AP per typology (that typology's positives vs all negatives).
  const groups = (pred: (l: LabelRow) => boolean, keyOf: (l: LabelRow) => string): Record<string, { total: number; flagged: number; own: number; ownFlagged: number }> => {
    const out: Record<string, { total: number; flagged: number; own: number; ownFlagged: number }> = {};
    for (const l of s.labels.values()) {
      if (!pred(l)) continue;
      const g = (out[keyOf(l)] ??= { total: 0, flagged: 0, own: 0, ownFlagged: 0 });
      g.total++;
      if (flaggedAt(l.account)) g.flagged++;
      if (own.has(l.account)) {
        g.own++;
        if (flaggedAt(l.account)) g.ownFlagged++;
      }
    }
    return out;
  };
  const recallByTypology = groups((l) => l.label === 1, (l) => l.typology);
  const recallByRole = groups((l) => l.label === 1, (l) => `${l.typology}/${l.role}`);
  const apByTypology: Record<string, number> = {};
  for (const typ of Object.keys(recallByTypology)) {
    const ids = allIds.filter((id) => { const l = s.labels.get(id) as LabelRow; return l.label === 0 || l.typology === typ; });
    apByTypology[typ] = computeMetrics(ids, labelOf, score, threshold).averagePrecision;
  }
  const lookalikes = groups((l) => l.label === 0 && !ADJACENT.has(l.role), (l) => l.typology);
  const adjacent = groups((l) => l.label === 0 && ADJACENT.has(l.role), (l) => `${l.role} (${l.typology})`);

  // Precision per alert typology: accounts carrying an at-threshold alert that names the typology.
  const byAlertTypology: Record<string, { flagged: number; positives: number; precision: number }> = {};
  for (const [acc, sc] of scores) {
    if (!s.labels.has(acc)) continue;
    const names = new Set<string>();
    for (const a of sc.alerts) if (a.score >= threshold) for (const t of a.typologies) if (t.score >= threshold) names.add(t.id);
    for (const n of names) {
      const g = (byAlertTypology[n] ??= { flagged: 0, positives: 0, precision: 0 });
      g.flagged++;
      if (labelOf(acc) === 1) g.positives++;
    }
  }
  for (const g of Object.values(byAlertTypology)) g.precision = g.flagged === 0 ? 0 : g.positives / g.flagged;
  const byRule: Record<string, { flagged: number; positives: number }> = {};
  for (const [acc, sc] of scores) {
    if (!s.labels.has(acc) || sc.score < threshold) continue;
    const rules = new Set(sc.alerts.filter((a) => a.score >= threshold).flatMap((a) => a.hits.map((h) => h.rule)));
    for (const r of rules) {
      const g = (byRule[r] ??= { flagged: 0, positives: 0 });
      g.flagged++;
      if (labelOf(acc) === 1) g.positives++;
    }
  }

  const reasons = (acc: string): Array<{ rule: string; score: number; entity: string; reason: string }> => {
    const out: Array<{ rule: string; score: number; entity: string; reason: string }> = [];
    const seen = new Set<string>();
    for (const a of (scores.get(acc)?.alerts ?? []).sort((x, y) => y.score - x.score)) {
      for (const h of a.hits) {
        if (seen.has(h.rule)) continue;
        seen.add(h.rule);
        out.push({ rule: h.rule, score: a.score, entity: `${a.entity.kind}:${a.entity.id}`, reason: h.reason });
      }
    }
    return out;
  };
  const describe = (id: string) => {
    const l = s.labels.get(id) as LabelRow;
    return { account: id, own: own.has(id), score: score(id), label: l.label, typology: l.typology, role: l.role, caseId: l.caseId, hits: reasons(id) };
  };
  const falsePositives = allIds.filter((id) => labelOf(id) === 0 && score(id) > 0)
    .sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1)).slice(0, top).map(describe);
  const falseNegatives = allIds.filter((id) => labelOf(id) === 1 && !flaggedAt(id))
    .sort((a, b) => Number(own.has(b)) - Number(own.has(a)) || score(b) - score(a) || (a < b ? -1 : 1)).slice(0, top).map(describe);

  const report = {
    scenario: dir,
    jurisdiction: code,
    reader: s.reader,
    threshold: { used: threshold, engineDefault: defaultThreshold },
    input: { transactions: s.transactions.length, rejected: s.rejected.length, accounts: s.accounts.length, parties: s.parties.length, labelled: s.labels.size },
    scan: { alerts: result.alerts.length, alertsAtThreshold: result.alerts.filter((a) => a.score >= threshold).length, rejections: result.rejections.length, byKind: countBy(result.alerts.filter((a) => a.score >= threshold), (a) => a.entity.kind) },
    timingMs: { load: Math.round(tLoad), scan: Math.round(tScan) },
    averagePrecisionDefinition: 'rank labelled accounts by max mapped alert score desc (unalerted = 0), ties by account id asc; AP = mean over label-1 accounts of precision at their rank',
    overall,
    recallByTypology,
    recallByRole,
    averagePrecisionByTypology: apByTypology,
    precisionByAlertTypology: byAlertTypology,
    flaggedByRule: byRule,
    lookalikeFlaggedShare: lookalikes,
    caseAdjacentFlagged: adjacent,
    unlabelledAlertedAccounts: unlabelledAlerted.size,
    topFalsePositives: falsePositives,
    topFalseNegatives: falseNegatives,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const line = (m: Metrics): string => `n=${m.n} positives=${m.positives} flagged=${m.flagged} TP=${m.truePositives}  precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}  AP ${m.averagePrecision.toFixed(3)}`;
  const out: string[] = [];
  out.push(`scenario ${dir}  jurisdiction ${code}  reader ${s.reader}`);
  out.push(`input: ${report.input.transactions} transactions (${report.input.rejected} rejected), ${report.input.accounts} accounts, ${report.input.parties} parties, ${report.input.labelled} labelled accounts`);
  out.push(`scan: ${report.scan.alerts} alerts at any score, ${report.scan.alertsAtThreshold} at ≥ ${threshold} (engine default ${defaultThreshold}) ${JSON.stringify(report.scan.byKind)}; load ${report.timingMs.load} ms, scan ${report.timingMs.scan} ms`);
  out.push('', `overall (all labelled accounts): ${line(overall.all)}`, `overall (own customers only):   ${line(overall.own)}`);
  out.push('', 'recall by labelled typology (all | own)          AP');
  for (const [t, g] of Object.entries(recallByTypology).sort()) out.push(`  ${t.padEnd(28)} ${String(g.flagged).padStart(4)}/${String(g.total).padEnd(4)} ${pct(g.flagged / g.total).padStart(6)} | ${String(g.ownFlagged).padStart(4)}/${String(g.own).padEnd(4)} ${(g.own ? pct(g.ownFlagged / g.own) : '  -').padStart(6)}   ${(apByTypology[t] ?? 0).toFixed(3)}`);
  out.push('', 'recall by role');
  for (const [t, g] of Object.entries(recallByRole).sort()) out.push(`  ${t.padEnd(44)} ${String(g.flagged).padStart(4)}/${String(g.total).padEnd(4)} ${pct(g.flagged / g.total).padStart(6)}`);
  out.push('', 'precision by alert typology (accounts with an at-threshold alert naming it)');
  for (const [t, g] of Object.entries(byAlertTypology).sort()) out.push(`  ${t.padEnd(28)} ${String(g.positives).padStart(4)}/${String(g.flagged).padEnd(4)} ${pct(g.precision).padStart(6)}`);
  out.push('', 'flagged accounts by rule (label-1 / flagged)');
  for (const [r, g] of Object.entries(byRule).sort()) out.push(`  ${r.padEnd(32)} ${String(g.positives).padStart(4)}/${String(g.flagged).padEnd(4)} ${pct(g.flagged ? g.positives / g.flagged : 0).padStart(6)}`);
  out.push('', 'look-alike and background groups: share flagged (all | own)');
  for (const [t, g] of Object.entries(lookalikes).sort()) out.push(`  ${t.padEnd(32)} ${String(g.flagged).padStart(4)}/${String(g.total).padEnd(5)} ${pct(g.flagged / g.total).padStart(6)} | ${String(g.ownFlagged).padStart(4)}/${String(g.own).padEnd(5)} ${(g.own ? pct(g.ownFlagged / g.own) : '  -').padStart(6)}`);
  out.push('', 'case-adjacent label-0 accounts flagged (excluded from look-alike rates)');
  for (const [t, g] of Object.entries(adjacent).sort()) out.push(`  ${t.padEnd(44)} ${String(g.flagged).padStart(4)}/${String(g.total).padEnd(4)}`);
  if (unlabelledAlerted.size > 0) out.push(`\n${unlabelledAlerted.size} alerted accounts have no label (not in labels.csv)`);
  const show = (title: string, rows: ReturnType<typeof describe>[]): void => {
    out.push('', title);
    for (const r of rows) {
      out.push(`  ${r.account} ${r.own ? 'own' : 'ext'} score ${String(r.score).padStart(3)}  ${r.typology}/${r.role} ${r.caseId}`);
      for (const h of r.hits.slice(0, 3)) out.push(`      ${h.rule} [${h.entity}, ${h.score}]: ${h.reason.slice(0, 200)}`);
    }
  };
  show(`top ${top} false positives (label 0, highest score)`, falsePositives);
  show(`top ${top} false negatives (label 1, not flagged; own customers first)`, falseNegatives);
  out.push('', `AP: ${report.averagePrecisionDefinition}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function countBy<T>(xs: readonly T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() as string);
if (isMain) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
