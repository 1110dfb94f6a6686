import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { deposit, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const au = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ fromCountry: 'AU', toCountry: 'AU', ...extra });
const run = (txs: Transaction[], accounts: Account[] = [], parties: Party[] = []) =>
  rawHitsOf([passThrough()], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL');
const variant = (hits: ReturnType<typeof run>, v: string) => hits.filter((h) => h.variant === v);

/** Credits into COL from distinct payers, each paid on to a distinct recipient `dwell` hours later. */
function relay(credits: number[], debits: number[], hours: number[], dwell: number): Transaction[] {
  return credits.flatMap((c, i) => [
    transfer(`P${i}`, 'COL', c, hours[i] as number, au()),
    transfer('COL', `R${i}`, debits[i] as number, (hours[i] as number) + dwell, au()),
  ]);
}

describe('pass_through conduit (MS-PT-01)', () => {
  test('three credits each paid on within 12 hours: a conduit', () => {
    const txs = relay([200_000, 200_000, 200_000], [200_000, 200_000, 200_000], [0, 48, 96], 12);
    const hits = run(txs);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('conduit');
    expect(hits[0]?.indicators).toEqual(['MS-PT-01', 'MS-CASH-02']);
    expect(hits[0]?.facts).toMatchObject({ inflows: 3, inTotalMinor: 600_000, outTotalMinor: 600_000, matchedShare: 1, medianDwellHours: 12, outInRatio: 1 });
    expect(hits[0]?.strength).toBe(0.6);
    expect(hits[0]?.reason).toBe(
      'Possible pass-through pattern: 100% of AUD 6,000.00 paid in by 3 credits within 30 days left the account again, after a median of 12 hours.',
    );
    expect(hits[0]?.transactionIds).toHaveLength(6);
    // Through the alert path as well.
    expect(hitsOf([passThrough()], txs).filter((h) => h.entity.id === 'COL')).toHaveLength(1);
  });

  test('boundaries: 3 credits, 0.5 T of volume, 90 % paid on, 48 h median dwell fire; one less does not', () => {
    expect(run(relay([300_000, 300_000], [300_000, 300_000], [0, 48], 12))).toHaveLength(0);
    expect(run(relay([166_667, 166_667, 166_666], [166_667, 166_667, 166_666], [0, 48, 96], 12))).toHaveLength(1);
    expect(run(relay([166_667, 166_667, 166_665], [166_667, 166_667, 166_665], [0, 48, 96], 12))).toHaveLength(0);
    const ninety = run(relay([200_000, 200_000, 200_000], [180_000, 180_000, 180_000], [0, 48, 96], 12));
    expect(ninety[0]?.facts).toMatchObject({ matchedShare: 0.9 });
    expect(run(relay([200_000, 200_000, 200_000], [180_000, 180_000, 179_999], [0, 48, 96], 12))).toHaveLength(0);
    // Three credits held 48 (or 49) hours each, then a small quick relay: only the median dwell differs.
    const held = (dwell: number) => [
      ...relay([200_000, 200_000, 200_000], [200_000, 200_000, 200_000], [0, 100, 200], dwell),
      transfer('P9', 'COL', 10_000, 300, au()),
      transfer('COL', 'R9', 10_000, 301, au()),
    ];
    const slow = run(held(48));
    expect(slow).toHaveLength(1);
    expect(slow[0]?.facts).toMatchObject({ medianDwellHours: 48 });
    expect(slow[0]?.strength).toBe(0.5);
    expect(run(held(49))).toHaveLength(0);
  });

  test('look-alike: a salary account spending its salary over the month does not fire (long dwell)', () => {
    const txs: Transaction[] = [];
    for (const payday of [0, 30]) txs.push(transfer('EMP', 'COL', 600_000, payday * D + 1, au({ reference: 'SALARY' })));
    txs.push(transfer('SHOP', 'COL', 10_000, 5 * D, au({ reference: 'refund' })), transfer('SHOP', 'COL', 10_000, 28 * D, au({ reference: 'refund' })));
    for (let d = 1; d <= 45; d++) txs.push(transfer('COL', `SHOP${d % 5}`, 20_000, d * D + 12, au()));
    expect(run(txs, [{ account: 'EMP', type: 'business' }])).toHaveLength(0);
  });

  test('look-alike: a migrant worker sending part of each wage home, from transfers, does not fire', () => {
    const txs: Transaction[] = [];
    for (const week of [0, 1, 2, 3]) {
      txs.push(transfer('EMP', 'COL', 300_000, week * 7 * D + 2, au({ reference: 'GAJI' })));
      txs.push(transfer('COL', 'FAMILY-BD', 120_000, week * 7 * D + 8, au({ toCountry: 'BD', toName: 'Amina Sarkar', fromName: 'Rafiq Sarkar' })));
      for (let d = 1; d < 7; d++) txs.push(transfer('COL', 'SHOP', 10_000, (week * 7 + d) * D + 12, au()));
    }
    expect(run(txs, [{ account: 'EMP', type: 'business' }])).toHaveLength(0);
  });

  test('look-alike: a business with steady daily takings, or a licensed remitter, is discounted below half strength', () => {
    const txs: Transaction[] = [];
    for (let d = 0; d < 30; d++) txs.push(transfer(`CUST${d % 9}`, 'COL', 100_000, d * D + 2, au()), transfer('COL', 'SUPPLIER', 100_000, d * D + 20, au()));
    const personal = Math.max(...run(txs).map((h) => h.strength));
    expect(personal).toBe(0.65);
    const shop = run(txs, [{ account: 'COL', type: 'business' }]);
    expect(Math.max(...shop.map((h) => h.strength))).toBeLessThan(personal / 2);
    expect(shop[0]?.facts['discount']).toBe('business_account,steady_takings');
    const msb = run(txs, [{ account: 'COL', type: 'msb' }]);
    expect(Math.max(...msb.map((h) => h.strength))).toBeLessThan(personal / 2);
  });

  test('unsorted input gives the same hit; on a busy account the window is the last maxScan events', () => {
    const txs = relay([200_000, 200_000, 200_000], [200_000, 200_000, 200_000], [0, 48, 96], 12);
    expect(run([...txs].reverse())).toEqual(run(txs));
    // 50 quick relays (100 events) after ten old credits: FIFO pays the relays' debits from the old
    // credits (long dwell, half retained) — unless the window is cut to the last 100 events.
    const n = 50;
    const quick = relay(Array.from({ length: n }, () => 20_000), Array.from({ length: n }, () => 20_000), Array.from({ length: n }, (_, i) => 2 * i), 1);
    const old = Array.from({ length: 10 }, (_, i) => transfer(`Q${i}`, 'COL', 100_000, -200 + i, au()));
    expect(run([...old, ...quick])).toHaveLength(0);
    const cut = rawHitsOf([passThrough({ maxScan: 100 })], [...old, ...quick]).filter((h) => h.entity.id === 'COL');
    expect(cut).toHaveLength(1);
    expect(cut[0]?.facts).toMatchObject({ inflows: 50, medianDwellHours: 1 });
  });

  test('moving money on to the holder’s own account is not a pass-through', () => {
    const accounts: Account[] = [{ account: 'COL', party: 'H' }, { account: 'SAV', party: 'H' }];
    const txs = [0, 48, 96].flatMap((h, i) => [transfer(`P${i}`, 'COL', 200_000, h, au()), transfer('COL', 'SAV', 200_000, h + 2, au())]);
    expect(run(txs, accounts, [{ party: 'H', name: 'Rafiq Sarkar' }])).toHaveLength(0);
    expect(run(txs)).toHaveLength(1);
  });
});

describe('pass_through profile corroboration (MS-NEW-01, MS-PROF-01) and partial view', () => {
  const T0 = Date.UTC(2025, 2, 3, 1, 0, 0); // the builders' hour 0
  const txs = relay([200_000, 200_000, 200_000], [200_000, 200_000, 200_000], [0, 48, 96], 12);
  const holder = (openedDaysBefore: number | undefined, income?: string): [Account[], Party[]] => [
    [{ account: 'COL', party: 'H', type: 'personal', ...(openedDaysBefore === undefined ? {} : { openedAt: T0 - openedDaysBefore * D * 3_600_000 }) }],
    [{ party: 'H', name: 'Rafiq Sarkar', ...(income === undefined ? {} : { declaredMonthlyIncome: income }) }],
  ];
  const strengthOf = (a: Account[], p: Party[]) => run(txs, a, p)[0];

  test('a mule account opened within 90 days of the money it passed on is stronger by 0.1; boundary at 90 days', () => {
    expect(strengthOf(...holder(400))?.strength).toBe(0.6);
    const young = strengthOf(...holder(90));
    expect(young?.strength).toBe(0.7);
    expect(young?.facts['profile']).toBe('new_account');
    expect(strengthOf(...holder(90.01))?.strength).toBe(0.6);
  });

  test('money passed through at 3× the declared monthly income or more is stronger by 0.1; boundary and zero income', () => {
    // AUD 6,000 passed through: AUD 2,000 declared is exactly 3×; AUD 2,000.01 is not.
    const low = strengthOf(...holder(400, '2000.00'));
    expect(low?.strength).toBe(0.7);
    expect(low?.facts['profile']).toBe('above_declared_income');
    expect(strengthOf(...holder(400, '2000.01'))?.strength).toBe(0.6);
    expect(strengthOf(...holder(400, '0.00'))?.strength).toBe(0.7);
    const both = strengthOf(...holder(30, '0'));
    expect(both?.strength).toBe(0.8);
    expect(both?.facts['profile']).toBe('new_account,above_declared_income');
  });

  test('look-alike: an established account whose declared income covers the money gets no profile uplift', () => {
    const h = strengthOf(...holder(1_000, '9000.00'));
    expect(h?.strength).toBe(0.6);
    expect(h?.facts['profile']).toBeUndefined();
  });

  test('an account at another bank (not in accounts.csv while it is given) is seen only in part: factor 0.8', () => {
    const other = run(txs, [{ account: 'SOMEONE-ELSE', type: 'personal' }]);
    expect(other[0]?.strength).toBe(0.48);
    expect(other[0]?.facts['profile']).toBe('partial_view');
    // Without reference data at all nothing is known to be external: no discount.
    expect(run(txs)[0]?.strength).toBe(0.6);
  });

  test('the cash-to-corridor variant takes the same uplift', () => {
    const cash = [deposit('COL', 150_000, 0), deposit('COL', 150_000, 30),
      transfer('COL', 'BDX', 290_000, 60, { fromCountry: 'AU', toCountry: 'BD', fromName: 'Rafiq Sarkar', toName: 'Jamal Mondal', channel: 'remitter' })];
    const [a, p] = holder(20, '500.00');
    const hit = variant(run(cash, a, p), 'cash_to_corridor')[0];
    expect(hit?.strength).toBe(0.95);
    expect(hit?.facts['profile']).toBe('new_account,above_declared_income');
  });
});

describe('pass_through cash_to_corridor (MS-CASH-02)', () => {
  const cashIn = (amounts: number[], hours: number[]) => amounts.map((a, i) => deposit('COL', a, hours[i] as number));
  const send = (amount: number, hours: number, extra: Partial<Transaction> = {}) =>
    transfer('COL', 'BDX', amount, hours, { fromCountry: 'AU', toCountry: 'BD', fromName: 'Rafiq Sarkar', toName: 'Jamal Mondal', channel: 'remitter', ...extra });

  test('A$3,000 cash in two deposits, then A$2,900 sent to Bangladesh within 72 h', () => {
    const hits = variant(run([...cashIn([150_000, 150_000], [0, 30]), send(290_000, 60)]), 'cash_to_corridor');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ cashDeposits: 2, cashTotalMinor: 300_000, transferTotalMinor: 290_000, similarAmount: true, countries: 'BD', originCountry: true });
    expect(hits[0]?.strength).toBe(0.75);
    expect(hits[0]?.related).toEqual([{ kind: 'account', id: 'BDX' }]);
    expect(hits[0]?.reason).toBe(
      'Possible cash-to-corridor pass-through pattern: AUD 3,000.00 paid in as cash in 2 deposits, then AUD 2,900.00 (97%) sent to BD within 72 hours.',
    );
  });

  test('boundaries: C = 0.3 T of cash, 70 % of it sent, within 72 h of the latest deposit', () => {
    const c2c = (txs: Transaction[]) => variant(run(txs), 'cash_to_corridor');
    expect(c2c([...cashIn([150_000, 149_999], [0, 30]), send(290_000, 60)])).toHaveLength(0);
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(210_000, 60)])[0]?.facts).toMatchObject({ transferShare: 0.7, similarAmount: false });
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(209_999, 60)])).toHaveLength(0);
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(290_000, 102)])).toHaveLength(1);
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(290_000, 103)])).toHaveLength(0);
    // Cash from more than 7 days before the 72 h transfer window does not count (the window opens at hour -180).
    expect(c2c([...cashIn([150_000, 150_000], [-181, 30]), send(290_000, 60)])).toHaveLength(0);
    expect(c2c([...cashIn([150_000, 150_000], [-180, 30]), send(290_000, 60)])).toHaveLength(1);
  });

  test('domestic or off-corridor transfers, and transfer-funded remittances, do not fire', () => {
    const c2c = (txs: Transaction[]) => variant(run(txs), 'cash_to_corridor');
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(290_000, 60, { toCountry: 'AU' })])).toHaveLength(0);
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(290_000, 60, { toCountry: 'GB' })])).toHaveLength(0);
    expect(c2c([transfer('EMP', 'COL', 300_000, 0, au()), send(290_000, 10)])).toHaveLength(0);
  });

  test('look-alike: cash sent home to the holder’s own family is a family remittance', () => {
    const c2c = (txs: Transaction[]) => variant(run(txs), 'cash_to_corridor');
    expect(c2c([...cashIn([150_000, 150_000], [0, 30]), send(290_000, 60, { toName: 'Amina Sarkar' })])).toHaveLength(0);
  });

  test('look-alike: a licensed remitter sending customers’ cash abroad is discounted below half strength', () => {
    const txs = [...cashIn([150_000, 150_000], [0, 30]), send(290_000, 60)];
    const msb = variant(run(txs, [{ account: 'COL', type: 'msb' }]), 'cash_to_corridor');
    expect(msb[0]?.strength).toBeLessThan(0.75 / 2);
    expect(msb[0]?.facts['discount']).toBe('msb_account');
  });

  test('an account with one transaction never fires; bad options throw a ConfigError', () => {
    expect(run([send(2_000_000, 0)])).toHaveLength(0);
    expect(() => passThrough({ minOutInRatio: 1.5 })).toThrow(ConfigError);
    expect(passThrough().windowMs).toBe(30 * D * 3_600_000);
  });
});

