import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addHit, pruneEpisodes, type Episode } from '../../src/engine/episodes.js';
import type { RuleHit } from '../../src/rules/types.js';

const W = 100; // the entity's retention: a hit lists only events with ts in [newest − W, newest]

/** A hit at time `now` listing the events (id = its time) picked from its window. */
function hitAt(now: number, picks: readonly number[], variant?: string): RuleHit {
  const times = [...new Set(picks.map((p) => now - (p % (W + 1))))].sort((a, b) => a - b);
  return {
    rule: 'r', indicators: [], entity: { kind: 'account', id: 'A' }, strength: 0.5,
    window: { from: times[0] as number, to: now }, transactionIds: times.map((t) => `E${t}`), reason: '', facts: {},
    ...(variant === undefined ? {} : { variant }),
  };
}

/** The engine before pruning: an unbounded set of every id merged, per episode. */
function unboundedModel(hits: readonly RuleHit[]): { count: number; ids: string[] }[] {
  const episodes: { to: number; all: Set<string>; ids: string[]; count: number }[] = [];
  for (const h of hits) {
    const last = episodes[episodes.length - 1];
    if (last !== undefined && h.window.from <= last.to) {
      for (const id of h.transactionIds) if (!last.all.has(id)) { last.all.add(id); last.count++; if (last.ids.length < 1000) last.ids.push(id); }
      last.to = Math.max(last.to, h.window.to);
    } else episodes.push({ to: h.window.to, all: new Set(h.transactionIds), ids: h.transactionIds.slice(0, 1000), count: h.transactionIds.length });
  }
  return episodes.slice(-20).map((e) => ({ count: e.count, ids: e.ids }));
}

describe('episodes forget ids no later hit can list', () => {
  test('pruning at the retention horizon keeps counts and evidence exact, and memory bounded by the window', () => {
    let pruned = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.integer({ min: 0, max: 60 }), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), prune: fc.boolean() }), { minLength: 1, maxLength: 80 }),
        (steps) => {
          const episodes = new Map<string, Episode[]>();
          const hits: RuleHit[] = [];
          let now = 1_000;
          let forgotten = 0;
          for (const s of steps) {
            now += s.step;
            const hit = hitAt(now, s.picks);
            hits.push(hit);
            addHit(episodes, hit);
            if (s.prune) forgotten += pruneEpisodes(episodes, now - W);
            // Nothing older than the horizon of the last prune stays: memory follows the window.
            if (s.prune) for (const ep of episodes.get('r') ?? []) for (const to of ep.seen.values()) expect(to).toBeGreaterThanOrEqual(now - W);
          }
          if (forgotten > 0) pruned++;
          const got = (episodes.get('r') ?? []).map((e) => ({ count: e.transactionCount, ids: e.ids }));
          expect(got).toEqual(unboundedModel(hits));
        },
      ),
      { numRuns: 400 },
    );
    expect(pruned).toBeGreaterThan(100);
  });

  test('an id brought by a hit that ended exactly at the horizon is kept; one unit earlier it goes', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, hitAt(500, [0]));
    expect(pruneEpisodes(episodes, 500)).toBe(0);
    expect(pruneEpisodes(episodes, 501)).toBe(1);
    expect(episodes.get('r')?.[0]?.transactionCount).toBe(1);
  });
});
