import { describe, expect, test } from 'vitest';
import type { IndicatorFamily } from '../../src/rules/types.js';
import { debtRepaymentTypology } from '../../src/scoring/default-typologies.js';
import { compileTypologies, scoreHits } from '../../src/scoring/score.js';
import { defineTypology } from '../../src/scoring/typology.js';

// Issue 14: a tenant's monthly money home read as instalments (debt_repayment 0.55) and, discounted
// as a remittance to kin, as diverted wages (wage_diversion 0.1125) on the same payments.
const fam: Record<string, IndicatorFamily> = {
  debt_repayment: 'debt_exploitation', wage_diversion: 'debt_exploitation', shared_identifier: 'identity', round_amounts: 'context',
};
const of = (r: string) => fam[r];
const debt = compileTypologies([debtRepaymentTypology()], Object.keys(fam));
const hit = (rule: string, strength: number, transactionIds: string[]) => ({ rule, strength, transactionIds });
const instalments = ['p1', 'p2', 'p3', 'p4'];

describe('faintOverlapStrength (one observation read twice)', () => {
  test('positive: a faint wage-diversion reading of the instalments adds nothing (44 → 38, the look-alike below the threshold)', () => {
    const s = scoreHits([hit('debt_repayment', 0.55, instalments), hit('wage_diversion', 0.1125, ['w1', 'p3', 'w2', 'p4']), hit('shared_identifier', 0.4, ['w0'])], debt, of);
    expect(s.score).toBe(38); // 55 × 0.55 + 20 × 0.4 = 38.25 (before: + 55 × 0.1125 = 44.4)
    expect(s.contributions.map((c) => c.rule)).toEqual(['debt_repayment', 'shared_identifier']);
  });

  test('negative: a faint reading of other payments still counts; the typology without the option adds both', () => {
    expect(scoreHits([hit('debt_repayment', 0.55, instalments), hit('wage_diversion', 0.1125, ['w1', 'c1'])], debt, of).score).toBe(36);
    const plain = compileTypologies([defineTypology({ ...debtRepaymentTypology(), faintOverlapStrength: 0 })], Object.keys(fam));
    expect(scoreHits([hit('debt_repayment', 0.55, instalments), hit('wage_diversion', 0.1125, ['p4'])], plain, of).score).toBe(36);
  });

  test('boundary: a reading at 0.2 counts, just below it does not', () => {
    expect(scoreHits([hit('debt_repayment', 0.6, instalments), hit('wage_diversion', 0.2, ['p4'])], debt, of).score).toBe(44);
    expect(scoreHits([hit('debt_repayment', 0.6, instalments), hit('wage_diversion', 0.19, ['p4'])], debt, of).score).toBe(33);
  });

  test('look-alike of a true case: a debt payer whose wages are diverted at strength ≥ 0.2 on the same payments keeps both rules\' points', () => {
    // 55 × 0.7 + 55 × 0.225 = 50.9: the diverted wages are read as evidence, not discounted away.
    expect(scoreHits([hit('debt_repayment', 0.7, instalments), hit('wage_diversion', 0.225, ['w1', 'p3', 'w2', 'p4'])], debt, of).score).toBe(51);
  });

  test('only the weaker of the two is dropped, and only beside a rule of the same family', () => {
    // The instalments are the faint reading here: the wage diversion stays.
    expect(scoreHits([hit('debt_repayment', 0.15, ['p4']), hit('wage_diversion', 0.6, ['w1', 'p4'])], debt, of).score).toBe(33);
    // shared_identifier (identity) sharing a transaction with a stronger debt hit keeps its points.
    expect(scoreHits([hit('debt_repayment', 0.6, instalments), hit('shared_identifier', 0.1, ['p1'])], debt, of).score).toBe(35);
  });
});
