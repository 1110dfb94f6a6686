import fc from 'fast-check';
import { expect, test } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { funnelAccount, funnelDecision, type FunnelAccountOptions } from '../../src/rules/flow/funnel-account.js';
import { scanSenders } from '../../src/rules/flow/senders.js';
import type { Rule } from '../../src/rules/types.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { DAY_MS } from '../../src/rules/_lib.js';

const HOUR = 3_600_000;
const SENDERS = 26;
const NAMES = ['Nurul Amin', 'Mohammad Yunus', 'Abdul Shukur', 'Faisal Rahman', 'Anwar Sadat', 'Kyaw Min', 'Aung Soe', 'Hla Hla'];

/**
 * Sender i's account belongs to party Pi, so its transfers and the cash Pi pays in are one payer
 * (two raw senders merged); senders 0–3 also write their name on cash without a conductor.
 */
const ACCOUNTS: Account[] = [
  { account: 'A', party: 'H' },
  ...Array.from({ length: SENDERS }, (_, i): Account => ({ account: `S${i}`, party: `P${i}`, institution: `BANK${i % 3}` })),
];

test('funnel_account read from its sender index gives exactly the hits of the window scan it replaced (maxSenders, maxScan, repeat senders, merged payers, pots)', () => {
  const seen = { fired: 0, silent: 0, worldsFiring: 0, sampled: 0, truncated: 0, repeat: 0, merged: 0, pots: 0 };
  fc.assert(
    fc.property(
      fc.array(fc.record({
        kind: fc.constantFrom('transfer', 'transfer', 'fresh', 'fresh', 'cash', 'named_cash', 'named_cash', 'out', 'own_cash'),
        // Most senders are few, so that senders repeat; some are many, so that maxSenders samples.
        sender: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: SENDERS - 1 }), weight: 2 }),
        amount: fc.oneof(fc.constantFrom(150_000, 200_000), fc.integer({ min: 5_000, max: 900_000 })),
        gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 6 }), weight: 40 }, { arbitrary: fc.integer({ min: 24 * 2, max: 24 * 12 }), weight: 1 }),
      }), { minLength: 100, maxLength: 220 }),
      fc.record({
        windows: fc.constantFrom({ shortWindowDays: 7, longWindowDays: 30 }, { shortWindowDays: 2, longWindowDays: 5 }),
        historyDays: fc.constantFrom(60, 3),
        minSendersShort: fc.constantFrom(5, 3),
        minSendersLong: fc.constantFrom(10, 4),
        minRegions: fc.constantFrom(1, 2),
        maxSenders: fc.constantFrom(20, 100),
        maxScan: fc.constantFrom(100, 100_000),
      }),
      (rows, { windows, ...rest }) => {
        const options: FunnelAccountOptions = { ...windows, ...rest };
        let t = Date.UTC(2025, 0, 1);
        const txs = rows.map((r, i): Transaction => {
          t += r.gapHours * HOUR;
          const base = { id: `T${i}`, timestamp: t, amount: r.amount, currency: 'MYR' };
          const s = r.sender;
          if (r.kind === 'transfer') return { ...base, kind: 'transfer', fromAccount: `S${s}`, toAccount: 'A', fromName: NAMES[s % NAMES.length] as string };
          // A sender never seen before (a new account each time): the scan goes on past the repeat test.
          if (r.kind === 'fresh') return { ...base, kind: 'transfer', fromAccount: `N${i}`, toAccount: 'A' };
          if (r.kind === 'cash') return { ...base, kind: 'cash_deposit', toAccount: 'A', conductor: `P${s}`, location: `CDM ${s % 4}` };
          // A depositor's name written as is or in capitals: two raw senders, one payer.
          if (r.kind === 'named_cash') return { ...base, kind: 'cash_deposit', toAccount: 'A', fromName: i % 2 === 0 ? NAMES[s % 4] as string : (NAMES[s % 4] as string).toUpperCase() };
          if (r.kind === 'own_cash') return { ...base, kind: 'cash_deposit', toAccount: 'A', conductor: 'H' };
          return { ...base, kind: 'transfer', fromAccount: 'A', toAccount: `S${s}`, amount: r.amount * 4 };
        });
        const rule = funnelAccount(options);
        const o = rule.options as unknown as Parameters<typeof funnelDecision>[2];
        const mismatches: string[] = [];
        let firing = false;
        const probe: Rule = {
          ...rule,
          evaluate(window, context, state) {
            const got = rule.evaluate(window, context, state);
            if (window.id !== 'A') return got;
            // The reference ignores the gate (a necessary condition) and scans the window.
            let scanned: ReturnType<typeof scanSenders>;
            const want = funnelDecision(window, context, o, rule, (keep, from, repeatFrom) => {
              scanned = scanSenders(window, context, keep, from, from - o.historyDays * DAY_MS, repeatFrom, o);
              if (scanned === undefined) seen.repeat++;
              else {
                if (scanned.sampled) seen.sampled++;
                if (scanned.truncated) seen.truncated++;
                if ([...scanned.senders.values()].some((g) => new Set(g.events.map((e) => e.counterpartyName)).size > 1)) seen.merged++;
                if (scanned.paidOut.size > 0) seen.pots++;
              }
              return scanned;
            });
            if (want.length > 0) {
              seen.fired++;
              firing = true;
            } else seen.silent++;
            if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`at ${window.events[window.events.length - 1]?.id}: ${JSON.stringify(got).slice(0, 300)} ≠ ${JSON.stringify(want).slice(0, 300)}`);
            return got;
          },
        };
        scan(txs, { jurisdiction: 'MY', accounts: ACCOUNTS, rules: [probe], typologies: [defineTypology({ id: 't', name: 't', threshold: 1, weights: { funnel_account: 1 } })] });
        if (firing) seen.worldsFiring++;
        expect(mismatches.slice(0, 3)).toEqual([]);
      },
    ),
    { numRuns: 150, seed: 20261206 },
  );
  // The property is only worth something where each case it is named after occurs (measured at seed 20261206 in brackets).
  expect(seen.worldsFiring).toBeGreaterThanOrEqual(120); // [150 of 150]
  expect(seen.fired).toBeGreaterThanOrEqual(6_000); // [11,280 evaluations that fire]
  expect(seen.silent).toBeGreaterThanOrEqual(6_000); // [10,706 that do not]
  expect(seen.sampled).toBeGreaterThanOrEqual(2_000); // [3,838 with more senders than maxSenders]
  expect(seen.truncated).toBeGreaterThanOrEqual(800); // [1,545 cut by maxScan]
  expect(seen.repeat).toBeGreaterThanOrEqual(2_000); // [3,725 where the newest sender paid recently]
  expect(seen.merged).toBeGreaterThanOrEqual(4_000); // [8,347 with a payer written two ways]
  expect(seen.pots).toBeGreaterThanOrEqual(5_000); // [10,746 with transfers out to senders]
});
