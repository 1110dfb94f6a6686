import { describe, expect, test } from 'vitest';
import { declaredIncome } from '../../src/rules/_income.js';
import type { Party } from '../../src/schema/reference-data.js';

describe('declaredIncome: the holder\u2019s declared monthly income, parsed once per party record', () => {
  test('minor units of the asked currency; 0 declared as zero; undefined when absent or not an amount', () => {
    const party: Party = { party: 'H', declaredMonthlyIncome: '1700.50' };
    expect(declaredIncome({ party }, 'MYR')).toBe(170_050);
    expect(declaredIncome({ party: { party: 'Z', declaredMonthlyIncome: ' 0.00 ' } }, 'MYR')).toBe(0);
    expect(declaredIncome({ party: { party: 'N' } }, 'MYR')).toBeUndefined();
    expect(declaredIncome({ party: undefined }, 'MYR')).toBeUndefined();
    expect(declaredIncome({ party: { party: 'X', declaredMonthlyIncome: 'about 2k' } }, 'MYR')).toBeUndefined();
  });

  test('a zero needs a digit: "0", "0.00" and ".0" are declared zeros; a blank field is no declaration', () => {
    for (const text of ['0', '0.00', '.0']) expect(declaredIncome({ party: { party: `Z${text}`, declaredMonthlyIncome: text } }, 'MYR')).toBe(0);
    for (const text of ['', '  ']) expect(declaredIncome({ party: { party: `B${text}`, declaredMonthlyIncome: text } }, 'MYR')).toBeUndefined();
  });

  test('the cache answers per currency and per text: another exponent or an edited record is parsed again', () => {
    const party: { party: string; declaredMonthlyIncome: string } = { party: 'H', declaredMonthlyIncome: '1200' };
    expect(declaredIncome({ party }, 'MYR')).toBe(120_000);
    expect(declaredIncome({ party }, 'JPY')).toBe(1_200); // exponent 0
    expect(declaredIncome({ party }, 'MYR')).toBe(120_000);
    party.declaredMonthlyIncome = '1500';
    expect(declaredIncome({ party }, 'MYR')).toBe(150_000);
  });
});
