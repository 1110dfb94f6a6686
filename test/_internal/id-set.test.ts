import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createIdSet, idSetHash, type IdSetOptions } from '../../src/_internal/id-set.js';

/** Ids of every kind the set must keep apart, weighted so that repeats are common. */
const arbId = fc.oneof(
  // a tiny alphabet: many repeats and many ids in the same slot
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'T', '1'), maxLength: 4 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 2 }, // any code point, lone surrogates included
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 },
  // look-alikes at the one-byte edge: Latin-1 in the arena, U+0100 (0x00 in a byte) and beyond in the fallback
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'é', '\u0080', '\u00ff', '\u0100', '\u0000', '€'), maxLength: 3 }), weight: 2 },
  // around the longest id the arena keeps (255), and far past it
  { arbitrary: fc.tuple(fc.integer({ min: 250, max: 260 }), fc.constantFrom('k', 'kk', 'é')).map(([n, c]) => c.repeat(n).slice(0, n)), weight: 1 },
  { arbitrary: fc.constant('x'.repeat(5000)), weight: 1 },
);

const arbOp = fc.tuple(fc.constantFrom('add', 'add', 'has'), arbId);

/** Small tables and chunks so that a few hundred ids grow both, and an arena limit that overflows into the fallback. */
const arbOptions: fc.Arbitrary<IdSetOptions> = fc.record(
  {
    initialCapacity: fc.constantFrom(1, 8, 16, 1024),
    chunkBytes: fc.constantFrom(256, 512, 1 << 20),
    maxArenaBytes: fc.constantFrom(600, 5_000, 2 ** 31),
  },
  { requiredKeys: [] },
);

const outsideLayout = (id: string): boolean => id.length > 255 || /[^\x00-\xff]/.test(id);

