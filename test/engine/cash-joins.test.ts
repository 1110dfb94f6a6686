import { describe, expect, test } from 'vitest';
import { CARD_SESSION_JOIN_DAYS, CARD_SESSION_MIN_DAYS, CARD_SESSION_MS, CASH_HANDOVER_MS, cashJoinAlerts } from '../../src/engine/cash-joins.js';
import { packPartitionScan, unpackPartitionScan } from '../../src/engine/packed-candidates.js';
import { mergePartitionScans, scanPartition, type PartitionScan } from '../../src/engine/partitioned-scan.js';
import { resolveConfig } from '../../src/engine/config.js';
import { scan } from '../../src/engine/scan.js';
import { cashSite, cashSiteOf } from '../../src/rules/debt/cash-site.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, at, deposit, streamedAndBatch, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24; // hours
const MIN = 1 / 60; // one minute in hours
const SEC = 1 / 3600;
const ATM = 'BANK-KUL-A01';
const CDM = 'BANK-KUL-C02';
const personal = (...ids: string[]): Account[] => ids.map((account) => ({ account, type: 'personal' as const }));
const scanAll = (txs: Transaction[], accounts: Account[] = []): readonly Alert[] =>
  scan(txs, { jurisdiction: AU_LIKE, minScore: 0, accounts }).alerts;
const joins = (alerts: readonly Alert[], structure: string) => alerts.filter((a) => a.entity.kind === 'network' && a.hits[0]?.facts.structure === structure);
const memberIds = (a: Alert | undefined) => (a?.members ?? []).map((m) => m.id);

/** Cards of `holders` used at one ATM, `gapMinutes` apart, on each of `days` (day numbers). */
const sessions = (holders: readonly string[], days: readonly number[], gapMinutes = 3, loc = ATM): Transaction[] =>
  days.flatMap((d) => holders.map((h, i) => withdrawal(h, 50_000, d * D + 10 + i * gapMinutes * MIN, { location: loc, id: `w-${h}-${d}` })));

/** `payer` withdraws at the ATM, `collector` is paid in at the CDM of the same site `lagHours` later, on each of `days`. */
const handovers = (payer: string, collector: string, days: readonly number[], lagHours = 1, amounts: [number, number] = [40_000, 40_000]): Transaction[] =>
  days.flatMap((d) => [
    withdrawal(payer, amounts[0], d * D + 9, { location: ATM, id: `hw-${payer}-${d}` }),
    deposit(collector, amounts[1], d * D + 9 + lagHours, { location: CDM, id: `hd-${collector}-${payer}-${d}` }),
  ]);

