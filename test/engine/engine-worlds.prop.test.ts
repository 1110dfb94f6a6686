import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createMonitor } from '../../src/engine/monitor.js';
import type { MonitorOptions } from '../../src/engine/options.js';
import { scan } from '../../src/engine/scan.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { arbWorld, type World } from '../helpers/world-arbitrary.js';

/**
 * Issue 16, point 6: the engine invariants on scenario-sized worlds (see world-arbitrary.ts:
 * ~250 transactions, the patterns of most rules, evicted entities, network alerts), not on the
 * 4.7-transaction worlds of engine.prop.test.ts, where 664 of 1,000 produced no alert at all. Each
 * property counts how many of its worlds had alerts and asserts a floor, so it cannot pass on
 * empty outputs.
 */

const LATENESS = 6 * 3_600_000;
const options = (w: World): MonitorOptions => ({ jurisdiction: w.profile, accounts: w.accounts, parties: w.parties, minScore: 0, latenessMs: LATENESS });
const byTimeId = (a: Transaction, b: Transaction) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1);

/** Folds monitor updates: the latest version of each alert id wins; sorted by id. */
function latest(updates: readonly { alerts: readonly Alert[] }[]): string {
  const byId = new Map<string, Alert>();
  for (const u of updates) for (const a of u.alerts) byId.set(a.id, a);
  return JSON.stringify([...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
}
const canonical = (alerts: readonly Alert[]) => JSON.stringify([...alerts].sort((a, b) => (a.id < b.id ? -1 : 1)));

/** A small deterministic PRNG (mulberry32) for per-transaction jitter and chunk sizes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Arrival order: time order disturbed by up to the lateness bound; then chunks of 1..40. */
function arrivals(txs: readonly Transaction[], seed: number): Transaction[][] {
  const rnd = prng(seed);
  const order = txs.map((t) => ({ t, key: t.timestamp + Math.floor(rnd() * (LATENESS - 1)) })).sort((a, b) => a.key - b.key).map((x) => x.t);
  const chunks: Transaction[][] = [];
  for (let i = 0; i < order.length;) {
    const size = 1 + Math.floor(rnd() * 40);
    chunks.push(order.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/** Counts non-empty outputs across a property's runs; asserts the floor afterwards. */
function counter() {
  let runs = 0;
  let nonEmpty = 0;
  return {
    see(alerts: readonly unknown[]) {
      runs++;
      if (alerts.length > 0) nonEmpty++;
    },
    assertFloor(share: number) {
      expect(runs).toBeGreaterThan(0);
      expect(nonEmpty / runs, `${nonEmpty} of ${runs} worlds had alerts`).toBeGreaterThanOrEqual(share);
    },
  };
}

describe('engine invariants on scenario-sized worlds', () => {
  test('the generated worlds are real: most alert, most rules fire, entities are evicted, networks form', () => {
    const worlds = fc.sample(arbWorld, { seed: 1616, numRuns: 30 });
    let alerted = 0;
    let networks = 0;
    let evicted = 0;
    let size = 0;
    const rules = new Set<string>();
    for (const w of worlds) {
      size += w.txs.length;
      const { alerts } = scan(w.txs, options(w));
      if (alerts.length > 0) alerted++;
      if (alerts.some((a) => a.entity.kind === 'network')) networks++;
      for (const a of alerts) for (const h of a.hits) rules.add(h.rule);
      const m = createMonitor(options(w));
      m.push(w.txs);
      m.flush();
      const accounts = new Set(w.txs.flatMap((t) => [t.fromAccount, t.toAccount].filter((x) => x !== undefined)));
      if (m.stats().entities < accounts.size) evicted++;
    }
    expect(size / worlds.length).toBeGreaterThan(180);
    expect(alerted).toBeGreaterThanOrEqual(27); // of 30
    // 6 of these 30 (fixed seed): funnels on accounts opened 900 days before the world's data are
    // discounted until 60 days of their history are seen (history coverage), so fewer form networks (was 8+).
    expect(networks).toBeGreaterThanOrEqual(5);
    expect(evicted).toBeGreaterThanOrEqual(20);
    expect(rules.size).toBeGreaterThanOrEqual(15); // of 22
  });

  test('batch is invariant to input order (byte-identical output)', () => {
    const seen = counter();
    fc.assert(
      fc.property(arbWorld, fc.integer(), (w, seed) => {
        const rnd = prng(seed);
        const shuffled = w.txs.map((t) => ({ t, k: rnd() })).sort((a, b) => a.k - b.k).map((x) => x.t);
        const a = scan(w.txs, options(w)).alerts;
        seen.see(a);
        expect(JSON.stringify(scan(shuffled, options(w)).alerts)).toBe(JSON.stringify(a));
      }),
      { numRuns: 12 },
    );
    seen.assertFloor(0.9);
  });

  test('stream = batch for any arrival order within the lateness bound and any chunking', () => {
    const seen = counter();
    fc.assert(
      fc.property(arbWorld, fc.integer(), (w, seed) => {
        const monitor = createMonitor(options(w));
        const updates = arrivals(w.txs, seed).map((chunk) => {
          const u = monitor.push(chunk);
          expect(u.late).toEqual([]);
          return u;
        });
        updates.push(monitor.flush());
        const batch = scan(w.txs, options(w)).alerts;
        seen.see(batch);
        expect(latest(updates)).toBe(canonical(batch));
      }),
      { numRuns: 12 },
    );
    seen.assertFloor(0.9);
  });

  test('checkpoint and restore at any chunk boundary (pending items included) gives the alerts of an uninterrupted run', () => {
    const seen = counter();
    fc.assert(
      fc.property(arbWorld, fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (w, seed, where) => {
        const chunks = arrivals(w.txs, seed);
        const cut = Math.floor(where * chunks.length);
        const whole = createMonitor(options(w));
        const uninterrupted = latest([...chunks.map((c) => whole.push(c)), whole.flush()]);
        const first = createMonitor(options(w));
        const before = chunks.slice(0, cut).map((c) => first.push(c));
        const second = createMonitor({ ...options(w), checkpoint: JSON.parse(JSON.stringify(first.checkpoint())) });
        const after = [...chunks.slice(cut).map((c) => second.push(c)), second.flush()];
        seen.see(JSON.parse(uninterrupted) as unknown[]);
        expect(latest([...before, ...after])).toBe(uninterrupted);
        expect(second.stats()).toEqual(whole.stats());
      }),
      { numRuns: 10 },
    );
    seen.assertFloor(0.9);
  });

  test('later transactions never remove an already-raised hit (alerts are never retracted)', () => {
    const seen = counter();
    fc.assert(
      fc.property(arbWorld, fc.double({ min: 0.2, max: 0.9, noNaN: true }), (w, where) => {
        const sorted = [...w.txs].sort(byTimeId);
        const cutTs = (sorted[Math.floor(where * sorted.length)] as Transaction).timestamp;
        const prefix = sorted.filter((t) => t.timestamp < cutTs);
        const before = scan(prefix, options(w)).alerts.filter((a) => a.entity.kind !== 'network');
        const after = scan(sorted, options(w)).alerts;
        seen.see(before);
        // Entity alerts only: a network alert regroups as links appear, while every hit it carries
        // stays in its member's entity alert, checked here.
        for (const a of before) {
          for (const h of a.hits) {
            const covered = after.some((b) => b.entity.kind === a.entity.kind && b.entity.id === a.entity.id &&
              b.hits.some((g) => g.rule === h.rule && h.transactionIds.every((id) => g.transactionIds.includes(id))));
            expect(covered, `${a.entity.kind} ${a.entity.id} ${h.rule} ${h.transactionIds.join(',')}`).toBe(true);
          }
        }
      }),
      { numRuns: 12 },
    );
    seen.assertFloor(0.8);
  });
});
