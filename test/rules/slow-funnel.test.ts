import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { slowFunnel } from '../../src/rules/flow/slow-funnel.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { cashOutRelay } from '../../src/rules/flow/cash-out-relay.js';
import { relayAbroad } from '../../src/rules/flow/relay-abroad.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';
import { defaultTypologies, smugglingCollectionTypology } from '../../src/scoring/default-typologies.js';
import { compileTypologies, scoreHits } from '../../src/scoring/score.js';

// slow_funnel: a few unrelated payers a month into one personal account, swept on. AU_LIKE: T = AUD 10,000
// (no flow reference), so payments count from AUD 50 and the payers' money must reach AUD 1,000.
const D = 24;
const NAMES = ['Somchai Boonmee', 'Kyaw Zin Htet', 'Nurul Huda', 'Rahim Uddin', 'Maria Santos', 'Lina Wongsa', 'Tuan Nguyen'];
const reference = (type: Account['type'] = 'personal'): [Account[], Party[]] => [
  [
    { account: 'COL', party: 'H', type },
    { account: 'SAV', party: 'H', type: 'personal' },
    { account: 'EMP', type: 'business' },
    ...NAMES.map((_, i) => ({ account: `P${i}`, party: `Q${i}`, type: 'personal' as const })),
  ],
  [
    { party: 'H', name: 'Preecha Thongdee', country: 'AU' },
    ...NAMES.map((name, i) => ({ party: `Q${i}`, name, country: 'AU' })),
  ],
];
const hits = (txs: Transaction[], ref: [Account[], Party[]] = reference(), rule = slowFunnel()) =>
  rawHitsOf([rule], txs, { accounts: ref[0], parties: ref[1] }).filter((h) => h.entity.id === 'COL' && h.rule === 'slow_funnel');
/** Each of `n` payers pays twice, 30 days apart, AUD 300 then AUD 250 (not a fixed stake). */
const payments = (n: number, first = 30_000, second = 25_000): Transaction[] =>
  Array.from({ length: n }, (_, i) => [
    transfer(`P${i}`, 'COL', first, (i * 3 + 1) * D, { fromName: NAMES[i] as string, fromCountry: 'AU', toCountry: 'AU' }),
    transfer(`P${i}`, 'COL', second, (i * 3 + 31) * D, { fromName: NAMES[i] as string, fromCountry: 'AU', toCountry: 'AU' }),
  ]).flat();
const sweep = (amount: number, day: number) => transfer('COL', 'SAV', amount, day * D, { toName: 'Preecha Thongdee', fromCountry: 'AU', toCountry: 'AU' });
const abroad = (amount: number, day: number) => transfer('COL', 'BEN', amount, day * D, { toName: 'Abdul Rahim', fromCountry: 'AU', toCountry: 'MM' });
const cash = (amount: number, day: number) => withdrawal('COL', amount, day * D, { channel: 'atm', location: 'ATM-3' });
/** Six payers (AUD 3,300 in all) and AUD 3,000 on: AUD 1,000 twice to the holder's savings, AUD 500 in cash, AUD 500 to Myanmar last. */
const funnel = (): Transaction[] => [...payments(6), sweep(100_000, 20), sweep(100_000, 40), cash(50_000, 55), abroad(50_000, 61)];

