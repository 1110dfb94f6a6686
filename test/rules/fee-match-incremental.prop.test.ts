import fc from 'fast-check';
import { expect, test } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import type { Rule, RuleHit } from '../../src/rules/types.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { MY_LIKE } from '../helpers/builders.js';
import { CORRIDOR_FEES } from '../../src/domain/fees.js';
import { hotspotMatcher } from '../../src/domain/hotspots.js';
import { compileFees, isExcludedPayment, matchEvent, touchesCorridor } from '../../src/rules/context/fee-amounts.js';
import { PAYERS_HEAD, PAYERS_SCANNED, PAYER_STRIDE, feeLikePayers, feePayerEntries, type FeeState } from '../../src/rules/context/fee-state.js';
import { payerOf } from '../../src/rules/_payments.js';
import type { EntityWindow, RuleContext, WindowEvent } from '../../src/rules/types.js';
import { feeMatchReference } from './fee-match-reference.js';

const DAY = 86_400_000;
const FEES = compileFees(CORRIDOR_FEES.filter((f) => f.kind === 'fare' || f.kind === 'ransom'), 0.1, 6, hotspotMatcher());

/** The gate's aggregates recomputed from the window: fee-like payers in the senders window, per-payer count:total in the cumulative window. */
function gateByBruteForce(window: EntityWindow, context: RuleContext, senderDays: number, cumulativeDays: number): { feeLike: string[]; totals: string[] } {
  const last = window.events[window.events.length - 1] as WindowEvent;
  const feeLike = new Set<string>();
  const totals = new Map<string, [number, number]>();
  for (let i = window.start; i < window.events.length; i++) {
    const e = window.events[i] as WindowEvent;
    if (e.direction !== 'in' || (e.kind !== 'transfer' && e.kind !== 'cash_deposit')) continue;
    if (isExcludedPayment(e, context) || !touchesCorridor(window, e, context, FEES)) continue;
    const p = payerOf(window, e, context);
    if (p === undefined) continue;
    if (e.ts > last.ts - senderDays * DAY && matchEvent(e, context, FEES) !== undefined) feeLike.add(p.key);
    if (e.ts > last.ts - cumulativeDays * DAY) {
      const t = totals.get(p.key) ?? [0, 0];
      totals.set(p.key, [t[0] + 1, t[1] + e.amount]);
    }
  }
  return { feeLike: [...feeLike].sort(), totals: [...totals].map(([k, [n, sum]]) => `${k}=${n}:${sum}`).sort() };
}

const HOUR = 3_600_000;
const sig = (hits: readonly RuleHit[]): string => JSON.stringify(hits);

