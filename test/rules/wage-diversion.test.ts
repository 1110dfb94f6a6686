import { describe, expect, test } from 'vitest';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const dorm = 'Hostel Pekerja Mutiara, Lot 88, Jalan Perindustrian 5, Sungai Petani';
const accounts: Account[] = [
  { account: 'EMP', type: 'business', country: 'MY' },
  ...['W1', 'W2', 'W3', 'W4', 'W5', 'W6'].map((a) => ({ account: a, party: `P-${a}`, type: 'personal' as const, country: 'MY' })),
  { account: 'AGENT', party: 'P-AGENT', type: 'personal', country: 'MY' },
];
const parties: Party[] = [
  ...['Hla Myint', 'Kyaw Zin Oo', 'Min Thu', 'Nay Lin', 'Htet Aung', 'Tun Tun'].map((name, i) => ({ party: `P-W${i + 1}`, name, country: 'MM', address: dorm })),
  { party: 'P-AGENT', name: 'Thura Aung', country: 'MM', address: 'No. 3, Jalan Mawar 1, Sungai Petani' },
];
const months = [0, 30, 60, 90];
/** Wage of MYR 1,500 at 04:00 on each day, then `share` of it to `to` after `afterHours`. */
function cycle(worker: string, days: number[], share: number, afterHours = 5, to = 'AGENT', extra: Partial<Transaction> = {}): Transaction[] {
  return days.flatMap((d) => [
    transfer('EMP', worker, 150_000, d * D, myr({ reference: 'GAJI', fromName: 'Mutiara Plantation Sdn Bhd' })),
    transfer(worker, to, Math.round(150_000 * share), d * D + afterHours, myr({ toName: 'Thura Aung', channel: 'mobile', ...extra })),
  ]);
}
// The worker's short series (two cycles, strength-0 evidence: wage-diversion-short.test.ts) is left out here.
const run = (txs: Transaction[], ps: Party[] = parties) => hitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts, parties: ps }).filter((h) => h.facts['short'] !== true);
const on = (hits: ReturnType<typeof run>, id: string) => hits.filter((h) => h.entity.id === id);

