import { expect, test } from 'vitest';
import { leadingHit } from '../../src/report/leading-hit.js';
import { alert, hit } from './fixtures.js';

test('the leading hit is the strongest of the rule earning most base points, never a context multiplier', () => {
  const context = hit('round_amounts', [], { strength: 1 });
  const weak = hit('funnel_account', [], { strength: 0.4 });
  const strong = hit('funnel_account', [], { strength: 0.9 });
  const a = alert({ kind: 'account', id: 'X' }, [context, weak, strong], {
    contributions: [
      { rule: 'round_amounts', typology: 't', weight: 0.1, strength: 1, points: 10 },
      { rule: 'funnel_account', typology: 't', weight: 60, strength: 0.9, points: 50 },
    ],
  });
  expect(leadingHit(a)).toBe(strong);
  expect(leadingHit({ ...a, contributions: [] })).toBe(context);
  expect(leadingHit({ ...a, hits: [] })).toBeUndefined();
});
