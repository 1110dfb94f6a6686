import { describe, expect, test } from 'vitest';
import { ransomBurst } from '../../src/rules/debt/ransom-burst.js';
import type { JurisdictionProfile } from '../../src/jurisdictions/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, MY_LIKE, deposit, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const accounts: Account[] = [
  { account: 'COL', party: 'P-COL', type: 'personal', country: 'MY' },
  ...['A1', 'A2', 'B1', 'C1', 'C2'].map((a) => ({ account: a, party: `P-${a}`, type: 'personal' as const, country: 'MY' })),
];
const parties: Party[] = [
  { party: 'P-COL', name: 'Ahmad bin Zainal', address: 'No. 4, Lorong Selasih 1, Kangar' },
  { party: 'P-A1', name: 'Kamal Hussain', country: 'MM', address: 'No. 101, Jalan Anggerik 3, Klang' },
  { party: 'P-A2', name: 'Setara Begum', country: 'MM', address: 'No. 101, Jalan Anggerik 3, Klang' },
  { party: 'P-B1', name: 'Hafez Ahmed', country: 'MM', phone: '+60169371058', address: 'No. 22, Jalan Kenanga 10, Klang' },
  { party: 'P-C1', name: 'Nurul Amin Sikder', country: 'BD', address: 'No. 7, Jalan Merbau 6, Rawang' },
  { party: 'P-C2', name: 'Jamal Sikder', country: 'BD', address: 'Workers Quarters Indah, Lot 2, Rawang' },
];
const pay = (from: string, amount: number, day: number, extra: Partial<Transaction> = {}) => transfer(from, 'COL', amount * 100, day * D, myr({ channel: 'mobile', ...extra }));
const run = (txs: Transaction[], ps: Party[] = parties, acc: Account[] = accounts) => hitsOf([ransomBurst()], txs, { profile: MY_LIKE, accounts: acc, parties: ps });
const col = (hits: ReturnType<typeof run>) => hits.filter((h) => h.entity.id === 'COL');

