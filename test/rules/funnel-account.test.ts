import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import type { Rule, RuleHit } from '../../src/rules/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { at, deposit, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
/** Sender i pays the funnel from one of two banks. */
const pay = (i: number, amount: number, hours: number, extra: Partial<Transaction> = {}) =>
  transfer(`S${i}`, 'FUN', amount, hours, { fromInstitution: `BANK${i % 2}`, ...extra });
/** `n` new senders, one payment each, `gap` hours apart. */
const senders = (n: number, gap = 12, amount = (i: number) => 150_000 + i * 1_000, offset = 0) =>
  Array.from({ length: n }, (_, i) => pay(i + offset, amount(i), i * gap));
const run = (txs: Transaction[], accounts: Account[] = [], parties: Party[] = []) => hitsOf([funnelAccount()], txs, { accounts, parties }).filter((h) => h.entity.id === 'FUN');

/** Wraps a rule to record what each evaluation of one entity returned. */
function recorded(rule: Rule, entity: string): { rule: Rule; calls: (readonly RuleHit[])[] } {
  const calls: (readonly RuleHit[])[] = [];
  return { calls, rule: { ...rule, evaluate: (w, c, s) => { const h = rule.evaluate(w, c, s); if (w.id === entity) calls.push(h); return h; } } };
}

