import { describe, expect, test } from 'vitest';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const dorm = 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru';
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });

/** A newly arrived worker: account opened `openedDays` before day 0, paid MYR 2,000 monthly by an employer. */
function worker(id: string, name: string, openedDays = 21, address = dorm): { account: Account; party: Party } {
  return {
    account: { account: id, party: `P-${id}`, type: 'personal', openedAt: at(-openedDays * D), country: 'MY' },
    party: { party: `P-${id}`, name, country: 'BD', address },
  };
}
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const wages = (to: string, days: number[], amount = 200_000) =>
  days.map((d) => transfer('EMP', to, amount, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
const series = (from: string, to: string, days: number[], amounts: number | number[], extra: Partial<Transaction> = {}) =>
  days.map((d, i) => transfer(from, to, Array.isArray(amounts) ? (amounts[i] as number) : amounts, d * D + 5, myr({ toCountry: 'BD', toName: 'Abdul Kuddus Talukder', channel: 'remitter', ...extra })));
const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);

function run(txs: Transaction[], people: { account: Account; party: Party }[], extraAccounts: Account[] = []) {
  return hitsOf([debtRepayment()], txs, { profile: MY_LIKE, accounts: [EMPLOYER, ...extraAccounts, ...people.map((p) => p.account)], parties: people.map((p) => p.party) });
}
const on = (hits: ReturnType<typeof run>, id: string) => hits.filter((h) => h.entity.id === id);

describe('debt_repayment (MS-DEBT-01), payer variant', () => {
  const w = worker('W1', 'Rafiqul Islam Mondal');

  test('RESEARCH §d #10: six monthly instalments from a newly opened account to an unrelated account in BD', () => {
    const txs = [...wages('W1', monthly(6, 0)), ...series('W1', 'BD-COL', monthly(6), [80_000, 82_000, 85_000, 80_000, 84_000, 81_000])];
    const hits = on(run(txs, [w]), 'W1');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.reason).toMatch(
      /^Possible debt-repayment pattern: 6 payments of MYR 800\.00–MYR 850\.00 every 30 days \(interval CV 0\.\d\d\) to an unrelated account in BD, starting 22 days after this account was opened\.$/,
    );
    expect(hits[0]?.facts).toMatchObject({ payments: 6, periodDays: 30, startBasis: 'opened', startDays: 22, corridor: true, payeeCountry: 'BD' });
    expect(hits[0]?.facts['shareOfInflow']).toBeCloseTo(0.41, 2);
    expect(hits[0]?.transactionCount).toBe(6);
  });

  test('k boundary: two instalments are not a series, three are', () => {
    expect(on(run([...wages('W1', [0, 30]), ...series('W1', 'BD-COL', monthly(2), 80_000)], [w]), 'W1')).toHaveLength(0);
    expect(on(run([...wages('W1', [0, 30, 60]), ...series('W1', 'BD-COL', monthly(3), 80_000)], [w]), 'W1')).toHaveLength(1);
  });

  test('fortnightly and weekly series fit too; a 45-day rhythm fits none of 7/14/30 ± 5', () => {
    const fortnightly = [0, 14, 28, 42].map((d) => d + 1);
    expect(on(run([...wages('W1', [0, 30]), ...series('W1', 'BD-COL', fortnightly, 40_000)], [w]), 'W1')[0]?.facts['periodDays']).toBe(14);
    expect(on(run([...wages('W1', [0, 45, 90]), ...series('W1', 'BD-COL', [1, 46, 91], 80_000)], [w]), 'W1')).toHaveLength(0);
    // 35 days is the edge of 30 ± 5; 36 is outside.
    expect(on(run([...wages('W1', [0, 35, 70]), ...series('W1', 'BD-COL', [1, 36, 71], 80_000)], [w]), 'W1')).toHaveLength(1);
    expect(on(run([...wages('W1', [0, 36, 72]), ...series('W1', 'BD-COL', [1, 37, 73], 80_000)], [w]), 'W1')).toHaveLength(0);
  });

  test('irregular intervals or amounts are not a series', () => {
    expect(on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'BD-COL', [1, 15, 61, 70], 80_000)], [w]), 'W1')).toHaveLength(0);
    expect(on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'BD-COL', monthly(4), [40_000, 90_000, 50_000, 100_000])], [w]), 'W1')).toHaveLength(0);
  });

  test('a missed month is tolerated: the regular run after it still counts', () => {
    const hits = on(run([...wages('W1', monthly(6, 0)), ...series('W1', 'BD-COL', [1, 61, 91, 121, 151], 80_000)], [w]), 'W1');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts['payments']).toBeGreaterThanOrEqual(4);
  });

  test('a month skipped inside the run (intervals 25, 62, 31 days): all four instalments count; a three-month gap ends the run', () => {
    const hits = on(run([...wages('W1', monthly(5, 0)), ...series('W1', 'BD-COL', [1, 26, 88, 119], 80_000)], [w]), 'W1');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ payments: 4, periodDays: 30 });
    expect(on(run([...wages('W1', monthly(6, 0)), ...series('W1', 'BD-COL', [1, 26, 118, 149], 80_000)], [w]), 'W1')).toHaveLength(0);
  });

  test('post-arrival start: an account opened two years ago with the series starting now does not fire', () => {
    const old = worker('W1', 'Rafiqul Islam Mondal', 730);
    expect(on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'BD-COL', monthly(4), 80_000)], [old]), 'W1')).toHaveLength(0);
    // First payment 182 days after opening (inside the 183-day edge) fires; 185 days does not.
    expect(on(run([...wages('W1', monthly(3, 0)), ...series('W1', 'BD-COL', monthly(3), 80_000)], [worker('W1', 'R I Mondal', 181)]), 'W1')).toHaveLength(1);
    expect(on(run([...wages('W1', monthly(3, 0)), ...series('W1', 'BD-COL', monthly(3), 80_000)], [worker('W1', 'R I Mondal', 184)]), 'W1')).toHaveLength(0);
  });

  test('each instalment must be at least 30 % of the visible inflow', () => {
    expect(on(run([...wages('W1', monthly(4, 0), 300_000), ...series('W1', 'BD-COL', monthly(4), 89_000)], [w]), 'W1')).toHaveLength(0);
    expect(on(run([...wages('W1', monthly(4, 0), 300_000), ...series('W1', 'BD-COL', monthly(4), 90_000)], [w]), 'W1')).toHaveLength(1);
  });

  test('a debt reference ("hutang", "ansuran", "kisti") raises the strength', () => {
    const plain = on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'BD-COL', monthly(4), 80_000)], [w]), 'W1')[0]!;
    const debt = on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'BD-COL', monthly(4), 80_000, { reference: 'hutang' })], [w]), 'W1')[0]!;
    expect(debt.strength).toBeGreaterThan(plain.strength + 0.2);
    expect(debt.facts['debtReference']).toBe(true);
  });

  test('look-alike RESEARCH §d #17: remitting to one’s own family (shared family name) does not fire', () => {
    const txs = [...wages('W1', monthly(6, 0)), ...series('W1', 'BD-FAM', monthly(6), 80_000, { toName: 'Abdul Karim Mondal' })];
    expect(on(run(txs, [w]), 'W1')).toHaveLength(0);
  });

  test('look-alike: the payee is linked to the payer by parties data (same home address)', () => {
    const home = 'House 12, Road 4, Sylhet';
    const payer = worker('W1', 'Rafiqul Islam', 21, home);
    const wife: { account: Account; party: Party } = { account: { account: 'BD-WIFE', party: 'P-WIFE', country: 'BD' }, party: { party: 'P-WIFE', name: 'Nasima Akter', address: home } };
    const txs = [...wages('W1', monthly(5, 0)), ...series('W1', 'BD-WIFE', monthly(5), 80_000, { toName: 'Nasima Akter' })];
    expect(on(run(txs, [payer, wife]), 'W1')).toHaveLength(0);
  });

  test('look-alikes discounted with the reason: rent to a landlord, a loan to a bank, a licensed remitter', () => {
    const base = on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'MY-LL', monthly(4), 80_000, { toCountry: 'MY', toName: 'Lim Ah Kow' })], [w]), 'W1')[0];
    const rent = on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'MY-LL', monthly(4), 80_000, { toCountry: 'MY', toName: 'Lim Ah Kow', reference: 'sewa bilik' })], [w]), 'W1')[0];
    expect(rent!.strength).toBeLessThan(base!.strength / 2);
    expect(rent?.facts['discount']).toContain('rent_reference');
    const bank = on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'LOAN', monthly(4), 80_000, { toCountry: 'MY', toName: 'MAYBANK PERSONAL LOAN', reference: 'INSTALMENT' })], [w]), 'W1')[0];
    expect(bank?.facts['discount']).toContain('payee_lender_or_biller');
    expect(bank!.strength).toBeLessThan(0.2);
    const msb = on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'MSB', monthly(4), 80_000)], [w], [{ account: 'MSB', type: 'msb' }]), 'W1')[0];
    expect(msb?.facts['discount']).toContain('payee_msb');
  });

  test('a business account paying a supplier monthly is not a payer', () => {
    const biz = { account: { account: 'W1', type: 'business' as const, openedAt: at(-21 * D) }, party: { party: 'P-W1', name: 'Kedai Runcit Sdn Bhd' } };
    expect(on(run([...wages('W1', monthly(4, 0)), ...series('W1', 'BD-COL', monthly(4), 80_000)], [biz]), 'W1')).toHaveLength(0);
  });
});

