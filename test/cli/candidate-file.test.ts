import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openCandidateFile } from '../../src/cli/candidate-file.js';
import { mergePartitionScans, scanPartition } from '../../src/engine/partitioned-scan.js';
import { scan } from '../../src/engine/scan.js';
import { packPartitionScan, unpackPartitionScan } from '../../src/engine/packed-candidates.js';
import { createSpillDir, removeSpillDir } from '../../src/ingest/spill-runs.js';
import { loadScenario } from '../../examples/scenarios/load.js';

const bank = loadScenario('examples/data');

describe('candidate file: the rounds\u2019 candidate bodies wait on disk for the merge', () => {
  test('three partitions kept in the file and read back merge to exactly one scan; the kept scans hold no bodies', async () => {
    const s = await bank;
    const options = { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties, minScore: 0 };
    const whole = JSON.stringify(scan(s.transactions, options));
    const dir = createSpillDir();
    try {
      const file = openCandidateFile(dir);
      const kept = [0, 1, 2].map((index) => file.keep(packPartitionScan(scanPartition(s.transactions, options, { index, count: 3 })).packed));
      expect(kept.every((k) => k.scan.candidates.bodies.length === 0)).toBe(true);
      const [name] = readdirSync(dir.path);
      // The bodies of all three partitions, one after another, private to the user.
      const size = kept.reduce((n, k) => n + (k.scan.candidates.offsets.at(-1) as number), 0);
      expect(size).toBeGreaterThan(10_000);
      expect(statSync(join(dir.path, name as string)).size).toBe(size);
      expect(statSync(join(dir.path, name as string)).mode & 0o777).toBe(0o600);
      const merged = mergePartitionScans(kept.map((k) => unpackPartitionScan(k.scan, k.text)), options);
      expect(JSON.stringify(merged)).toBe(whole);
      file.close();
      file.close();
      expect(() => kept[0]?.text(0, 1)).toThrow(/closed/);
      expect(() => file.keep(packPartitionScan(scanPartition([], options, { index: 0, count: 1 })).packed)).toThrow(/closed/);
    } finally {
      removeSpillDir(dir);
    }
    expect(existsSync(dir.path)).toBe(false);
  });

  test('any range of any partition reads back its own bytes: within the last block read, past it, backwards, longer than a block', async () => {
    const s = await bank;
    const options = { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties };
    const base = packPartitionScan(scanPartition(s.transactions.slice(0, 50), options, { index: 0, count: 1 })).packed;
    // Two partitions of 200 kB of text each (three blocks and more), different so that a read served from the wrong one shows.
    const bytesOf = (seed: number) => Uint8Array.from({ length: 200_000 }, (_, i) => 97 + ((i * 7 + seed * 13 + (i >> 9)) % 26));
    const bodies = [bytesOf(1), bytesOf(2)];
    const decoder = new TextDecoder();
    const dir = createSpillDir();
    try {
      const file = openCandidateFile(dir);
      // The first partition's bodies in two blocks: the file lays them end to end.
      const kept = bodies.map((b, p) => file.keep({ ...base, candidates: { ...base.candidates, bodies: p === 0 ? [b.subarray(0, 70_001), b.subarray(70_001)] : [b] } }));
      let inBlock = 0;
      let large = 0;
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(1), fc.nat(199_999), fc.oneof(fc.nat(300), fc.nat(150_000))), { minLength: 1, maxLength: 40 }), (reads) => {
          let last: [number, number, number] | undefined;
          for (const [p, start, length] of reads) {
            const end = Math.min(200_000, start + length);
            if (last !== undefined && last[0] === p && start >= last[1] && end <= last[1] + 65_536) inBlock++;
            if (end - start > 65_536) large++;
            expect((kept[p] as (typeof kept)[number]).text(start, end)).toBe(decoder.decode((bodies[p] as Uint8Array).subarray(start, end)));
            last = [p, start, end];
          }
        }),
        { numRuns: 200, seed: 3 },
      );
      // Both paths are taken: reads served from the block before them, and reads longer than a block.
      expect(inBlock).toBeGreaterThan(50);
      expect(large).toBeGreaterThan(50);
      file.close();
    } finally {
      removeSpillDir(dir);
    }
  });

  test('a read outside a partition\u2019s own bytes is refused, not served from its neighbour', async () => {
    const s = await bank;
    const options = { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties };
    const dir = createSpillDir();
    try {
      const file = openCandidateFile(dir);
      const first = file.keep(packPartitionScan(scanPartition(s.transactions, options, { index: 0, count: 2 })).packed);
      file.keep(packPartitionScan(scanPartition(s.transactions, options, { index: 1, count: 2 })).packed);
      const size = first.scan.candidates.offsets.at(-1) as number;
      expect(first.text(0, 1)).toBe('{');
      expect(() => first.text(size - 1, size + 1)).toThrow(RangeError);
      expect(() => first.text(-1, 1)).toThrow(RangeError);
      file.close();
    } finally {
      removeSpillDir(dir);
    }
  });
});