describe('funnel_account (MS-FUN-01)', () => {
  test('five new, unrelated senders at two banks within 7 days fire, with the senders in related', () => {
    const hits = rawHitsOf([funnelAccount()], senders(5)).filter((h) => h.entity.id === 'FUN');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ senders: 5, payers: 5, regions: 2, newShare: 1, payments: 5, windowDays: 7, totalMinor: 760_000, similarAmounts: true });
    expect(hits[0]?.related).toEqual(['S0', 'S1', 'S2', 'S3', 'S4'].map((id) => ({ kind: 'account', id })));
    expect(hits[0]?.reason).toBe(
      'Possible funnel-account pattern: 5 unrelated senders from 2 places paid this account AUD 7,600.00 in 5 payments within 7 days, 100 % of them paying it for the first time, in similar amounts.',
    );
    expect(hits[0]?.strength).toBeCloseTo(0.6, 4);
  });

  test('boundary: four senders do not fire; the fifth exactly 7 days after the first is outside the window', () => {
    expect(run(senders(4))).toHaveLength(0);
    expect(run(senders(5, 7 * D / 4))).toHaveLength(0);
    expect(run(senders(5, (7 * D - 1) / 4))).toHaveLength(1);
  });

  test('30-day form: ten senders over 25 days fire, nine do not', () => {
    const ten = run(senders(10, 2.5 * D));
    expect(ten).toHaveLength(1);
    expect(ten[0]?.facts).toMatchObject({ senders: 10, windowDays: 30 });
    expect(run(senders(9, 2.5 * D))).toHaveLength(0);
  });

  test('regions: all senders at one bank are one place (g_min 2); minRegions 1 lifts the condition', () => {
    const oneBank = senders(6).map((t) => ({ ...t, fromInstitution: 'BANK0' }));
    expect(run(oneBank)).toHaveLength(0);
    expect(hitsOf([funnelAccount({ minRegions: 1 })], oneBank).filter((h) => h.entity.id === 'FUN')).toHaveLength(1);
    // Countries abroad are regions too.
    const abroad = oneBank.map((t, i) => (i === 0 ? { ...t, fromCountry: 'BD', toCountry: 'AU' } : { ...t, fromCountry: 'AU', toCountry: 'AU' }));
    expect(run(abroad)[0]?.facts).toMatchObject({ regions: 2 });
  });

  test('AMLSim-style fan-in: twenty accounts at three banks (accounts.csv) pay one account within three days', () => {
    const accounts: Account[] = Array.from({ length: 20 }, (_, i) => ({ account: `F${i}`, institution: `B${i % 3}` }));
    const txs = accounts.map((a, i) => transfer(a.account, 'FUN', 99_000 + (i % 3) * 500, i * 3));
    const hits = run(txs, accounts);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.transactionCount).toBe(20);
    expect(hits[0]?.facts).toMatchObject({ regions: 3, similarAmounts: true });
    expect(hits[0]!.strength).toBeGreaterThanOrEqual(0.9);
  });

  test('similar amounts raise the strength', () => {
    const similar = run(senders(6))[0]!;
    const varied = run(senders(6, 12, (i) => [20_000, 500_000, 80_000, 1_900_000, 35_000, 260_000][i] as number))[0]!;
    expect(similar.facts['similarAmounts']).toBe(true);
    expect(varied.facts['similarAmounts']).toBe(false);
    expect(varied.strength).toBeLessThan(similar.strength);
  });

  test('one household counts once: five accounts of four families do not fire', () => {
    const accounts: Account[] = Array.from({ length: 5 }, (_, i) => ({ account: `S${i}`, party: `P${i}` }));
    const parties: Party[] = accounts.map((a, i) => ({ party: a.party as string, address: i < 2 ? 'No. 12, Jalan Mawar 3, Klang' : `No. ${i}, Jalan Orkid ${i}, Klang` }));
    expect(run(senders(5), accounts, parties)).toHaveLength(0);
    expect(run(senders(6), [...accounts, { account: 'S5', party: 'P5' }], [...parties, { party: 'P5' }])[0]?.facts).toMatchObject({ senders: 5, payers: 6 });
  });

  test('the holder’s own relatives and the holder’s own cash are not third parties', () => {
    const accounts: Account[] = [{ account: 'FUN', party: 'H' }, { account: 'S0', party: 'R' }];
    const parties: Party[] = [{ party: 'H', address: 'No. 5, Jalan Kenari 2, Shah Alam' }, { party: 'R', address: 'No. 5, Jalan Kenari 2, Shah Alam' }];
    expect(run(senders(5), accounts, parties)).toHaveLength(0);
    const cash = [...senders(4, 12, () => 150_000, 1), deposit('FUN', 150_000, 60, { conductor: 'H', location: 'BR9' })];
    expect(run(cash, accounts, parties)).toHaveLength(0);
  });

  test('third-party cash conductors count as senders, their branches as places', () => {
    const txs = Array.from({ length: 5 }, (_, i) => deposit('FUN', 180_000, i * 10, { conductor: `C${i}`, location: `BR${i % 2}` }));
    const hits = rawHitsOf([funnelAccount()], txs).filter((h) => h.entity.id === 'FUN');
    expect(hits[0]?.facts).toMatchObject({ senders: 5, regions: 2 });
    expect(hits[0]?.related?.[0]).toEqual({ kind: 'party', id: 'C0' });
  });

  test('look-alike: a landlord or payroll receiver paid by the same people every month does not fire once a cycle of history is known', () => {
    const month = (m: number, offset = 0) => Array.from({ length: 10 }, (_, i) => pay(i + offset, 120_000, (m * 30 + i * 0.3) * D, { reference: 'rent' }));
    // The first cycle cannot know the history (and the second's first day still overlaps it).
    const sameTenants = run([...month(0), ...month(1), ...month(2), ...month(3)]);
    expect(sameTenants.filter((h) => h.window.to > at(45 * D))).toHaveLength(0);
    // Control: new payers every month do fire in later months.
    const newEachMonth = run([...month(0), ...month(1, 10), ...month(2, 20), ...month(3, 30)]);
    expect(newEachMonth.filter((h) => h.window.to > at(45 * D)).length).toBeGreaterThan(0);
  });

  test('repeat payers without a standing arrangement (other amounts, within the month) still count as new (RESEARCH §d #16)', () => {
    // Five senders paid 10 days before the window in other amounts, then again: a funnel's repeat payers.
    const earlier = Array.from({ length: 5 }, (_, i) => pay(i, 60_000 + i * 7_000, -10 * D + i));
    const hits = run([...earlier, ...senders(5)]);
    expect(hits.filter((h) => h.window.from >= at(0))[0]?.facts).toMatchObject({ senders: 5, newShare: 1, windowDays: 7 });
    // The same people paying the same amount before (a fixed stake or rent) are established.
    const sameAmount = Array.from({ length: 5 }, (_, i) => pay(i, 150_000 + i * 1_000, -10 * D + i));
    expect(run([...sameAmount, ...senders(5)]).filter((h) => h.window.from >= at(0))).toHaveLength(0);
  });

  test('boundary: a payment within ±15 % of an earlier one, or a month or more after it, is a standing arrangement', () => {
    // 150,000 → 172,500 is 13 % of the larger: established; → 180,000 is 16.7 %: not.
    const before = (amount: number, days = 10) => Array.from({ length: 2 }, (_, i) => pay(i, amount, -days * D + i));
    expect(run([...before(172_500), ...senders(5, 12, () => 150_000)]).filter((h) => h.window.from >= at(0))).toHaveLength(0);
    expect(run([...before(180_000), ...senders(5, 12, () => 150_000)]).filter((h) => h.window.from >= at(0))).toHaveLength(1);
    // A rent raised by a third, paid monthly: the previous payment 25 days or more before is a cycle.
    expect(run([...before(112_500, 25), ...senders(5, 12, () => 150_000)]).filter((h) => h.window.from >= at(0))).toHaveLength(0);
    expect(run([...before(112_500, 24), ...senders(5, 12, () => 150_000)]).filter((h) => h.window.from >= at(0))).toHaveLength(1);
  });

  test('look-alike: tenants whose rent is raised mid-way stay established (monthly cycle)', () => {
    const month = (m: number, amount: number) => Array.from({ length: 10 }, (_, i) => pay(i, amount, (m * 30 + i * 0.3) * D, { reference: 'rent' }));
    const hits = run([...month(0, 100_000), ...month(1, 100_000), ...month(2, 125_000), ...month(3, 125_000)]);
    expect(hits.filter((h) => h.window.to > at(45 * D))).toHaveLength(0);
  });

  test('boundary: p_new 0.8 — four new of five senders is 80 % and fires, three of five does not', () => {
    const old = (k: number) => Array.from({ length: k }, (_, i) => pay(i, 150_000, -20 * D + i));
    expect(run([...old(1), ...senders(5)])[0]?.facts).toMatchObject({ newShare: 0.8 });
    expect(run([...old(2), ...senders(5)])).toHaveLength(0);
  });

  test('look-alike: a rotating savings group — the same members every cycle, the pot paid back in turn — does not fire', () => {
    const members = 6;
    const cycle = (c: number) => [
      ...Array.from({ length: members }, (_, i) => pay(i, 50_000, (c * 30 + i * 0.2) * D, { reference: 'kutu' })),
      transfer('FUN', `S${c % members}`, members * 50_000, (c * 30 + 2) * D),
    ];
    const hits = run([...cycle(0), ...cycle(1), ...cycle(2)]);
    expect(hits.filter((h) => h.window.to > at(20 * D))).toHaveLength(0);
  });

  test('a pot paid back to a member discounts the hit below half strength', () => {
    const { rule, calls } = recorded(funnelAccount(), 'FUN');
    const txs = [...senders(5, 12, () => 50_000), transfer('FUN', 'S1', 250_000, 50), pay(5, 50_000, 60)];
    hitsOf([rule], txs);
    const lastHit = calls[calls.length - 1]?.[0];
    expect(lastHit?.facts).toMatchObject({ potsPaidOut: 1, discount: 'rotating_savings_payout' });
    expect(lastHit!.strength).toBeLessThan(0.3);
  });

  test('look-alike: licensed remitters and government accounts never fire; businesses and NGOs stay below half strength', () => {
    expect(run(senders(8), [{ account: 'FUN', type: 'msb' }])).toHaveLength(0);
    expect(run(senders(8), [{ account: 'FUN', type: 'government' }])).toHaveLength(0);
    for (const type of ['business', 'ngo'] as const) {
      const hit = run(senders(8), [{ account: 'FUN', type }])[0]!;
      expect(hit.strength).toBeLessThan(0.5);
      expect(hit.facts['discount']).toBe(`${type}_account`);
    }
  });

  test('organisations paying the account are not counted as senders', () => {
    const companies: Account[] = Array.from({ length: 5 }, (_, i) => ({ account: `S${i}`, type: 'business' }));
    expect(run(senders(5), companies)).toHaveLength(0);
    expect(run(senders(5), companies.map((a) => ({ ...a, type: 'personal' })))).toHaveLength(1);
  });

  test('a busy account with thousands of repeat payments stays quiet', () => {
    const txs: Transaction[] = [];
    for (let k = 0; k < 3000; k++) txs.push(pay(k % 4, 10_000 + (k % 7) * 100, k * 0.5));
    txs.push(withdrawal('FUN', 50_000, 10));
    expect(run(txs)).toHaveLength(0);
  });

  test('very many senders: only the most recent maxSenders are analysed, and the reason says "at least"', () => {
    const { rule, calls } = recorded(funnelAccount({ maxSenders: 20 }), 'FUN');
    const hits = hitsOf([rule], senders(40, 3)).filter((h) => h.entity.id === 'FUN');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.transactionCount).toBe(40);
    const lastHit = calls[calls.length - 1]?.[0];
    expect(lastHit?.facts).toMatchObject({ sampledSenders: 20, senders: 20 });
    expect(lastHit?.reason).toMatch(/^Possible funnel-account pattern: at least 20 unrelated senders /);
  });

  test('configuration: a long window shorter than the short one is refused', () => {
    expect(() => funnelAccount({ maxSenders: 20, minSendersLong: 30 })).toThrow(ConfigError);
    expect(() => funnelAccount({ shortWindowDays: 14, longWindowDays: 7 })).toThrow(ConfigError);
    expect(funnelAccount().windowMs).toBe(90 * 86_400_000);
  });

  test('input without any geography: the region condition stands down and the hit weakens (× 0.8); one known region still does not fire', () => {
    const bare = Array.from({ length: 5 }, (_, i) => transfer(`S${i}`, 'FUN', 150_000 + i * 1_000, i * 12));
    const hits = rawHitsOf([funnelAccount()], bare).filter((h) => h.entity.id === 'FUN');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ senders: 5, regions: 1, geography: 'none', discount: 'no_geography' });
    expect(hits[0]?.strength).toBeCloseTo(0.48, 4);
    // The same senders all at one named bank: geography is known and shows one region, so no hit.
    expect(run(bare.map((t) => ({ ...t, fromInstitution: 'BANK0' })))).toHaveLength(0);
  });

  describe('history before the window not in the data (RESEARCH §c.5: a landlord or savings group in the first month of an export)', () => {
    const YEARS_AGO = at(-3 * 365 * D);
    const old: Account[] = [{ account: 'FUN', openedAt: YEARS_AGO }];
    test('an account open for years whose data begins with the senders is discounted to × 0.3 and says why', () => {
      const full = run(senders(5))[0]!;
      const hit = run(senders(5), old)[0]!;
      expect(hit.strength).toBeCloseTo(full.strength * 0.3, 4);
      expect(hit.facts).toMatchObject({ historyCoverage: 0, discount: 'history_unseen' });
      expect(hit.reason).toContain('only 0 of the 60 days before them are in the data');
    });
    test('boundary: 30 of the 60 days before the 7-day window seen → × 0.65; all 60 seen → no discount', () => {
      const earlier = (h: number) => deposit('FUN', 5_000, h, { conductor: 'OWNER' });
      const half = run([earlier(-35 * D), ...senders(5)], old)[0]!;
      const full = run([earlier(-66 * D), ...senders(5)], old)[0]!;
      expect(half.facts['historyCoverage']).toBeCloseTo(0.5, 1);
      expect(half.strength).toBeCloseTo(run(senders(5))[0]!.strength * 0.65, 1);
      expect(full.facts['historyCoverage']).toBeUndefined();
    });
    test('an account opened within the data (a new collector) and one without an opening date keep full strength', () => {
      const fresh: Account[] = [{ account: 'FUN', openedAt: at(-2 * D) }];
      expect(run(senders(5), fresh)[0]!.facts['discount']).toBeUndefined();
      expect(run(senders(5))[0]!.facts['discount']).toBeUndefined();
    });
  });
});