describe('wage_diversion (MS-DEBT-02), worker variant', () => {
  test('an agent whose account carries the worker’s own name but another identity document is not the worker: it fires', () => {
    const same: Party[] = [
      { party: 'P-W1', name: 'Thin Thin', country: 'MM', address: dorm, document: 'MM VZ3150322' },
      { party: 'P-AGENT', name: 'Thin Thin', country: 'MM', address: 'No. 3, Jalan Mawar 1, Sungai Petani', document: 'MM QO5940909' },
    ];
    const txs = cycle('W1', months.slice(0, 3), 0.7, 5, 'AGENT', { toName: 'Thin Thin' });
    expect(on(run(txs, same), 'W1')).toHaveLength(1);
    // Look-alike: the same document is the worker's own second account — moving wages to it is no diversion.
    const own: Party[] = [same[0] as Party, { ...(same[1] as Party), document: 'MM VZ3150322' }];
    expect(on(run(txs, own), 'W1')).toHaveLength(0);
  });

  test('most of each wage goes to the same agent within hours, three pay cycles running', () => {
    const hits = on(run(cycle('W1', months.slice(0, 3), 0.7)), 'W1');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.reason).toMatch(/^Possible wage-diversion pattern: in 3 pay cycles, 70% \(median\) of each wage \(MYR 1,500\.00\) went to the same unrelated account within 24 hours of the credit\.$/);
    expect(hits[0]?.facts).toMatchObject({ cycles: 3, medianShare: 0.7, kickback: false });
  });

  test('cycle and share boundaries: two cycles, or 49 % of the wage, are not enough; exactly 50 % is', () => {
    expect(on(run(cycle('W1', months.slice(0, 2), 0.7)), 'W1')).toHaveLength(0);
    expect(on(run(cycle('W1', months.slice(0, 3), 0.49)), 'W1')).toHaveLength(0);
    expect(on(run(cycle('W1', months.slice(0, 3), 0.5)), 'W1')).toHaveLength(1);
  });

  test('time boundary: within 24 hours of the credit counts, 25 hours later does not', () => {
    expect(on(run(cycle('W1', months.slice(0, 3), 0.7, 24)), 'W1')).toHaveLength(1);
    expect(on(run(cycle('W1', months.slice(0, 3), 0.7, 25)), 'W1')).toHaveLength(0);
  });

  test('cash withdrawn by a recorded third party counts up to 72 hours later and weighs more', () => {
    const txs = months.slice(0, 3).flatMap((d) => [
      transfer('EMP', 'W2', 150_000, d * D, myr({ reference: 'SALARY' })),
      withdrawal('W2', 120_000, d * D + 50, { currency: 'MYR', channel: 'branch', conductor: 'P-AGENT' }),
    ]);
    const hits = rawHitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts, parties });
    const w = hits.filter((h) => h.entity.id === 'W2');
    expect(w).toHaveLength(1);
    expect(w[0]?.facts['thirdPartyCash']).toBe(true);
    expect(w[0]?.related).toEqual([{ kind: 'party', id: 'P-AGENT' }]);
    expect(w[0]!.strength).toBeGreaterThan(0.6);
  });

  test('the holder’s own cash is not diverted; cash of unknown conductor counts at reduced weight', () => {
    const own = months.slice(0, 3).flatMap((d) => [
      transfer('EMP', 'W3', 150_000, d * D, myr({ reference: 'GAJI' })),
      withdrawal('W3', 140_000, d * D + 3, { currency: 'MYR', channel: 'atm', conductor: 'P-W3' }),
    ]);
    expect(on(run(own), 'W3')).toHaveLength(0);
    const unknown = own.map((t) => (t.kind === 'cash_withdrawal' ? { ...t, conductor: undefined } : t)) as Transaction[];
    const hit = on(run(unknown), 'W3')[0];
    expect(hit?.facts['discount']).toContain('cash_conductor_unknown');
    expect(hit!.strength).toBeLessThan(0.45);
  });

  test('money returned to the employer that paid the wage (kickback) weighs more', () => {
    const agent = on(run(cycle('W1', months.slice(0, 3), 0.7)), 'W1')[0]!;
    const kick = on(run(cycle('W1', months.slice(0, 3), 0.7, 5, 'EMP', { toName: 'Mutiara Plantation Sdn Bhd' })), 'W1')[0]!;
    expect(kick.facts['kickback']).toBe(true);
    expect(kick.strength).toBeGreaterThan(agent.strength);
  });

  test('three diverted cycles among five months (a skipped month, a small month) still count: the window holds six cycles', () => {
    const txs = [
      ...cycle('W1', [0], 0.7),
      ...cycle('W1', [30], 0.2),
      transfer('EMP', 'W1', 150_000, 60 * D, myr({ reference: 'GAJI' })),
      ...cycle('W1', [90, 125], 0.7),
    ];
    const hits = on(run(txs), 'W1');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts['cycles']).toBe(3);
  });

  test('the full pattern towards one unrelated person, undiscounted, reaches the alert threshold from four cycles or ¾ of each wage', () => {
    // weight 55 × strength ≥ 40 (the typology threshold) needs ≥ 0.73
    expect(on(run(cycle('W1', months, 0.8)), 'W1')[0]!.strength).toBeGreaterThanOrEqual(0.73);
    expect(on(run(cycle('W1', months.slice(0, 3), 0.55)), 'W1')[0]!.strength).toBeCloseTo(0.6, 4);
    // discounted readings keep the lower base: a payee abroad
    const abroad = on(run(cycle('W1', months, 0.8, 5, 'AGENT', { toCountry: 'BD' })), 'W1')[0]!;
    expect(abroad.facts['discount']).toContain('remittance_abroad');
    expect(abroad.strength).toBeLessThan(0.4);
  });

  test('look-alike: one payment called household money ("belanja rumah") among four marks the payee as family', () => {
    const txs = cycle('W1', months, 0.6).map((t, i) => (i === 3 ? { ...t, reference: 'belanja rumah' } : t));
    const hit = on(run(txs), 'W1')[0]!;
    expect(hit.facts['discount']).toContain('kinship_references');
    expect(hit.strength).toBeLessThan(0.4);
  });

  test('look-alike: one transfer "for home" (an upkeep word) marks the payee as family; agents\' payments carry none', () => {
    const plain = on(run(cycle('W1', months, 0.6)), 'W1')[0]!;
    expect(plain.facts['discount'] ?? []).not.toContain('kinship_references');
    const txs = cycle('W1', months, 0.6).map((t, i) => (i === 3 ? { ...t, reference: 'for home' } : t));
    const hit = on(run(txs), 'W1')[0]!;
    expect(hit.facts['discount']).toContain('kinship_references');
    expect(hit.strength).toBeLessThan(Math.min(0.4, plain.strength));
  });

  test('more than the whole wage, every cycle, is not a wage diversion: discounted', () => {
    const hit = on(run(cycle('W1', months.slice(0, 3), 1.2)), 'W1')[0]!;
    expect(hit.facts['discount']).toContain('exceeds_wage');
    expect(hit.strength).toBeLessThan(0.4);
  });

  test('look-alike: household money to a spouse at the same address right after payday', () => {
    const home = 'No. 9, Jalan Dahlia 4, Shah Alam';
    const ps: Party[] = [{ party: 'P-W1', name: 'Azman bin Yusof', address: home }, { party: 'P-AGENT', name: 'Rohani binti Salleh', address: home }];
    expect(on(run(cycle('W1', months.slice(0, 3), 0.6, 3, 'AGENT', { toName: 'Rohani binti Salleh' }), ps), 'W1')).toHaveLength(0);
  });

  test('look-alike: a remittance home through a licensed remitter is not a diversion target', () => {
    const acc = [...accounts, { account: 'MSB', type: 'msb' as const }];
    const hits = hitsOf([wageDiversion()], cycle('W1', months.slice(0, 3), 0.6, 4, 'MSB', { toName: 'Mega Remit Sdn Bhd' }), { profile: MY_LIKE, accounts: acc, parties });
    expect(on(hits, 'W1')).toHaveLength(0);
  });
});