describe('slow_funnel (MS-FUN-01 over months, MS-PT-01 way out)', () => {
  test('positive: six unrelated payers over two months, the money swept to the holder\'s savings, withdrawn and sent abroad', () => {
    const h = hits(funnel());
    expect(h).toHaveLength(1);
    expect(h[0]?.facts).toMatchObject({
      payers: 6, payments: 12, collectedMinor: 330_000, collectedShare: 1, creditsMinor: 330_000, onwardMinor: 300_000, onwardOfPayersMinor: 300_000, onwardShare: 0.9091,
      cashOutMinor: 50_000, ownAccountsMinor: 200_000, abroadMinor: 50_000, paidBackMinor: 0, spanDays: 60, windowDays: 90,
    });
    // 0.75 + 0.03 (one payer above five) + 0.05 (≥ 80 % passed on) + 0.05 (more than one way out).
    expect(h[0]?.strength).toBe(0.88);
    expect(h[0]?.indicators).toEqual(['MS-FUN-01', 'MS-PT-01']);
    expect(h[0]?.reason).toBe(
      'Possible slow-funnel pattern: 6 unrelated payers paid this account AUD 3,300.00 in 12 payments over 60 days (100% of its credits), and 91% of it left again: ' +
        'AUD 500.00 withdrawn in cash, AUD 2,000.00 moved to the holder\'s own accounts, AUD 500.00 sent abroad.',
    );
    expect(h[0]?.related?.map((r) => r.id)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5']);
    // funnel_account (five a week, ten a month), cash_out_relay and relay_abroad (90 % out within days) read none of it.
    const [accounts, parties] = reference();
    expect(rawHitsOf([funnelAccount(), cashOutRelay(), relayAbroad()], funnel(), { accounts, parties }).filter((x) => x.entity.id === 'COL' && x.strength > 0)).toHaveLength(0);
    expect(hitsOf([slowFunnel()], funnel(), { accounts, parties }).filter((x) => x.entity.id === 'COL')).toHaveLength(1);
  });

  test('boundary: five payer families fire, four do not', () => {
    const five = [...payments(5), sweep(200_000, 40), cash(75_000, 61)];
    expect(hits(five)[0]?.facts['payers']).toBe(5);
    expect(hits(five)[0]?.strength).toBe(0.85);
    expect(hits([...payments(4), sweep(200_000, 40), cash(75_000, 61)])).toHaveLength(0);
  });

  test('boundary: 60 % of the payers\' money passed on fires, one cent less does not', () => {
    // AUD 3,300 collected: 60 % is AUD 1,980.
    const at60 = hits([...payments(6), sweep(100_000, 40), cash(98_000, 61)]);
    expect(at60[0]?.facts['onwardShare']).toBe(0.6);
    expect(at60[0]?.strength).toBe(0.83);
    expect(hits([...payments(6), sweep(100_000, 40), cash(97_999, 61)])).toHaveLength(0);
  });

  const wage = (amount: number) => transfer('EMP', 'COL', amount, 10 * D, { fromName: 'Acme Pty Ltd', reference: 'SALARY' });

  test('boundary: the holder\'s wage leaves first — 60 % of the payers\' money must leave beyond it', () => {
    // AUD 3,000 left; the wage takes AUD 1,020 of it, leaving AUD 1,980 (60 % of AUD 3,300) as the payers'.
    const h = hits([wage(102_000), ...funnel()]);
    expect(h[0]?.facts).toMatchObject({ onwardMinor: 300_000, onwardOfPayersMinor: 198_000, onwardShare: 0.6, creditsMinor: 432_000 });
    expect(hits([wage(102_001), ...funnel()])).toHaveLength(0);
  });

  test('boundary: the payers\' money must be half the account\'s credits (wages count as credits, not as payers)', () => {
    // AUD 3,300 from the payers, as much in wages, and 1.6 × AUD 3,300 moved on.
    const moved = [...payments(6), sweep(300_000, 40), sweep(228_000, 61)];
    expect(hits([wage(330_000), ...moved])[0]?.facts['collectedShare']).toBe(0.5);
    expect(hits([wage(330_001), ...moved])).toHaveLength(0);
  });

  test('boundary: the payers\' money totals at least 0.1 T (AUD 1,000), and a payment counts from 0.005 T (AUD 50)', () => {
    // Six payers × (AUD 100.00 + AUD 66.67) = AUD 1,000.02; two cents off one payment is exactly AUD 1,000.00, three cents off is under. A payer at AUD 49.99 drops out.
    const small = (first: number, second: number) => [...payments(6, first, second), sweep(90_000, 61)];
    expect(hits(small(10_000, 6_667))[0]?.facts['collectedMinor']).toBe(100_002);
    const exact = [...payments(6, 10_000, 6_667).map((t, i) => (i === 0 ? { ...t, amount: 9_998 } : t)), sweep(90_000, 61)];
    expect(hits(exact)[0]?.facts['collectedMinor']).toBe(100_000);
    const under = [...payments(6, 10_000, 6_667).map((t, i) => (i === 0 ? { ...t, amount: 9_997 } : t)), sweep(90_000, 61)];
    expect(hits(under)).toHaveLength(0);
    const tiny = payments(6).map((t) => (t.fromAccount === 'P0' ? { ...t, amount: 4_999 } : t));
    expect(hits([...tiny, sweep(200_000, 40), cash(80_000, 61)])[0]?.facts['payers']).toBe(5);
  });

  test('negative: money that stays, money paid to third parties at home or to a relative abroad, and the holder\'s own family do not fire', () => {
    expect(hits(payments(6))).toHaveLength(0);
    const home = [...payments(6), transfer('COL', 'BEN', 300_000, 61 * D, { toName: 'Abdul Rahim', fromCountry: 'AU', toCountry: 'MM', reference: 'for ibu' })];
    expect(hits(home)).toHaveLength(0);
    const shops = [...payments(6), transfer('COL', 'SHOP', 300_000, 61 * D, { toName: 'Corner Store', fromCountry: 'AU', toCountry: 'AU' })];
    expect(hits(shops)).toHaveLength(0);
    const [accounts, parties] = reference();
    const kin = parties.map((p) => (p.party.startsWith('Q') ? { ...p, name: `${(p.name ?? '').split(' ')[0]} Thongdee` } : p));
    expect(hits(funnel(), [accounts, kin])).toHaveLength(0);
  });

  test('only an onward debit is evaluated: the hit comes with the money leaving, not with the payments', () => {
    const h = hits(funnel());
    expect(h[0]?.window.to).toBe(Date.UTC(2025, 2, 3, 1, 0, 0) + 61 * D * 3_600_000);
  });

  test('look-alike: a landlord\'s tenants paying the same rent each month are not counted', () => {
    const rents = payments(6, 30_000, 30_000);
    expect(hits([...rents, sweep(200_000, 40), cash(100_000, 61)])).toHaveLength(0);
  });

  test('look-alike: a savings group\'s round of equal stakes (≥ 80 % of the payments one amount) is not read; boundary on the share', () => {
    const stake = (i: number, amount: number, day: number) => transfer(`P${i}`, 'COL', amount, day * D, { fromName: NAMES[i] as string, fromCountry: 'AU', toCountry: 'AU' });
    const round = [0, 1, 2, 3, 4, 5, 6].map((i) => stake(i, 15_000, 1 + i));
    expect(hits([...round, cash(100_000, 20)])).toHaveLength(0);
    // Five equal stakes of seven payments (71 %): read at the default; not read when the share is set to 0.71 (below it), read at 0.72 (above it).
    const mixed = [...[0, 1, 2, 3, 4].map((i) => stake(i, 15_000, 1 + i)), stake(5, 20_000, 8), stake(5, 25_000, 30), cash(100_000, 40)];
    expect(hits(mixed)).toHaveLength(1);
    expect(hits(mixed, reference(), slowFunnel({ maxEqualStakeShare: 0.71 }))).toHaveLength(0);
    expect(hits(mixed, reference(), slowFunnel({ maxEqualStakeShare: 0.72 }))).toHaveLength(1);
  });

  test('look-alike: a savings group whose pot goes back to a member is discounted × 0.2', () => {
    const pot = transfer('COL', 'P2', 150_000, 45 * D, { toName: NAMES[2] as string, fromCountry: 'AU', toCountry: 'AU' });
    const h = hits([...payments(6), pot, sweep(100_000, 50), cash(100_000, 61)]);
    expect(h[0]?.facts['paidBackMinor']).toBe(150_000);
    expect(h[0]?.facts['discount']).toBe('rotating_savings_payout');
    expect(h[0]?.strength).toBeLessThan(0.2);
  });

  test('look-alike: licensed remitters never fire; businesses are discounted × 0.5', () => {
    expect(hits(funnel(), reference('msb'))).toHaveLength(0);
    const biz = hits(funnel(), reference('business'));
    expect(biz[0]?.strength).toBe(0.44);
    expect(biz[0]?.facts['discount']).toBe('business_account');
  });

  test('look-alike: money that leaves only in cash (informal earnings leave that way too) is discounted × 0.85 — at five payers it no longer alerts alone; a second way out restores it', () => {
    const cashOnly = hits([...payments(5), cash(200_000, 40), cash(75_000, 61)]);
    // (0.75 + 0.05 for ≥ 80 % passed on) × 0.85
    expect(cashOnly[0]?.strength).toBe(0.68);
    expect(cashOnly[0]?.facts['discount']).toBe('cash_only_exit');
    const compiled = compileTypologies(defaultTypologies(), ['slow_funnel']);
    const score = (strength: number) => scoreHits([{ rule: 'slow_funnel', strength, transactionIds: ['t1'] }], compiled, () => 'network_flow').score;
    expect(score(cashOnly[0]?.strength ?? 0)).toBeLessThan(smugglingCollectionTypology().threshold);
    // One swept transfer among the withdrawals: two ways out, no discount.
    const twoWays = hits([...payments(5), sweep(200_000, 40), cash(75_000, 61)]);
    expect(twoWays[0]?.strength).toBe(0.85);
    expect(twoWays[0]?.facts['discount']).toBeUndefined();
    // A sweep alone is one way out too, but not the cash one: not discounted.
    expect(hits([...payments(5), sweep(275_000, 61)])[0]?.strength).toBe(0.8);
  });

  test('options are validated', () => {
    expect(() => slowFunnel({ minPayers: 1 })).toThrow(ConfigError);
    expect(() => slowFunnel({ windowDays: 10 })).toThrow(ConfigError);
    expect(hits([...payments(5), sweep(200_000, 40), cash(75_000, 61)], reference(), slowFunnel({ minPayers: 6 }))).toHaveLength(0);
  });

  test('scoring: weighs 55 in smuggling_collection — the rule met at its minimum (0.75) alerts alone, 0.71 does not (scores round)', () => {
    expect(smugglingCollectionTypology().weights['slow_funnel']).toBe(55);
    const compiled = compileTypologies(defaultTypologies(), ['slow_funnel']);
    const score = (strength: number) => scoreHits([{ rule: 'slow_funnel', strength, transactionIds: ['t1'] }], compiled, () => 'network_flow').score;
    expect(score(0.75)).toBeGreaterThanOrEqual(smugglingCollectionTypology().threshold);
    expect(score(0.71)).toBeLessThan(smugglingCollectionTypology().threshold);
  });
});
