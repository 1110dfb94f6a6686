import { describe, expect, test } from 'vitest';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import { CORRIDOR_FEES } from '../../src/domain/fees.js';
import { parseAmount } from '../../src/schema/money.js';
import { ConfigError } from '../../src/_internal/config-error.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, deposit, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const NAMES = ['Nurul Amin', 'Mohammad Yunus', 'Abdul Shukur', 'Faisal Rahman', 'Anwar Sadat'];
/** Sender i (in `country`) pays COL (in Malaysia) `ringgit` on day `day`. */
const pay = (i: number, ringgit: number, day: number, extra: Partial<Transaction> = {}) =>
  transfer(`S${i}`, 'COL', Math.round(ringgit * 100), day * D, { currency: 'MYR', fromCountry: 'BD', toCountry: 'MY', fromName: NAMES[i] as string, ...extra });
const fx = { convert: (a: number, from: string, to: string) => (from === to ? a : from === 'USD' && to === 'MYR' ? a * 4 : from === 'MYR' && to === 'USD' ? Math.round(a / 4) : undefined) };
const run = (txs: Transaction[], options: Parameters<typeof feeMatch>[0] = {}, accounts: Account[] = []) =>
  rawHitsOf([feeMatch(options)], txs, { profile: MY_LIKE, accounts, fx }).filter((h) => h.entity.id === 'COL');
/** Ransoms only, one person: isolates the Wang Kelian RM 6,500 release price for boundary tests. */
const RANSOM_ONLY = { kinds: ['ransom' as const], maxPartySize: 1 };

describe('fee table (RESEARCH §a.2)', () => {
  test('literal minor units equal the reported decimal amounts', () => {
    const wk = CORRIDOR_FEES.find((f) => f.id === 'wang_kelian_release')!;
    expect(wk.amounts[0]).toBe((parseAmount('6500.00', 'MYR') as { minor: number }).minor);
    const idr = CORRIDOR_FEES.find((f) => f.id === 'cxb_pidie_idr')!;
    expect(idr.amounts).toEqual([(parseAmount('14000000', 'IDR') as { minor: number }).minor, (parseAmount('7000000', 'IDR') as { minor: number }).minor]);
    expect(new Set(CORRIDOR_FEES.map((f) => f.id)).size).toBe(CORRIDOR_FEES.length);
    for (const f of CORRIDOR_FEES) for (const a of f.amounts) expect(Number.isSafeInteger(a) && a > 0).toBe(true);
  });
});

