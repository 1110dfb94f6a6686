import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addHit, pruneEpisodes, type Episode } from '../../src/engine/episodes.js';
import type { RuleHit } from '../../src/rules/types.js';

// addHit skips the `seen` look-ups for the run of a re-fired hit's evidence that repeats the previous
// hit's list. These tests hold the merge to the id-by-id merge it shortcuts, including the cases the
// shortcut must not take: ids forgotten by pruning that come again, and a rule handing back the same
// array with ids added.

function hit(from: number, to: number, ids: readonly string[], strength = 0.5): RuleHit {
  return { rule: 'r', indicators: [], entity: { kind: 'account', id: 'A' }, strength, window: { from, to }, transactionIds: ids as string[], reason: '', facts: {} };
}

/** The id-by-id merge and pruning (episodes.ts without the shortcut), for one rule. */
function referenceModel() {
  const list: { from: number; to: number; ids: string[]; seen: Map<string, number>; count: number }[] = [];
  return {
    add(h: RuleHit): void {
      const last = list[list.length - 1];
      if (last !== undefined && h.window.from <= last.to) {
        for (const id of h.transactionIds) {
          if (last.seen.has(id)) continue;
          last.seen.set(id, h.window.to);
          last.count++;
          if (last.ids.length < 1000) last.ids.push(id);
        }
        last.from = Math.min(last.from, h.window.from);
        last.to = Math.max(last.to, h.window.to);
        return;
      }
      list.push({ from: h.window.from, to: h.window.to, ids: h.transactionIds.slice(0, 1000), seen: new Map(h.transactionIds.map((id) => [id, h.window.to])), count: h.transactionIds.length });
      if (list.length > 20) list.shift();
    },
    prune(horizon: number): void {
      for (const ep of list) {
        if (ep.from >= horizon) continue;
        if (ep.to < horizon) ep.seen.clear();
        else for (const [id, to] of ep.seen) if (to < horizon) ep.seen.delete(id);
      }
    },
    view: () => list.map((e) => ({ count: e.count, ids: e.ids, seen: [...e.seen] })),
  };
}

const view = (episodes: Map<string, Episode[]>) => (episodes.get('r') ?? []).map((e) => ({ count: e.transactionCount, ids: e.ids, seen: [...e.seen] }));

describe('a re-fired hit merges only the evidence its previous hit did not list', () => {
  test('sliding evidence lists (front dropped, ids appended or inserted, pruning at any horizon) merge exactly as id by id', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            step: fc.integer({ min: 0, max: 30 }),
            drop: fc.nat({ max: 4 }),
            add: fc.nat({ max: 3 }),
            insertAt: fc.option(fc.nat(), { nil: undefined }),
            restart: fc.boolean(),
            prune: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (steps) => {
          const episodes = new Map<string, Episode[]>();
          const model = referenceModel();
          let now = 1_000;
          let next = 0;
          let ids: string[] = [];
          for (const s of steps) {
            now += s.step;
            // The window moves on: a few old ids leave the front, new ones arrive at the end (or, rarely, in the middle).
            ids = s.restart ? [] : ids.slice(Math.min(s.drop, ids.length));
            for (let k = 0; k < s.add; k++) ids.push(`E${next++}`);
            if (s.insertAt !== undefined && ids.length > 0) ids.splice(s.insertAt % ids.length, 0, `E${next++}`);
            if (ids.length === 0) ids.push(`E${next++}`);
            const h = hit(now - 40, now, [...ids]);
            addHit(episodes, h);
            model.add(h);
            if (s.prune !== undefined) {
              pruneEpisodes(episodes, now - s.prune);
              model.prune(now - s.prune);
            }
            expect(view(episodes)).toEqual(model.view());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an id forgotten by pruning that a later hit lists again is counted again, as id by id', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, hit(100, 200, ['a', 'b', 'c']));
    addHit(episodes, hit(150, 300, ['b', 'c', 'd']));
    // 'a', 'b', 'c' came with the hit ending at 200: forgotten at horizon 201; the episode itself reaches 300.
    expect(pruneEpisodes(episodes, 201)).toBe(3);
    // The previous hit's list again: 'b' and 'c' are no longer in `seen`, so they count again.
    addHit(episodes, hit(150, 310, ['b', 'c', 'd']));
    const ep = episodes.get('r')?.[0] as Episode;
    expect(ep.transactionCount).toBe(6);
    expect(ep.ids).toEqual(['a', 'b', 'c', 'd', 'b', 'c']);
  });

  test('a hit repeating the previous list exactly adds nothing; one more id at its end adds that id only', () => {
    const episodes = new Map<string, Episode[]>();
    addHit(episodes, hit(100, 200, ['a', 'b', 'c']));
    expect(addHit(episodes, hit(100, 200, ['a', 'b', 'c']))).toBe(false);
    expect(addHit(episodes, hit(100, 200, ['b', 'c', 'd']))).toBe(true);
    const ep = episodes.get('r')?.[0] as Episode;
    expect(ep.transactionCount).toBe(4);
    expect(ep.ids).toEqual(['a', 'b', 'c', 'd']);
  });

  test('the same array handed back with ids added is merged id by id (the added ids count)', () => {
    const episodes = new Map<string, Episode[]>();
    const shared = ['a', 'b'];
    addHit(episodes, hit(100, 200, shared));
    shared.push('c');
    addHit(episodes, hit(100, 210, shared));
    const ep = episodes.get('r')?.[0] as Episode;
    expect(ep.transactionCount).toBe(3);
    expect(ep.ids).toEqual(['a', 'b', 'c']);
  });
});
