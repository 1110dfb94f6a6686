import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { IndicatorFamily, RuleHit } from '../../src/rules/types.js';
import { bandOf } from '../../src/scoring/bands.js';
import { compileFormula } from '../../src/scoring/formula.js';
import { compileTypologies, scoreHits } from '../../src/scoring/score.js';
import { defineTypology } from '../../src/scoring/typology.js';

const FAMILIES: Record<string, IndicatorFamily> = {
  split_sum: 'threshold_avoidance', near_threshold_cash: 'threshold_avoidance', funnel_account: 'network_flow',
  debt_repayment: 'debt_exploitation', round_amounts: 'context', sailing_season: 'context',
};
const familyOf = (r: string) => FAMILIES[r];
const hit = (rule: string, strength: number): RuleHit => ({
  rule, indicators: [], entity: { kind: 'account', id: 'A' }, strength, window: { from: 0, to: 0 }, transactionIds: ['t'], reason: '', facts: {},
});
const typology = defineTypology({
  id: 't', name: 'T', weights: { split_sum: 50, near_threshold_cash: 40, funnel_account: 50, debt_repayment: 50 },
  context: { round_amounts: 0.2, sailing_season: 0.3 }, threshold: 40,
});
const compiled = compileTypologies([typology], Object.keys(FAMILIES));

describe('scoreHits', () => {
  test('weighted strengths, integer score, contributions that add up and trace to rules', () => {
    const s = scoreHits([hit('split_sum', 0.8)], compiled, familyOf);
    expect(s.score).toBe(40);
    expect(s.band).toBe('medium');
    expect(s.contributions).toEqual([{ rule: 'split_sum', typology: 't', weight: 50, strength: 0.8, points: 40 }]);
  });

  test('one family cannot reach the high band; a second family lifts the cap', () => {
    const one = scoreHits([hit('split_sum', 1), hit('near_threshold_cash', 1)], compiled, familyOf);
    expect(one.score).toBe(69);
    expect(one.capped).toBe(true);
    const two = scoreHits([hit('split_sum', 1), hit('funnel_account', 1)], compiled, familyOf);
    expect(two.score).toBe(100);
    expect(two.band).toBe('critical');
    expect(two.families).toEqual(['network_flow', 'threshold_avoidance']);
  });

  test('context only amplifies: alone it scores nothing', () => {
    expect(scoreHits([hit('round_amounts', 1), hit('sailing_season', 1)], compiled, familyOf).score).toBe(0);
    const amplified = scoreHits([hit('split_sum', 0.8), hit('sailing_season', 1)], compiled, familyOf);
    expect(amplified.score).toBe(52);
    expect(amplified.contributions.find((c) => c.rule === 'sailing_season')?.points).toBe(12);
  });

  test('the context multiplier is capped', () => {
    const t = compileTypologies([defineTypology({ ...typology, context: { round_amounts: 1, sailing_season: 1 }, maxContextMultiplier: 1.5 })], Object.keys(FAMILIES));
    expect(scoreHits([hit('split_sum', 0.8), hit('round_amounts', 1), hit('sailing_season', 1)], t, familyOf).score).toBe(60);
  });

  test('property: score in [0,100], integer, contributions sum to it, never lowered by an extra hit', () => {
    const arbHit = fc.record({ rule: fc.constantFrom(...Object.keys(FAMILIES)), s: fc.double({ min: 0, max: 1, noNaN: true }) }).map((x) => hit(x.rule, x.s));
    fc.assert(
      fc.property(fc.array(arbHit, { maxLength: 8 }), arbHit, (hits, extra) => {
        const a = scoreHits(hits, compiled, familyOf);
        const b = scoreHits([...hits, extra], compiled, familyOf);
        for (const s of [a, b]) {
          expect(Number.isInteger(s.score) && s.score >= 0 && s.score <= 100).toBe(true);
          expect(s.contributions.reduce((x, c) => x + c.points, 0)).toBe(s.score);
          expect(s.band).toBe(bandOf(s.score));
        }
        expect(b.score).toBeGreaterThanOrEqual(a.score);
      }),
      { numRuns: 500 },
    );
  });

  test('bands: 39 low, 40 medium, 70 high, 90 critical', () => {
    expect([39, 40, 69, 70, 89, 90].map(bandOf)).toEqual(['low', 'medium', 'medium', 'high', 'high', 'critical']);
  });
});

describe('typology formulas (mathjs, restricted)', () => {
  test('a formula replaces the weighted sum and is compiled once', () => {
    const t = defineTypology({ ...typology, formula: 'max(split_sum, near_threshold_cash) * 60 + funnel_account * 30' });
    const c = compileTypologies([t], Object.keys(FAMILIES));
    expect(scoreHits([hit('split_sum', 0.5), hit('near_threshold_cash', 0.9)], c, familyOf).score).toBe(54);
  });

  test('unknown variables and dangerous functions are configuration errors', () => {
    expect(() => compileFormula('nope * 2', ['split_sum'])).toThrow(/formula/);
    expect(() => compileFormula('import({x: 1})', ['split_sum'])).toThrow(/disabled|formula/);
    expect(() => compileFormula('evaluate("1+1")', ['split_sum'])).toThrow(/disabled|formula/);
    expect(() => compileFormula('createUnit("foo")', ['split_sum'])).toThrow(/disabled|formula/);
    expect(() => compileFormula('split_sum +', ['split_sum'])).toThrow(/formula/);
  });

  test('a formula cannot reach JavaScript objects through the scope', () => {
    expect(() => compileFormula('constructor', ['split_sum'])).toThrow(/formula/);
    expect(() => compileFormula('split_sum.constructor', ['split_sum'])).toThrow(/formula/);
  });

  test('invalid typologies name the bad key', () => {
    expect(() => defineTypology({ id: 'Bad Id', name: 'x', weights: {} })).toThrow(/id/);
    expect(() => defineTypology({ id: 'ok', name: 'x', weights: { a: 200 } })).toThrow(/weights\.a/);
  });
});
