import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { accountScores } from '../../src/backtest/account-scores.js';
import { compareConfigs } from '../../src/backtest/compare-configs.js';
import { labelMetrics, rankingMetrics, type AccountLabel } from '../../src/backtest/label-metrics.js';
import { loadScenario } from '../../examples/scenarios/load.js';
import type { Alert } from '../../src/scoring/alert.js';

const L = (account: string, label: 0 | 1, typology = ''): AccountLabel => ({ account, label, typology });

describe('label metrics on a hand-computed set', () => {
  // Scores: a 90, b 80, c 80, d 40, e 39, f unscored. Labels: a, c, e, f positive.
  const labels = [L('a', 1, 'funnel'), L('b', 0, 'rosca'), L('c', 1, 'funnel'), L('d', 0, 'rosca'), L('e', 1, 'ransom'), L('f', 1, 'ransom')];
  const scores = new Map([['a', 90], ['b', 80], ['c', 80], ['d', 40], ['e', 39]]);
  const m = labelMetrics(labels, scores, 40);

  test('flagged at the threshold exactly (40 is in, 39 is out)', () => {
    expect([m.flagged, m.truePositives, m.positives, m.n]).toEqual([4, 2, 4, 6]);
    expect(m.precision).toBe(2 / 4);
    expect(m.recall).toBe(2 / 4);
  });

  test('AP: ties by account id (b before c), unscored positives in the tail', () => {
    // Ranking a(90) b(80) c(80) d(40) e(39) f(0): positives at ranks 1, 3, 5, 6.
    expect(m.averagePrecision).toBeCloseTo((1 / 1 + 2 / 3 + 3 / 5 + 4 / 6) / 4, 12);
  });

  test('per typology: recall and AP of the positives against every negative, label-0 alert rate', () => {
    expect(m.byTypology).toEqual([
      { typology: 'funnel', positives: 2, flaggedPositives: 2, negatives: 0, flaggedNegatives: 0, averagePrecision: (1 / 1 + 2 / 3) / 2 },
      { typology: 'ransom', positives: 2, flaggedPositives: 0, negatives: 0, flaggedNegatives: 0, averagePrecision: (1 / 3 + 2 / 4) / 2 },
      { typology: 'rosca', positives: 0, flaggedPositives: 0, negatives: 2, flaggedNegatives: 2, averagePrecision: 0 },
    ]);
  });

  test('boundary cases: no positives, perfect ranking, nothing flagged, a zero score at threshold 0', () => {
    expect(rankingMetrics(['x', 'y'], () => 0, () => 50, 40)).toMatchObject({ averagePrecision: 0, recall: 0, precision: 0, flagged: 2 });
    expect(rankingMetrics(['x', 'y', 'z'], (id) => (id === 'z' ? 0 : 1), (id) => (id === 'z' ? 10 : 50), 40).averagePrecision).toBe(1);
    expect(rankingMetrics(['x'], () => 1, () => 0, 0)).toMatchObject({ flagged: 0, precision: 0, recall: 0, averagePrecision: 1 });
    // Worst ranking: the one positive last of four → AP = 1/4.
    expect(rankingMetrics(['a', 'b', 'c', 'd'], (id) => (id === 'd' ? 1 : 0), () => 0, 40).averagePrecision).toBe(1 / 4);
  });

  test('a repeated account keeps its last label', () => {
    expect(labelMetrics([L('a', 0), L('a', 1)], new Map([['a', 50]]), 40)).toMatchObject({ n: 1, positives: 1, truePositives: 1 });
  });
});

describe('account scores', () => {
  const alert = (kind: 'account' | 'party' | 'network', id: string, score: number, members?: { kind: 'account' | 'party'; id: string }[]) =>
    ({ entity: { kind, id }, score, ...(members === undefined ? {} : { members }) }) as unknown as Alert;
  test('account alerts score their account, party alerts the party\'s accounts, networks their members; the highest wins', () => {
    const s = accountScores(
      [alert('account', 'A1', 30), alert('party', 'P1', 50), alert('network', 'net-1', 70, [{ kind: 'account', id: 'A3' }, { kind: 'party', id: 'P1' }]), alert('account', 'A1', 45)],
      [{ account: 'A1', party: 'P1' }, { account: 'A2', party: 'P1' }, { account: 'A3' }],
    );
    expect(Object.fromEntries(s)).toEqual({ A1: 70, A2: 70, A3: 70 });
  });
});

describe('compare with labels on the demo bank reproduces examples/evaluate.ts', () => {
  test('precision, recall, AP, per-typology recall and AP, look-alike rates', async () => {
    const report = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'examples/evaluate.ts', 'examples/data', '--json'], { encoding: 'utf8' })) as {
      overall: { all: { precision: number; recall: number; averagePrecision: number; flagged: number; truePositives: number } };
      recallByTypology: Record<string, { total: number; flagged: number }>;
      averagePrecisionByTypology: Record<string, number>;
      lookalikeFlaggedShare: Record<string, { total: number; flagged: number }>;
    };
    const s = await loadScenario('examples/data');
    const labels = [...s.labels.values()].map((l) => ({ account: l.account, label: l.label, typology: l.typology }));
    const c = compareConfigs(s.transactions, {}, {}, { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties, labels });
    const m = c.a.metrics;
    expect(m).toBeDefined();
    expect(c.b.metrics).toEqual(m);
    expect({ precision: m?.precision, recall: m?.recall, averagePrecision: m?.averagePrecision, flagged: m?.flagged, truePositives: m?.truePositives })
      .toEqual({ precision: report.overall.all.precision, recall: report.overall.all.recall, averagePrecision: report.overall.all.averagePrecision, flagged: report.overall.all.flagged, truePositives: report.overall.all.truePositives });
    const byTyp = new Map(m?.byTypology.map((t) => [t.typology, t]));
    for (const [typ, g] of Object.entries(report.recallByTypology)) {
      expect([typ, byTyp.get(typ)?.flaggedPositives, byTyp.get(typ)?.positives]).toEqual([typ, g.flagged, g.total]);
      expect(byTyp.get(typ)?.averagePrecision).toBe(report.averagePrecisionByTypology[typ]);
    }
    for (const [typ, g] of Object.entries(report.lookalikeFlaggedShare)) {
      if (!typ.startsWith('lookalike_') && typ !== 'background') continue;
      expect([typ, byTyp.get(typ)?.flaggedNegatives, byTyp.get(typ)?.negatives]).toEqual([typ, g.flagged, g.total]);
    }
  });
});
