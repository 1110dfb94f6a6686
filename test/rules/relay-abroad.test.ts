import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import { relayAbroad } from '../../src/rules/flow/relay-abroad.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { deposit, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// relay_abroad: MS-PT-01 read over days with MS-PROF-01 as the money floor. T = AUD 10,000.
const D = 24;
const T0 = Date.UTC(2025, 2, 3, 1, 0, 0); // the builders' hour 0
const holder = (income: string | undefined, type: Account['type'] = 'personal', openedDaysBefore = 400): [Account[], Party[]] => [
  [{ account: 'COL', party: 'H', type, openedAt: T0 - openedDaysBefore * D * 3_600_000 }, { account: 'EMP', type: 'business' }],
  [{ party: 'H', name: 'Rafiq Sarkar', country: 'AU', ...(income === undefined ? {} : { declaredMonthlyIncome: income }) }],
];
const relayHits = (txs: Transaction[], [accounts, parties]: [Account[], Party[]] = holder('1000.00')) =>
  rawHitsOf([relayAbroad()], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL');
const abroad = (amount: number, hours: number, extra: Partial<Transaction> = {}) =>
  transfer('COL', 'NPX', amount, hours, { fromCountry: 'AU', toCountry: 'NP', fromName: 'Rafiq Sarkar', toName: 'Bhim Magar', channel: 'remitter', ...extra });
/** Cash paid in on three days, each sum sent abroad `dwell` hours later. */
function cycles(credits: number[], sent: number[], dwell: number, extra: Partial<Transaction> = {}): Transaction[] {
  return credits.flatMap((c, i) => [deposit('COL', c, i * 100), abroad(sent[i] as number, i * 100 + dwell, extra)]);
}

describe('relay_abroad (MS-PT-01 over days, MS-PROF-01 floor)', () => {
  test('scan guard: a busy month before the relay is read whole by default; cut at 100 events, the same hit says so in scanLimit', () => {
    // 150 payments to a domestic supplier in the first day (neither collected nor sent abroad), then the relay.
    const busy = Array.from({ length: 150 }, (_, i) => transfer('COL', 'SUPPLIER', 1_000, i / 10, { fromCountry: 'AU', toCountry: 'AU' }));
    const txs = [...busy, ...cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72).map((t) => ({ ...t, timestamp: t.timestamp + 2 * D * 3_600_000 }))];
    const [accounts, parties] = holder('1000.00');
    const whole = rawHitsOf([relayAbroad()], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL');
    const cut = rawHitsOf([relayAbroad({ maxScan: 100 })], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL');
    expect(whole).toHaveLength(1);
    expect(whole[0]?.facts['scanLimit']).toBeUndefined();
    expect(cut).toHaveLength(1);
    expect(cut[0]?.facts['scanLimit']).toBe(100);
    expect({ ...cut[0]?.facts, scanLimit: undefined }).toEqual({ ...whole[0]?.facts, scanLimit: undefined });
  });

  test('positive: cash collected on three days and sent to Nepal three days later each time', () => {
    const txs = cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72);
    const hits = relayHits(txs);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ inflows: 3, inTotalMinor: 300_000, abroadTotalMinor: 300_000, matchedShare: 1, medianDwellHours: 72, cashInShare: 1, corridorOutShare: 0, floorMinor: 300_000 });
    // 0.45 + 0.05 (all of it sent) + 0.05 (cash) + 0.1 (3 × the declared income).
    expect(hits[0]?.strength).toBe(0.65);
    expect(hits[0]?.facts['profile']).toBe('above_declared_income');
    expect(hits[0]?.reason).toBe(
      'Possible relay abroad: AUD 3,000.00 collected at home in 3 credits within 30 days, 100% of it sent abroad on 3 days, after a median of 72 hours.',
    );
    expect(hits[0]?.transactionIds).toHaveLength(6);
    expect(hits[0]?.indicators).toEqual(['MS-PT-01', 'MS-PROF-01']);
    expect(hits[0]?.facts['sendDays']).toBe(3);
    const [accounts, parties] = holder('1000.00');
    // pass_through (48 h, 0.5 T) does not read it as a conduit: the relay is the only reading.
    expect(rawHitsOf([passThrough()], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL')).toHaveLength(0);
    // Through the alert path as well.
    expect(hitsOf([relayAbroad()], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL')).toHaveLength(1);
  });

  test('transfers from unrelated domestic senders count like cash; to a corridor country the hit is stronger', () => {
    const txs = [0, 1, 2].flatMap((i) => [
      transfer(`P${i}`, 'COL', 100_000, i * 100, { fromCountry: 'AU', toCountry: 'AU', fromName: `Payer Number${i}` }),
      abroad(100_000, i * 100 + 30, { toCountry: 'BD', toName: 'Jamal Mondal' }),
    ]);
    const hits = relayHits(txs);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ cashInShare: 0, corridorOutShare: 1 });
    expect(hits[0]?.strength).toBe(0.7);
  });

  test('boundary: the floor is 3 × the declared income; one cent more of income and it does not fire', () => {
    const txs = cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72);
    expect(relayHits(txs, holder('1000.00'))).toHaveLength(1);
    expect(relayHits(txs, holder('1000.01'))).toHaveLength(0);
  });

  test('boundary: never below 0.05 T, never above the conduit floor 0.5 T (the floor alone without a declared income)', () => {
    // Declared AUD 10: the floor is 0.05 T = AUD 500.
    expect(relayHits(cycles([20_000, 20_000, 10_000], [20_000, 20_000, 10_000], 72), holder('10.00'))[0]?.facts['floorMinor']).toBe(50_000);
    expect(relayHits(cycles([20_000, 20_000, 9_999], [20_000, 20_000, 9_999], 72), holder('10.00'))).toHaveLength(0);
    // Declared AUD 5,000 (3× = 15,000 > 0.5 T) or nothing declared: the floor is 0.5 T = AUD 5,000.
    const half = cycles([200_000, 200_000, 100_000], [200_000, 200_000, 100_000], 72);
    expect(relayHits(half, holder('5000.00'))[0]?.facts['floorMinor']).toBe(500_000);
    expect(relayHits(half, holder(undefined))[0]?.facts['floorMinor']).toBe(500_000);
    // A declared income of zero is read as none declared (often a field left empty), not as any money being above it.
    expect(relayHits(half, holder('0.00'))[0]?.facts['floorMinor']).toBe(500_000);
    expect(relayHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72), holder('0.00'))).toHaveLength(0);
    expect(relayHits(cycles([200_000, 200_000, 99_999], [200_000, 200_000, 99_999], 72), holder(undefined))).toHaveLength(0);
  });

  test('boundary: a median dwell of 144 hours fires, 145 does not; 90 % sent abroad fires, one cent less does not', () => {
    expect(relayHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 144))[0]?.facts['medianDwellHours']).toBe(144);
    expect(relayHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 144 + 1 / 3600))).toHaveLength(0); // one second more
    const ninety = relayHits(cycles([100_000, 100_000, 100_000], [90_000, 90_000, 90_000], 72));
    expect(ninety[0]?.facts['matchedShare']).toBe(0.9);
    expect(ninety[0]?.strength).toBe(0.6);
    expect(relayHits(cycles([100_000, 100_000, 100_000], [90_000, 90_000, 89_999], 72))).toHaveLength(0);
  });

  test('negative: two credits, money sent within the country, or money that came from abroad, do not fire', () => {
    expect(relayHits(cycles([150_000, 150_000], [150_000, 150_000], 72))).toHaveLength(0);
    expect(relayHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72, { toCountry: 'AU' }))).toHaveLength(0);
    const fromAbroad = [0, 1, 2].flatMap((i) => [
      transfer(`P${i}`, 'COL', 100_000, i * 100, { fromCountry: 'GB', toCountry: 'AU', fromName: `Payer Number${i}` }),
      abroad(100_000, i * 100 + 30),
    ]);
    expect(relayHits(fromAbroad)).toHaveLength(0);
  });

  test('look-alike: a migrant worker sending wages home to someone of another name does not fire', () => {
    const txs = [0, 1, 2, 3].flatMap((i) => [
      transfer('EMP', 'COL', 150_000, i * 7 * D, { fromCountry: 'AU', toCountry: 'AU', reference: 'GAJI' }),
      abroad(140_000, i * 7 * D + 20, { toCountry: 'BD', toName: 'Jamal Mondal' }),
    ]);
    expect(relayHits(txs, holder('1000.00'))).toHaveLength(0);
  });

  test('look-alike: cash sent home to the holder’s own family is a family remittance', () => {
    expect(relayHits(cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72, { toName: 'Amina Sarkar' }))).toHaveLength(0);
  });

  test('look-alike: a licensed remitter (× 0.25) or an importer paying suppliers abroad (business, × 0.5) is discounted', () => {
    const txs = cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72);
    const msb = relayHits(txs, holder('1000.00', 'msb'));
    expect(msb[0]?.strength).toBe(0.1625);
    expect(msb[0]?.facts['discount']).toBe('licensed_remitter');
    const importer = relayHits(txs, holder('1000.00', 'business'));
    expect(importer[0]?.strength).toBe(0.325);
    expect(importer[0]?.facts['discount']).toBe('business_account');
  });

  test('a new account (MS-NEW-01) adds 0.1; boundary at 90 days', () => {
    const txs = cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72);
    expect(relayHits(txs, holder('1000.00', 'personal', 90))[0]?.strength).toBe(0.75);
    expect(relayHits(txs, holder('1000.00', 'personal', 90.01))[0]?.strength).toBe(0.65);
  });

  test('an account with one transaction never fires; bad options throw a ConfigError', () => {
    expect(relayHits([abroad(2_000_000, 0)])).toHaveLength(0);
    expect(() => relayAbroad({ minOutInRatio: 1.5 })).toThrow(ConfigError);
    expect(relayAbroad().windowMs).toBe(30 * D * 3_600_000);
  });

  test('unsorted input gives the same hit', () => {
    const txs = cycles([100_000, 100_000, 100_000], [100_000, 100_000, 100_000], 72);
    expect(relayHits([...txs].reverse())).toEqual(relayHits(txs));
  });
});
