import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { createBoundedIdSet, type BoundedIdSetOptions } from '../../src/_internal/bounded-id-set.js';
import { idHash, idSetHash } from '../../src/_internal/id-set.js';

/** This file's own parent for the sets' private directories: whatever is left in it is a leak. */
const parent = mkdtempSync(join(tmpdir(), 'tidewatch-ids-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Ids of every kind, weighted so that repeats are common (as in id-set.test.ts). */
const arbId = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'T', '1'), maxLength: 4 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'é', '\u00ff', '\u0100', '\u0000', '€'), maxLength: 3 }), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 250, max: 260 }), fc.constantFrom('k', 'é')).map(([n, c]) => c.repeat(n)), weight: 1 },
  { arbitrary: fc.constant('x'.repeat(5000)), weight: 1 },
);
const arbOp = fc.tuple(fc.constantFrom('add', 'add', 'has'), arbId);

/** Ids T539599/T722382 (and two more pairs) share their full 32-bit hash. */
const COLLIDING: readonly [string, string][] = [['T539599', 'T722382'], ['T539598', 'T722383'], ['T539593', 'T722388']];

describe('createBoundedIdSet', () => {
  test('agrees with Set<string> on any sequence of adds and lookups, whatever the table size', () => {
    let repeats = 0;
    let repeatsOnDisk = 0;
    let manyRuns = 0;
    fc.assert(
      fc.property(fc.constantFrom<BoundedIdSetOptions>({ maxTableIds: 1 }, { maxTableIds: 3 }, { maxTableIds: 20 }, { memoryBytes: 300 }, {}), fc.array(arbOp, { maxLength: 300, size: 'max' }), (options, ops) => {
        const set = createBoundedIdSet({ ...options, tempDir: parent });
        const model = new Set<string>();
        try {
          for (const [op, id] of ops) {
            if (op === 'add') {
              const isNew = !model.has(id);
              model.add(id);
              // A repeat whose first occurrence is no longer in the table: found on disk.
              const onDisk = !isNew && set.stats().runs > 0 && set.stats().tableIds < model.size;
              expect(set.add(id)).toBe(isNew);
              if (!isNew) repeats++;
              if (onDisk) repeatsOnDisk++;
            } else expect(set.has(id)).toBe(model.has(id));
            expect(set.size).toBe(model.size);
          }
          for (const id of model) expect(set.has(id)).toBe(true);
          if (set.stats().runs >= 10) manyRuns++;
        } finally {
          set.dispose();
        }
        expect(readdirSync(parent)).toEqual([]);
      }),
      { numRuns: 200, seed: 20261207 },
    );
    expect(repeats).toBeGreaterThan(3_000);
    expect(repeatsOnDisk).toBeGreaterThan(1_000);
    expect(manyRuns).toBeGreaterThan(50);
  });

  test('ids whose 32-bit hashes collide are told apart on disk', () => {
    for (const [a, b] of COLLIDING) expect(idSetHash(a)).toBe(idSetHash(b));
    const set = createBoundedIdSet({ maxTableIds: 1, tempDir: parent });
    try {
      for (const [a] of COLLIDING) expect(set.add(a)).toBe(true);
      expect(set.add('filler')).toBe(true); // the last of them goes to disk too
      expect(set.stats().runs).toBe(3);
      for (const [a, b] of COLLIDING) {
        expect(set.has(a)).toBe(true);
        expect(set.has(b)).toBe(false);
        expect(set.add(b)).toBe(true);
        expect(set.add(a)).toBe(false);
      }
    } finally {
      set.dispose();
    }
  });

  test('a table of exactly maxTableIds ids stays in memory; one id more writes a run', () => {
    const set = createBoundedIdSet({ maxTableIds: 4, tempDir: parent });
    try {
      for (const id of ['a', 'b', 'c', 'd']) set.add(id);
      expect(set.stats()).toMatchObject({ tableIds: 4, runs: 0, dir: undefined });
      expect(readdirSync(parent)).toEqual([]);
      expect(set.add('a')).toBe(false); // a repeat is not an id more
      expect(set.stats().runs).toBe(0);
      expect(set.add('e')).toBe(true);
      expect(set.stats()).toMatchObject({ tableIds: 1, runs: 1, spilledIds: 4 });
      const dir = set.stats().dir as string;
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      for (const id of ['a', 'b', 'c', 'd', 'e']) expect(set.add(id)).toBe(false);
      expect(set.has('f')).toBe(false);
      set.dispose();
      expect(existsSync(dir)).toBe(false);
      set.dispose(); // twice is fine
      expect(() => set.add('g')).toThrow(/after dispose/);
    } finally {
      set.dispose();
    }
  });

  test('a million sequential ids under 8 MiB: each new once, then each a repeat, with 2 bytes an id written out kept in memory', () => {
    // 196,608 ids a run: three pages of sort keys (65,536 each) merged as the run is written
    const set = createBoundedIdSet({ memoryBytes: 8 * 2 ** 20, tempDir: parent });
    try {
      const n = 1_000_000;
      let fresh = 0;
      for (let i = 0; i < n; i++) if (set.add(`T${i}`)) fresh++;
      expect(fresh).toBe(n);
      let again = 0;
      for (let i = 0; i < n; i += 7) if (!set.add(`T${i}`)) again++;
      expect(again).toBe(Math.ceil(n / 7));
      expect(set.has(`T${n}`)).toBe(false);
      const stats = set.stats();
      expect(stats.runs).toBe(5);
      expect(stats.spilledIds).toBe(5 * 196_608);
      expect(stats.tableIds + stats.spilledIds).toBe(n);
      expect(stats.runBytes).toBeLessThan(2.3 * stats.spilledIds);
    } finally {
      set.dispose();
    }
    expect(readdirSync(parent)).toEqual([]);
  });

  test('idHash is idSetHash for one-byte ids, and defined for every other id', () => {
    for (const id of ['', 'T1', 'é', 'k'.repeat(255)]) expect(idHash(id)).toBe(idSetHash(id));
    for (const id of ['€', '\u0100', 'k'.repeat(256)]) {
      expect(idSetHash(id)).toBeUndefined();
      expect(Number.isInteger(idHash(id))).toBe(true);
    }
    expect(idHash('T€')).not.toBe(idHash('T¬')); // '€' is U+20AC: not folded onto its low byte
  });
});
