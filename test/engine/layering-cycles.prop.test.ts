import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LAYERING_MAX_CYCLE_HOPS, LAYERING_MAX_PATHS_PER_START, LAYERING_MIN_CYCLE_HOPS, layeringCycles } from '../../src/engine/layering.js';

/** The search as first written, over string ids (the reference): depth first from each account in id order, larger ids only, successors in id order. */
function reference(next: ReadonlyMap<string, ReadonlyMap<string, unknown>>): { cycles: string[][]; spent: boolean } {
  const out: string[][] = [];
  let spent = false;
  const successors = new Map([...next].map(([node, succ]) => [node, [...succ.keys()].sort()]));
  for (const start of [...next.keys()].sort()) {
    let explored = 0;
    const path = [start];
    const walk = (node: string): void => {
      const succ = successors.get(node);
      if (succ === undefined) return;
      for (const to of succ) {
        if (++explored > LAYERING_MAX_PATHS_PER_START) {
          spent = true;
          return;
        }
        if (to === start && path.length >= LAYERING_MIN_CYCLE_HOPS) {
          out.push([...path]);
          continue;
        }
        if (to <= start || path.includes(to) || path.length >= LAYERING_MAX_CYCLE_HOPS) continue;
        path.push(to);
        walk(to);
        path.pop();
      }
    };
    walk(start);
  }
  return { cycles: out, spent };
}

/** Hop graphs over up to 40 accounts, sparse to dense (dense ones spend the search bound); ids of mixed length so that id order is not number order. */
const arbGraph = fc.tuple(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 12 })).chain(([n, degree]) =>
  fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: n * degree, maxLength: n * degree }).map((pairs) => {
    const id = (i: number) => `A${i % 3 === 0 ? '' : '0'}${i}`;
    const next = new Map<string, Map<string, number>>();
    for (const [a, b] of pairs) {
      if (a === b) continue;
      const m = next.get(id(a)) ?? new Map<string, number>();
      m.set(id(b), 1);
      next.set(id(a), m);
    }
    return next;
  }));

describe('layering cycle search', () => {
  test('finds exactly the cycles, in the order, of the string-id search it replaced, the search bound included', () => {
    let withCycles = 0;
    let bounded = 0;
    fc.assert(
      fc.property(arbGraph, (next) => {
        const expected = reference(next);
        expect(layeringCycles(next)).toEqual(expected.cycles);
        if (expected.cycles.length > 0) withCycles++;
        // Graphs where some start's search was spent (more successors reachable than the bound lets it examine).
        if (expected.spent) bounded++;
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(withCycles).toBeGreaterThan(100);
    expect(bounded).toBeGreaterThan(30);
  });

  test('a five-account loop is one cycle from its smallest id; four accounts are none', () => {
    const loop = (ids: string[]) => new Map(ids.map((a, i) => [a, new Map([[ids[(i + 1) % ids.length] as string, 1]])]));
    expect(layeringCycles(loop(['C', 'E', 'A', 'B', 'D']))).toEqual([['A', 'B', 'D', 'C', 'E']]);
    expect(layeringCycles(loop(['C', 'A', 'B', 'D']))).toEqual([]);
  });
});
