import { describe, expect, test } from 'vitest';
import { openRouteFile, readRouteFile } from '../../src/cli/route-file.js';
import { resolveConfig } from '../../src/engine/config.js';
import { partitionOfHash } from '../../src/engine/partition.js';
import { MAX_OWNERS, ROUTE_PROCESSED, ROUTE_TICK, createRouteKeys, createRouter, ownerCount } from '../../src/engine/route.js';
import { createSpillDir, removeSpillDir } from '../../src/ingest/spill-runs.js';
import type { Transaction } from '../../src/schema/transaction.js';

const HOUR = 3_600_000;
const t0 = Date.parse('2025-03-01T00:00:00Z');

/** Rows every 29 hours over 16 months (sweeps fall on some), transfers, cash with and without a conductor, and rows in a currency without an FX rate. */
function rows(): Transaction[] {
  const out: Transaction[] = [];
  for (let i = 0; i < 400; i++) {
    const ts = t0 + i * 29 * HOUR;
    const base = { id: `T${i}`, timestamp: ts, amount: 100_00 + i };
    if (i % 11 === 0) out.push({ ...base, currency: 'EUR', kind: 'transfer', fromAccount: `A${i % 13}`, toAccount: `A${(i * 7) % 17}` });
    else if (i % 5 === 0) out.push({ ...base, currency: 'MYR', kind: 'cash_deposit', toAccount: `A${i % 19}`, ...(i % 3 === 0 ? { fromAccount: `A${i % 41}` } : {}), ...(i % 2 === 0 ? { conductor: `P${i % 23}` } : {}) });
    else if (i % 7 === 0) out.push({ ...base, currency: 'MYR', kind: 'cash_withdrawal', fromAccount: `A${i % 29}` });
    else out.push({ ...base, currency: 'MYR', kind: 'transfer', fromAccount: `A${i % 31}`, toAccount: `A${(i * 3) % 37}` });
  }
  return out;
}

describe('route file: every row routed once, to any partition count', () => {
  test('the partitions each row reaches through the file are exactly the router\u2019s, for 1 to 7 partitions', () => {
    const config = resolveConfig({ jurisdiction: 'MY' });
    const txs = rows();
    const dir = createSpillDir();
    try {
      const writer = openRouteFile(dir);
      const keys = createRouteKeys(config);
      const hashes = new Uint32Array(MAX_OWNERS);
      for (const tx of txs) writer.append(keys.next(tx, hashes), hashes);
      expect(writer.close()).toBe(txs.length);
      let rejected = 0;
      let ticks = 0;
      let three = 0;
      for (let count = 1; count <= 7; count++) {
        const router = createRouter(config, count);
        // A small buffer: rows straddle its refills.
        const reader = readRouteFile(writer.path, 16);
        for (const tx of txs) {
          const expected = router.route(tx);
          const flags = reader.next(hashes);
          if ('rejection' in expected) {
            expect(flags & ROUTE_PROCESSED).toBe(0);
            if (count === 1) rejected++;
            continue;
          }
          expect(flags & ROUTE_PROCESSED).toBe(ROUTE_PROCESSED);
          expect((flags & ROUTE_TICK) !== 0).toBe(expected.tick);
          if (count === 1 && expected.tick) ticks++;
          if (count === 1 && ownerCount(flags) === 3) three++;
          const reached = Array.from({ length: count }, (_, p) => p).filter((p) =>
            (flags & ROUTE_TICK) !== 0 || Array.from({ length: ownerCount(flags) }, (_, i) => partitionOfHash(hashes[i] as number, count)).includes(p));
          expect(reached).toEqual(expected.partitions);
        }
        reader.end();
        reader.close();
      }
      // The cases the file must carry: rejected rows, sweep rows, and cash rows entering three entities.
      expect(rejected).toBeGreaterThan(20);
      expect(ticks).toBeGreaterThan(5);
      expect(three).toBeGreaterThan(5);
    } finally {
      removeSpillDir(dir);
    }
  });

  test('a route file shorter or longer than its run is an error, not a silent miss', () => {
    const dir = createSpillDir();
    try {
      const writer = openRouteFile(dir);
      const hashes = Uint32Array.of(1, 2, 3);
      writer.append(ROUTE_PROCESSED | (2 << 2), hashes);
      writer.append(ROUTE_PROCESSED | (1 << 2), hashes);
      writer.close();
      const short = readRouteFile(writer.path);
      expect(short.next(hashes)).toBe(ROUTE_PROCESSED | (2 << 2));
      expect(() => short.end()).toThrow(/more rows than the run file/);
      short.next(hashes);
      expect(() => short.next(hashes)).toThrow(/ends before the run file/);
      short.close();
    } finally {
      removeSpillDir(dir);
    }
  });
});