describe('createIdSet', () => {
  test('agrees with Set<string> on any sequence of adds and lookups, across growth and the fallback', () => {
    let repeats = 0;
    let grownTwice = 0;
    let chunked = 0;
    let wide = 0;
    let overflowed = 0;
    let runs = 0;
    fc.assert(
      fc.property(arbOptions, fc.array(arbOp, { maxLength: 400, size: 'max' }), (options, ops) => {
        const set = createIdSet(options);
        const model = new Set<string>();
        const startCapacity = set.stats().capacity;
        for (const [op, id] of ops) {
          if (op === 'add') {
            const isNew = !model.has(id);
            model.add(id);
            expect(set.add(id)).toBe(isNew);
            if (!isNew) repeats++;
          } else {
            expect(set.has(id)).toBe(model.has(id));
          }
          expect(set.size).toBe(model.size);
        }
        for (const id of model) expect(set.has(id)).toBe(true);
        const stats = set.stats();
        expect(stats.tableIds + stats.fallbackIds).toBe(model.size);
        const outside = [...model].filter(outsideLayout).length;
        runs++;
        if (stats.capacity >= startCapacity * 4) grownTwice++;
        if (stats.chunks > 1) chunked++;
        if (outside > 0) wide++;
        if (stats.fallbackIds > outside) overflowed++; // one-byte ids that met a full arena
      }),
      { numRuns: 300, seed: 20261206 },
    );
    // The paths the property must have walked, not just the happy one.
    expect(runs).toBe(300);
    expect(repeats).toBeGreaterThan(5_000);
    expect(grownTwice).toBeGreaterThan(60);
    expect(chunked).toBeGreaterThan(60);
    expect(wide).toBeGreaterThan(200);
    expect(overflowed).toBeGreaterThan(40);
  });

  test('ids whose 32-bit hashes collide are still different ids', () => {
    // Among 300,000 scattered ids some pairs share a full hash (birthday bound: ~10 expected; ids
    // like T0..T299999 that differ in a few trailing digits happen to have none).
    const byHash = new Map<number, string>();
    const pairs: [string, string][] = [];
    for (let i = 0; i < 300_000; i++) {
      const id = (Math.imul(i, 2654435761) >>> 0).toString(36);
      const h = idSetHash(id) as number;
      const other = byHash.get(h);
      if (other !== undefined) pairs.push([other, id]);
      else byHash.set(h, id);
    }
    expect(pairs.length).toBeGreaterThan(2);
    const set = createIdSet({ initialCapacity: 8 });
    for (const [a, b] of pairs) {
      expect(set.add(a)).toBe(true);
      expect(set.has(b)).toBe(false);
      expect(set.add(b)).toBe(true);
      expect(set.add(a)).toBe(false);
      expect(set.add(b)).toBe(false);
    }
    expect(set.size).toBe(pairs.length * 2);
  });

  test('a million sequential ids: each new once, then each a repeat', () => {
    const set = createIdSet();
    const n = 1_000_000;
    let fresh = 0;
    for (let i = 0; i < n; i++) if (set.add(`T${i}`)) fresh++;
    expect(fresh).toBe(n);
    let again = 0;
    for (let i = 0; i < n; i++) if (!set.add(`T${i}`)) again++;
    expect(again).toBe(n);
    expect(set.has(`T${n}`)).toBe(false);
    const stats = set.stats();
    expect(stats).toMatchObject({ tableIds: n, fallbackIds: 0, capacity: 2 ** 21 });
    // 8 bytes a slot, 1/0.75 to 2/0.75 slots an id, plus the id's length + 1 in the arena: far below a Set<string>.
    expect(stats.bytes).toBeLessThan(26 * n);
  });

  test('no typed array over 512 KiB with small arena chunks: the table is in pages (a freed multi-megabyte array would raise glibc\'s thresholds)', () => {
    const set = createIdSet({ chunkBytes: 4096 });
    for (let i = 0; i < 200_000; i++) set.add(`TX${i}`);
    const stats = set.stats();
    expect(stats.capacity).toBe(2 ** 19); // one 4 MiB array of slots and hashes before the pages
    expect(stats.largestArray).toBe(512 * 1024);
    expect(set.has('TX199999') && !set.has('TX200000')).toBe(true);
  });

  test('the edges of the layout', () => {
    const set = createIdSet({ chunkBytes: 256, initialCapacity: 8 });
    const cases = ['', 'a', 'k'.repeat(255), 'k'.repeat(256), 'é', 'e', '\u0000', '\u007f', '\u0080', '\u00ff', '\u0100', '😀', '\ud800', 'T1', 'T1 ', ' T1'];
    for (const id of cases) expect(set.add(id)).toBe(true);
    for (const id of cases) expect(set.add(id)).toBe(false);
    expect(set.size).toBe(cases.length);
    expect(set.has('k'.repeat(254))).toBe(false);
    expect(set.has('k'.repeat(257))).toBe(false);
    expect(set.has('T')).toBe(false);
    // '' and the one-byte ids in the table; the long one and those with a character above U+00FF in the fallback
    expect(set.stats()).toMatchObject({ tableIds: 12, fallbackIds: 4 });
    // a 255-character id fills a 256-byte chunk exactly: the next id opens a new chunk
    expect(set.stats().chunks).toBe(3);
  });

  test('an arena at its limit sends new one-byte ids to the fallback and still finds the old ones', () => {
    const set = createIdSet({ chunkBytes: 256, maxArenaBytes: 512 });
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    for (const id of ids) expect(set.add(id)).toBe(true);
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (const id of ids) expect(set.add(id)).toBe(false);
    const stats = set.stats();
    expect(stats.chunks).toBe(2);
    expect(stats.fallbackIds).toBeGreaterThan(100);
    expect(stats.tableIds + stats.fallbackIds).toBe(200);
  });

  test('clear() empties the set and reuses its pages and chunks; forEachId and copyId give back every id', () => {
    const set = createIdSet({ chunkBytes: 256, initialCapacity: 8 });
    const ids = [...Array.from({ length: 100 }, (_, i) => `id-${i}`), '€', 'k'.repeat(300)];
    for (const id of ids) set.add(id);
    const before = set.stats();
    const back: string[] = [];
    const out = new Uint8Array(256);
    set.forEachId(
      (hash, offset) => {
        const n = set.copyId(offset, out, 0);
        const id = String.fromCharCode(...out.subarray(0, n));
        expect(hash).toBe(idSetHash(id));
        back.push(id);
      },
      (id) => back.push(id),
    );
    expect(back.sort()).toEqual([...ids].sort());
    set.clear();
    expect(set.size).toBe(0);
    for (const id of ids) expect(set.has(id)).toBe(false);
    for (const id of ids.slice(50)) expect(set.add(id)).toBe(true);
    for (const id of ids.slice(50)) expect(set.add(id)).toBe(false);
    expect(set.has('id-0')).toBe(false);
    expect(set.stats()).toMatchObject({ capacity: before.capacity, chunks: before.chunks, tableIds: 50, fallbackIds: 2 });
  });

  test('rejects a chunk size it cannot address', () => {
    expect(() => createIdSet({ chunkBytes: 100 })).toThrow(RangeError);
    expect(() => createIdSet({ chunkBytes: 300 })).toThrow(RangeError);
  });
});