test('fee_match decided from its incremental state gives exactly the hits of the window-scan rule it replaced (gate, maxScan bound and horizons included)', () => {
  let fired = 0;
  let silent = 0;
  let worldsFiring = 0;
  let capped = 0;
  let holderChanged = 0;
  let indexed = 0;
  let emptied = 0;
  fc.assert(
    fc.property(
      fc.array(fc.record({
        kind: fc.constantFrom('transfer', 'transfer', 'transfer', 'cash_deposit', 'cash_withdrawal', 'transfer_out') ,
        from: fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5', 'S6'),
        fromCountry: fc.constantFrom('MY', 'BD', 'MM', 'SG'),
        // A written sender's name varies (one looks like a company): the rule decides per written sender from its newest payment.
        name: fc.option(fc.constantFrom('Ali bin Musa', 'Musa Trading Sdn Bhd', 'Nur Aisyah binti Ali'), { nil: undefined, freq: 3 }),
        // Without parties.csv the holder reads as each transaction names it: a name shared with a sender makes that sender family for this evaluation only.
        holderName: fc.option(fc.constantFrom('Ali bin Musa', 'Siti binti Musa'), { nil: undefined, freq: 2 }),
        // Fee-sized amounts (RM 2,200, 4,000, 6,500 per person, parties of 1–3) within and outside ±10 %, and ordinary sums.
        amount: fc.oneof(
          fc.tuple(fc.constantFrom(2_200_00, 4_000_00, 6_500_00), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -1_500, max: 1_500 }))
            .map(([fee, q, bp]) => Math.round((fee * q * (10_000 + bp)) / 10_000)),
          fc.integer({ min: 50_00, max: 3_000_00 }),
        ),
        reference: fc.option(fc.constantFrom('rent', 'invoice 12', 'salary', 'for mother'), { nil: undefined, freq: 6 }),
        gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 15 }, { arbitrary: fc.integer({ min: 24 * 10, max: 24 * 40 }), weight: 1 }),
      }), { minLength: 60, maxLength: 160 }),
      fc.constantFrom(50, 50, 300),
      // Default windows (30/90/90 days) and short ones, so that payments sit at every horizon.
      fc.record({ senderDays: fc.constantFrom(30, 3), cumulativeDays: fc.constantFrom(90, 7), historyDays: fc.constantFrom(90, 2) }),
      (rows, maxScan, windows) => {
        let t = Date.UTC(2025, 0, 1);
        const txs = rows.map((r, i): Transaction => {
          t += r.gapHours * HOUR;
          const base = { id: `T${i}`, timestamp: t, amount: r.amount, currency: 'MYR', ...(r.reference ? { reference: r.reference } : {}) };
          const holder = r.holderName ? { toName: r.holderName } : {};
          if (r.kind === 'transfer') return { ...base, kind: 'transfer', fromAccount: r.from, fromCountry: r.fromCountry, toAccount: 'A', toCountry: 'MY', ...(r.name ? { fromName: r.name } : {}), ...holder };
          if (r.kind === 'transfer_out') return { ...base, kind: 'transfer', fromAccount: 'A', fromCountry: 'MY', toAccount: r.from, toCountry: r.fromCountry };
          if (r.kind === 'cash_deposit') return { ...base, kind: 'cash_deposit', toAccount: 'A', toCountry: 'MY', conductor: `P${r.from}`, ...holder };
          return { ...base, kind: 'cash_withdrawal', fromAccount: 'A', fromCountry: 'MY' };
        });
        const fee = feeMatch({ maxScan, ...windows }) as Rule;
        const reference = feeMatchReference(fee);
        const mismatches: string[] = [];
        let firing = false;
        let holderRead: string | undefined;
        const probe: Rule = {
          ...fee,
          evaluate(window, context, state) {
            const got = fee.evaluate(window, context, state);
            const want = reference.evaluate(window, context, undefined);
            if (want.length > 0) {
              fired++;
              firing = true;
            } else silent++;
            if (window.events.length - window.start > maxScan) capped++;
            // The case the holder's name was added for: an evaluation reading the holder otherwise than the one before (payers' verdicts must be resolved again).
            const name = window.events[window.events.length - 1]?.tx.toName;
            if (want.length > 0 && name !== holderRead) holderChanged++;
            holderRead = name;
            if (sig(got) !== sig(want)) mismatches.push(`${window.id} at ${window.events[window.events.length - 1]?.id}`);
            const st = state as FeeState;
            const entries = feePayerEntries(st);
            const kept = { feeLike: entries.filter((p) => p.feeLike > 0).map((p) => p.key).sort(), totals: entries.filter((p) => p.n > 0).map((p) => `${p.key}=${p.n}:${p.sum}`).sort() };
            if (JSON.stringify(kept) !== JSON.stringify(gateByBruteForce(window, context, windows.senderDays, windows.cumulativeDays))) mismatches.push(`gate state of ${window.id}`);
            if (feeLikePayers(st) !== kept.feeLike.length) mismatches.push(`fee-like payers counted in ${window.id}`);
            if (new Set(entries.map((p) => p.key)).size !== entries.length) mismatches.push(`a payer twice in ${window.id}`);
            // The payer records past the linearly searched ones (a Map indexes them), and a state whose candidates all left (kept as numbers only).
            if (st.payers.length > PAYERS_HEAD + PAYERS_SCANNED * PAYER_STRIDE) indexed++;
            if (st.payers.length === 0 && st.candidates.length === 0 && st.seq > 1) emptied++;
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
  // The property is only worth something where the rule fires, where it does not, and where the maxScan bound cuts the window.
  expect(worldsFiring).toBeGreaterThanOrEqual(90); // measured 120 of 120
  expect(fired).toBeGreaterThanOrEqual(700); // measured 1,087
  expect(silent).toBeGreaterThanOrEqual(8_000); // measured 16,754 evaluations that do not fire
  expect(capped).toBeGreaterThanOrEqual(1_500); // measured 1,961
  expect(holderChanged).toBeGreaterThanOrEqual(150); // measured 291 firing evaluations reading the holder otherwise than the one before
  expect(indexed).toBeGreaterThanOrEqual(1_000); // measured 2,560 evaluations with more payer records than are searched one by one
  expect(emptied).toBeGreaterThanOrEqual(2_000); // measured 4,096 evaluations of a state whose candidates had all left
});
