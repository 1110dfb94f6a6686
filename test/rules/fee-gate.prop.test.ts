import fc from 'fast-check';
import { expect, test } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import type { FeeGateState } from '../../src/rules/context/fee-gate.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../../src/rules/types.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { MY_LIKE } from '../helpers/builders.js';

const HOUR = 3_600_000;

/** A state on which `mayFire` always holds: the rule then runs its full window evaluation, as before the gate. */
function ungated(window: EntityWindow): FeeGateState {
  const last = window.events[window.events.length - 1] as WindowEvent;
  const many = new Map(Array.from({ length: 60 }, (_, i) => [`p${i}`, 1] as [string, number]));
  return { candidates: [{ event: last, payer: 'p0', feeLike: true }], senders: 0, cumulative: 0, feeLike: many, totals: undefined };
}

const sig = (hits: readonly RuleHit[]): string => JSON.stringify(hits);

test('fee_match with its incremental gate gives exactly the hits of the full window evaluation (the gate never rules out a hit)', () => {
  let fired = 0;
  let gatedOut = 0;
  let worldsFiring = 0;
  fc.assert(
    fc.property(
      fc.array(fc.record({
        kind: fc.constantFrom('transfer', 'transfer', 'transfer', 'cash_deposit', 'cash_withdrawal') as fc.Arbitrary<Transaction['kind']>,
        from: fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5'),
        fromCountry: fc.constantFrom('MY', 'BD', 'MM', 'SG'),
        // Fee-sized amounts (RM 2,200, 4,000, 6,500 per person, parties of 1–3) within and outside ±10 %, and ordinary sums.
        amount: fc.oneof(
          fc.tuple(fc.constantFrom(2_200_00, 4_000_00, 6_500_00), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -1_500, max: 1_500 }))
            .map(([fee, q, bp]) => Math.round((fee * q * (10_000 + bp)) / 10_000)),
          fc.integer({ min: 50_00, max: 3_000_00 }),
        ),
        reference: fc.option(fc.constantFrom('rent', 'invoice 12', 'salary'), { nil: undefined, freq: 6 }),
        gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 48 }), weight: 5 }, { arbitrary: fc.integer({ min: 24 * 20, max: 24 * 70 }), weight: 1 }),
      }), { minLength: 30, maxLength: 90 }),
      (rows) => {
        let t = Date.UTC(2025, 0, 1);
        const txs = rows.map((r, i): Transaction => {
          t += r.gapHours * HOUR;
          const base = { id: `T${i}`, timestamp: t, amount: r.amount, currency: 'MYR', kind: r.kind, ...(r.reference ? { reference: r.reference } : {}) };
          if (r.kind === 'transfer') return { ...base, fromAccount: r.from, fromCountry: r.fromCountry, toAccount: 'A', toCountry: 'MY' };
          if (r.kind === 'cash_deposit') return { ...base, toAccount: 'A', toCountry: 'MY', conductor: `P${r.from}` };
          return { ...base, fromAccount: 'A', fromCountry: 'MY' };
        });
        const fee = feeMatch() as Rule<'fee_match', FeeGateState>;
        const mismatches: string[] = [];
        let firing = false;
        const probe: Rule<'fee_match', FeeGateState> = {
          ...fee,
          evaluate(window, context: RuleContext, state) {
            const got = fee.evaluate(window, context, state);
            const full = fee.evaluate(window, context, ungated(window));
            if (full.length > 0) {
              fired++;
              firing = true;
            } else if (got.length === 0) gatedOut++;
            if (sig(got) !== sig(full)) mismatches.push(`${window.id} at ${window.events[window.events.length - 1]?.id}`);
            return got;
          },
        };
        scan(txs, { jurisdiction: MY_LIKE, rules: [probe], typologies: [defineTypology({ id: 't', name: 't', threshold: 1, weights: { fee_match: 1 } })] });
        if (firing) worldsFiring++;
        expect(mismatches).toEqual([]);
      },
    ),
    { numRuns: 120, seed: 20261204 },
  );
  // The property is only worth something where the full evaluation fires and where the gate rules evaluations out.
  expect(worldsFiring).toBeGreaterThanOrEqual(60); // measured 99 of 120
  expect(fired).toBeGreaterThanOrEqual(200); // measured 346
  expect(gatedOut).toBeGreaterThanOrEqual(4_000); // measured 8,727
});