describe('ransom_burst (MS-DEBT-03)', () => {
  test('two relatives of one household pay RM 2,400 then RM 3,000 within days: inside the MYR band, escalating', () => {
    const hits = rawHitsOf([ransomBurst()], [pay('A1', 2400, 0, { reference: 'help' }), pay('A2', 3000, 3, { reference: 'release' })], { profile: MY_LIKE, accounts, parties });
    const h = hits.filter((x) => x.entity.id === 'COL');
    expect(h).toHaveLength(1);
    expect(h[0]?.variant).toBe('family');
    expect(h[0]?.facts).toMatchObject({ familyPayers: 2, inBand: true, escalation: true, linkEvidence: 'household', band: 'MYR 4000-6500' });
    expect(h[0]?.related).toEqual([{ kind: 'account', id: 'A1' }, { kind: 'account', id: 'A2' }]);
    expect(h[0]?.reason).toMatch(/^Possible ransom-collection pattern: 2 related payers \(shared address or phone\) paid this account MYR 2,400\.00, MYR 3,000\.00 within 14 days, inside the MYR 4,000\.00–MYR 6,500\.00 ransom band\.$/);
  });

  test('RESEARCH §d #3 Wang Kelian: RM 4,000 at the counter by one relative, RM 5,800 in two CDM deposits quoting another’s phone', () => {
    const txs = [
      deposit('COL', 400_000, 0, { currency: 'MYR', channel: 'branch', conductor: 'P-A1', toCountry: 'MY' }),
      deposit('COL', 290_000, 10 * D, { currency: 'MYR', channel: 'cdm', reference: '0169371058', toCountry: 'MY' }),
      deposit('COL', 290_000, 10 * D + 0.1, { currency: 'MYR', channel: 'cdm', reference: '0169371058', toCountry: 'MY' }),
    ];
    const h = col(run(txs));
    expect(h).toHaveLength(1);
    expect(h[0]?.facts).toMatchObject({ ransomLikeFamilies: 2, cashMachine: true, inBand: true });
    expect(h[0]?.reason).toMatch(/^Possible ransom-collection pattern: 2 different families paid this account ransom-sized sums within 30 days/);
  });

  test('RESEARCH §d #9 Daily Star: Tk 2.1 lakh then Tk 1.5 lakh from two relatives, in a BDT jurisdiction', () => {
    const BD_LIKE: JurisdictionProfile = { ...MY_LIKE, code: 'BD', name: 'Test Bangladesh', currency: 'BDT', cashThreshold: 100_000_000, timeZone: 'Asia/Dhaka' };
    const bdt = (from: string, name: string, amount: number, day: number) =>
      transfer(from, 'BKASH-COL', amount * 100, day * D, { currency: 'BDT', fromName: name, fromCountry: 'BD', toCountry: 'BD', channel: 'mobile' });
    const hits = hitsOf([ransomBurst()], [bdt('F1', 'Abdul Karim Sarkar', 210_000, 0), bdt('F2', 'Rafiq Sarkar', 150_000, 9)], { profile: BD_LIKE });
    const h = hits.filter((x) => x.entity.id === 'BKASH-COL');
    expect(h).toHaveLength(1);
    expect(h[0]?.facts).toMatchObject({ familyPayers: 2, inBand: true, linkEvidence: 'family_name', band: 'BDT 150000-220000' });
  });

  test('strong form: three families within 30 days weigh more; cash-machine deposits weigh more', () => {
    const one = col(run([pay('A1', 2400, 0), pay('A2', 3000, 3)]))[0]!;
    const three = col(run([pay('A1', 2400, 0), pay('C1', 2000, 2), pay('C2', 2600, 3), pay('B1', 4500, 5), pay('A2', 3000, 8)]))[0]!;
    expect(three.facts).toMatchObject({ ransomLikeFamilies: 3, familyPayers: 2 });
    expect(three.reason).toMatch(/; 3 families paid ransom-like sums within 30 days\.$/);
    expect(three.strength).toBeGreaterThan(one.strength + 0.15);
    const cdm = col(run([pay('A1', 2400, 0), deposit('COL', 300_000, 3 * D, { currency: 'MYR', channel: 'cdm', conductor: 'P-A2' })]))[0]!;
    expect(cdm.facts['cashMachine']).toBe(true);
    expect(cdm.strength).toBeGreaterThan(one.strength);
  });

  test('14-day burst edge: a relative paying 15 days after the first is not the same burst', () => {
    const within = rawHitsOf([ransomBurst({ bandTolerance: 0 })], [pay('A1', 2000, 0), pay('A2', 2100, 13.9)], { profile: MY_LIKE, accounts, parties });
    expect(within.filter((h) => h.entity.id === 'COL')).toHaveLength(1);
    const after = rawHitsOf([ransomBurst({ bandTolerance: 0 })], [pay('A1', 2000, 0), pay('A2', 2100, 15)], { profile: MY_LIKE, accounts, parties });
    expect(after.filter((h) => h.entity.id === 'COL')).toHaveLength(0);
  });

  test('band edges (no tolerance): a family total of RM 6,500 is inside, RM 6,501 is not', () => {
    const strict = ransomBurst({ bandTolerance: 0 });
    expect(col(hitsOf([strict], [pay('A1', 3000, 0), pay('A2', 3500, 2)], { profile: MY_LIKE, accounts, parties }))).toHaveLength(1);
    expect(col(hitsOf([strict], [pay('A1', 3000, 0), pay('A2', 3501, 2)], { profile: MY_LIKE, accounts, parties }))).toHaveLength(0);
  });

  test('bands in another currency are converted exactly through the FX table', () => {
    const fx = { convert: (a: number, from: string, to: string) => (from === to ? a : from === 'AUD' && to === 'USD' ? Math.round(a * 0.65) : from === 'USD' && to === 'AUD' ? Math.round(a / 0.65) : undefined) };
    const aud = (from: string, name: string, amount: number, day: number) => transfer(from, 'AU-COL', amount * 100, day * D, { fromName: name, fromCountry: 'AU', toCountry: 'AU' });
    const txs = [aud('R1', 'Ali Reza Karimi', 2000, 0), aud('R2', 'Javid Karimi', 1500, 4)];
    const usdOnly = ransomBurst({ bands: [{ currency: 'USD', min: '1000', max: '2500' }], bandTolerance: 0 });
    expect(rawHitsOf([usdOnly], txs, { profile: AU_LIKE, fx }).filter((h) => h.entity.id === 'AU-COL')[0]?.facts).toMatchObject({ inBand: true, band: 'USD 1000-2500' });
    // Without an FX table nothing can be sized as a ransom.
    expect(rawHitsOf([usdOnly], txs, { profile: AU_LIKE }).filter((h) => h.entity.id === 'AU-COL')).toHaveLength(0);
  });

  test('look-alike: the holder’s own family paying the holder is not a ransom', () => {
    const ps = parties.map((p) => (p.party === 'P-COL' ? { ...p, name: 'Rahim Sikder' } : p));
    expect(col(run([pay('C1', 2400, 0), pay('C2', 3000, 3)], ps))).toHaveLength(0);
  });

  test('look-alike: siblings who already supported this account months ago (regular support) are discounted', () => {
    const txs = [pay('A1', 300, -60), pay('A2', 300, -58), pay('A1', 300, -30), pay('A1', 2400, 0), pay('A2', 3000, 3)];
    const h = col(run(txs))[0];
    expect(h?.facts['established']).toBe(true);
    expect(h?.facts['discount']).toContain('established_relationship');
    expect(h!.strength).toBeLessThan(0.3);
  });

  test('look-alikes: licensed remitters are not collectors; small sums are not ransom instalments; anonymous cash is not attributed', () => {
    expect(col(run([pay('A1', 2400, 0), pay('A2', 3000, 3)], parties, accounts.map((a) => (a.account === 'COL' ? { ...a, type: 'msb' as const } : a))))).toHaveLength(0);
    expect(col(run([pay('A1', 500, 0), pay('A2', 600, 3)]))).toHaveLength(0);
    const anon = [deposit('COL', 400_000, 0, { currency: 'MYR', channel: 'cdm' }), deposit('COL', 500_000, 5 * D, { currency: 'MYR', channel: 'cdm' })];
    expect(col(run(anon))).toHaveLength(0);
  });

  test('no family data at all (no names, no reference data, no phone): stands down, band sums or not', () => {
    // Two bare accounts each paying a ransom-band sum, as in AMLSim exports: families cannot be told apart.
    const txs = [transfer('X1', 'COL', 450_000, 0, myr()), transfer('X2', 'COL', 500_000, 2 * D, myr()), transfer('X3', 'COL', 520_000, 4 * D, myr())];
    expect(col(run(txs, [], []))).toHaveLength(0);
    // The same payments with names on the transactions are judged as before.
    const named = txs.map((t, i) => ({ ...t, fromName: ['Kamal Hussain', 'Rafiq Islam', 'Nurul Sikder'][i] as string }));
    expect(col(run(named, [], [])).length).toBeGreaterThan(0);
  });

  test('payers without family data are no families of their own: a named payer among bare accounts is not a cluster of families', () => {
    // A busy account on a bank export without names: bare accounts pay band-sized sums from abroad, then one named payer does.
    const bare = ['X1', 'X2', 'X3', 'X4'].map((a, i) => transfer(a, 'COL', 450_000 + i * 10_000, i * D, myr({ fromCountry: 'MM' })));
    const named = transfer('Y1', 'COL', 480_000, 5 * D, myr({ fromCountry: 'MM', fromName: 'Kamal Hussain' }));
    expect(col(run([...bare, named], [], []))).toHaveLength(0);
    // Names on the others tell their families apart: the same payments are a cluster of ransom-like families.
    const told = bare.map((t, i) => ({ ...t, fromName: ['Rafiq Islam', 'Nurul Sikder', 'Abdul Karim', 'Mohammed Salim'][i] as string }));
    const hit = col(run([...told, named], [], []))[0];
    expect(hit?.facts['ransomLikeFamilies']).toBeGreaterThanOrEqual(3);
  });

  describe('merchant and customer payments are not ransom bursts (issue 14: 31-AU trading companies)', () => {
    // Two customers with one family name (Walker) pay a trader in the AUD band within 14 days.
    const aud = (from: string, name: string, to: string, toName: string | undefined, amount: number, day: number, reference?: string) =>
      transfer(from, to, amount * 100, day * D, {
        fromName: name, fromCountry: 'AU', toCountry: 'AU', ...(toName === undefined ? {} : { toName }), ...(reference === undefined ? {} : { reference }),
      });
    const walkers = (to: string, toName: string | undefined, refs: readonly (string | undefined)[] = []) => [
      aud('W1', 'Luke Walker', to, toName, 1400, 0, refs[0]),
      aud('W2', 'Olivia Walker', to, toName, 1900, 6, refs[1]),
    ];
    const of = <H extends { entity: { id: string } }>(hits: H[], id: string) => hits.filter((h) => h.entity.id === id);
    const runAu = (txs: Transaction[]) => rawHitsOf([ransomBurst()], txs, { profile: AU_LIKE });

    test('positive: the same two payers without commerce evidence still make a family burst on a person’s account', () => {
      const h = of(runAu(walkers('P-ACC', 'Dylan Carter')), 'P-ACC');
      expect(h).toHaveLength(1);
      expect(String(h[0]?.facts['discount'])).not.toMatch(/company_name|trade_inflows|business/);
    });

    test('negative: customers who write "goods", "stock" or "supplier" are paying for goods, not a ransom', () => {
      expect(of(runAu(walkers('P-ACC', 'Dylan Carter', ['goods', 'supplier'])), 'P-ACC')).toHaveLength(0);
      expect(of(runAu(walkers('P-ACC', 'Dylan Carter', [undefined, 'stock'])), 'P-ACC')).toHaveLength(0);
      // A ransom reference is still read as before.
      expect(of(runAu(walkers('P-ACC', 'Dylan Carter', ['help', 'release'])), 'P-ACC')).toHaveLength(1);
    });

    test('look-alike: a trader paid invoices by companies and "goods" by customers who share a family name', () => {
      const po = [0, 1, 2].map((i) => aud(`C${i}`, `Pacific Star Supermarket ${i} Pty Ltd`, 'T-ACC', 'EASTERN ENTERPRISE FOOD PTY LTD', 18_000, -9 + 3 * i, `PO ${1000 + i}`));
      expect(of(runAu([...po, ...walkers('T-ACC', 'EASTERN ENTERPRISE FOOD PTY LTD', ['goods', undefined])]), 'T-ACC')).toHaveLength(0);
      // Without references the companies' orders still tell a trader: discounted as a business.
      const h = of(runAu([...po, ...walkers('T-ACC', 'EASTERN ENTERPRISE FOOD PTY LTD')]), 'T-ACC');
      expect(h[0]?.facts['discount']).toContain('trade_inflows');
      expect(h[0]!.strength).toBeLessThan(0.3);
      // A company name alone is not evidence: a trade front paid by mules is judged on its payments.
      expect(String(of(runAu(walkers('T-ACC', 'EASTERN ENTERPRISE FOOD PTY LTD')), 'T-ACC')[0]?.facts['discount'])).not.toMatch(/trade_inflows|business/);
    });

    test('boundary: two invoice payments from companies make the holder a trader; one does not', () => {
      const po = (n: number) => Array.from({ length: n }, (_, i) => aud(`C${i}`, `Pacific Star Supermarket ${i} Pty Ltd`, 'P-ACC', 'Dylan Carter', 18_000, -5 + i, `INV ${1000 + i}`));
      const one = of(runAu([...po(1), ...walkers('P-ACC', 'Dylan Carter')]), 'P-ACC');
      expect(one).toHaveLength(1);
      expect(String(one[0]?.facts['discount'])).not.toMatch(/trade_inflows/);
      const two = of(runAu([...po(2), ...walkers('P-ACC', 'Dylan Carter')]), 'P-ACC');
      expect(two).toHaveLength(1);
      expect(two[0]?.facts['discount']).toContain('trade_inflows');
      expect(two[0]!.strength).toBeCloseTo(one[0]!.strength * 0.3, 6);
      // A person (not an organisation) quoting an invoice is not a company paying the holder.
      const people = [aud('X1', 'Jack Brown', 'P-ACC', 'Dylan Carter', 300, -5, 'INV 1'), aud('X2', 'Matthew White', 'P-ACC', 'Dylan Carter', 300, -4, 'INV 2')];
      expect(of(runAu([...people, ...walkers('P-ACC', 'Dylan Carter')]), 'P-ACC')[0]?.facts['discount']).not.toMatch(/trade_inflows/);
    });
  });
});
