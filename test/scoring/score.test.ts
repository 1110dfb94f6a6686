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

  describe('independent evidence across typologies (corroborationShare)', () => {
    const fam: Record<string, IndicatorFamily> = {
      debt_repayment: 'debt_exploitation', ransom_burst: 'debt_exploitation', pass_through: 'network_flow', split_sum: 'threshold_avoidance',
      shared_identifier: 'identity', round_amounts: 'context',
    };
    const debt = defineTypology({ id: 'debt', name: 'Debt', weights: { debt_repayment: 55, shared_identifier: 20 } });
    const flow = defineTypology({ id: 'flow', name: 'Flow', weights: { pass_through: 30 }, context: { round_amounts: 0.1 } });
    const ransom = defineTypology({ id: 'ransom', name: 'Ransom', weights: { ransom_burst: 60 } });
    const both = compileTypologies([debt, flow, ransom], Object.keys(fam));
    const of = (r: string) => fam[r];
    /** A hit with its own evidence: transactions named after the rule unless given. */
    const own = (rule: string, strength: number, extra: { transactionIds?: string[]; variant?: string } = {}) => ({ ...hit(rule, strength), transactionIds: [`t-${rule}`], ...extra });

    test('a mule\'s pass-through beside its instalments adds half its flow points to the debt typology, listed as a contribution', () => {
      const s = scoreHits([own('debt_repayment', 0.5), own('pass_through', 0.8)], both, of);
      // 55 × 0.5 + 0.5 × 30 × 0.8 = 27.5 + 12 = 39.5 → 40 (flow alone: 30 × 0.8 + 0.5 × 55 × 0.5 = 37.75)
      expect(s.score).toBe(40);
      expect(s.typologies[0]).toEqual({ id: 'debt', score: 40 });
      expect(s.contributions).toEqual([
        { rule: 'debt_repayment', typology: 'debt', weight: 55, strength: 0.5, points: 28 },
        { rule: 'pass_through', typology: 'debt', weight: 15, strength: 0.8, points: 12 },
      ]);
      expect(s.contributions.reduce((a, c) => a + c.points, 0)).toBe(s.score);
    });

    test('boundary: a corroborating hit below 0.35 adds nothing; at 0.35 it counts', () => {
      expect(scoreHits([own('debt_repayment', 0.5), own('pass_through', 0.34)], both, of).score).toBe(28);
      expect(scoreHits([own('debt_repayment', 0.5), own('pass_through', 0.35)], both, of).score).toBe(33);
    });

    test('look-alike: a second rule of the same family (ransom_burst beside debt_repayment) and context add nothing across typologies', () => {
      const same = scoreHits([own('debt_repayment', 0.5), own('ransom_burst', 0.5)], both, of);
      expect(same.score).toBe(30); // ransom alone, 60 × 0.5; debt stays 27.5
      expect(same.contributions.map((c) => c.rule)).toEqual(['ransom_burst']);
      expect(scoreHits([own('debt_repayment', 0.5), own('round_amounts', 1)], both, of).score).toBe(28);
    });

    test('independent means other transactions: a corroborating hit sharing one transaction with the typology\'s own hits, or naming none, adds nothing', () => {
      expect(scoreHits([own('debt_repayment', 0.5, { transactionIds: ['t1', 't2'] }), own('pass_through', 0.8, { transactionIds: ['t2', 't3'] })], both, of).score).toBe(28);
      const none = scoreHits([own('debt_repayment', 0.5, { transactionIds: ['t1', 't2'] }), own('pass_through', 0.8, { transactionIds: [] })], both, of);
      expect(none.typologies.find((t) => t.id === 'debt')?.score).toBe(28); // the pass-through names no transaction: no corroboration
      expect(scoreHits([own('debt_repayment', 0.5, { transactionIds: ['t1', 't2'] }), own('pass_through', 0.8, { transactionIds: ['t3'] })], both, of).score).toBe(40);
    });

    test('look-alike (AMLSim fan-in): a collector-side reading neither corroborates nor is corroborated when it is all a typology rests on', () => {
      // A payday burst (collector variant, no wage evidence) beside a flow pattern on other transactions: the flow stays alone.
      expect(scoreHits([own('debt_repayment', 0.5, { variant: 'collector' }), own('pass_through', 0.8)], both, of).score).toBe(28);
      expect(scoreHits([own('pass_through', 0.8), own('debt_repayment', 0.9, { variant: 'collector' })], compileTypologies([flow], Object.keys(fam)), of).score).toBe(24);
      // The same collector reading beside a payer-side hit of its own rule is still corroborated by independent flow evidence.
      expect(scoreHits([own('debt_repayment', 0.5, { variant: 'collector' }), own('debt_repayment', 0.4, { variant: 'payer', transactionIds: ['p'] }), own('pass_through', 0.8)], both, of).score).toBe(40);
    });

    test('negative: no base of its own, no corroboration; corroborationShare 0 turns it off; one family per corroboration', () => {
      expect(scoreHits([own('shared_identifier', 0.2), own('split_sum', 0.9)], compileTypologies([flow], Object.keys(fam)), of).score).toBe(0);
      const off = compileTypologies([{ ...debt, corroborationShare: 0 }, { ...flow, corroborationShare: 0 }], Object.keys(fam));
      expect(scoreHits([own('debt_repayment', 0.5), own('pass_through', 0.8)], off, of).score).toBe(28);
    });
  });
});