describe('wage_diversion (MS-DEBT-02), network variant', () => {
  const payday = (workers: string[], spreadMinutes = 10, amount = 110_000) =>
    workers.flatMap((w, i) => [
      transfer('EMP', w, 150_000, 0, myr({ reference: 'GAJI' })),
      // shares of wages that differ a little from worker to worker
      transfer(w, 'AGENT', Math.round(amount * (1 + 0.05 * i)), 5 + (i * spreadMinutes) / 60, myr({ toName: 'Thura Aung', channel: 'mobile' })),
    ]);

  test('five workers pay one account within minutes on payday: collector hit, workers in related', () => {
    const hits = rawHitsOf([wageDiversion()], payday(['W1', 'W2', 'W3', 'W4', 'W5']), { profile: MY_LIKE, accounts, parties });
    const col = hits.filter((h) => h.entity.id === 'AGENT');
    expect(col).toHaveLength(1);
    expect(col[0]?.variant).toBe('collector');
    expect(col[0]?.related?.map((r) => r.id)).toEqual(['W1', 'W2', 'W3', 'W4', 'W5']);
    expect(col[0]?.reason).toMatch(/^Possible wage-diversion collection pattern: 5 different people paid this account within 40 minutes/);
    expect(col[0]!.strength).toBeGreaterThanOrEqual(0.6);
  });

  test('m boundary: four workers are not enough', () => {
    expect(on(run(payday(['W1', 'W2', 'W3', 'W4'])), 'AGENT')).toHaveLength(0);
  });

  test('burst boundary: five payments exactly 24 hours apart from first to last are one burst; one millisecond more is not', () => {
    const spread = payday(['W1', 'W2', 'W3', 'W4', 'W5'], 360); // the workers pay 6 hours apart
    const firstPayment = spread[1] as Transaction;
    expect((spread[9] as Transaction).timestamp - firstPayment.timestamp).toBe(24 * 3_600_000);
    const collector = (txs: Transaction[]) => rawHitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts, parties }).filter((h) => h.entity.id === 'AGENT');
    expect(collector(spread)).toHaveLength(1);
    const late = spread.map((t) => (t === firstPayment ? { ...t, timestamp: t.timestamp - 1 } : t));
    expect(collector(late)).toHaveLength(0);
  });

  test('look-alike: a rotating savings group whose organiser paid last month’s pot to a member', () => {
    const txs = [transfer('AGENT', 'W3', 550_000, -28 * D, myr({ reference: 'kutu giliran' })), ...payday(['W1', 'W2', 'W3', 'W4', 'W5'])];
    const col = on(run(txs), 'AGENT');
    expect(col[0]?.facts['discount']).toContain('rotating_savings_payout');
    expect(col[0]!.strength).toBeLessThan(0.2);
  });

  test('pot boundary: a pot paid exactly 45 days before the newest payment counts, one millisecond earlier it does not; with a 30-day window only what the engine keeps is read', () => {
    const pays = payday(['W1', 'W2', 'W3', 'W4', 'W5']);
    // Only the fifth payment makes five payers, so the one hit is evaluated at the newest payment.
    const newest = Math.max(...pays.map((t) => t.timestamp));
    const pot = (msBefore: number): Transaction => ({ ...transfer('AGENT', 'W3', 550_000, 0, myr({ reference: 'kutu giliran' })), timestamp: newest - msBefore });
    const discount = (rule: ReturnType<typeof wageDiversion>, msBefore: number): string =>
      String(hitsOf([rule], [pot(msBefore), ...pays], { profile: MY_LIKE, accounts, parties }).find((h) => h.entity.id === 'AGENT')?.facts['discount']);
    expect(discount(wageDiversion(), 45 * 86_400_000)).toContain('rotating_savings_payout');
    expect(discount(wageDiversion(), 45 * 86_400_000 + 1)).not.toContain('rotating_savings_payout');
    // windowDays 30 and no other rule: the engine keeps 30 days, so an older pot is not seen.
    expect(discount(wageDiversion({ windowDays: 30 }), 28 * 86_400_000)).toContain('rotating_savings_payout');
    expect(discount(wageDiversion({ windowDays: 30 }), 31 * 86_400_000)).not.toContain('rotating_savings_payout');
  });

  test('look-alike §c.5: equal amounts from everyone are a fixed charge (stake, rent), not shares of wages', () => {
    const varied = on(run(payday(['W1', 'W2', 'W3', 'W4', 'W5'])), 'AGENT')[0]!;
    expect(varied.facts['discount']).toBeUndefined();
    const equal = payday(['W1', 'W2', 'W3', 'W4', 'W5']).map((t) => (t.toAccount === 'AGENT' ? { ...t, amount: 50_000 } : t));
    const col = on(run(equal), 'AGENT')[0]!;
    expect(col.facts['discount']).toContain('equal_amounts');
    expect(col.strength).toBeCloseTo(varied.strength * 0.5, 4);
  });

  test('look-alike: a stall taking small payments from many customers is not wage-sized', () => {
    expect(on(run(payday(['W1', 'W2', 'W3', 'W4', 'W5', 'W6'], 10, 1_800)), 'AGENT')).toHaveLength(0);
  });
});
