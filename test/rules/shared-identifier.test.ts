import { describe, expect, test } from 'vitest';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import { MY_LIKE, at, deposit, hitsOf } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const acc = (ids: string[], openedDays: number[] = []): Account[] =>
  ids.map((id, i) => ({ account: `A-${id}`, party: id, type: 'personal', ...(openedDays[i] === undefined ? {} : { openedAt: at(-(openedDays[i] as number) * D) }) }));
const activity = (ids: string[], day = 0) => ids.map((id, i) => deposit(`A-${id}`, 10_000, day * D + i, { currency: 'MYR' }));
const run = (parties: Party[], accounts = acc(parties.map((p) => p.party)), txs = activity(parties.map((p) => p.party))) =>
  hitsOf([sharedIdentifier()], txs, { profile: MY_LIKE, accounts, parties });
const on = (hits: ReturnType<typeof run>, id: string) => hits.filter((h) => h.entity.id === id);

describe('shared_identifier (MS-ID-01)', () => {
  const phone = '+60123456789';
  const agentPhone: Party[] = [
    { party: 'W1', name: 'Hla Myint', phone, address: 'Hostel Pekerja Mutiara, Lot 8, Kedah' },
    { party: 'W2', name: 'Kyaw Zin Oo', phone, address: 'Asrama Pekerja Sinar, Lot 3, Kedah' },
    { party: 'AG', name: 'Thura Aung', phone, address: 'No. 3, Jalan Mawar 1, Sungai Petani' },
  ];

  test('one phone number behind three people at different addresses: a hit listing the linked accounts', () => {
    const hits = rawHitsOf([sharedIdentifier()], activity(['W1', 'W2', 'AG']), { profile: MY_LIKE, accounts: acc(['W1', 'W2', 'AG']), parties: agentPhone });
    const w1 = hits.filter((h) => h.entity.id === 'A-W1');
    expect(w1).toHaveLength(1);
    expect(w1[0]?.variant).toBe('phone');
    expect(w1[0]?.related).toEqual([{ kind: 'account', id: 'A-AG' }, { kind: 'account', id: 'A-W2' }]);
    expect(w1[0]?.reason).toMatch(/^Possible shared-identity pattern: the holder shares a phone number with 2 other parties \(3 names at 3 addresses\)\.$/);
    expect(w1[0]?.facts).toMatchObject({ identifier: 'phone', linkedParties: 2, names: 3 });
  });

  test('s boundary: two people sharing a phone are not enough', () => {
    expect(on(run(agentPhone.slice(0, 2)), 'A-W1')).toHaveLength(0);
  });

  test('look-alikes: a family sharing a phone at home, or relatives with one family name living apart', () => {
    const home = 'No. 9, Jalan Dahlia 4, Shah Alam';
    const family = [
      { party: 'F1', name: 'Karim Sarkar', phone, address: home },
      { party: 'F2', name: 'Amena Begum', phone, address: home },
      { party: 'F3', name: 'Shathi Akter', phone, address: home },
    ];
    expect(on(run(family), 'A-F1')).toHaveLength(0);
    const apart = ['Rafiq Talukder', 'Jamal Talukder', 'Sohel Talukder'].map((name, i) => ({ party: `S${i}`, name, phone, address: `Dorm ${i}, Lot ${i}` }));
    expect(on(run(apart), 'A-S0')).toHaveLength(0);
  });

  test('an address of three unrelated families is a hit; one household under one address is not', () => {
    const safe = 'No. 58, Jalan Dahlia 4, Taman Sri, Klang';
    const unrelated = ['Rafiqul Mondal', 'Nazmul Howlader', 'Kamrul Bhuiyan'].map((name, i) => ({ party: `U${i}`, name, address: safe }));
    expect(on(run(unrelated), 'A-U0')[0]?.facts).toMatchObject({ identifier: 'address', families: 3 });
    const household = ['Karim Sarkar', 'Amena Begum', 'Rafiq Sarkar'].map((name, i) => ({ party: `H${i}`, name, address: safe }));
    expect(on(run(household), 'A-H0')).toHaveLength(0);
  });

  test('look-alike (a landlord and tenants): a shared address alone scores for the holder but links nobody into a network', () => {
    const flats = 'No. 58, Jalan Dahlia 4, Taman Sri, Klang';
    const tenants = ['Rafiqul Mondal', 'Nazmul Howlader', 'Kamrul Bhuiyan'].map((name, i) => ({ party: `U${i}`, name, address: flats }));
    const byAddress = rawHitsOf([sharedIdentifier()], activity(['U0', 'U1', 'U2']), { profile: MY_LIKE, accounts: acc(['U0', 'U1', 'U2']), parties: tenants }).filter((h) => h.entity.id === 'A-U0');
    expect(byAddress).toHaveLength(1);
    expect(byAddress[0]?.facts).toMatchObject({ identifier: 'address', links: 'none: address only' });
    expect(byAddress[0]?.related).toEqual([]);
    // (A shared phone at different addresses does link: the first test above.)
  });

  test('an allow-listed institutional address (worker dormitory) keeps reduced weight and says so', () => {
    const dorm = 'Asrama Pekerja Bintang Sentosa, Lot 3185, Jalan Ladang 9, Alor Setar';
    const residents = ['Ramesh Rai', 'Laxmi Gurung', 'Bishnu Thapa', 'Sita Tamang'].map((name, i) => ({ party: `R${i}`, name, address: dorm }));
    const safe = residents.map((p) => ({ ...p, address: 'No. 12, Jalan Melur, Alor Setar' }));
    const inst = on(run(residents), 'A-R0')[0]!;
    const priv = on(run(safe), 'A-R0')[0]!;
    expect(inst.facts).toMatchObject({ institutional: true, discount: 'institutional_address' });
    expect(inst.strength).toBeLessThan(priv.strength * 0.5);
  });

  test('one identity document recorded under two different names (AUSTRAC case #15 aliases)', () => {
    const aliases = [
      { party: 'D1', name: 'Mohammad Ali Raza', document: 'PK AB123456' },
      { party: 'D2', name: 'Ali Raza Khan', document: 'PKAB123456' },
    ];
    const h = on(run(aliases), 'A-D1')[0];
    expect(h?.facts).toMatchObject({ identifier: 'document', names: 2 });
    expect(h!.strength).toBeGreaterThanOrEqual(0.6);
    const duplicateRecord = aliases.map((p) => ({ ...p, name: 'Mohammad Ali Raza' }));
    expect(on(run(duplicateRecord), 'A-D1')).toHaveLength(0);
  });

  test('accounts opened together weigh more', () => {
    const apart = run(agentPhone, acc(['W1', 'W2', 'AG'], [400, 200, 900]));
    const together = run(agentPhone, acc(['W1', 'W2', 'AG'], [10, 12, 20]));
    expect(on(together, 'A-W1')[0]!.strength).toBeGreaterThan(on(apart, 'A-W1')[0]!.strength);
    expect(on(together, 'A-W1')[0]?.facts['openedTogether']).toBe(2);
  });

  test('once per episode: many events give one hit; activity after 30 quiet days opens a new episode', () => {
    const busy = [...activity(['W1'], 0), ...activity(['W1'], 1), ...activity(['W1'], 5), ...activity(['W1'], 20)];
    const hits = rawHitsOf([sharedIdentifier()], busy, { profile: MY_LIKE, accounts: acc(['W1', 'W2', 'AG']), parties: agentPhone });
    expect(hits.filter((h) => h.entity.id === 'A-W1')).toHaveLength(1);
    const later = [...busy, ...activity(['W1'], 51)];
    expect(on(run(agentPhone, acc(['W1', 'W2', 'AG']), later), 'A-W1')).toHaveLength(2);
  });

  test('an account without a known holder, or a holder who shares nothing, never fires', () => {
    expect(hitsOf([sharedIdentifier()], activity(['ZZ']), { profile: MY_LIKE })).toHaveLength(0);
    expect(run([{ party: 'Q1', name: 'Lone Person', phone: '+60111111111' }])).toHaveLength(0);
  });
});
