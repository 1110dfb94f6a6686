import { describe, expect, test } from 'vitest';
import { scoreOfEntity } from '../../src/engine/build-alert.js';
import { resolveConfig } from '../../src/engine/config.js';
import type { Episode } from '../../src/engine/episodes.js';
import { scoreHits } from '../../src/scoring/score.js';
import type { RuleHit } from '../../src/rules/types.js';
import { AU_LIKE } from '../helpers/builders.js';

// scoreOfEntity keeps an entity's last score and gives it again while the entity's hits are the
// same objects (a monitor scores an entity after every change; most changes only add evidence ids).

function hit(rule: string, strength: number, ids: readonly string[]): RuleHit {
  return { rule, indicators: [], entity: { kind: 'account', id: 'A' }, strength, window: { from: 0, to: 10 }, transactionIds: ids as string[], reason: '', facts: {} };
}

function episode(h: RuleHit): Episode {
  return { key: h.rule, hit: h, from: h.window.from, to: h.window.to, ids: [...h.transactionIds], seen: new Map(h.transactionIds.map((id) => [id, h.window.to])), transactionCount: h.transactionIds.length };
}

function source(hits: readonly RuleHit[]) {
  return { kind: 'account' as const, id: 'A', anchor: 't1', evidence: undefined as object | undefined, episodes: new Map(hits.map((h) => [h.rule, [episode(h)]])) };
}

const config = resolveConfig({ jurisdiction: AU_LIKE, minScore: 0 });
const fresh = (hits: readonly RuleHit[]) => scoreHits(hits, config.typologies, config.familyOf);

describe('scoreOfEntity reuses an entity\'s score while its hits are unchanged', () => {
  test('the same hits again (evidence ids added to the episode) give the same score object, equal to scoring afresh', () => {
    const funnel = hit('funnel_account', 0.6, ['t1', 't2']);
    const fee = hit('fee_match', 0.4, ['t2']);
    const state = source([funnel, fee]);
    const first = scoreOfEntity(state, config);
    expect(first.score).toEqual(fresh([funnel, fee]));
    expect(first.score.score).toBeGreaterThan(0);
    expect(first.anyStrength).toBe(true);
    // A merge that only brings ids changes the episode, not its hit.
    const ep = state.episodes.get('funnel_account')?.[0] as Episode;
    ep.ids.push('t3');
    ep.transactionCount++;
    ep.to = 20;
    const again = scoreOfEntity(state, config);
    expect(again.score).toBe(first.score);
  });

  test('a stronger hit replacing an episode\'s hit is scored afresh', () => {
    const weak = hit('funnel_account', 0.45, ['t1', 't2']);
    const state = source([weak]);
    const before = scoreOfEntity(state, config).score;
    const strong = hit('funnel_account', 0.95, ['t1', 't2', 't3']);
    (state.episodes.get('funnel_account')?.[0] as Episode).hit = strong;
    const after = scoreOfEntity(state, config).score;
    expect(after).toEqual(fresh([strong]));
    expect(after.score).toBeGreaterThan(before.score);
  });

  test('a new episode, or another configuration, is scored afresh', () => {
    const funnel = hit('funnel_account', 0.6, ['t1']);
    const state = source([funnel]);
    const before = scoreOfEntity(state, config).score;
    const fee = hit('fee_match', 0.4, ['t2']);
    state.episodes.set('fee_match', [episode(fee)]);
    const withFee = scoreOfEntity(state, config).score;
    expect(withFee).not.toBe(before);
    expect(withFee).toEqual(fresh([funnel, fee]));
    const other = resolveConfig({ jurisdiction: AU_LIKE, minScore: 0, typologies: [] });
    expect(scoreOfEntity(state, other).score).toEqual(scoreHits([funnel, fee], other.typologies, other.familyOf));
    expect(scoreOfEntity(state, other).score.score).toBe(0);
  });

  test('an entity with the same hits as another, but its own state, is scored on its own (no sharing between entities)', () => {
    const a = source([hit('funnel_account', 0.6, ['t1'])]);
    const b = source([hit('funnel_account', 0.9, ['t1'])]);
    expect(scoreOfEntity(a, config).score).toEqual(fresh([(a.episodes.get('funnel_account')?.[0] as Episode).hit]));
    expect(scoreOfEntity(b, config).score).toEqual(fresh([(b.episodes.get('funnel_account')?.[0] as Episode).hit]));
  });
});
