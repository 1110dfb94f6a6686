import { describe, expect, test } from 'vitest';
import type { IndicatorFamily } from '../../src/rules/types.js';
import { defaultTypologies, unlicensedRemitterTypology } from '../../src/scoring/default-typologies.js';
import { compileTypologies, scoreHits, type ScoredHit } from '../../src/scoring/score.js';

const FAMILIES: Record<string, IndicatorFamily> = {
  unlicensed_remitter: 'network_flow', pass_through: 'network_flow', fan_out: 'network_flow', funnel_account: 'network_flow',
  corridor_flow: 'context', new_account: 'context',
};
const familyOf = (r: string) => FAMILIES[r];
const compiled = compileTypologies(defaultTypologies(), Object.keys(FAMILIES));
const remitter = (strength: number, extra: ScoredHit[] = []) => scoreHits([{ rule: 'unlicensed_remitter', strength, transactionIds: ['t1'] }, ...extra], compiled, familyOf);
const threshold = unlicensedRemitterTypology().threshold;

describe('unlicensedRemitterTypology: MS-HAW-01 (i) met as catalogued alerts on its own (issue 14)', () => {
  test('positive: a full book on a personal account (≥ 20 unrelated payer families, ≥ 80 % out within 7 days: strength 0.5) reaches the threshold alone', () => {
    expect(unlicensedRemitterTypology().weights['unlicensed_remitter']).toBe(80);
    expect(remitter(0.5).score).toBe(threshold);
    expect(remitter(0.5).typologies[0]?.id).toBe('unlicensed_remitter');
  });

  test('boundary: one point of strength below (0.49) scores one point below the threshold', () => {
    expect(remitter(0.49).score).toBe(threshold - 1);
  });

  test('negative: a smaller book (10–19 payers, 0.1 weaker) does not alert alone (32); with a pass-through reading of the account it can', () => {
    expect(remitter(0.4).score).toBe(32);
    expect(remitter(0.4, [{ rule: 'pass_through', strength: 0.4, transactionIds: ['t1'] }]).score).toBe(42);
  });

  test('look-alike: a business account that only cashes its takings out (0.5 × 0.45) or a registered NGO (0.5 × 0.35) stays well below', () => {
    expect(remitter(0.5 * 0.45).score).toBeLessThan(threshold / 2);
    expect(remitter(0.5 * 0.35).score).toBeLessThan(threshold / 2);
  });
});
