import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import { nearThresholdCash } from '../../src/rules/structuring/near-threshold-cash.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import { AlertSchema } from '../../src/scoring/alert.js';
import { compileFormula } from '../../src/scoring/formula.js';
import { FORMULA_FUNCTIONS } from '../../src/scoring/formula-functions.js';
import { defineTypology, structuringTypology } from '../../src/scoring/typology.js';
import { AU_LIKE, deposit } from '../helpers/builders.js';

/**
 * Issue 16, point 3: configurations fail loudly. Before: a formula calling random() scored 19, 34
 * and 63 in three runs under one config hash; a formula failing at run time scored 0 without a word;
 * weights naming a rule that does not exist were accepted and never alerted; a garbage asOf threw
 * RangeError; minScore 500 was accepted.
 */

const rules = [splitSum(), nearThresholdCash()];
// A: two A$6,000 deposits (split_sum at strength 0.8); B: three A$9,500 deposits (both rules).
const txs = [deposit('A', 600_000, 0), deposit('A', 600_000, 1), deposit('B', 950_000, 0), deposit('B', 950_000, 2), deposit('B', 950_000, 4)];
const typology = (extra: Record<string, unknown>) => defineTypology({ id: 'custom', name: 'Custom', weights: { split_sum: 60, near_threshold_cash: 60 }, ...extra });
const run = (options: Record<string, unknown>) => scan(txs, { jurisdiction: AU_LIKE, rules, minScore: 0, ...options });

const errorOf = (f: () => unknown): ConfigError => {
  try {
    f();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
};

describe('formulas: only deterministic whitelisted functions', () => {
  test.each(['random() * 100', 'split_sum * pickRandom([10, 90])', 'randomInt(0, 100)'])('%s is refused at construction', (formula) => {
    const e = errorOf(() => run({ typologies: [typology({ formula })] }));
    expect(e.code).toBe('invalid_formula');
    expect(e.message).toMatch(/typology custom: formula .*: function "(random|pickRandom|randomInt)" is not allowed/);
  });

  test.each([
    ['import({x: 1})', /function "import"/],
    ['evaluate("1+1")', /function "evaluate"/],
    ['createUnit("foo")', /function "createUnit"/],
    ['simplify("x+x")', /function "simplify"/],
    ['x = 5', /assignment/],
    ['f(x) = x', /assignment/],
    ['split_sum.constructor', /property or index access/],
    ['[1, 2][1]', /matrix|index/],
    ['5 cm to inch', /unknown rule "cm"|operator/],
  ])('%s is refused', (formula, message) => {
    expect(() => compileFormula(formula, ['split_sum'])).toThrow(message);
  });

  test('every whitelisted function is a deterministic mathjs function that compiles', () => {
    for (const fn of FORMULA_FUNCTIONS) {
      const arity = ['nthRoot', 'pow', 'mod', 'compare', 'add', 'subtract', 'multiply', 'divide', 'and', 'or', 'xor', 'equal', 'unequal', 'larger', 'largerEq', 'smaller', 'smallerEq'].includes(fn) ? 2 : 1;
      const args = arity === 2 ? 'split_sum + 2, 2' : 'split_sum + 2';
      const f = compileFormula(`${fn}(${args}) * 1`, ['split_sum']);
      expect(f({ split_sum: 0.3 })).toBe(f({ split_sum: 0.3 }));
    }
  });

  test('the constants and operators a formula may use evaluate as in plain arithmetic', () => {
    const f = (formula: string) => compileFormula(formula, ['split_sum'])({ split_sum: 0.5 });
    expect(f('pi * split_sum')).toBe(Math.PI * 0.5);
    expect(f('e ^ split_sum')).toBe(Math.E ** 0.5);
    expect(f('(true and split_sum > 0.4) ? 70 : 10')).toBe(70);
    expect(f('false or split_sum >= 0.6 ? 70 : 10')).toBe(10);
    expect(f('median(split_sum, 1, 0) * 100 - -3 + 2 % 2')).toBe(53);
  });

  test('a formula that fails on probe values is refused at compile time, saying where', () => {
    expect(() => compileFormula('60 / split_sum', ['split_sum'])).toThrow(/formula gave Infinity.*every rule at 0/);
    expect(() => compileFormula('sqrt(split_sum - 0.7) * 100', ['split_sum'])).toThrow(/not a finite number/);
  });

  test('a formula that fails only at run time says so in the alert (typologies[].error) instead of scoring 0 silently', () => {
    const formula = 'split_sum > 0.5 and split_sum < 1 ? log(-1) : split_sum * 60';
    const { alerts } = run({ typologies: [typology({ formula }), structuringTypology()] });
    const a = alerts.find((x) => x.entity.id === 'A');
    expect(a?.typologies).toContainEqual({ id: 'custom', score: 0, error: expect.stringMatching(/formula gave a Complex, not a finite number/) });
    expect(a?.typologies.find((t) => t.id === 'structuring')?.score).toBeGreaterThan(0);
    expect(AlertSchema.safeParse(a).success).toBe(true);
  });
});

describe('rule names must exist', () => {
  test('weights naming a rule that does not exist: unknown_rule, with the key and a suggestion', () => {
    const e = errorOf(() => run({ typologies: [typology({ weights: { split_summ: 60 } })] }));
    expect(e.code).toBe('unknown_rule');
    expect(e.message).toBe('typology custom: weights.split_summ: unknown rule "split_summ"; did you mean "split_sum"?');
  });

  test('context naming a rule that does not exist', () => {
    expect(errorOf(() => run({ typologies: [typology({ context: { corridor_flo: 0.2 } })] })).message).toMatch(/typology custom: context\.corridor_flo: unknown rule "corridor_flo"; did you mean "corridor_flow"/);
  });

  test('a formula naming a rule that does not exist', () => {
    const e = errorOf(() => run({ typologies: [typology({ formula: 'max(split_sum, near_treshold_cash) * 60' })] }));
    expect(e.code).toBe('unknown_rule');
    expect(e.message).toMatch(/unknown rule "near_treshold_cash"; did you mean "near_threshold_cash"/);
  });

  test('a shipped rule that is merely not enabled in this run is fine (it scores 0)', () => {
    expect(() => run({ typologies: [typology({ weights: { split_sum: 60, funnel_account: 40 }, formula: 'split_sum * 60 + funnel_account * 40' })] })).not.toThrow();
  });
});

describe('options out of range', () => {
  test.each([500, -1, Number.NaN, '50'])('minScore %s: ConfigError naming minScore', (minScore) => {
    const e = errorOf(() => run({ minScore }));
    expect([e.code, e.message]).toEqual(['invalid_options', expect.stringMatching(/^minScore: must be a number from 0 to 100/)]);
    expect(() => createMonitor({ jurisdiction: AU_LIKE, minScore: minScore as number })).toThrow(ConfigError);
  });

  test.each(['garbage', '', Number.NaN, 1e20])('asOf %s: ConfigError naming asOf, not RangeError', (asOf) => {
    const e = errorOf(() => run({ asOf }));
    expect(e.message).toMatch(/^asOf: .* is not a date/);
  });

  test('a valid asOf is recorded in alerts', () => {
    expect(run({ asOf: '2025-03-10T00:00:00+08:00' }).alerts[0]?.engine.asOf).toBe('2025-03-09T16:00:00.000Z');
  });

  test('a rule that is not a rule', () => {
    expect(errorOf(() => run({ rules: [splitSum(), { id: 'mine' }] })).message).toBe('rules[1] (mine): evaluate must be a function');
  });
});
