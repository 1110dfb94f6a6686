import fc from 'fast-check';
import { expect, test } from 'vitest';
import { slowFunnel, type SlowFunnelGate } from '../../src/rules/flow/slow-funnel.js';
import type { Rule } from '../../src/rules/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const HOUR = 3_600_000;
const NAMES = ['Somchai Boonmee', 'Kyaw Zin Htet', 'Nurul Huda', 'Rahim Uddin', 'Maria Santos', 'Lina Wongsa', 'Tuan Nguyen', 'Ali Hassan'];
const accounts: Account[] = [
  { account: 'A', party: 'H', type: 'personal' }, { account: 'SAV', party: 'H', type: 'personal' }, { account: 'EMP', type: 'business' },
  ...NAMES.map((_, i) => ({ account: `S${i}`, party: `Q${i}`, type: 'personal' as const })),
];
const parties: Party[] = [{ party: 'H', name: 'Preecha Thongdee', country: 'AU' }, ...NAMES.map((name, i) => ({ party: `Q${i}`, name, country: 'AU' }))];

test('slow_funnel: the incremental gate (candidate credits in the window) never hides a hit of the full scan', () => {
  const rule = slowFunnel();
  const ungated: Rule = {
    id: rule.id, indicators: rule.indicators, family: rule.family, entities: rule.entities, windowMs: rule.windowMs, options: rule.options, description: rule.description,
    evaluate: (w, c) => (rule.evaluate as Rule<string, SlowFunnelGate>['evaluate'])(w, c, { n: Number.MAX_SAFE_INTEGER, sum: Number.MAX_SAFE_INTEGER }),
  };
  let firing = 0;
  let silent = 0;
  const arbIn = fc.record({
    kind: fc.constantFrom('p2p_in', 'p2p_in', 'p2p_in', 'wage', 'cash_in'),
    sender: fc.integer({ min: 0, max: 7 }),
    amount: fc.integer({ min: 3_000, max: 60_000 }),
    gapHours: fc.integer({ min: 0, max: 24 * 12 }),
  });
  const arbBurst = fc.record({
    ins: fc.array(arbIn, { minLength: 1, maxLength: 6 }),
    outKind: fc.constantFrom('atm', 'sweep', 'abroad', 'home', 'payer'),
    outs: fc.integer({ min: 0, max: 3 }),
    outHours: fc.integer({ min: 1, max: 24 * 5 }),
  });
  fc.assert(
    fc.property(fc.array(arbBurst, { minLength: 1, maxLength: 8 }), (bursts) => {
      let t = Date.UTC(2025, 0, 1);
      const txs: Transaction[] = [];
      const add = (kind: string, k: number, amount: number): void => {
        const base = { id: `T${txs.length}`, timestamp: t, amount, currency: 'AUD' };
        if (kind === 'p2p_in') txs.push({ ...base, kind: 'transfer', fromAccount: `S${k}`, fromName: NAMES[k] as string, fromCountry: 'AU', toAccount: 'A', toCountry: 'AU' });
        else if (kind === 'cash_in') txs.push({ ...base, kind: 'cash_deposit', toAccount: 'A' });
        else if (kind === 'wage') txs.push({ ...base, kind: 'transfer', fromAccount: 'EMP', toAccount: 'A', reference: 'SALARY' });
        else if (kind === 'atm') txs.push({ ...base, kind: 'cash_withdrawal', fromAccount: 'A', channel: 'atm' });
        else if (kind === 'sweep') txs.push({ ...base, kind: 'transfer', fromAccount: 'A', toAccount: 'SAV', fromCountry: 'AU', toCountry: 'AU' });
        else if (kind === 'abroad') txs.push({ ...base, kind: 'transfer', fromAccount: 'A', toAccount: `F${k}`, toName: `Foreign Payee${k}`, fromCountry: 'AU', toCountry: 'MM' });
        else if (kind === 'payer') txs.push({ ...base, kind: 'transfer', fromAccount: 'A', toAccount: `S${k}`, toName: NAMES[k] as string, fromCountry: 'AU', toCountry: 'AU' });
        else txs.push({ ...base, kind: 'transfer', fromAccount: 'A', toAccount: `R${k}`, fromCountry: 'AU', toCountry: 'AU' });
      };
      for (const b of bursts) {
        let sum = 0;
        for (const r of b.ins) {
          t += r.gapHours * HOUR;
          add(r.kind, r.sender, r.amount);
          sum += r.amount;
        }
        for (let k = 0; k < b.outs; k++) {
          t += b.outHours * HOUR;
          add(b.outKind, k, Math.round(sum / b.outs));
        }
      }
      const gated = rawHitsOf([rule], txs, { accounts, parties });
      if (gated.length > 0) firing++;
      else silent++;
      expect(gated).toEqual(rawHitsOf([ungated], txs, { accounts, parties }));
    }),
    { numRuns: 120, seed: 36 },
  );
  // The worlds exercise the rule, firing and silent.
  expect(firing).toBeGreaterThanOrEqual(10);
  expect(silent).toBeGreaterThanOrEqual(20);
});
