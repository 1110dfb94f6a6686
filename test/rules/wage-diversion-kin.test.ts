import { describe, expect, test } from 'vitest';
import { isWageAgentHit, isWorkerHit, isWorkerSeriesHit } from '../../src/engine/vouched-payers.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// wage_diversion and a payee who shares only a family name with the worker (issue 14): in a crew
// drawn from one people a few family names ("Sok", "Chea") are shared by many unrelated workers,
// and the agent is often of their people. A domestic payee with no party, address, phone or
// document in common stays a diversion target, discounted (family_name_payee); one abroad is read
// as family at home. The collector side names such payers without counting them.

const D = 24;
const dorm = 'Rumah Kongsi Golden United, Lot 2993, Jalan Kilang 4, Klang';
const khmer = ['Sok Vannak', 'Chea Dara', 'Kim Rithy', 'Ly Piseth', 'Ouk Sophal', 'Mao Vuthy'];
const accounts: Account[] = [
  { account: 'EMP', type: 'business', country: 'MY' },
  ...khmer.map((_, i) => ({ account: `W${i + 1}`, party: `P-W${i + 1}`, type: 'personal' as const, country: 'MY' })),
  { account: 'AGENT', party: 'P-AGENT', type: 'personal', country: 'MY' },
  { account: 'HOME', type: 'personal', country: 'KH' },
];
const parties: Party[] = [
  ...khmer.map((name, i) => ({ party: `P-W${i + 1}`, name, country: 'KH', address: dorm, document: `KH N0${i}1234567`, phone: `+6011200000${i}` })),
  { party: 'P-AGENT', name: 'Sok Chea', country: 'KH', address: '230/41 Jalan Mawar 1, Klang', document: 'KH N099887766', phone: '+60112999999' },
];
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });

/** W1 (Sok Vannak): a MYR 1,500 wage on `n` monthly paydays, then `share` of it to `to` 5 hours later. */
function cycles(n: number, share: number, to = 'AGENT', extra: Partial<Transaction> = {}): Transaction[] {
  return Array.from({ length: n }, (_, i) => [
    transfer('EMP', 'W1', 150_000, i * 30 * D, myr({ reference: 'GAJI', fromName: 'Golden United Sdn Bhd' })),
    transfer('W1', to, Math.round(150_000 * share), i * 30 * D + 5, myr({ toName: 'Sok Chea', channel: 'mobile', ...extra })),
  ]).flat();
}
const workerHit = (txs: Transaction[], ps: Party[] = parties) => {
  const hits = rawHitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts, parties: ps }).filter((h) => h.entity.id === 'W1' && h.facts['short'] !== true); // the short series: wage-diversion-short.test.ts
  return hits[hits.length - 1];
};

describe('wage_diversion worker variant: a payee sharing only the family name', () => {
  test('most of each wage to an agent who shares only the family name: a discounted hit, enough for an agent to vouch for the worker', () => {
    const h = workerHit(cycles(4, 0.8));
    expect(h?.facts['discount']).toBe('family_name_payee');
    expect(h?.reason).toMatch(/^Possible wage-diversion pattern: in 4 pay cycles, 80% \(median\) of each wage \(MYR 1,500\.00\) went to the same unrelated account within 24 hours of the credit\.$/);
    // (0.45 + 0.05 + 0.1) × 0.6: below the alert (weight 55 × 0.73) and below naming the payee an agent on its own
    expect(h!.strength).toBeCloseTo(0.36, 4);
    expect(isWorkerHit(h!)).toBe(true);
    expect(isWorkerSeriesHit(h!)).toBe(false);
  });

  test('boundary: three cycles of exactly half the wage still reach the worker bar; two cycles make no hit', () => {
    const h = workerHit(cycles(3, 0.5));
    expect(h!.strength).toBeCloseTo(0.27, 4);
    expect(isWorkerHit(h!)).toBe(true);
    expect(workerHit(cycles(2, 0.8))).toBeUndefined();
  });

  test('an unrelated name is not discounted: the same series to "Thura Aung" scores higher', () => {
    const other = parties.map((p) => (p.party === 'P-AGENT' ? { ...p, name: 'Thura Aung', country: 'MM' } : p));
    const h = workerHit(cycles(4, 0.8, 'AGENT', { toName: 'Thura Aung' }), other);
    expect(h?.facts['discount']).toBeUndefined();
    expect(h!.strength).toBeGreaterThan(0.36);
  });

  test('look-alike: a payee abroad with the worker’s family name is family at home — no hit', () => {
    expect(workerHit(cycles(4, 0.8, 'HOME', { toCountry: 'KH', toName: 'Sok Sophea' }))).toBeUndefined();
  });

  test('look-alike: a namesake under the same roof (shared address) is household — no hit', () => {
    const house = 'No. 9, Jalan Dahlia 4, Klang';
    const home = parties.map((p) => (p.party === 'P-AGENT' || p.party === 'P-W1' ? { ...p, address: house } : p));
    expect(workerHit(cycles(4, 0.8), home)).toBeUndefined();
  });
});

describe('wage_diversion collector variant: payers sharing only the family name', () => {
  /** One payday: workers `ws` are paid at 00:00 and each pays AGENT a varying share from 05:00, 10 minutes apart. */
  const payday = (ws: number[]) =>
    ws.flatMap((w, i) => [
      transfer('EMP', `W${w}`, 150_000, 0, myr({ reference: 'GAJI' })),
      transfer(`W${w}`, 'AGENT', Math.round(110_000 * (1 + 0.05 * i)), 5 + i / 6, myr({ toName: 'Sok Chea', channel: 'mobile' })),
    ]);
  const collector = (txs: Transaction[]) => rawHitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts, parties }).filter((h) => h.entity.id === 'AGENT');

  test('five unrelated payers and one namesake: the namesake is named, not counted', () => {
    const hits = collector(payday([2, 3, 1, 4, 5, 6]));
    const last = hits[hits.length - 1];
    expect(last?.facts).toMatchObject({ payers: 5, familyNamePayers: 1 });
    expect(last?.related?.map((r) => r.id)).toEqual(['W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
    expect(isWageAgentHit(last!)).toBe(true);
  });

  test('boundary: four unrelated payers and one namesake are not five workers — no hit', () => {
    expect(collector(payday([2, 3, 1, 4, 5]))).toHaveLength(0);
  });
});