describe('cash_site rule (MS-DEBT-04, MS-DEBT-05)', () => {
  const recorded = (txs: Transaction[], options: Parameters<typeof rawHitsOf>[2] = {}) =>
    rawHitsOf([cashSite()], txs, options).sort((a, b) => a.window.from - b.window.from).map((h) => [h.facts.cash, h.facts.loc, h.facts.tx, h.facts.amount, h.facts.found]);

  test('positive: when the account\'s cash recurs at a site on another day, that cash and the earlier cash there are strength-0 records', () => {
    const txs = [
      withdrawal('A', 50_000, 0, { location: ATM, id: 'w1' }), withdrawal('A', 20_000, 0.05, { location: 'BANK-KUL-A02', id: 'w2' }),
      deposit('A', 30_000, 30 * D, { location: CDM, id: 'd1' }), withdrawal('A', 10_000, 60 * D, { location: ATM, id: 'w3' }),
    ];
    const hits = rawHitsOf([cashSite()], txs);
    expect(hits.every((h) => h.rule === 'cash_site' && h.strength === 0)).toBe(true);
    expect(hits[0]?.indicators).toEqual(['MS-DEBT-04', 'MS-DEBT-05']);
    // The deposit at the same site (BANK-KUL) 30 days later records the two withdrawals of day 0 and itself; the next one, itself.
    expect(recorded(txs)).toEqual([
      ['w', ATM, 'w1', 50_000, at(30 * D)], ['w', 'BANK-KUL-A02', 'w2', 20_000, at(30 * D)], ['d', CDM, 'd1', 30_000, at(30 * D)], ['w', ATM, 'w3', 10_000, at(60 * D)],
    ]);
  });

  test('negative: one-off cash, cash on one day only, transfers and cash without a location raise nothing', () => {
    expect(recorded([withdrawal('A', 50_000, 0, { location: ATM })])).toEqual([]);
    expect(recorded([withdrawal('A', 50_000, 0, { location: ATM }), withdrawal('A', 50_000, 0.1, { location: ATM }), deposit('A', 50_000, 1, { location: CDM })])).toEqual([]);
    expect(recorded([withdrawal('A', 50_000, 0), withdrawal('A', 50_000, 30 * D), transfer('A', 'B', 50_000, 2, { location: ATM }), transfer('A', 'B', 50_000, 40 * D, { location: ATM })])).toEqual([]);
    expect(recorded([withdrawal('A', 50_000, 0, { location: ATM }), withdrawal('A', 50_000, 30 * D, { location: 'BANK-PEN-A01' })])).toEqual([]);
  });

  test('boundary: cash recurring exactly 90 days later is recorded, one second later it is not', () => {
    expect(recorded([withdrawal('A', 50_000, 0, { location: ATM }), withdrawal('A', 50_000, 90 * D, { location: ATM })])).toHaveLength(2);
    expect(recorded([withdrawal('A', 50_000, 0, { location: ATM }), withdrawal('A', 50_000, 90 * D + SEC, { location: ATM })])).toEqual([]);
  });

  test('look-alike: business, NGO, government and remitter accounts, and accounts missing from accounts.csv, are not judged', () => {
    const tx = [withdrawal('A', 50_000, 0, { location: ATM }), withdrawal('A', 50_000, 30 * D, { location: ATM })];
    for (const type of ['business', 'msb', 'ngo', 'government'] as const) expect(recorded(tx, { accounts: [{ account: 'A', type }] })).toEqual([]);
    expect(recorded(tx, { accounts: personal('B') })).toEqual([]);
    expect(recorded(tx, { accounts: personal('A') })).toHaveLength(2);
  });

  test('cashSiteOf: a machine id without its last segment when it has three or more', () => {
    expect([cashSiteOf('MBBE-KUL-A01'), cashSiteOf('MBBE-KUL-C02'), cashSiteOf('BR-01'), cashSiteOf('BR001'), cashSiteOf('-A')]).toEqual(['MBBE-KUL', 'MBBE-KUL', 'BR-01', 'BR001', '-A']);
  });
});

