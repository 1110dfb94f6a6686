import { describe, expect, test } from 'vitest';
import { jurisdiction } from '../../src/jurisdictions/index.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const au = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ fromCountry: 'AU', toCountry: 'AU', ...extra });
const PERSONAL: Account[] = [{ account: 'PAY', party: 'H', type: 'personal' }];
/** One lump paid into PAY by an unrelated payer at hour 0. */
const lump = (amount: number): Transaction => transfer('COLLECTOR', 'PAY', amount, 0, au({ reference: 'stock' }));
/** Payments out of PAY to distinct recipients, one every 5 hours from hour 10, to the given countries. */
const spread = (amounts: readonly number[], countries: readonly string[]): Transaction[] =>
  amounts.map((a, i) => transfer('PAY', `R${i}`, a, 10 + 5 * i, au({ toCountry: countries[i] as string })));
const run = (txs: Transaction[], accounts: Account[] = PERSONAL, options = {}) =>
  hitsOf([fanOut(options)], txs, { accounts }).filter((h) => h.entity.id === 'PAY');

describe('fan_out: one lump paid on abroad (MS-FAN-01, offshore third parties in corridor countries)', () => {
  test('a personal account paying one A$12,000 lump on to recipients in BD and ID within 72 h fires', () => {
    const hits = run([lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['BD', 'ID', 'AU'])]);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ burstPayments: 1, burstTotalMinor: 1_200_000, recipients: 3, corridorRecipients: 2, corridorCountries: 'BD,ID', outShare: 0.9167 });
    expect(hits[0]?.strength).toBe(0.8);
    expect(hits[0]?.reason).toBe(
      'Possible fan-out pattern: AUD 12,000.00 paid in by 1 payment, then 92% of it (AUD 11,000.00) paid out to 3 recipients within 72 hours, ' +
        '2 of them abroad in corridor countries (BD, ID), each payment below the AUD 10,000.00 threshold.',
    );
  });

  test('the lump\'s payer is named in related beside the recipients (the link from a paymaster to its collector)', () => {
    const txs = [lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['BD', 'ID', 'AU'])];
    const raw = rawHitsOf([fanOut()], txs, { accounts: PERSONAL }).filter((h) => h.entity.id === 'PAY');
    expect(raw[0]?.related).toEqual([
      { kind: 'account', id: 'COLLECTOR' }, { kind: 'account', id: 'R0' }, { kind: 'account', id: 'R1' }, { kind: 'account', id: 'R2' },
    ]);
  });

  test('the lump\'s payer is stated as the `lumpSource` fact; a two-payment burst names no source', () => {
    const hits = run([lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['BD', 'ID', 'AU'])]);
    expect(hits[0]?.facts['lumpSource']).toBe('COLLECTOR');
    const th = jurisdiction('TH');
    const thb = (from: string, to: string, amount: number, hour: number, toCountry = 'TH') =>
      transfer(from, to, amount, hour, { fromCountry: 'TH', toCountry, currency: 'THB' });
    const burst = [thb('A', 'PAY', 1_000_000_00, 0), thb('B', 'PAY', 1_000_000_00, 1), thb('PAY', 'R0', 800_000_00, 10, 'MM'), thb('PAY', 'R1', 600_000_00, 15, 'MY'), thb('PAY', 'R2', 600_000_00, 20)];
    const two = hitsOf([fanOut()], burst, { accounts: PERSONAL, profile: th }).filter((h) => h.entity.id === 'PAY');
    expect(two).toHaveLength(1);
    expect(two[0]?.facts['burstPayments']).toBe(2);
    expect(two[0]?.facts['lumpSource']).toBeUndefined();
  });

  test('boundary: 2 corridor recipients paid half the money fire, less than half do not; one corridor recipient is not enough, nor fewer than the option asks', () => {
    expect(run([lump(1_200_000), ...spread([300_000, 300_000, 300_000, 300_000], ['BD', 'MM', 'AU', 'AU'])])).toHaveLength(1);
    // 70 % is only paid out with the fifth recipient, when 2 of 5 are abroad.
    expect(run([lump(1_200_000), ...spread([200_000, 200_000, 200_000, 200_000, 200_000], ['BD', 'MM', 'AU', 'AU', 'AU'])])).toHaveLength(0);
    expect(run([lump(1_200_000), ...spread([400_000, 400_000, 400_000], ['BD', 'AU', 'AU'])])).toHaveLength(0);
    expect(run([lump(1_200_000), ...spread([400_000, 400_000, 400_000], ['BD', 'ID', 'AU'])], PERSONAL, { minLumpCorridorRecipients: 3 })).toHaveLength(0);
  });

  test('boundary: exactly half of the money paid out abroad in corridor countries fires, one cent less does not', () => {
    expect(run([lump(1_200_000), ...spread([300_000, 300_000, 600_000], ['BD', 'ID', 'AU'])])).toHaveLength(1);
    expect(run([lump(1_200_000), ...spread([300_000, 299_999, 600_001], ['BD', 'ID', 'AU'])])).toHaveLength(0);
  });

  test('Thailand: the lump\'s Q is the THB 200,000 flow reference (T = THB 2,000,000 stays the two-payment burst\'s)', () => {
    const th = jurisdiction('TH');
    const thb = (from: string, to: string, amount: number, hour: number, toCountry = 'TH') =>
      transfer(from, to, amount, hour, { fromCountry: 'TH', toCountry, currency: 'THB' });
    const out = [thb('PAY', 'R0', 8_000_000, 10, 'MM'), thb('PAY', 'R1', 6_000_000, 15, 'MY'), thb('PAY', 'R2', 6_000_000, 20)];
    const go = (txs: Transaction[]) => hitsOf([fanOut()], txs, { accounts: PERSONAL, profile: th }).filter((h) => h.entity.id === 'PAY');
    expect(go([thb('COLLECTOR', 'PAY', 20_000_000, 0), ...out])).toHaveLength(1);
    expect(go([thb('COLLECTOR', 'PAY', 19_999_999, 0), ...out])).toHaveLength(0);
    // Two payments of THB 100,000 each are a burst under T: the two-payment path keeps the cash threshold.
    expect(go([thb('C1', 'PAY', 10_000_000, 0), thb('C2', 'PAY', 10_000_000, 1), ...out])).toHaveLength(0);
  });

  test('a small credit beside the lump (a welfare payment) leaves it one lump: ≥ 90 % of the burst in one payment, not 89.99 %', () => {
    const th = jurisdiction('TH');
    const thb = (from: string, to: string, amount: number, hour: number, toCountry = 'TH') =>
      transfer(from, to, amount, hour, { fromCountry: 'TH', toCountry, currency: 'THB' });
    const out = [thb('PAY', 'R0', 8_000_000, 10, 'MM'), thb('PAY', 'R1', 6_000_000, 15, 'MY'), thb('PAY', 'R2', 6_000_000, 20)];
    const txs = (small: number) => [thb('WELFARE', 'PAY', small, -24), thb('COLLECTOR', 'PAY', 20_000_000, 0), ...out];
    // THB 200,000 and THB 22,222.22: the lump is 90.0 % of a burst far under T = THB 2,000,000.
    const hits = hitsOf([fanOut()], txs(2_222_222), { accounts: PERSONAL, profile: th }).filter((h) => h.entity.id === 'PAY');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ burstPayments: 2, corridorRecipients: 2 });
    const raw = rawHitsOf([fanOut()], txs(2_222_222), { accounts: PERSONAL, profile: th }).filter((h) => h.entity.id === 'PAY');
    expect(raw[0]?.related).toContainEqual({ kind: 'account', id: 'COLLECTOR' });
    expect(raw[0]?.related).not.toContainEqual({ kind: 'account', id: 'WELFARE' });
    // THB 22,222.23 beside it: 89.99 %, two payments under T — no burst.
    expect(hitsOf([fanOut()], txs(2_222_223), { accounts: PERSONAL, profile: th }).filter((h) => h.entity.id === 'PAY')).toHaveLength(0);
  });

  test('boundary: a lump of exactly Q = T fires, one cent less does not', () => {
    expect(run([lump(1_000_000), ...spread([300_000, 300_000, 300_000], ['BD', 'ID', 'AU'])])).toHaveLength(1);
    expect(run([lump(999_999), ...spread([300_000, 300_000, 300_000], ['BD', 'ID', 'AU'])])).toHaveLength(0);
  });

  test('cash withdrawals count as recipients but never as corridor ones', () => {
    const cash = [withdrawal('PAY', 300_000, 12, { location: 'BR-1' }), withdrawal('PAY', 300_000, 14, { location: 'BR-2' })];
    expect(run([lump(1_200_000), ...spread([300_000, 300_000], ['BD', 'ID']), ...cash])).toHaveLength(1);
    expect(run([lump(1_200_000), ...spread([300_000], ['BD']), ...cash, withdrawal('PAY', 300_000, 16, { location: 'BR-3' })])).toHaveLength(0);
  });

  test('look-alikes stay quiet: a business paying suppliers abroad from one customer payment, an account of unknown type, domestic recipients', () => {
    const txs = [lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['BD', 'ID', 'AU'])];
    expect(run(txs, [{ account: 'PAY', party: 'H', type: 'business' }])).toHaveLength(0);
    expect(run(txs, [])).toHaveLength(0);
    expect(run([lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['AU', 'AU', 'AU'])])).toHaveLength(0);
    // A recipient abroad outside the corridor (GB) is not a corridor recipient.
    expect(run([lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['GB', 'GB', 'BD'])])).toHaveLength(0);
  });

  test('minLumpCorridorRecipients 0 restores the two-payment burst', () => {
    expect(run([lump(1_200_000), ...spread([400_000, 400_000, 300_000], ['BD', 'ID', 'AU'])], PERSONAL, { minLumpCorridorRecipients: 0 })).toHaveLength(0);
  });
});
