import { describe, expect, test } from 'vitest';
import { addHit, type Episode } from '../../src/engine/episodes.js';
import type { EntityRef, RuleHit } from '../../src/rules/types.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-03T00:00:00Z');
const acc = (...ids: string[]): EntityRef[] => ids.map((id) => ({ kind: 'account', id }));

function hit(rule: string, variant: string | undefined, day: number, strength: number, related: EntityRef[], facts: RuleHit['facts']): RuleHit {
  return {
    rule, ...(variant === undefined ? {} : { variant }), indicators: ['MS-DEBT-01'], entity: { kind: 'account', id: 'AGENT' }, strength,
    window: { from: T0 + day * DAY, to: T0 + (day + 30) * DAY }, transactionIds: [`T${day}`], reason: `hit on day ${day}`, facts, related,
  };
}
const collector = (day: number, strength: number, ...payers: string[]) => hit('debt_repayment', 'collector', day, strength, acc(...payers), { payerClusters: 3 });
const related = (episodes: Map<string, Episode[]>, key: string) => episodes.get(key)?.[0]?.hit.related?.map((r) => r.id);

describe('episodes: a collector\'s episode names every payer any of its hits named (issue 14)', () => {
  test('positive: a later hit no stronger than the first, naming one more payer, adds it after the others; the strongest hit\'s reason stays', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, collector(0, 0.9, 'W0', 'W1', 'W2'));
    expect(addHit(episodes, collector(5, 0.9, 'W1', 'W3'))).toBe(true);
    expect(related(episodes, 'debt_repayment|collector')).toEqual(['W0', 'W1', 'W2', 'W3']);
    expect(episodes.get('debt_repayment|collector')?.[0]?.hit.reason).toBe('hit on day 0');
    // A stronger hit takes over the reason and keeps the payers named before it.
    addHit(episodes, collector(6, 0.95, 'W4'));
    expect(related(episodes, 'debt_repayment|collector')).toEqual(['W4', 'W0', 'W1', 'W2', 'W3']);
    expect(episodes.get('debt_repayment|collector')?.[0]?.hit.reason).toBe('hit on day 6');
  });

  test('negative: a later hit naming no one new changes nothing it names; other rules\' links stay the strongest hit\'s', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, collector(0, 0.9, 'W0', 'W1'));
    const before = episodes.get('debt_repayment|collector')?.[0]?.hit;
    addHit(episodes, collector(0, 0.5, 'W1'));
    expect(episodes.get('debt_repayment|collector')?.[0]?.hit).toBe(before);
    addHit(episodes, hit('funnel_account', undefined, 0, 0.9, acc('X1'), { payments: 3 }));
    addHit(episodes, hit('funnel_account', undefined, 1, 0.6, acc('X2'), { payments: 3 }));
    expect(related(episodes, 'funnel_account')).toEqual(['X1']);
  });

  test('boundary: only overlapping hits merge — a hit starting the day after the episode ends opens a new one with its own payers', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, collector(0, 0.9, 'W0'));
    addHit(episodes, collector(30, 0.9, 'W1'));
    expect(related(episodes, 'debt_repayment|collector')).toEqual(['W0', 'W1']);
    addHit(episodes, collector(61, 0.9, 'W2'));
    expect(episodes.get('debt_repayment|collector')?.map((e) => e.hit.related?.map((r) => r.id))).toEqual([['W0', 'W1'], ['W2']]);
  });

  test('the rules\' hits are not changed by the merges, and a long run of merges keeps every payer once, in first-named order', () => {
    const episodes = new Map<string, Episode[]>();
    const first = collector(0, 0.9, 'W0');
    addHit(episodes, first);
    const hits = Array.from({ length: 200 }, (_, i) => collector(1, 0.5, `W${i}`, `W${i + 1}`));
    for (const h of hits) addHit(episodes, h);
    expect(related(episodes, 'debt_repayment|collector')).toEqual(Array.from({ length: 201 }, (_, i) => `W${i}`));
    expect(first.related?.map((r) => r.id)).toEqual(['W0']);
    expect(hits.every((h, i) => h.related?.map((r) => r.id).join() === `W${i},W${i + 1}`)).toBe(true);
    // A stronger hit takes over with its own payers first; its array, too, stays the rule's.
    const strong = collector(2, 0.95, 'W300', 'W5');
    addHit(episodes, strong);
    expect(related(episodes, 'debt_repayment|collector')?.slice(0, 4)).toEqual(['W300', 'W5', 'W0', 'W1']);
    expect(related(episodes, 'debt_repayment|collector')).toHaveLength(202);
    expect(strong.related?.map((r) => r.id)).toEqual(['W300', 'W5']);
  });
});