describe('shared card sessions (MS-DEBT-04)', () => {
  test('days are local calendar days in the jurisdiction\'s zone, not UTC days', () => {
    // The test origin is 01:00Z, 12:00 in Sydney (UTC+11 in March). Sessions at hours `starts` (three cards, 3 minutes apart).
    const at3 = (starts: readonly number[]): Transaction[] =>
      starts.flatMap((h, d) => ['W1', 'W2', 'W3'].map((w, i) => withdrawal(w, 50_000, h + i * 3 * MIN, { location: ATM, id: `w-${w}-${d}` })));
    const found = (starts: readonly number[]) => joins(scanAll(at3(starts)), 'card_session').length;
    // 12:00 on day 0, 10:30 on day 1 (23:30Z on day 0), 12:00 on day 2: three local days, two UTC days.
    expect(found([0, 22.5, 48])).toBe(1);
    // 10:30 and 12:00 on day 0 (23:30Z the day before, then 01:00Z), 12:00 on day 2: two local days, three UTC days.
    expect(found([-1.5, 0, 48])).toBe(0);
  });

  test('positive: three holders\' cards at one ATM minutes apart on three days: one network alert naming them, with the withdrawals', () => {
    const alerts = joins(scanAll(sessions(['W1', 'W2', 'W3'], [0, 30, 60])), 'card_session');
    expect(alerts).toHaveLength(1);
    const a = alerts[0] as Alert;
    expect(memberIds(a)).toEqual(['W1', 'W2', 'W3']);
    expect(a.score).toBe(44); // 0.8 × debt_repayment's 55
    expect(a.hits[0]?.rule).toBe('cash_site');
    expect(a.hits[0]?.indicators).toEqual(['MS-DEBT-04']);
    expect(a.hits[0]?.transactionIds).toHaveLength(9);
    expect(a.hits[0]?.transactionIds).toContain('w-W2-30');
    expect(a.hits[0]?.reason).toMatch(/^Possible shared card session: cards of 3 holders were used at BANK-KUL-A01 within 30 minutes of each other, the same accounts on 3 days/);
    expect(a.hits[0]?.reason).toContain('W1 (w-W1-0, ');
    expect(a.hits[0]?.facts).toMatchObject({ structure: 'card_session', location: ATM, holders: 3, days: 3 });
  });

  test('boundary: on exactly 3 days it alerts, on 2 it does not', () => {
    expect(CARD_SESSION_MIN_DAYS).toBe(3);
    expect(joins(scanAll(sessions(['W1', 'W2', 'W3'], [0, 30])), 'card_session')).toHaveLength(0);
    expect(joins(scanAll(sessions(['W1', 'W2', 'W3'], [0, 30, 31])), 'card_session')).toHaveLength(1);
  });

  test('positive: a third card with a repeated pair on two of their days joins them (a crew member missed on a payday or two)', () => {
    expect(CARD_SESSION_JOIN_DAYS).toBe(2);
    const txs = [...sessions(['W1', 'W2'], [0, 30, 60, 90]), ...sessions(['W3'], [0, 30], 0).map((t) => ({ ...t, timestamp: t.timestamp + 10 * 60_000 }))];
    const a = joins(scanAll(txs), 'card_session');
    expect(a).toHaveLength(1);
    expect(memberIds(a[0])).toEqual(['W1', 'W2', 'W3']);
    expect(a[0]?.hits[0]?.facts).toMatchObject({ holders: 3, days: 4 });
  });

  test('boundary: the third card on one of their days only does not join; three cards each paired on two days only, none repeated, raise nothing', () => {
    const third = (days: number[]) => sessions(['W3'], days, 0).map((t) => ({ ...t, timestamp: t.timestamp + 10 * 60_000 }));
    expect(joins(scanAll([...sessions(['W1', 'W2'], [0, 30, 60, 90]), ...third([0])]), 'card_session')).toHaveLength(0);
    expect(joins(scanAll(sessions(['W1', 'W2', 'W3'], [0, 30])), 'card_session')).toHaveLength(0);
  });

  test('look-alike: a couple sharing an ATM every week, a neighbour beside them once, is still two holders', () => {
    const weekly = Array.from({ length: 10 }, (_, i) => i * 7);
    const neighbour = sessions(['N1'], [14], 0).map((t) => ({ ...t, timestamp: t.timestamp + 10 * 60_000 }));
    expect(joins(scanAll([...sessions(['H1', 'H2'], weekly), ...neighbour]), 'card_session')).toHaveLength(0);
  });

  test('boundary: cards exactly 30 minutes apart share a session, one second over do not', () => {
    expect(CARD_SESSION_MS).toBe(30 * 60_000);
    // W1 then W2 and W3 together: W1 joins the others only through the 30-minute gap.
    const apart = (gapHours: number) => [0, 30, 60].flatMap((d) => [
      withdrawal('W1', 50_000, d * D + 10, { location: ATM }),
      withdrawal('W2', 50_000, d * D + 10 + gapHours, { location: ATM }),
      withdrawal('W3', 50_000, d * D + 10 + gapHours, { location: ATM }),
    ]);
    expect(memberIds(joins(scanAll(apart(30 * MIN)), 'card_session')[0])).toEqual(['W1', 'W2', 'W3']);
    expect(joins(scanAll(apart(30 * MIN + SEC)), 'card_session')).toHaveLength(0);
  });

  test('look-alike: a couple sharing an ATM every week is two holders; accounts of one holder count once', () => {
    const weekly = Array.from({ length: 10 }, (_, i) => i * 7);
    expect(joins(scanAll(sessions(['H1', 'H2'], weekly)), 'card_session')).toHaveLength(0);
    const accounts: Account[] = [{ account: 'H1', party: 'P1', type: 'personal' }, { account: 'H1b', party: 'P1', type: 'personal' }, ...personal('H2')];
    expect(joins(scanAll(sessions(['H1', 'H1b', 'H2'], weekly), accounts), 'card_session')).toHaveLength(0);
  });

  test('look-alike: a busy ATM where different strangers withdraw minutes apart each day raises nothing', () => {
    const busy = Array.from({ length: 20 }, (_, d) => sessions([`S${3 * d}`, `S${3 * d + 1}`, `S${3 * d + 2}`], [d], 2)).flat();
    expect(joins(scanAll(busy), 'card_session')).toHaveLength(0);
  });

  test('look-alike: regulars of one ATM, back every week at their own hours, and a pair minutes apart on only two days, raise nothing', () => {
    const regulars = Array.from({ length: 6 }, (_, i) => Array.from({ length: 8 }, (_, w) => withdrawal(`R${i}`, 20_000, w * 7 * D + 8 + i, { location: ATM }))).flat();
    const twice = sessions(['R0', 'R1', 'R2'], [100, 107], 5);
    expect(joins(scanAll([...regulars, ...twice]), 'card_session')).toHaveLength(0);
  });

  test('look-alike: the same cards at three different ATMs, or business cards, raise nothing', () => {
    const spread = [0, 30, 60].flatMap((d, i) => sessions(['W1', 'W2', 'W3'], [d], 3, `BANK-KUL-A0${i + 1}`));
    expect(joins(scanAll(spread), 'card_session')).toHaveLength(0);
    const accounts: Account[] = [{ account: 'W1', type: 'business' }, ...personal('W2', 'W3')];
    expect(joins(scanAll(sessions(['W1', 'W2', 'W3'], [0, 30, 60]), accounts), 'card_session')).toHaveLength(0);
  });
});

