import { describe, expect, test } from 'vitest';
import { hotspotCash } from '../../src/rules/context/hotspot-cash.js';
import { HOTSPOTS, hotspotMatcher, normalizePlace } from '../../src/domain/hotspots.js';
import { ConfigError } from '../../src/_internal/config-error.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, deposit, hitsOf, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// MY_LIKE: T = RM 25,000, so 0.5 × T = RM 12,500 = 1_250_000 minor units.
const myr = (location: string, extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', location, locationCountry: 'MY', ...extra });
const run = (txs: Transaction[], options: Parameters<typeof hotspotCash>[0] = {}, accounts = [] as { account: string; party?: string; type?: 'business' | 'personal' }[], parties = [] as { party: string; address?: string }[]) =>
  hitsOf([hotspotCash(options)], txs, { profile: MY_LIKE, accounts, parties });

describe('hotspot matching (RESEARCH §a.3)', () => {
  test('names match as whole words, ignoring case, diacritics and apostrophes', () => {
    const m = hotspotMatcher();
    expect(m.match("CDM COX'S BAZAR Kolatoli", 'BD')?.id).toBe('bd_coxs_bazar');
    expect(m.match('Agent Coxs Bazar Road', undefined)?.id).toBe('bd_coxs_bazar');
    expect(m.match('ATM Hat Yai Central', 'TH')?.id).toBe('th_hat_yai');
    expect(m.match('Lhokséumawe branch', 'ID')?.id).toBe('id_lhokseumawe');
    expect(m.match('Tanjung Balai Karimun port', 'ID')?.id).toBe('id_karimun');
    expect(normalizePlace('Kuala  Selangor—Jeti')).toBe('kuala selangor jeti');
  });

  test('no match inside a longer word, or in another country', () => {
    const m = hotspotMatcher();
    expect(m.match('Muaraman branch', 'MY')).toBeUndefined();
    expect(m.match('Langkawi Road', 'AU')).toBeUndefined();
    expect(m.match(undefined, 'MY')).toBeUndefined();
  });

  test('a remembered answer is the first one, per location and country, also after the memo starts again', () => {
    const m = hotspotMatcher();
    const ask = (): unknown[] => [m.match('ATM Hat Yai Central', 'TH')?.id, m.match('ATM Hat Yai Central', 'MY')?.id, m.match('ATM Hat Yai Central', undefined)?.id, m.match('Langkawi Road', '')?.id];
    const first = ask();
    expect(first).toEqual(['th_hat_yai', undefined, 'th_hat_yai', undefined]);
    expect(ask()).toEqual(first);
    for (let i = 0; i < 10_000; i++) expect(m.match(`Branch ${i}`, 'MY')).toBeUndefined();
    expect(ask()).toEqual(first);
    expect(m.match('Branch 7 Langkawi', 'MY')?.id).toBe('my_langkawi');
  });

  test('every place has a country, a role and at least one name', () => {
    for (const h of HOTSPOTS) expect(h.names.length > 0 && /^[A-Z]{2}$/.test(h.country)).toBe(true);
    expect(new Set(HOTSPOTS.map((h) => h.id)).size).toBe(HOTSPOTS.length);
  });
});

describe('hotspot_cash (MS-CASH-01)', () => {
  test('a conductor depositing RM 12,500 at Teknaf-area and Langkawi branches within 7 days fires on the party', () => {
    const txs = [
      deposit('A1', 600_000, 0, myr('Maybank Langkawi', { conductor: 'P1' })),
      deposit('A2', 650_000, 48, myr('CIMB Kuah', { conductor: 'P1' })),
    ];
    const hits = run(txs).filter((h) => h.entity.kind === 'party');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.entity.id).toBe('P1');
    expect(hits[0]?.facts).toMatchObject({ depositsMinor: 1_250_000, sites: 1, places: 'my_langkawi' });
    expect(hits[0]?.reason).toMatch(/^Possible hotspot cash pattern/);
  });

  test('boundary: exactly 0.5 × T fires, one minor unit below does not', () => {
    const at = (a: number) => [deposit('A1', 625_000, 0, myr('Langkawi', { conductor: 'P1' })), deposit('A1', a, 24, myr('Langkawi', { conductor: 'P1' }))];
    expect(run(at(625_000))).not.toHaveLength(0);
    expect(run(at(624_999))).toHaveLength(0);
  });

  test('cash at two hotspot places on one local day fires even when small; one place does not', () => {
    const two = [withdrawal('A1', 50_000, 0, myr('ATM Padang Besar', { conductor: 'P1' })), withdrawal('A1', 50_000, 3, myr('ATM Wang Kelian', { conductor: 'P1' }))];
    const hits = run(two).filter((h) => h.entity.kind === 'party');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ sitesSameDay: 2 });
    const one = [withdrawal('A1', 50_000, 0, myr('ATM Padang Besar', { conductor: 'P1' })), withdrawal('A1', 50_000, 3, myr('ATM Padang Besar 2', { conductor: 'P1' }))];
    expect(run(one)).toHaveLength(0);
    // Two places on different local days are not "the same day" (and stay below the volume floor).
    const apart = [withdrawal('A1', 50_000, 0, myr('Padang Besar', { conductor: 'P1' })), withdrawal('A1', 50_000, 30, myr('Wang Kelian', { conductor: 'P1' }))];
    expect(run(apart)).toHaveLength(0);
  });

  test('the same cash away from hotspots does not fire', () => {
    const txs = [deposit('A1', 1_000_000, 0, myr('Kuala Lumpur Sentral', { conductor: 'P1' })), deposit('A1', 1_000_000, 2, myr('Shah Alam', { conductor: 'P1' }))];
    expect(run(txs)).toHaveLength(0);
  });

  test('deposits and withdrawals are measured separately, and only within 7 days', () => {
    const mixed = [deposit('A1', 700_000, 0, myr('Langkawi', { conductor: 'P1' })), withdrawal('A1', 700_000, 5, myr('Langkawi', { conductor: 'P1' }))];
    expect(run(mixed)).toHaveLength(0);
    const late = [deposit('A1', 700_000, 0, myr('Langkawi', { conductor: 'P1' })), deposit('A1', 700_000, 7 * 24, myr('Langkawi', { conductor: 'P1' }))];
    expect(run(late)).toHaveLength(0);
  });

  test('look-alike: a tourist withdrawing cash in Langkawi once does not fire', () => {
    expect(run([withdrawal('TOURIST', 80_000, 0, myr('Maybank ATM Pantai Cenang, Langkawi'))], {}, [{ account: 'TOURIST', party: 'T1' }])).toHaveLength(0);
  });

  test('look-alike: a Langkawi business banking its takings, or a resident, is discounted below half strength', () => {
    const takings = [0, 1, 2, 3, 4].map((d) => deposit('SHOP', 400_000, d * 24, myr('Public Bank Kuah Langkawi')));
    const personal = run(takings, {}, [{ account: 'SHOP', party: 'OWNER' }]).find((h) => h.entity.kind === 'account')!;
    const shop = run(takings, {}, [{ account: 'SHOP', party: 'OWNER', type: 'business' }]).find((h) => h.entity.kind === 'account')!;
    const resident = run(takings, {}, [{ account: 'SHOP', party: 'OWNER' }], [{ party: 'OWNER', address: 'No 3, Jalan Penarak, 07000 Kuah, Langkawi' }]).find((h) => h.entity.kind === 'account')!;
    expect(shop.strength).toBeLessThan(personal.strength / 2);
    expect(resident.strength).toBeLessThanOrEqual(personal.strength / 2);
    expect(shop.facts['discount']).toBe('business_takings');
  });

  test('extra hotspot names are matched; the party hit lists the accounts it paid into', () => {
    const txs = [deposit('A1', 700_000, 0, myr('Jeti Pulau Ketam', { conductor: 'P1' })), deposit('A2', 700_000, 1, myr('Jeti Pulau Ketam', { conductor: 'P1' }))];
    expect(run(txs)).toHaveLength(0);
    const rule = hotspotCash({ extraHotspots: [{ names: ['Pulau Ketam'], country: 'MY' }] });
    const hits = rawHitsOf([rule], txs, { profile: MY_LIKE }).filter((h) => h.entity.kind === 'party');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.related).toEqual([{ kind: 'account', id: 'A1' }, { kind: 'account', id: 'A2' }]);
    expect(hits[0]?.facts).toMatchObject({ places: 'extra_1', depositsMinor: 1_400_000 });
  });

  test('invalid options throw a ConfigError', () => {
    expect(() => hotspotCash({ minSitesPerDay: 1 })).toThrow(ConfigError);
    expect(() => hotspotCash({ extraHotspots: [{ names: [] }] })).toThrow(ConfigError);
  });
});
