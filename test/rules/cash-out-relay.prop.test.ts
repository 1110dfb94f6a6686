import fc from 'fast-check';
import { expect, test } from 'vitest';
import { cashOutRelay, type CashOutGate } from '../../src/rules/flow/cash-out-relay.js';
import type { Rule } from '../../src/rules/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const HOUR = 3_600_000;
const accounts: Account[] = [{ account: 'A', party: 'H', type: 'personal', openedAt: Date.UTC(2024, 0, 1) }, { account: 'EMP', type: 'business' }];
const parties: Party[] = [{ party: 'H', name: 'Preecha Thongdee', country: 'AU', declaredMonthlyIncome: '500.00' }];

test('cash_out_relay: the incremental gate (candidate credits in the window) never hides a hit of the full scan', () => {
  const rule = cashOutRelay();
  // The same rule without its gate: every cash withdrawal is scanned.
  const ungated: Rule = {
    id: rule.id, indicators: rule.indicators, family: rule.family, entities: rule.entities, windowMs: rule.windowMs, options: rule.options, description: rule.description,
    evaluate: (w, c) => rule.evaluate(w, c, { n: Number.MAX_SAFE_INTEGER, sum: Number.MAX_SAFE_INTEGER } satisfies CashOutGate),
  };
  let fired = 0;
  fc.assert(
    fc.property(
      fc.array(fc.record({
        kind: fc.constantFrom('cash_in', 'cash_in', 'p2p_in', 'wage', 'atm', 'atm', 'atm', 'agent_cash', 'out'),
        sender: fc.integer({ min: 0, max: 6 }),
        // Equal sums in and out often, so that relays form; any sum sometimes.
        amount: fc.oneof({ arbitrary: fc.constant(100_000), weight: 4 }, { arbitrary: fc.integer({ min: 1_000, max: 400_000 }), weight: 1 }),
        gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 48 }), weight: 6 }, { arbitrary: fc.integer({ min: 24 * 5, max: 24 * 40 }), weight: 1 }),
      }), { minLength: 1, maxLength: 60 }),
      (rows) => {
        let t = Date.UTC(2025, 0, 1);
        const txs = rows.map((r, i): Transaction => {
          t += r.gapHours * HOUR;
          const base = { id: `T${i}`, timestamp: t, amount: r.amount, currency: 'AUD' };
          if (r.kind === 'cash_in') return { ...base, kind: 'cash_deposit', toAccount: 'A' };
          if (r.kind === 'p2p_in') return { ...base, kind: 'transfer', fromAccount: `S${r.sender}`, fromName: `Sender Number${r.sender}`, fromCountry: 'AU', toAccount: 'A', toCountry: 'AU' };
          if (r.kind === 'wage') return { ...base, kind: 'transfer', fromAccount: 'EMP', toAccount: 'A', reference: 'SALARY' };
          if (r.kind === 'atm') return { ...base, kind: 'cash_withdrawal', fromAccount: 'A', channel: 'atm' };
          if (r.kind === 'agent_cash') return { ...base, kind: 'cash_withdrawal', fromAccount: 'A', conductor: 'AGENT' };
          return { ...base, kind: 'transfer', fromAccount: 'A', toAccount: `R${r.sender}`, fromCountry: 'AU', toCountry: 'AU' };
        });
        const gated = rawHitsOf([rule], txs, { accounts, parties });
        fired += gated.length;
        expect(gated).toEqual(rawHitsOf([ungated], txs, { accounts, parties }));
      },
    ),
    { numRuns: 150, seed: 14 },
  );
  // The worlds exercise the rule (not only silent windows).
  expect(fired).toBeGreaterThan(0);
});