describe('cash hand-overs (MS-DEBT-05)', () => {
  test('positive: a payer\'s withdrawal, then a like deposit into the collector at the same site, on three days: one alert per collector', () => {
    const txs = [...handovers('P1', 'C', [0, 30, 60]), ...handovers('P2', 'C', [5, 35, 65], 0.5, [40_000, 45_000])];
    const alerts = joins(scanAll(txs), 'cash_handover');
    expect(alerts).toHaveLength(1);
    const a = alerts[0] as Alert;
    expect(memberIds(a)).toEqual(['C', 'P1', 'P2']);
    expect(a.score).toBe(44);
    expect(a.hits[0]?.indicators).toEqual(['MS-DEBT-05']);
    expect(a.hits[0]?.transactionIds).toHaveLength(12);
    expect(a.hits[0]?.reason).toMatch(/^Possible cash hand-over: 2 payer\(s\) withdrew cash and within 2 hours about the same amount was paid in at the same site into C/);
    expect(a.hits[0]?.reason).toContain('P1 withdrew (hw-P1-0, ');
    expect(a.hits[0]?.facts).toMatchObject({ structure: 'cash_handover', collector: 'C', payers: 2, handovers: 6 });
  });

  test('boundary: a deposit exactly 2 hours after counts, one second later does not; 3 days alert, 2 do not', () => {
    expect(CASH_HANDOVER_MS).toBe(2 * 3_600_000);
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], 2)), 'cash_handover')).toHaveLength(1);
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], 2 + SEC)), 'cash_handover')).toHaveLength(0);
    expect(joins(scanAll(handovers('P', 'C', [0, 30])), 'cash_handover')).toHaveLength(0);
  });

  test('boundary: the deposit is 90–125 % of the withdrawal', () => {
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], 1, [40_000, 36_000])), 'cash_handover')).toHaveLength(1);
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], 1, [40_000, 35_999])), 'cash_handover')).toHaveLength(0);
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], 1, [40_000, 50_000])), 'cash_handover')).toHaveLength(1);
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], 1, [40_000, 50_001])), 'cash_handover')).toHaveLength(0);
  });

  test('look-alike: a deposit before the withdrawal, at another site, into the payer\'s own other account, or into a business, is none', () => {
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60], -0.5)), 'cash_handover')).toHaveLength(0);
    const elsewhere = [0, 30, 60].flatMap((d) => [withdrawal('P', 40_000, d * D + 9, { location: ATM }), deposit('C', 40_000, d * D + 10, { location: 'BANK-PEN-C01' })]);
    expect(joins(scanAll(elsewhere), 'cash_handover')).toHaveLength(0);
    const own: Account[] = [{ account: 'P', party: 'X', type: 'personal' }, { account: 'C', party: 'X', type: 'personal' }];
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60]), own), 'cash_handover')).toHaveLength(0);
    expect(joins(scanAll(handovers('P', 'C', [0, 30, 60]), [...personal('P'), { account: 'C', type: 'business' }]), 'cash_handover')).toHaveLength(0);
  });

  test('look-alike: strangers at one site — each payer once with a different recipient — raise nothing', () => {
    const strangers = Array.from({ length: 12 }, (_, i) => handovers(`P${i}`, `C${i % 4}`, [i * 3])).flat();
    expect(joins(scanAll(strangers), 'cash_handover')).toHaveLength(0);
  });
});