describe('fee_match (MS-AMT-02)', () => {
  test('two unrelated senders in Bangladesh pay fee-sized amounts (RM 6,500 release price, RM 4,000) within 30 days', () => {
    const hits = run([pay(0, 4_000, 0), pay(1, 6_500, 10)]);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('senders');
    expect(hits[0]?.facts).toMatchObject({ senders: 2, fee: 'wang_kelian_release', feeCurrency: 'MYR', partySize: 1, deviationBp: 0, crossBorderOrHotspot: true });
    expect(hits[0]?.related).toEqual([{ kind: 'account', id: 'S0' }, { kind: 'account', id: 'S1' }]);
    expect(hits[0]?.reason).toMatch(/^Possible fee-payment pattern/);
  });

  test('boundary on the tolerance: exactly 10 % above RM 6,500 matches, one sen more does not', () => {
    // No FX table: only the MYR fees can match (RM 7,150.01 is within 10 % of USD 1,800 at 4 MYR/USD).
    const noFx = (txs: Transaction[], options: Parameters<typeof feeMatch>[0]) => rawHitsOf([feeMatch(options)], txs, { profile: MY_LIKE }).filter((h) => h.entity.id === 'COL');
    expect(noFx([pay(0, 6_500, 0), pay(1, 7_150, 5)], RANSOM_ONLY)).toHaveLength(1);
    expect(noFx([pay(0, 6_500, 0), pay(1, 7_150.01, 5)], RANSOM_ONLY)).toHaveLength(0);
    expect(noFx([pay(0, 6_500, 0), pay(1, 7_150.01, 5)], { ...RANSOM_ONLY, tolerance: 0.11 })).toHaveLength(1);
  });

  test('boundary on senders: two senders fire, one sender (or two outside 30 days) does not', () => {
    expect(run([pay(0, 6_500, 0)])).toHaveLength(0);
    expect(run([pay(0, 6_500, 0), pay(1, 6_500, 30)], RANSOM_ONLY)).toHaveLength(0);
    expect(run([pay(0, 6_500, 0), pay(1, 6_500, 29)], RANSOM_ONLY)).toHaveLength(1);
    expect(run([pay(0, 6_500, 0), pay(1, 6_500, 1), pay(2, 6_500, 2)], { ...RANSOM_ONLY, minSenders: 3 })).toHaveLength(1);
  });

  test('party sizes: three people at the RM 2,200 adult fare, within Q = 6; family fares are not multiplied', () => {
    const hits = run([pay(0, 6_600, 0), pay(1, 2_200, 1)], { kinds: ['fare'] });
    expect(hits[0]?.facts).toMatchObject({ fee: 'th_my_land_adult', partySize: 1 });
    expect(run([pay(0, 6_600, 0), pay(1, 6_600, 1)], { kinds: ['fare'], maxPartySize: 2 })).toHaveLength(0);
  });

  test('amounts that match no fee, or flows with no corridor country, do not fire', () => {
    expect(run([pay(0, 350, 0), pay(1, 420, 1)])).toHaveLength(0);
    expect(run([pay(0, 6_500, 0, { fromCountry: 'GB', toCountry: 'GB' }), pay(1, 6_500, 1, { fromCountry: 'GB', toCountry: 'GB' })])).toHaveLength(0);
  });

  test('a foreign fee is matched in its own currency: original USD amounts, or MYR through the FX table', () => {
    const usd = run([pay(0, 1_800, 0, { currency: 'USD' }), pay(1, 1_800, 1, { currency: 'USD' })], RANSOM_ONLY);
    expect(usd[0]?.facts).toMatchObject({ fee: 'th_camp_release', feeCurrency: 'USD', deviationBp: 0 });
    const myr = run([pay(0, 7_200, 0), pay(1, 7_200, 1)], RANSOM_ONLY);
    expect(myr[0]?.facts).toMatchObject({ fee: 'th_camp_release', feeCurrency: 'USD' });
    // Without a rate the USD fees are skipped.
    expect(rawHitsOf([feeMatch(RANSOM_ONLY)], [pay(0, 7_200, 0), pay(1, 7_200, 1)], { profile: MY_LIKE })).toHaveLength(0);
  });

  test('cumulative: one payer\'s RM 3,000 + RM 3,500 within 90 days adds up to the RM 6,500 release price', () => {
    const hits = run([pay(0, 3_000, 0), pay(0, 3_500, 40)], RANSOM_ONLY);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('cumulative');
    expect(hits[0]?.facts).toMatchObject({ senders: 1, payments: 2, totalMinor: 650_000, fee: 'wang_kelian_release' });
    expect(run([pay(0, 3_000, 0), pay(0, 3_500, 90)], RANSOM_ONLY)).toHaveLength(0);
    // A payer who already paid the account months earlier is an established relationship.
    expect(run([pay(0, 500, -100), pay(0, 3_000, 0), pay(0, 3_500, 40)], RANSOM_ONLY)).toHaveLength(0);
  });

  test('cash paid in at a hotspot by two conductors counts even without countries', () => {
    const cash = (p: string, ringgit: number, day: number, location: string) =>
      deposit('COL', ringgit * 100, day * D, { currency: 'MYR', conductor: p, location });
    expect(run([cash('P1', 6_500, 0, 'CDM Kuah Langkawi'), cash('P2', 4_000, 1, 'CDM Kuah Langkawi')])).toHaveLength(1);
    expect(run([cash('P1', 6_500, 0, 'CDM Ipoh'), cash('P2', 4_000, 1, 'CDM Ipoh')])).toHaveLength(0);
  });

  test('look-alike: a migrant worker remitting a wage home to Bangladesh monthly does not fire', () => {
    const txs = [0, 30, 61, 91, 122, 152].map((d) =>
      transfer('WORKER', 'MOTHER', 120_000, d * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'BD', fromName: 'Abdul Karim', toName: 'Rahima Begum', channel: 'remitter' }));
    expect(hitsOf([feeMatch()], txs, { profile: MY_LIKE })).toHaveLength(0);
  });

  test('a remittance home is one payer only: another person paying the same account makes the series count, an organisation does not', () => {
    const home = [0, 30, 61, 91, 122, 152].map((d) =>
      transfer('WORKER', 'MOTHER', 120_000, d * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'BD', fromName: 'Abdul Karim', toName: 'Rahima Begum', channel: 'remitter' }));
    const other = (name: string) => transfer('OTHER', 'MOTHER', 30_000, 45 * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'BD', fromName: name, toName: 'Rahima Begum' });
    const onMother = (txs: Transaction[], accounts: Account[] = []) => rawHitsOf([feeMatch()], txs, { profile: MY_LIKE, accounts }).filter((h) => h.entity.id === 'MOTHER');
    expect(onMother(home)).toHaveLength(0);
    const withStranger = onMother([...home, other('Mohammad Yunus')]);
    expect(withStranger.length).toBeGreaterThan(0);
    expect(withStranger.every((h) => h.variant === 'cumulative')).toBe(true);
    // A money-service business paying out to her is an organisation, not another payer.
    expect(onMother([...home, other('Mohammad Yunus')], [{ account: 'OTHER', type: 'msb' }])).toHaveLength(0);
  });

  test('look-alikes: payroll, rent and the holder\'s family are left out', () => {
    const payroll = [pay(0, 2_200, 0, { fromName: 'Sinar Plantation Sdn Bhd' }), pay(1, 2_200, 1, { fromName: 'Sinar Plantation Sdn Bhd', fromAccount: 'S0' })];
    expect(run(payroll)).toHaveLength(0);
    expect(run([pay(0, 1_000, 0, { reference: 'sewa bilik mac' }), pay(1, 1_000, 1, { reference: 'rent march' })])).toHaveLength(0);
  });

  test('look-alike: a rotating savings group (members paid the pot in turn) is discounted below half strength', () => {
    // Members S0–S3 pay equal RM 1,000 stakes; S0–S2 were paid the pot in earlier rounds. (The first round of a
    // new group, before any pot is paid, is indistinguishable from a collection and is not discounted.)
    const contributions = [0, 1, 2, 3].map((i) => pay(i, 1_000, i, { fromCountry: 'MY' }));
    const plain = run(contributions)[0]!;
    const pots = [0, 1, 2].map((i) => transfer('COL', `S${i}`, 400_000, (i - 3) * 10 * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY' }));
    const rosca = run([...pots, ...contributions])[0]!;
    expect(rosca.facts['discount']).toBe('rotating_savings');
    expect(rosca.strength).toBeLessThan(plain.strength / 2);
  });

  test('licensed remitters are discounted; invalid options throw a ConfigError', () => {
    const txs = [pay(0, 4_000, 0), pay(1, 6_500, 10)];
    expect(run(txs, {}, [{ account: 'COL', type: 'msb' }])[0]!.strength).toBeLessThan(run(txs)[0]!.strength / 2);
    expect(() => feeMatch({ tolerance: 0.5 })).toThrow(ConfigError);
    expect(() => feeMatch({ extraFees: [{ route: 'x', currency: 'MYR', amounts: ['65.001'] }] })).toThrow(ConfigError);
    expect(run([pay(0, 7_777, 0), pay(1, 7_777, 1)], { kinds: ['survey'], extraFees: [{ route: 'Local case', currency: 'MYR', amounts: ['7777.00'] }] })[0]?.facts)
      .toMatchObject({ fee: 'extra_1', partySize: 1 });
  });
});
