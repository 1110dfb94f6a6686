import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { cashOutRelay } from '../../src/rules/flow/cash-out-relay.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import { relayAbroad } from '../../src/rules/flow/relay-abroad.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { deposit, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// cash_out_relay: relay_abroad's reading with cash withdrawals as the way out. T = AUD 10,000.
const D = 24;
const T0 = Date.UTC(2025, 2, 3, 1, 0, 0); // the builders' hour 0
const holder = (income: string | undefined, type: Account['type'] = 'personal', openedDaysBefore = 400): [Account[], Party[]] => [
  [{ account: 'MULE', party: 'H', type, openedAt: T0 - openedDaysBefore * D * 3_600_000 }, { account: 'EMP', type: 'business' }, { account: 'SAV', party: 'H', type: 'personal' }],
  [{ party: 'H', name: 'Preecha Thongdee', country: 'AU', ...(income === undefined ? {} : { declaredMonthlyIncome: income }) }],
];
const cashOutHits = (txs: Transaction[], [accounts, parties]: [Account[], Party[]] = holder('1000.00'), rule = cashOutRelay()) =>
  rawHitsOf([rule], txs, { accounts, parties }).filter((h) => h.entity.id === 'MULE');
const atm = (amount: number, hours: number, extra: Partial<Transaction> = {}) => withdrawal('MULE', amount, hours, { channel: 'atm', location: 'ATM-9', ...extra });
/** Cash paid in on three days (100 h apart), each sum withdrawn at an ATM `dwell` hours later. */
function cycles(credits: number[], out: number[], dwell: number, extra: Partial<Transaction> = {}): Transaction[] {
  return credits.flatMap((c, i) => [deposit('MULE', c, i * 100, { channel: 'cdm', location: 'CDM-1' }), atm(out[i] as number, i * 100 + dwell, extra)]);
}
const three = (dwell = 72) => cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], dwell);