describe('cash joins: the same alerts whatever the path', () => {
  const world = (): Transaction[] => [
    ...sessions(['W1', 'W2', 'W3', 'W4'], [0, 30, 60, 90]),
    ...handovers('P1', 'C', [1, 31, 61]),
    ...handovers('P2', 'C', [2, 32, 62]),
    ...sessions(['H1', 'H2'], [0, 7, 14]),
    transfer('W1', 'X', 10_000, 3),
  ];

  test('stream = batch', () => {
    const { streamed, batch } = streamedAndBatch(world(), AU_LIKE);
    expect(joins(batch, 'card_session')).toHaveLength(1);
    expect(joins(batch, 'cash_handover')).toHaveLength(1);
    expect(streamed).toEqual(batch);
  });

  test('1, 2 and 3 partitions, packed and sent as the CLI\'s workers send them, merge to exactly one scan', () => {
    const options = { jurisdiction: AU_LIKE, minScore: 0 };
    const txs = world();
    const whole = JSON.stringify(scan(txs, options));
    expect(whole).toContain('card_session');
    const throughThread = (part: PartitionScan) => {
      const { packed, transfer: buffers } = packPartitionScan(part);
      return unpackPartitionScan(structuredClone(packed, { transfer: buffers }));
    };
    for (const count of [1, 2, 3]) {
      const parts = Array.from({ length: count }, (_, index) => scanPartition(txs, options, { index, count }));
      expect(JSON.stringify(mergePartitionScans(parts.map(throughThread).reverse(), options))).toBe(whole);
    }
  });

  test('cashJoinAlerts depends on the set of candidates, not their order', () => {
    const options = { jurisdiction: AU_LIKE, minScore: 0 };
    const part = scanPartition(world(), options, { index: 0, count: 1 });
    const config = resolveConfig(options);
    const forward = cashJoinAlerts(part.candidates, config);
    expect(forward).toHaveLength(2);
    expect(JSON.stringify(cashJoinAlerts([...part.candidates].reverse(), config))).toBe(JSON.stringify(forward));
  });
});