describe('debt_repayment (MS-DEBT-01), collector variant', () => {
  const names = ['Rafiqul Mondal', 'Jahangir Sikder', 'Nazmul Howlader', 'Kamrul Bhuiyan'];
  const crew = names.map((n, i) => worker(`W${i}`, n, 10 + i));
  const collect = (n: number, extra: Partial<Transaction> = {}) =>
    crew.slice(0, n).flatMap((c, i) => [...wages(c.account.account, monthly(4, 0)), ...series(c.account.account, 'AGENT', monthly(4, 1 + i), 50_000 + 10_000 * i, { toCountry: 'MY', toName: 'Shahidul Agent', ...extra })]);

  test('three unrelated newly arrived payers paying one account monthly: a collector, payers in related', () => {
    const hits = rawHitsOf([debtRepayment()], collect(3), { profile: MY_LIKE, accounts: [EMPLOYER, ...crew.map((c) => c.account)], parties: crew.map((c) => c.party) });
    const col = hits.filter((h) => h.entity.id === 'AGENT');
    expect(col).toHaveLength(1);
    expect(col[0]?.variant).toBe('collector');
    expect(col[0]?.related).toEqual([{ kind: 'account', id: 'W0' }, { kind: 'account', id: 'W1' }, { kind: 'account', id: 'W2' }]);
    expect(col[0]?.facts).toMatchObject({ payers: 3, payerClusters: 3, recentOpeners: 3 });
    expect(col[0]?.reason).toMatch(/^Possible debt-repayment collection pattern: 3 payers from 3 unrelated families/);
  });

  test('n_p boundary: two payers are not enough; payers of one family count once', () => {
    const opts = { profile: MY_LIKE, accounts: [EMPLOYER, ...crew.map((c) => c.account)], parties: crew.map((c) => c.party) };
    expect(rawHitsOf([debtRepayment()], collect(2), opts).filter((h) => h.entity.id === 'AGENT')).toHaveLength(0);
    const brothers = opts.parties.map((p, i) => (i < 2 ? { ...p, name: `${['Rafiq', 'Jamal'][i]} Talukder` } : p));
    expect(rawHitsOf([debtRepayment()], collect(3), { ...opts, parties: brothers }).filter((h) => h.entity.id === 'AGENT')).toHaveLength(0);
  });

  test('look-alike: a landlord whose tenants pay rent ("sewa bilik") is not a collector', () => {
    const hits = run(collect(4, { reference: 'sewa bilik' }), crew);
    expect(on(hits, 'AGENT')).toHaveLength(0);
  });

  test('look-alike: a rotating savings group pays the pot back to a member — heavily discounted', () => {
    const txs = [...collect(3), transfer('AGENT', 'W1', 180_000, 33 * D, myr({ reference: 'kutu giliran' }))];
    const col = on(run(txs, crew), 'AGENT');
    expect(col).toHaveLength(1);
    expect(col[0]?.facts['discount']).toContain('rotating_savings_payout');
    expect(col[0]!.strength).toBeLessThan(0.2);
  });

  test('look-alike: a licensed remitter (type msb) receives regular payments by design', () => {
    expect(on(run(collect(4), crew, [{ account: 'AGENT', type: 'msb' }]), 'AGENT')).toHaveLength(0);
  });

  test('every payer paying soon after opening the account (the strong form) weighs more; with a debt reference it reaches the threshold alone', () => {
    const all = on(run(collect(3), crew), 'AGENT')[0]!;
    const oneSettled = crew.map((c, i) => (i === 2 ? { ...c, account: { ...c.account, openedAt: at(-900 * D), country: 'SA' } } : c));
    const txs = collect(3).map((t) => (t.fromAccount === 'W2' && t.toAccount === 'AGENT' ? { ...t, fromCountry: 'SA' } : t));
    const mixed = on(run(txs, oneSettled), 'AGENT')[0]!;
    expect(all.facts['recentOpeners']).toBe(3);
    expect(mixed.facts['recentOpeners']).toBe(2);
    expect(mixed.facts['discount']).toBeUndefined();
    expect(all.strength).toBeCloseTo(mixed.strength + 0.15, 4);
    // weight 55 × strength ≥ 40 (the typology threshold)
    expect(on(run(collect(3, { reference: 'hutang' }), crew), 'AGENT')[0]!.strength).toBeGreaterThanOrEqual(0.73);
  });

  test('look-alike §c.5: most payers abroad with old accounts (children supporting a parent) — discounted as arrival unknown', () => {
    const abroad = crew.map((c, i) => (i === 0 ? c : { ...c, account: { ...c.account, openedAt: at(-900 * D), country: 'SA' } }));
    const txs = crew.slice(0, 3).flatMap((c, i) =>
      series(c.account.account, 'AGENT', monthly(4, 1 + i), 50_000 + 10_000 * i, { toCountry: 'MY', toName: 'Shahidul Agent', ...(i === 0 ? {} : { fromCountry: 'SA' }) }));
    const col = on(run([...wages('W0', monthly(4, 0)), ...txs], abroad), 'AGENT');
    expect(col).toHaveLength(1);
    expect(col[0]?.facts).toMatchObject({ recentOpeners: 1, crossBorderPayers: 2 });
    expect(col[0]?.facts['discount']).toContain('arrival_unknown');
    expect(col[0]!.strength).toBeLessThan(0.4);
  });

  test('domestic payers with old accounts are not recent arrivals: no collector', () => {
    const settled = crew.map((c) => ({ ...c, account: { ...c.account, openedAt: at(-900 * D) } }));
    expect(on(run(collect(4), settled), 'AGENT')).toHaveLength(0);
  });
});
