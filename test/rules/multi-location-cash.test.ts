import { describe, expect, test } from 'vitest';
import { multiLocationCash } from '../../src/rules/structuring/multi-location-cash.js';
import { deposit, hitsOf, withdrawal } from '../helpers/builders.js';

describe('multi_location_cash (MS-STR-03 a)', () => {
  test('AUSTRAC father–son: withdrawals at three branches on one day fire', () => {
    const txs = [
      withdrawal('S1', 900_000, 0, { location: 'BR-PERTH' }),
      withdrawal('S1', 800_000, 2, { location: 'BR-FREO' }),
      withdrawal('S1', 700_000, 4, { location: 'BR-JOON' }),
    ];
    const hits = hitsOf([multiLocationCash()], txs);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ locations: 3, totalMinor: 2_400_000, direction: 'withdrawal' });
  });

  test('two locations are not enough; three on different days are not the same day', () => {
    expect(hitsOf([multiLocationCash()], [withdrawal('S', 600_000, 0, { location: 'a' }), withdrawal('S', 600_000, 1, { location: 'b' })])).toHaveLength(0);
    const days = [withdrawal('S', 600_000, 0, { location: 'a' }), withdrawal('S', 600_000, 24, { location: 'b' }), withdrawal('S', 600_000, 48, { location: 'c' })];
    expect(hitsOf([multiLocationCash()], days)).toHaveLength(0);
  });

  test('the day total must reach γ·T: exactly half fires, one minor unit less does not', () => {
    const at = (a: number, b: number, c: number) => [deposit('X', a, 0, { location: 'a' }), deposit('X', b, 1, { location: 'b' }), deposit('X', c, 2, { location: 'c' })];
    expect(hitsOf([multiLocationCash()], at(200_000, 200_000, 100_000)).filter((h) => h.entity.kind === 'account')).toHaveLength(1);
    expect(hitsOf([multiLocationCash()], at(200_000, 200_000, 99_999)).filter((h) => h.entity.kind === 'account')).toHaveLength(0);
  });

  test('a reportable withdrawal that day means no avoidance', () => {
    const txs = [withdrawal('S', 1_000_000, 0, { location: 'a' }), withdrawal('S', 600_000, 1, { location: 'b' }), withdrawal('S', 600_000, 2, { location: 'c' })];
    expect(hitsOf([multiLocationCash()], txs)).toHaveLength(0);
  });
});
