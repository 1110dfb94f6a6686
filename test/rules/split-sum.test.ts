import { describe, expect, test } from 'vitest';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import { historyFactor } from '../../src/rules/_lib.js';
import { AU_LIKE, MY_LIKE, at, deposit, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { scan } from '../../src/engine/scan.js';
import { defineTypology } from '../../src/scoring/typology.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';

const accountHits = (h: ReturnType<typeof hitsOf>) => h.filter((x) => x.entity.kind === 'account');

describe('split_sum (MS-STR-02)', () => {
  test('AUSTRAC "Cerise": A$4,000 + A$7,000 the same day reach A$10,000 while neither does', () => {
    const hits = accountHits(hitsOf([splitSum()], [deposit('C1', 400_000, 0, { id: 'c1' }), deposit('C1', 700_000, 2, { id: 'c2' })]));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.transactionIds).toEqual(['c1', 'c2']);
    expect(hits[0]?.facts).toMatchObject({ totalMinor: 1_100_000, windowDays: 1, unitAvoiding: true });
    expect(hits[0]?.reason).toMatch(/^Possible structuring pattern/);
  });

  test('total exactly at T fires; one minor unit below does not', () => {
    expect(accountHits(hitsOf([splitSum()], [deposit('A', 500_000, 0), deposit('A', 500_000, 1)]))).toHaveLength(1);
    expect(accountHits(hitsOf([splitSum()], [deposit('A', 500_000, 0), deposit('A', 499_999, 1)]))).toHaveLength(0);
  });

  test('far below the band: three deposits of 40 % of T within a week are caught by aggregation', () => {
    const txs = [deposit('A', 400_000, 0), deposit('A', 400_000, 50), deposit('A', 400_000, 100)];
    const hits = accountHits(hitsOf([splitSum()], txs));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts['windowDays']).toBe(7);
    expect(hits[0]?.facts['days']).toBe(3);
  });

  test('pieces under the noise floor (10 % of T) are ignored', () => {
    const small = Array.from({ length: 12 }, (_, i) => deposit('A', 99_999, i));
    expect(accountHits(hitsOf([splitSum()], small))).toHaveLength(0);
  });

  test('a reportable cash transaction inside the window means nothing was avoided', () => {
    const txs = [deposit('A', 1_200_000, 0), deposit('A', 600_000, 1), deposit('A', 600_000, 2)];
    expect(accountHits(hitsOf([splitSum()], txs))).toHaveLength(0);
  });

  test('under a calendar-day regime, a day whose own sum was reportable weakens the hit', () => {
    const my = (amount: number, hours: number) => ({ ...deposit('M', amount, hours), currency: 'MYR' });
    const sameDay = hitsOf([splitSum()], [my(1_300_000, 0), my(1_300_000, 1)], { profile: MY_LIKE });
    const spread = hitsOf([splitSum()], [my(1_300_000, 0), my(1_300_000, 30)], { profile: MY_LIKE });
    expect(accountHits(sameDay)[0]?.facts['unitAvoiding']).toBe(false);
    expect(accountHits(spread)[0]?.facts['unitAvoiding']).toBe(true);
    expect(accountHits(spread)[0]!.strength).toBeGreaterThan(accountHits(sameDay)[0]!.strength);
  });

  test('spreading over branches adds weight', () => {
    const one = accountHits(hitsOf([splitSum()], [deposit('A', 600_000, 0), deposit('A', 600_000, 1)]))[0]!;
    const two = accountHits(hitsOf([splitSum()], [deposit('A', 600_000, 0, { location: 'BR1' }), deposit('A', 600_000, 1, { location: 'BR2' })]))[0]!;
    expect(two.strength).toBeGreaterThan(one.strength);
    expect(two.facts['locations']).toBe(2);
  });

  test('withdrawals are aggregated separately from deposits', () => {
    expect(accountHits(hitsOf([splitSum()], [deposit('A', 600_000, 0), withdrawal('A', 600_000, 1)]))).toHaveLength(0);
    expect(accountHits(hitsOf([splitSum()], [withdrawal('A', 600_000, 0), withdrawal('A', 600_000, 1)]))).toHaveLength(1);
  });

  test('transfers never count as cash pieces', () => {
    const txs = [deposit('A', 600_000, 0), { ...deposit('A', 600_000, 1), kind: 'transfer' as const, fromAccount: 'Z' }];
    expect(accountHits(hitsOf([splitSum()], txs))).toHaveLength(0);
  });

  test('AUSTRAC case 14: 28 deposits of A$9,500, often two a day, over years are flagged repeatedly', () => {
    const txs = Array.from({ length: 28 }, (_, i) => deposit('CC', 950_000, Math.floor(i / 2) * 24 * 60 + (i % 2)));
    const hits = accountHits(hitsOf([splitSum()], txs));
    expect(hits.length).toBe(14);
    expect(hits.every((h) => h.transactionCount === 2)).toBe(true);
    expect(AU_LIKE.aggregation).toBe('per_transaction');
  });

  test('steady takings (a shop banking every few days) are discounted against a burst of pieces', () => {
    const shop = Array.from({ length: 12 }, (_, i) => deposit('SHOP', 300_000, i * 60));
    const burst = [deposit('B', 400_000, 0), deposit('B', 400_000, 20), deposit('B', 400_000, 40)];
    const s = accountHits(hitsOf([splitSum()], shop));
    const b = accountHits(hitsOf([splitSum()], burst))[0]!;
    expect(Math.max(...s.map((h) => h.strength))).toBeLessThan(b.strength * 0.6);
  });

  describe('history not in the data (the cash-business checks read the last 30 days)', () => {
    // Two trips to the bank in one day (morning float, evening takings) that together cross T.
    const trips = [deposit('G', 600_000, 0, { location: 'BR-1' }), deposit('G', 500_000, 10, { location: 'BR-1' })];
    const fresh = () => accountHits(hitsOf([splitSum()], trips, { accounts: [{ account: 'G', openedAt: at(-24) }] }))[0]!;
    test('an account open for years whose data begins with the pieces is discounted towards × 0.3', () => {
      const full = fresh();
      expect(full.facts['discount']).toBeUndefined();
      const hit = accountHits(hitsOf([splitSum()], trips, { accounts: [{ account: 'G', openedAt: Date.UTC(2015, 0, 1) }] }))[0]!;
      const coverage = hit.facts['historyCoverage'] as number;
      expect(hit.facts['discount']).toBe('history_unseen');
      expect(coverage).toBeGreaterThan(0);
      expect(coverage).toBeLessThan(0.02);
      expect(hit.strength).toBeCloseTo(full.strength * historyFactor(coverage), 2);
      expect(hit.strength).toBeLessThan(full.strength / 2);
    });
    test('boundary: activity 23 days before the last piece (7 unseen days, a quiet start) lifts it; one hour later does not', () => {
      const old = [{ account: 'G', openedAt: Date.UTC(2015, 0, 1) }];
      const seen = accountHits(hitsOf([splitSum()], [transfer('EMP', 'G', 10_000, 10 - 23 * 24), ...trips], { accounts: old }))[0]!;
      expect(seen.facts['discount']).toBeUndefined();
      expect(seen.strength).toBe(fresh().strength);
      const short = accountHits(hitsOf([splitSum()], [transfer('EMP', 'G', 10_000, 11 - 23 * 24), ...trips], { accounts: old }))[0]!;
      expect(short.facts['discount']).toBe('history_unseen');
      expect(short.strength).toBeLessThan(seen.strength);
    });
    test('pieces spread over two locations (smurfing) are not discounted, whatever the history', () => {
      const spread = [deposit('G', 600_000, 0, { location: 'BR-1' }), deposit('G', 500_000, 10, { location: 'BR-2' })];
      const hit = accountHits(hitsOf([splitSum()], spread, { accounts: [{ account: 'G', openedAt: Date.UTC(2015, 0, 1) }] }))[0]!;
      expect(hit.facts).toMatchObject({ locations: 2 });
      expect(hit.facts['discount']).toBeUndefined();
      expect(hit.strength).toBe(accountHits(hitsOf([splitSum()], spread, { accounts: [{ account: 'G', openedAt: at(-24) }] }))[0]!.strength);
    });
    test('withdrawals are no takings: the same pieces taken out are not discounted', () => {
      const out = [withdrawal('G', 600_000, 0, { location: 'BR-1' }), withdrawal('G', 500_000, 10, { location: 'BR-1' })];
      const hit = accountHits(hitsOf([splitSum()], out, { accounts: [{ account: 'G', openedAt: Date.UTC(2015, 0, 1) }] }))[0]!;
      expect(hit.facts).toMatchObject({ direction: 'withdrawal', locations: 1 });
      expect(hit.facts['discount']).toBeUndefined();
      expect(hit.strength).toBe(accountHits(hitsOf([splitSum()], out, { accounts: [{ account: 'G', openedAt: at(-24) }] }))[0]!.strength);
    });
    test('look-alike: a gold shop banking two trips on its first day in the data stays below half strength; a structurer on an account opened within the data does not', () => {
      expect(accountHits(hitsOf([splitSum()], trips, { accounts: [{ account: 'G', type: 'personal', openedAt: Date.UTC(2019, 5, 1) }] }))[0]!.strength)
        .toBeLessThan(fresh().strength / 2);
      expect(fresh().strength).toBeGreaterThan(0.5);
    });
  });

  describe('funders of a structured cash-out (withdrawals name the third party that put up the cash)', () => {
    /** The account alert's split_sum hits of `S`, with their related refs. */
    const cashOut = (txs: Transaction[], accounts: Account[] = [], parties: Party[] = []) => {
      const typologies = [defineTypology({ id: 'test', name: 'test', weights: { split_sum: 1 } })];
      const { alerts } = scan(txs, { jurisdiction: AU_LIKE, rules: [splitSum()], typologies, minScore: 0, accounts, parties });
      return alerts.filter((a) => a.entity.kind === 'account' && a.entity.id === 'S').flatMap((a) => a.hits);
    };
    const pieces = [withdrawal('S', 950_000, 20, { location: 'BR-1' }), withdrawal('S', 950_000, 22, { location: 'BR-2' })];

    test('positive: A$20,000 transferred in the day before two A$9,500 withdrawals names its sender', () => {
      const [hit] = cashOut([transfer('F', 'S', 2_000_000, 0), ...pieces]);
      expect(hit?.related).toEqual([{ kind: 'account', id: 'F' }]);
      expect(hit?.facts).toMatchObject({ direction: 'withdrawal', funders: 1, fundedMinor: 2_000_000 });
      expect(hit?.reason).toMatch(/AUD 20,000\.00 of it had been paid in by one third party shortly before\.$/);
      expect(hit?.strength).toBe(hitsOf([splitSum()], pieces).find((h) => h.entity.kind === 'account')?.strength);
    });

    test('boundary: a sender with exactly half the pieces\' total is named; one minor unit less is not', () => {
      expect(cashOut([transfer('F', 'S', 950_000, 0), ...pieces])[0]?.related).toEqual([{ kind: 'account', id: 'F' }]);
      const below = cashOut([transfer('F', 'S', 949_999, 0), ...pieces])[0];
      expect(below?.related).toBeUndefined();
      expect(below?.facts['funders']).toBeUndefined();
    });

    test('boundary: a transfer 3 days before the first piece counts; one minute earlier does not', () => {
      expect(cashOut([transfer('F', 'S', 2_000_000, 20 - 72), ...pieces])[0]?.related).toEqual([{ kind: 'account', id: 'F' }]);
      expect(cashOut([transfer('F', 'S', 2_000_000, 20 - 72 - 1 / 60), ...pieces])[0]?.related).toBeUndefined();
    });

    test('negative: deposits name no funder, and a transfer after the last piece funded none of it', () => {
      const deposits = [transfer('F', 'S', 2_000_000, 0), deposit('S', 950_000, 20), deposit('S', 950_000, 22)];
      expect(cashOut(deposits)[0]?.related).toBeUndefined();
      expect(cashOut([...pieces, transfer('F', 'S', 2_000_000, 23)])[0]?.related).toBeUndefined();
    });

    test('look-alike: a collector\'s many payers each put up a part (under half of what came in): none is named', () => {
      const payers = ['P1', 'P2', 'P3', 'P4'].map((p, i) => transfer(p, 'S', 1_000_000, i));
      const [hit] = cashOut([...payers, ...pieces]);
      expect(hit?.facts).toMatchObject({ direction: 'withdrawal' });
      expect(hit?.related).toBeUndefined();
    });

    test('look-alike: the holder moving own or household money before taking it out names no third party', () => {
      const accounts: Account[] = [{ account: 'S', party: 'H1' }, { account: 'S2', party: 'H1' }, { account: 'W', party: 'H2' }];
      const parties: Party[] = [{ party: 'H1', name: 'Ali Rahman', address: '1 Jalan Satu, Town' }, { party: 'H2', name: 'Siti Rahman', address: '1 Jalan Satu, Town' }];
      expect(cashOut([transfer('S2', 'S', 2_000_000, 0), ...pieces], accounts, parties)[0]?.related).toBeUndefined();
      expect(cashOut([transfer('W', 'S', 2_000_000, 0), ...pieces], accounts, parties)[0]?.related).toBeUndefined();
      expect(cashOut([transfer('F', 'S', 2_000_000, 0), ...pieces], accounts, parties)[0]?.related).toEqual([{ kind: 'account', id: 'F' }]);
    });
  });
});
