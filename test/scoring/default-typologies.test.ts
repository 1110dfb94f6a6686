import { describe, expect, test } from 'vitest';
import type { IndicatorFamily } from '../../src/rules/types.js';
import { defaultTypologies, smugglingCollectionTypology, unlicensedRemitterTypology } from '../../src/scoring/default-typologies.js';
import { compileTypologies, scoreHits, type ScoredHit } from '../../src/scoring/score.js';

const FAMILIES: Record<string, IndicatorFamily> = {
  unlicensed_remitter: 'network_flow', pass_through: 'network_flow', fan_out: 'network_flow', funnel_account: 'network_flow',
  relay_abroad: 'network_flow', cash_out_relay: 'network_flow', corridor_flow: 'context', new_account: 'context', fee_match: 'context',
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

describe('smugglingCollectionTypology: relay_abroad (MS-PT-01 over days, MS-PROF-01 floor) weighs 60', () => {
  const relay = (strength: number, extra: ScoredHit[] = []) => scoreHits([{ rule: 'relay_abroad', strength, transactionIds: ['r1'] }, ...extra], compiled, familyOf);
  const alertAt = smugglingCollectionTypology().threshold;

  test('positive: a relay with two uplifts beyond the base (0.7: e.g. above the declared income and to a corridor country) alerts alone', () => {
    expect(smugglingCollectionTypology().weights['relay_abroad']).toBe(60);
    expect(relay(0.7).score).toBe(42);
    expect(relay(0.7).typologies[0]?.id).toBe('smuggling_collection');
  });

  test('boundary: two thirds (0.6667) reaches the threshold; 0.65 (base, all sent, cash, one uplift) stays one point below', () => {
    expect(relay(0.6667).score).toBe(alertAt);
    expect(relay(0.65).score).toBe(alertAt - 1);
  });

  test('negative: the bare relay (0.45–0.55) does not alert alone; a fee-sized amount (context) can lift it', () => {
    expect(relay(0.55).score).toBe(33);
    expect(relay(0.65, [{ rule: 'fee_match', strength: 0.4, transactionIds: ['r2'] }]).score).toBeGreaterThanOrEqual(alertAt);
  });

  test('look-alike: a business relay (× 0.5, an importer) or a licensed remitter (× 0.25) never alerts on it alone, even at full uplift', () => {
    expect(relay(0.9 * 0.5).score).toBeLessThan(alertAt);
    expect(relay(0.9 * 0.25).score).toBeLessThan(alertAt / 2);
  });
});

describe('cash_out_relay (relay_abroad with the cash machine as the way out) weighs as relay_abroad: 60, and 25 for an unlicensed remitter', () => {
  const relay = (strength: number, extra: ScoredHit[] = []) => scoreHits([{ rule: 'cash_out_relay', strength, transactionIds: ['c1'] }, ...extra], compiled, familyOf);
  const alertAt = smugglingCollectionTypology().threshold;

  test('positive: a cash-out relay of a new account, above the declared income and all of it withdrawn (0.7) alerts alone', () => {
    expect(smugglingCollectionTypology().weights['cash_out_relay']).toBe(60);
    expect(unlicensedRemitterTypology().weights['cash_out_relay']).toBe(25);
    expect(relay(0.7).score).toBe(42);
    expect(relay(0.7).typologies[0]?.id).toBe('smuggling_collection');
  });

  test('boundary: two thirds (0.6667) reaches the threshold; 0.65 stays one point below', () => {
    expect(relay(0.6667).score).toBe(alertAt);
    expect(relay(0.65).score).toBe(alertAt - 1);
  });

  test('look-alike: a business drawing cash (× 0.5) or a licensed remitter (× 0.25) never alerts on it alone', () => {
    expect(relay(0.8 * 0.5).score).toBeLessThan(alertAt);
    expect(relay(0.8 * 0.25).score).toBeLessThan(alertAt / 2);
  });
});