describe('cash_out_relay (MS-PT-01 over days, MS-PROF-01 floor)', () => {
  test('positive: cash paid in on three days and withdrawn at an ATM three days later each time', () => {
    const hits = cashOutHits(three());
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ inflows: 3, inTotalMinor: 300_000, cashOutTotalMinor: 300_000, matchedShare: 1, medianDwellHours: 72, cashInShare: 1, floorMinor: 300_000, withdrawalDays: 3 });
    // 0.45 + 0.05 (all of it withdrawn) + 0.05 (cash paid in) + 0.1 (3 × the declared income).
    expect(hits[0]?.strength).toBe(0.65);
    expect(hits[0]?.facts['profile']).toBe('above_declared_income');
    expect(hits[0]?.reason).toBe(
      'Possible cash-out relay: AUD 3,000.00 collected at home in 3 credits within 30 days, 100% of it withdrawn in cash on 3 days, after a median of 72 hours.',
    );
    expect(hits[0]?.transactionIds).toHaveLength(6);
    expect(hits[0]?.indicators).toEqual(['MS-PT-01', 'MS-PROF-01']);
    const [accounts, parties] = holder('1000.00');
    // Neither pass_through (48 h, 0.5 T) nor relay_abroad (nothing sent abroad) reads it.
    expect(rawHitsOf([passThrough(), relayAbroad()], three(), { accounts, parties }).filter((h) => h.entity.id === 'MULE')).toHaveLength(0);
    expect(hitsOf([cashOutRelay()], three(), { accounts, parties }).filter((h) => h.entity.id === 'MULE')).toHaveLength(1);
  });

  test('transfers from unrelated domestic senders count like cash (no cash bonus); a new account adds 0.1, boundary at 90 days', () => {
    const txs = [0, 1, 2].flatMap((i) => [
      transfer(`P${i}`, 'MULE', 100_000, i * 100, { fromCountry: 'AU', toCountry: 'AU', fromName: `Payer Number${i}` }),
      atm(100_000, i * 100 + 30),
    ]);
    expect(cashOutHits(txs)[0]?.strength).toBe(0.6);
    expect(cashOutHits(txs)[0]?.facts['cashInShare']).toBe(0);
    expect(cashOutHits(three(), holder('1000.00', 'personal', 90))[0]?.strength).toBe(0.75);
    expect(cashOutHits(three(), holder('1000.00', 'personal', 90.01))[0]?.strength).toBe(0.65);
  });

  test('boundary: the floor is 3 × the declared income; one cent more of income and it does not fire', () => {
    expect(cashOutHits(three(), holder('1000.00'))).toHaveLength(1);
    expect(cashOutHits(three(), holder('1000.01'))).toHaveLength(0);
  });

  test('boundary: never below 0.05 T, never above 0.5 T (the floor alone without a declared income, or a zero one)', () => {
    expect(cashOutHits(cycles([20_000, 20_000, 10_000], [20_000, 20_000, 10_000], 72), holder('10.00'))[0]?.facts['floorMinor']).toBe(50_000);
    expect(cashOutHits(cycles([20_000, 20_000, 9_999], [20_000, 20_000, 9_999], 72), holder('10.00'))).toHaveLength(0);
    const half = cycles([200_000, 200_000, 100_000], [200_000, 200_000, 100_000], 72);
    expect(cashOutHits(half, holder(undefined))[0]?.facts['floorMinor']).toBe(500_000);
    expect(cashOutHits(half, holder('0.00'))[0]?.facts['floorMinor']).toBe(500_000);
    expect(cashOutHits(cycles([200_000, 200_000, 99_999], [200_000, 200_000, 99_999], 72), holder(undefined))).toHaveLength(0);
  });

  test('boundary: a median dwell of 144 hours fires, one second more does not; 90 % withdrawn fires, one cent less does not', () => {
    expect(cashOutHits(three(144))[0]?.facts['medianDwellHours']).toBe(144);
    expect(cashOutHits(three(144 + 1 / 3600))).toHaveLength(0);
    const ninety = cashOutHits(cycles([100_000, 100_000, 100_000], [90_000, 90_000, 90_000], 72));
    expect(ninety[0]?.facts['matchedShare']).toBe(0.9);
    expect(ninety[0]?.strength).toBe(0.6);
    expect(cashOutHits(cycles([100_000, 100_000, 100_000], [90_000, 90_000, 89_999], 72))).toHaveLength(0);
  });

  test('negative: two credits, money from abroad, or money moved to the holder’s own account do not fire', () => {
    expect(cashOutHits(cycles([150_000, 150_000], [150_000, 150_000], 72))).toHaveLength(0);
    const fromAbroad = [0, 1, 2].flatMap((i) => [
      transfer(`P${i}`, 'MULE', 100_000, i * 100, { fromCountry: 'GB', toCountry: 'AU', fromName: `Payer Number${i}` }),
      atm(100_000, i * 100 + 30),
    ]);
    expect(cashOutHits(fromAbroad)).toHaveLength(0);
    const own = [0, 1, 2].flatMap((i) => [transfer('SAV', 'MULE', 100_000, i * 100, { fromName: 'Preecha Thongdee' }), atm(100_000, i * 100 + 30)]);
    expect(cashOutHits(own)).toHaveLength(0);
  });

  test('negative: cash withdrawn by a recorded third party is not the holder’s cash-out (wage_diversion reads it)', () => {
    expect(cashOutHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72, { conductor: 'AGENT', channel: 'branch' }))).toHaveLength(0);
    expect(cashOutHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72, { conductor: 'H' }))).toHaveLength(1);
  });

  test('look-alike: a worker drawing each wage in cash is not a relay', () => {
    const txs = [0, 1, 2, 3].flatMap((i) => [
      transfer('EMP', 'MULE', 150_000, i * 7 * D, { fromCountry: 'AU', toCountry: 'AU', reference: 'GAJI' }),
      atm(140_000, i * 7 * D + 20),
    ]);
    expect(cashOutHits(txs, holder('100.00'))).toHaveLength(0);
  });

  test('look-alike: a licensed remitter (× 0.25) or a business drawing takings for cash wages (× 0.5) is discounted', () => {
    const msb = cashOutHits(three(), holder('1000.00', 'msb'));
    expect(msb[0]?.strength).toBe(0.1625);
    expect(msb[0]?.facts['discount']).toBe('licensed_remitter');
    const firm = cashOutHits(three(), holder('1000.00', 'business'));
    expect(firm[0]?.strength).toBe(0.325);
    expect(firm[0]?.facts['discount']).toBe('business_account');
  });

  test('scan guard: cut at 100 events, the same hit says so in scanLimit', () => {
    const busy = Array.from({ length: 150 }, (_, i) => transfer('MULE', 'SUPPLIER', 1_000, i / 10, { fromCountry: 'AU', toCountry: 'AU' }));
    const txs = [...busy, ...three().map((t) => ({ ...t, timestamp: t.timestamp + 2 * D * 3_600_000 }))];
    const whole = cashOutHits(txs);
    const cut = cashOutHits(txs, holder('1000.00'), cashOutRelay({ maxScan: 100 }));
    expect(whole).toHaveLength(1);
    expect(whole[0]?.facts['scanLimit']).toBeUndefined();
    expect(cut[0]?.facts['scanLimit']).toBe(100);
    expect({ ...cut[0]?.facts, scanLimit: undefined }).toEqual({ ...whole[0]?.facts, scanLimit: undefined });
  });

  test('an account with one transaction never fires; unsorted input gives the same hit; bad options throw a ConfigError', () => {
    expect(cashOutHits([atm(2_000_000, 0)])).toHaveLength(0);
    const txs = three();
    expect(cashOutHits([...txs].reverse())).toEqual(cashOutHits(txs));
    expect(() => cashOutRelay({ minOutInRatio: 1.5 })).toThrow(ConfigError);
    expect(cashOutRelay().windowMs).toBe(30 * D * 3_600_000);
  });
});
