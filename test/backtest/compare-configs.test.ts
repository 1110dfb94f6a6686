import { describe, expect, test } from 'vitest';
import { compareConfigs } from '../../src/backtest/compare-configs.js';
import { formatComparison } from '../../src/backtest/format-comparison.js';
import { resolveScanConfig } from '../../src/engine/config-file.js';
import { scan } from '../../src/engine/scan.js';
import { renderComparisonHtml } from '../../src/report/comparison-html.js';
import { AU_LIKE } from '../helpers/builders.js';
import { CONFIG_A, CONFIG_B, FIXTURE } from './fixture.js';

const compare = () => compareConfigs(FIXTURE, CONFIG_A, CONFIG_B, { jurisdiction: AU_LIKE });

describe('compareConfigs on a fixture where A and B differ in a known way', () => {
  test('only A, only B and changed are exactly the entities the change moves', () => {
    const c = compare();
    expect(c.onlyA.map((x) => [x.entity.id, x.alert.score, x.other])).toEqual([['C4', 48, null]]);
    expect(c.onlyB.map((x) => [x.entity.id, x.alert.score, x.other])).toEqual([['C5', 52, null]]);
    expect(c.changed.map((x) => [x.entity.id, x.a.score, x.b.score, x.a.rules, x.b.rules])).toEqual([
      ['C1', 69, 65, ['near_threshold_cash', 'split_sum'], ['near_threshold_cash']],
      ['C2', 48, 51, ['split_sum'], ['near_threshold_cash']],
    ]);
    expect(c.unchanged).toBe(0);
    expect(c.transactions).toBe(FIXTURE.length);
  });

  test('each change carries its reason', () => {
    const c = compare();
    expect(c.onlyA[0]?.reasons).toEqual([
      'no rule fires on it under B',
      'split_sum: does not fire under B (disabled in B); it gave 48 points under A',
    ]);
    expect(c.onlyB[0]?.reasons[1]).toMatch(/^near_threshold_cash: fires only under B \(options: beta 0\.9 → 0\.85\), 52 points: Possible structuring pattern: 3 cash deposits/);
    expect(c.changed[0]?.reasons).toEqual([
      'split_sum: does not fire under B (disabled in B); it gave 42 points under A',
      'near_threshold_cash: strength 0.675 → 0.717 (options: beta 0.9 → 0.85), weight 45 → 90, points 27 → 65',
    ]);
    expect(c.differences).toEqual([
      'near_threshold_cash: beta 0.9 → 0.85',
      'split_sum: disabled in B',
      'typology structuring: weight near_threshold_cash 45 → 90, weight split_sum 60 → (none)',
    ]);
  });

  test('an entity that drops under the minimum is told apart from one no rule fires on', () => {
    const raised = compareConfigs(FIXTURE, CONFIG_A, { ...CONFIG_B, minScore: 60 }, { jurisdiction: AU_LIKE });
    const c2 = raised.onlyA.find((x) => x.entity.id === 'C2');
    expect(c2?.other?.score).toBe(51);
    expect(c2?.reasons[0]).toBe("under B it scores 51, below B's minimum 60");
    expect(raised.differences[0]).toBe('minimum score 40 → 60');
  });

  test('per band and typology counts for each side', () => {
    const c = compare();
    expect(c.a).toMatchObject({ alerts: 3, minScore: 40, jurisdiction: 'AU', byBand: { low: 0, medium: 3, high: 0, critical: 0 }, byTypology: { structuring: 3 } });
    expect(c.b).toMatchObject({ alerts: 3, byBand: { medium: 3 }, byTypology: { structuring: 3 } });
  });

  test('each side reports the config hash a real scan of that configuration stamps on its alerts', () => {
    const c = compare();
    for (const [side, cfg] of [[c.a, CONFIG_A], [c.b, CONFIG_B]] as const) {
      const r = resolveScanConfig(cfg);
      const { alerts, configHash } = scan(FIXTURE, { jurisdiction: AU_LIKE, rules: r.rules, typologies: r.typologies });
      expect(side.configHash).toBe(configHash);
      expect(alerts.every((a) => a.engine.config === configHash)).toBe(true);
      expect(side.alerts).toBe(alerts.length);
    }
  });

  test('a configuration against itself: no difference, everything unchanged', () => {
    const c = compareConfigs(FIXTURE, CONFIG_A, CONFIG_A, { jurisdiction: AU_LIKE });
    expect(c.differences).toEqual([]);
    expect([c.onlyA, c.onlyB, c.changed]).toEqual([[], [], []]);
    expect(c.unchanged).toBe(3);
    expect(c.a).toEqual(c.b);
  });

  test('deterministic and side-effect free: shuffled input, frozen input and configs, byte-identical output', () => {
    const frozen = Object.freeze(FIXTURE.map((t) => Object.freeze({ ...t })));
    const deepFreeze = <T>(x: T): T => {
      if (x !== null && typeof x === 'object') for (const v of Object.values(x)) deepFreeze(v);
      return Object.freeze(x);
    };
    const a = deepFreeze(structuredClone(CONFIG_A));
    const b = deepFreeze(structuredClone(CONFIG_B));
    const one = JSON.stringify(compareConfigs(frozen, a, b, { jurisdiction: AU_LIKE }));
    const shuffled = [...FIXTURE].reverse();
    expect(JSON.stringify(compareConfigs(shuffled, CONFIG_A, CONFIG_B, { jurisdiction: AU_LIKE }))).toBe(one);
    expect(JSON.stringify(compare())).toBe(one);
    expect(formatComparison(compare())).toBe(formatComparison(compare()));
  });

  test('text and HTML renderings show the table and escape what they print', () => {
    const text = formatComparison(compare());
    expect(text).toMatch(/^\s+A\s+B\n/);
    expect(text).toMatch(/\nalerts\s+3\s+3\n/);
    expect(text).toContain('only under A (1)\n  account C4: 48 medium [split_sum]; no hit under B');
    const html = renderComparisonHtml(compare(), '<A & B>');
    expect(html).toContain('<title>&lt;A &amp; B&gt;</title>');
    expect(html).not.toMatch(/<script/i);
  });

  test('a configuration without a jurisdiction and no override is a configuration error', () => {
    expect(() => compareConfigs(FIXTURE, {}, {})).toThrow(/configuration A names no jurisdiction/);
    expect(() => compareConfigs(FIXTURE, {}, { rules: { split_sum: { minCount: 1 } } }, { jurisdiction: AU_LIKE })).toThrow(/configuration B: config: rules\.split_sum: minCount/);
  });
});
