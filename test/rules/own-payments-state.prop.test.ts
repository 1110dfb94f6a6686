import fc from 'fast-check';
import { expect, test } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { ownPaymentsOf, ownPaymentsState, type OwnPaymentsState } from '../../src/rules/debt/own-payments-state.js';
import type { EntityWindow, Rule, WindowEvent } from '../../src/rules/types.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { MY_LIKE } from '../helpers/builders.js';

const DAY = 86_400_000;
const HORIZON = 10 * DAY;

/** The window scan the state replaces: newest first, at most `maxScan` events, back to the horizon. */
function bruteForce(window: EntityWindow, maxScan: number): WindowEvent[] {
  const last = window.events[window.events.length - 1] as WindowEvent;
  const same = (e: WindowEvent): boolean =>
    e.direction === 'in' && e.kind === last.kind &&
    (e.kind === 'transfer' ? e.counterparty === last.counterparty && e.counterpartyName === last.counterpartyName
      : e.conductor === last.conductor && e.counterpartyName === last.counterpartyName && e.tx.reference === last.tx.reference);
  const out: WindowEvent[] = [];
  for (let i = window.events.length - 1, n = 0; i >= window.start && n < maxScan; i--, n++) {
    const e = window.events[i] as WindowEvent;
    if (e.ts < last.ts - HORIZON) break;
    if (same(e)) out.push(e);
  }
  return out.reverse();
}

test("a payer's own payments kept incrementally equal the bounded window scan (any maxScan, leaves at the horizon)", () => {
  let nonTrivial = 0;
  let capped = 0;
  fc.assert(
    fc.property(
      fc.array(fc.record({
        kind: fc.constantFrom('transfer', 'transfer', 'cash_deposit', 'cash_withdrawal') as fc.Arbitrary<Transaction['kind']>,
        from: fc.constantFrom('S1', 'S2'),
        name: fc.option(fc.constant('Ana'), { nil: undefined, freq: 4 }),
        conductor: fc.option(fc.constant('P1'), { nil: undefined, freq: 4 }),
        reference: fc.option(fc.constant('fee'), { nil: undefined, freq: 4 }),
        gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 24 }), weight: 6 }, { arbitrary: fc.integer({ min: 200, max: 300 }), weight: 1 }),
      }), { minLength: 20, maxLength: 80 }),
      fc.integer({ min: 1, max: 12 }),
      (rows, maxScan) => {
        let t = Date.UTC(2025, 0, 1);
        const txs = rows.map((r, i): Transaction => {
          t += r.gapHours * 3_600_000;
          const base = { id: `T${i}`, timestamp: t, amount: 1000 + i, currency: 'MYR', kind: r.kind };
          if (r.kind === 'transfer') return { ...base, fromAccount: r.from, toAccount: 'A', ...(r.name ? { fromName: r.name } : {}) };
          if (r.kind === 'cash_deposit') return { ...base, toAccount: 'A', ...(r.conductor ? { conductor: r.conductor } : {}), ...(r.reference ? { reference: r.reference } : {}) };
          return { ...base, fromAccount: 'A' };
        });
        const mismatches: string[] = [];
        const rule: Rule<'own', OwnPaymentsState> = {
          id: 'own', indicators: [], family: 'context', entities: ['account'], windowMs: HORIZON, options: {}, description: 'test',
          incremental: ownPaymentsState(HORIZON),
          evaluate(window, _c, state) {
            if (window.id !== 'A') return [];
            const last = window.events[window.events.length - 1] as WindowEvent;
            const expected = bruteForce(window, maxScan).map((e) => e.id);
            const got = ownPaymentsOf(state, last, maxScan).map((e) => e.id);
            if (expected.length > 1) nonTrivial++;
            if (window.events.length - window.start > maxScan && expected.length > 0) capped++;
            if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${last.id}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
            return [];
          },
        };
        scan(txs, { jurisdiction: MY_LIKE, rules: [rule], typologies: [defineTypology({ id: 't', name: 't', weights: { own: 1 } })] });
        expect(mismatches).toEqual([]);
      },
    ),
    { numRuns: 300 },
  );
  expect(nonTrivial).toBeGreaterThan(500); // evaluations where the payer had earlier payments in the horizon
  expect(capped).toBeGreaterThan(200); // evaluations where the maxScan bound cut the scan
});
