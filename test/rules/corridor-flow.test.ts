import { describe, expect, test } from 'vitest';
import { corridorFlow } from '../../src/rules/context/corridor-flow.js';
import { ConfigError } from '../../src/_internal/config-error.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const NAMES: readonly string[] = ['Nurul Amin', 'Mohammad Yunus', 'Abdul Shukur', 'Faisal Rahman', 'Anwar Sadat', 'Kamal Uddin'];
/** Sender i in `country` pays COL (in Malaysia) RM 3,000 on day `day`. */
const inflow = (i: number, country: string, day: number, extra: Partial<Transaction> = {}) =>
  transfer(`S${i}`, 'COL', 300_000, day * D, { currency: 'MYR', fromCountry: country, toCountry: 'MY', fromName: NAMES[i] as string, channel: 'remitter', ...extra });
/** PAYER (in Malaysia) sends RM 1,500 to beneficiary i in `country`. */
const outflow = (i: number, country: string, day: number, extra: Partial<Transaction> = {}) =>
  transfer('PAYER', `B${i}`, 150_000, day * D, { currency: 'MYR', fromCountry: 'MY', toCountry: country, toName: NAMES[i] as string, channel: 'remitter', ...extra });
const run = (txs: Transaction[], accounts: Account[] = [], parties: Party[] = []) =>
  rawHitsOf([corridorFlow()], txs, { profile: MY_LIKE, accounts, parties });
const on = (id: string) => (hits: ReturnType<typeof run>) => hits.filter((h) => h.entity.id === id);

describe('corridor_flow (MS-GEO-01)', () => {
  test('collection: three unrelated senders in Bangladesh pay one Malaysian account within 30 days', () => {
    const hits = on('COL')(run([inflow(0, 'BD', 0), inflow(1, 'BD', 5), inflow(2, 'BD', 20)]));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('collection');
    expect(hits[0]?.facts).toMatchObject({ counterparties: 3, payments: 3, totalMinor: 900_000, countries: 'BD', ownCountry: 'MY', callForAction: false });
    expect(hits[0]?.related).toEqual([{ kind: 'account', id: 'S0' }, { kind: 'account', id: 'S1' }, { kind: 'account', id: 'S2' }]);
    expect(hits[0]?.reason).toMatch(/^Possible corridor collection pattern/);
  });

  test('boundary: three counterparties fire, two do not; the third outside 30 days does not count', () => {
    expect(on('COL')(run([inflow(0, 'BD', 0), inflow(1, 'SA', 5)]))).toHaveLength(0);
    expect(on('COL')(run([inflow(0, 'BD', 0), inflow(1, 'SA', 5), inflow(2, 'AE', 10)]))).toHaveLength(1);
    expect(on('COL')(run([inflow(0, 'BD', 0), inflow(1, 'BD', 20), inflow(2, 'BD', 30)]))).toHaveLength(0);
  });

  test('strength rises with counterparties and with a FATF call-for-action country (Myanmar)', () => {
    const three = on('COL')(run([0, 1, 2].map((i) => inflow(i, 'BD', i))))[0]!;
    const five = on('COL')(run([0, 1, 2, 3, 4].map((i) => inflow(i, 'BD', i))))[0]!;
    const myanmar = on('COL')(run([0, 1, 2].map((i) => inflow(i, i === 0 ? 'MM' : 'BD', i))))[0]!;
    expect(five.strength).toBeGreaterThan(three.strength);
    expect(myanmar.strength).toBeGreaterThan(three.strength);
    expect(myanmar.facts).toMatchObject({ callForAction: true, countries: 'BD,MM' });
  });

  test('repayment: a Malaysian account sends to three unrelated beneficiaries in origin or transit countries', () => {
    const hits = on('PAYER')(run([outflow(0, 'BD', 0), outflow(1, 'TH', 7), outflow(2, 'ID', 14)]));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('repayment');
    expect(hits[0]?.reason).toMatch(/^Possible corridor repayment pattern/);
  });

  test('domestic transfers and the safe direction do not count', () => {
    const domestic = [0, 1, 2, 3].map((i) => inflow(i, 'MY', i));
    expect(run(domestic)).toHaveLength(0);
    // An account in an origin-only country (Myanmar) receiving from abroad is not a transit or destination collector.
    const intoMyanmar = [0, 1, 2].map((i) => transfer(`S${i}`, 'MMACC', 100_000, i * D, { currency: 'MYR', fromCountry: 'TH', toCountry: 'MM', fromName: NAMES[i] as string }));
    expect(run(intoMyanmar)).toHaveLength(0);
  });

  test('look-alike: a migrant worker remitting a wage home to Bangladesh monthly does not fire', () => {
    const txs = [0, 30, 61, 91, 122].map((d) => transfer('WORKER', 'MOTHER', 120_000, d * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'BD', toName: 'Rahima Begum', channel: 'remitter' }));
    expect(hitsOf([corridorFlow()], txs, { profile: MY_LIKE })).toHaveLength(0);
  });

  test('look-alike: a migrant supporting three relatives of one household at home counts as one family', () => {
    const accounts: Account[] = ['B0', 'B1', 'B2'].map((a, i) => ({ account: a, party: `F${i}`, country: 'BD' }));
    const parties: Party[] = [0, 1, 2].map((i) => ({ party: `F${i}`, name: NAMES[i] as string, address: 'House 12, Road 3, Chandanaish, Chattogram' }));
    expect(on('PAYER')(run([outflow(0, 'BD', 0), outflow(1, 'BD', 1), outflow(2, 'BD', 2)], accounts, parties))).toHaveLength(0);
    expect(on('PAYER')(run([outflow(0, 'BD', 0), outflow(1, 'BD', 1), outflow(2, 'BD', 2)]))).toHaveLength(1);
  });

  test('look-alike: a licensed remitter or a company counterparty is not a corridor signal', () => {
    const txs = [0, 1, 2, 3].map((i) => inflow(i, 'BD', i));
    const personal = on('COL')(run(txs))[0]!;
    const msb = on('COL')(run(txs, [{ account: 'COL', type: 'msb' }]))[0]!;
    expect(msb.strength).toBeLessThan(personal.strength / 2);
    const trade = [0, 1, 2].map((i) => inflow(i, 'BD', i, { fromName: `Garments Exporters ${i} Ltd` }));
    expect(run(trade)).toHaveLength(0);
  });

  test('invalid options throw a ConfigError', () => {
    expect(() => corridorFlow({ minCounterparties: 1 })).toThrow(ConfigError);
    expect(() => corridorFlow({ callForAction: ['Myanmar'] })).toThrow(ConfigError);
  });
});