describe('pass_through conduit: the source of the money passed on', () => {
  /** Credits into COL (sender, amount), 48 h apart, each paid on to its own recipient 12 hours later. */
  const from = (credits: Array<[string, number]>): Transaction[] =>
    credits.flatMap(([sender, amount], i) => [transfer(sender, 'COL', amount, i * 48, au()), transfer('COL', `R${i}`, amount, i * 48 + 12, au())]);
  const conduit = (txs: Transaction[], accounts: Account[] = []) => variant(run(txs, accounts), 'conduit');

  test('positive: a sender of two thirds of the inflow is named in related as its source', () => {
    const [hit] = conduit(from([['SRC', 400_000], ['P1', 100_000], ['P2', 100_000]]));
    expect(hit?.related).toEqual([{ kind: 'account', id: 'SRC' }]);
    expect(hit?.facts).toMatchObject({ sourceShare: 0.6667, inTotalMinor: 600_000 });
  });

  test('boundary: a sender of exactly half the inflow is named; one minor unit less is not', () => {
    expect(conduit(from([['SRC', 300_000], ['P1', 150_000], ['P2', 150_000]]))[0]?.related).toEqual([{ kind: 'account', id: 'SRC' }]);
    const below = conduit(from([['SRC', 299_999], ['P1', 150_000], ['P2', 150_001]]))[0];
    expect(below?.facts).toMatchObject({ inTotalMinor: 600_000 });
    expect(below?.related).toBeUndefined();
    expect(below?.facts['sourceShare']).toBeUndefined();
  });

  test('negative: several payers none of whom paid half, or cash deposits, name no source', () => {
    expect(conduit(from([['P0', 200_000], ['P1', 200_000], ['P2', 200_000]]))[0]?.related).toBeUndefined();
    const cash = [0, 48, 96].flatMap((h, i) => [deposit('COL', 200_000, h), transfer('COL', `R${i}`, 200_000, h + 12, au())]);
    const [hit] = conduit(cash);
    expect(hit?.facts).toMatchObject({ cashInShare: 1 });
    expect(hit?.related).toBeUndefined();
  });

  test('look-alike: wages paid straight on (a migrant sending a salary home) do not name the employer', () => {
    const txs = from([['EMP', 400_000], ['P1', 100_000], ['P2', 100_000]]);
    const [hit] = conduit(txs, [{ account: 'EMP', type: 'business' }]);
    expect(hit).toBeDefined();
    expect(hit?.related).toBeUndefined();
    expect(conduit(txs, [{ account: 'EMP', type: 'personal' }])[0]?.related).toEqual([{ kind: 'account', id: 'EMP' }]);
  });
});

