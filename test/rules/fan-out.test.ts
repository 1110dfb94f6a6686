import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { deposit, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const au = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ fromCountry: 'AU', toCountry: 'AU', ...extra });
/** Payments into COL from distinct payers at the given hours. */
const burst = (amounts: number[], hours: number[]) => amounts.map((a, i) => transfer(`P${i}`, 'COL', a, hours[i] as number, au()));
/** Payments out of COL to distinct recipients at the given hours. */
const spread = (amounts: number[], hours: number[], extra: (i: number) => Partial<Transaction> = () => ({})) =>
  amounts.map((a, i) => transfer('COL', `R${i}`, a, hours[i] as number, au(extra(i))));
const run = (txs: Transaction[], accounts: Account[] = [], parties: Party[] = []) => hitsOf([fanOut()], txs, { accounts, parties }).filter((h) => h.entity.id === 'COL');

// A$12,000 collected in four payments over five days (T = A$10,000).
const COLLECTED = burst([300_000, 300_000, 300_000, 300_000], [0, 24, 72, 120]);

describe('fan_out (MS-FAN-01)', () => {
  test('a burst of A$12,000 paid out to three recipients within 72 h fires, recipients in related', () => {
    const txs = [...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 140, 150])];
    const hits = run(txs);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ burstPayments: 4, burstTotalMinor: 1_200_000, recipients: 3, outTotalMinor: 900_000, outShare: 0.75, dispersalHours: 72, corridorRecipients: 0 });
    expect(hits[0]?.strength).toBe(0.5);
    expect(hits[0]?.reason).toBe(
      'Possible fan-out pattern: AUD 12,000.00 paid in by 4 payments, then 75% of it (AUD 9,000.00) paid out to 3 recipients within 72 hours.',
    );
    expect(hits[0]?.transactionIds).toHaveLength(7);
    const raw = rawHitsOf([fanOut()], txs).filter((h) => h.entity.id === 'COL');
    expect(raw[0]?.related).toEqual([{ kind: 'account', id: 'R0' }, { kind: 'account', id: 'R1' }, { kind: 'account', id: 'R2' }]);
  });

  test('recipients abroad in corridor countries and outflows split below T add strength', () => {
    const abroad = run([...COLLECTED, ...spread([360_000, 360_000, 360_000], [130, 140, 150], (i) => ({ toCountry: i === 2 ? 'AU' : i === 0 ? 'ID' : 'BD' }))]);
    expect(abroad[0]?.facts).toMatchObject({ corridorRecipients: 2, corridorCountries: 'BD,ID', splitBelowThreshold: true, outShare: 0.9 });
    expect(abroad[0]?.strength).toBe(0.8);
    expect(abroad[0]?.reason).toMatch(/, 2 of them abroad in corridor countries \(BD, ID\), each payment below the AUD 10,000\.00 threshold\.$/);
    // A non-corridor country abroad is not a corridor recipient.
    const elsewhere = run([...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 140, 150], () => ({ toCountry: 'GB' }))]);
    expect(elsewhere[0]?.facts).toMatchObject({ corridorRecipients: 0 });
  });

  test('boundaries: exactly 3 recipients, exactly 70 %, exactly Q = T from 2 payments fire; one less does not', () => {
    const at70 = [...COLLECTED, ...spread([280_000, 280_000, 280_000], [130, 140, 150])];
    expect(run(at70)[0]?.facts).toMatchObject({ outShare: 0.7 });
    expect(run([...COLLECTED, ...spread([280_000, 280_000, 279_999], [130, 140, 150])])).toHaveLength(0);
    expect(run([...COLLECTED, ...spread([450_000, 450_000], [130, 140])])).toHaveLength(0);
    const q = burst([500_000, 500_000], [0, 100]);
    expect(run([...q, ...spread([240_000, 240_000, 240_000], [110, 120, 130])])).toHaveLength(1);
    expect(run([...burst([500_000, 499_999], [0, 100]), ...spread([240_000, 240_000, 240_000], [110, 120, 130])])).toHaveLength(0);
    // One payment of A$12,000 is not a burst of payments.
    expect(run([...burst([1_200_000], [0]), ...spread([300_000, 300_000, 300_000], [10, 20, 30])])).toHaveLength(0);
  });

  test('a slower fan-out within 7 days fires at reduced strength; slower than that does not', () => {
    const slow = run([...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 200, 250])]);
    expect(slow).toHaveLength(1);
    expect(slow[0]?.facts).toMatchObject({ dispersalHours: 168, recipients: 3 });
    expect(slow[0]?.strength).toBe(0.4);
    expect(run([...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 300, 470])])).toHaveLength(0);
  });

  test('money paid out before the burst arrived is not a fan-out of it', () => {
    const early = [...spread([300_000, 300_000, 300_000], [0, 1, 2]), ...burst([600_000, 600_000], [3, 4])];
    expect(run([...early, transfer('COL', 'R0', 10_000, 5, au())])).toHaveLength(0);
    // The same payments after the burst are a fan-out.
    expect(run([...burst([600_000, 600_000], [0, 1]), ...spread([300_000, 300_000, 300_000], [2, 3, 4])])).toHaveLength(1);
  });

  test('cash withdrawals are one recipient, unless at distinct locations', () => {
    const cashOut = (locations: (string | undefined)[]) =>
      locations.map((l, i) => withdrawal('COL', 300_000, 130 + i * 5, l === undefined ? {} : { location: l }));
    expect(run([...COLLECTED, ...cashOut([undefined, undefined, undefined]), ...spread([100_000], [150])])).toHaveLength(0);
    const branches = run([...COLLECTED, ...cashOut(['BR-1', 'BR-2', 'BR-3'])]);
    expect(branches).toHaveLength(1);
    expect(branches[0]?.facts).toMatchObject({ recipients: 3, outflows: 3 });
  });

  test('transfers to the holder’s own or household accounts are not recipients', () => {
    const accounts: Account[] = [{ account: 'COL', party: 'H' }, { account: 'R2', party: 'H' }];
    const txs = [...COLLECTED, ...spread([300_000, 300_000], [130, 140]), transfer('COL', 'R2', 300_000, 145, au()), transfer('COL', 'R9', 10_000, 150, au())];
    expect(run(txs, accounts, [{ party: 'H', name: 'Rafiq Sarkar' }])).toHaveLength(0);
    expect(run(txs)).toHaveLength(1);
  });

  test('a licensed remitter paying out collected money does not fire', () => {
    const txs = [...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 140, 150], () => ({ toCountry: 'BD' }))];
    expect(run(txs, [{ account: 'COL', type: 'msb' }])).toHaveLength(0);
    expect(run(txs, [{ account: 'COL', type: 'government' }])).toHaveLength(0);
  });

  test('an NGO disbursing grants to many beneficiaries is discounted below half strength', () => {
    const grants = [transfer('DONOR1', 'COL', 1_000_000, 0, au()), transfer('DONOR2', 'COL', 1_000_000, 24, au())];
    const txs = [...grants, ...spread(Array.from({ length: 10 }, () => 150_000), Array.from({ length: 10 }, (_, i) => 30 + i))];
    const personal = run(txs)[0]!;
    const ngo = run(txs, [{ account: 'COL', type: 'ngo' }])[0]!;
    expect(ngo.facts['discount']).toBe('ngo_account,ngo_disbursement');
    expect(ngo.strength).toBeLessThan(personal.strength / 2);
  });

  test('payroll: a business paying its staff the same each month from steady takings is discounted far below half', () => {
    const txs: Transaction[] = [];
    for (let d = -60; d <= 42; d++) txs.push(transfer(`CUST${d % 7}`, 'COL', 100_000, d * D + 2, au()));
    for (const payday of [-18, 12, 42]) for (let s = 0; s < 5; s++) txs.push(transfer('COL', `STAFF${s}`, 200_000, payday * D + 10 + s, au({ reference: 'GAJI' })));
    const hits = run(txs, [{ account: 'COL', type: 'business' }]);
    // The same last payday, on a fresh personal account without the history, is a full-strength hit.
    const fresh = run(txs.filter((t) => t.timestamp >= txs[0]!.timestamp + 92 * D * 3_600_000));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.strength).toBe(0.75);
    expect(hits).toHaveLength(3);
    for (const h of hits) expect(h.strength).toBeLessThan(0.75 / 2);
    const lastPayday = hits.find((h) => h.window.to > txs[0]!.timestamp + 100 * D * 3_600_000)!;
    expect(String(lastPayday.facts['discount'])).toContain('monthly_cycle');
    expect(String(lastPayday.facts['discount'])).toContain('steady_inflows');
    expect(lastPayday.facts).toMatchObject({ recurringRecipients: 5 });
    expect(lastPayday.strength).toBeLessThan(0.1);
  });

  test('unsorted input gives the same hit; an account busier than maxScan in two weeks is not evaluated', () => {
    const txs = [...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 140, 150])];
    expect(run([...txs].reverse())).toEqual(run(txs));
    const noise = Array.from({ length: 120 }, (_, i) => transfer('COL', 'R0', 1, 100 + i / 10, au()));
    expect(hitsOf([fanOut({ maxScan: 200 })], [...txs, ...noise]).filter((h) => h.entity.id === 'COL')).toHaveLength(1);
    expect(hitsOf([fanOut({ maxScan: 100 })], [...txs, ...noise]).filter((h) => h.entity.id === 'COL')).toHaveLength(0);
  });

  test('related lists at most 50 recipients', () => {
    const txs = [...burst([3_000_000, 3_000_000], [0, 1]), ...spread(Array.from({ length: 60 }, () => 100_000), Array.from({ length: 60 }, (_, i) => 2 + i / 2))];
    const raw = rawHitsOf([fanOut()], txs).filter((h) => h.entity.id === 'COL');
    expect(raw[0]?.facts['recipients']).toBeGreaterThan(50);
    expect(raw[0]?.related).toHaveLength(50);
    expect(raw[0]?.related?.[0]).toEqual({ kind: 'account', id: 'R0' });
  });

  test('a deposit, or an account with one transaction, never fires; bad options throw a ConfigError', () => {
    expect(run([deposit('COL', 2_000_000, 0)])).toHaveLength(0);
    expect(run([withdrawal('COL', 2_000_000, 0)])).toHaveLength(0);
    expect(() => fanOut({ dispersalHours: 200, secondaryDays: 7 })).toThrow(ConfigError);
    expect(() => fanOut({ minOutShare: 2 })).toThrow(/fan_out: minOutShare/);
    expect(fanOut().windowMs).toBe(42 * D * 3_600_000);
  });

  describe('history not in the data (a payroll or takings the month before cannot show)', () => {
    const txs = [...COLLECTED, ...spread([300_000, 300_000, 300_000], [130, 140, 150])];
    test('an account open for years whose data begins with the burst (5 of the 35 days before the dispersal seen) is discounted towards × 0.3', () => {
      const hit = run(txs, [{ account: 'COL', openedAt: Date.UTC(2020, 0, 1) }])[0]!;
      const coverage = hit.facts['historyCoverage'] as number;
      expect(coverage).toBeGreaterThan(0);
      expect(coverage).toBeLessThan(0.2);
      expect(hit.strength).toBeCloseTo(0.5 * (0.3 + 0.7 * coverage), 2);
      expect(hit.facts['discount']).toBe('history_unseen');
    });
    test('boundary: activity 35 days before the dispersal (the payroll cycle checked) lifts the discount; an account opened within the data keeps full strength', () => {
      const earlier = deposit('COL', 5_000, 130 - 36 * D, { conductor: 'OWNER' });
      expect(run([earlier, ...txs], [{ account: 'COL', openedAt: Date.UTC(2020, 0, 1) }])[0]?.strength).toBe(0.5);
      expect(run(txs, [{ account: 'COL', openedAt: COLLECTED[0]!.timestamp - 2 * 86_400_000 }])[0]?.strength).toBe(0.5);
    });
  });
});
