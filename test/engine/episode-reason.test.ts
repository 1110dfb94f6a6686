import { describe, expect, test } from 'vitest';
import { addHit, episodeReason, type Episode } from '../../src/engine/episodes.js';
import type { RuleHit } from '../../src/rules/types.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-03T00:00:00Z');

function hit(fromDay: number, toDay: number, ids: readonly string[], strength: number, reason: string): RuleHit {
  return {
    rule: 'funnel_account', indicators: ['MS-FUN-01'], entity: { kind: 'account', id: 'A' }, strength,
    window: { from: T0 + fromDay * DAY, to: T0 + toDay * DAY }, transactionIds: ids, reason, facts: { payments: ids.length },
  };
}

const only = (episodes: Map<string, Episode[]>): Episode => episodes.get('funnel_account')![0]!;

describe('episodeReason: the sentence of a merged episode never seems to disagree with its evidence', () => {
  test('one hit: its own sentence, unchanged', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, hit(0, 6, ['T1', 'T2', 'T3'], 0.8, 'Possible funnel-account pattern: 3 payments.'));
    expect(episodeReason(only(episodes))).toBe('Possible funnel-account pattern: 3 payments.');
  });

  test('a stronger later hit that lists part of the evidence: the note', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, hit(0, 6, ['T1', 'T2', 'T3'], 0.5, 'weaker: 3 payments.'));
    addHit(episodes, hit(1, 6, ['T2', 'T3'], 0.9, 'stronger: 2 payments.'));
    // The strongest lists 2 of 3 ids: the note is needed.
    expect(episodeReason(only(episodes))).toBe(
      'stronger: 2 payments. [Strongest of the overlapping hits merged here: it lists 2 of the 3 evidence transactions, 2024-01-03 to 2024-01-09.]',
    );
  });

  test('the strongest hit lists fewer ids than the merged episode: the note states both counts and the span', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, hit(0, 7, ['T1', 'T2', 'T3', 'T4'], 0.9, 'Possible funnel-account pattern: 4 payments within 7 days.'));
    addHit(episodes, hit(5, 12, ['T4', 'T5', 'T6'], 0.6, 'Possible funnel-account pattern: 3 payments within 7 days.'));
    const ep = only(episodes);
    expect(ep.transactionCount).toBe(6);
    expect(ep.hit.reason).toBe('Possible funnel-account pattern: 4 payments within 7 days.');
    expect(episodeReason(ep)).toBe(
      'Possible funnel-account pattern: 4 payments within 7 days. [Strongest of the overlapping hits merged here: it lists 4 of the 6 evidence transactions, 2024-01-03 to 2024-01-15.]',
    );
  });
});
