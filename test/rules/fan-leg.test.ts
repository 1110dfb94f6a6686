import { describe, expect, test } from 'vitest';
import { FAN_MAX_SPAN_MS, FAN_MIN_SPOKES } from '../../src/engine/fan.js';
import { scan } from '../../src/engine/scan.js';
import { fanLeg, fanLegOptionsSchema } from '../../src/rules/flow/fan-leg.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, at, streamedAndBatch, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24; // hours
const legsOf = (txs: Transaction[], id: string, options: Parameters<typeof rawHitsOf>[2] = {}) =>
  rawHitsOf([fanLeg()], txs, options).filter((h) => h.entity.id === id);
const scanAll = (txs: Transaction[], options: Partial<Parameters<typeof scan>[1]> = {}): readonly Alert[] =>
  scan(txs, { jurisdiction: AU_LIKE, minScore: 0, ...options }).alerts;
const fans = (alerts: readonly Alert[]) => alerts.filter((a) => a.entity.kind === 'network' && String(a.hits[0]?.facts.structure).startsWith('fan_'));
const personal = (...ids: string[]): Account[] => ids.map((account) => ({ account, type: 'personal' as const }));

/** `n` quiet payers P0…P(n-1), each paying H once, `gapDays` apart. */
const fanIn = (n: number, gapDays = 10, hub = 'H'): Transaction[] =>
  Array.from({ length: n }, (_, i) => transfer(`P${i}`, hub, 50_000 + i, i * gapDays * D, { id: `f${i}` }));
/** H paying `n` quiet payees R0…R(n-1) once each, `gapDays` apart. */
const fanOut = (n: number, gapDays = 10, hub = 'H'): Transaction[] =>
  Array.from({ length: n }, (_, i) => transfer(hub, `R${i}`, 40_000 + i, i * gapDays * D, { id: `g${i}` }));

describe('fan_leg rule (MS-FAN-02, MS-FAN-03)', () => {
  test('positive: a payer\'s only payment is a payer leg of strength 0 to the hub; its payee sees a payee leg', () => {
    const hits = legsOf([transfer('P', 'H', 50_000, 0, { id: 't1' })], 'P');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('out>H');
    expect(hits[0]?.strength).toBe(0); // evidence for the network stage, no score of its own
    expect(hits[0]?.indicators).toEqual(['MS-FAN-02', 'MS-FAN-03']);
    expect(hits[0]?.facts).toEqual({ role: 'payer', hub: 'H', tx: 't1', ts: at(0), amount: 50_000, degree: 1, lookbackDays: 90 });
    const payee = legsOf([transfer('P', 'H', 50_000, 0, { id: 't1' })], 'H');
    expect(payee.map((h) => [h.variant, h.facts.role])).toEqual([['in>P', 'payee']]);
  });

  test('boundary: the 2nd distinct recipient within 90 days is still a leg, the 3rd marks the payer busy, the 4th says nothing', () => {
    const txs = ['A', 'B', 'C', 'E'].map((to, i) => transfer('P', to, 10_000, i * D));
    const hits = legsOf(txs, 'P').sort((a, b) => Number(a.facts.degree) - Number(b.facts.degree));
    expect(hits.map((h) => [h.variant, h.facts.role, h.facts.degree])).toEqual([['out>A', 'payer', 1], ['out>B', 'payer', 2], ['out-busy', 'busy_payer', 3]]);
  });

  test('boundary: a payee\'s 3rd distinct sender is still a leg, the 4th marks it busy', () => {
    const txs = ['A', 'B', 'C', 'E'].map((from, i) => transfer(from, 'R', 10_000, i * D));
    const hits = legsOf(txs, 'R').sort((a, b) => Number(a.facts.degree) - Number(b.facts.degree));
    expect(hits.map((h) => [h.facts.role, h.facts.degree])).toEqual([['payee', 1], ['payee', 2], ['payee', 3], ['busy_payee', 4]]);
  });

  test('negative: a second payment to the same hub within the lookback is no new leg; one after it is', () => {
    expect(legsOf([transfer('P', 'H', 10_000, 0, { id: 'a' }), transfer('P', 'H', 10_000, 30 * D, { id: 'b' })], 'P').map((h) => h.facts.tx)).toEqual(['a']);
    // 91 days later the first payment has left the lookback: the relation is new again.
    expect(legsOf([transfer('P', 'H', 10_000, 0, { id: 'a' }), transfer('P', 'H', 10_000, 91 * D, { id: 'b' })], 'P').map((h) => h.facts.tx)).toContain('b');
  });

  test('look-alike: business, NGO and remitter accounts and accounts missing from accounts.csv are not judged', () => {
    const tx = [transfer('P', 'H', 50_000, 0)];
    expect(legsOf(tx, 'P', { accounts: [{ account: 'P', type: 'business' }, ...personal('H')] })).toHaveLength(0);
    expect(legsOf(tx, 'P', { accounts: personal('H') })).toHaveLength(0);
    expect(legsOf(tx, 'P', { accounts: personal('H', 'P') })).toHaveLength(1);
  });

  test('look-alike: money both ways (a savings-group member paying its organiser, then paid the pot) is no leg', () => {
    const rosca = [transfer('M', 'O', 10_000, 0), transfer('O', 'M', 50_000, 30 * D, { id: 'pot' })];
    expect(legsOf(rosca, 'M').filter((h) => h.facts.role === 'payee')).toHaveLength(0);
    expect(legsOf(rosca, 'M').filter((h) => h.facts.role === 'payer')).toHaveLength(1); // its own first contribution was one
    // A fan-out of 5 such members makes no fan; of 5 members who never paid in, it does.
    const pots = Array.from({ length: 5 }, (_, i) => [transfer(`R${i}`, 'H', 10_000, i), transfer('H', `R${i}`, 50_000, (i + 1) * 20 * D)]).flat();
    expect(fans(scanAll(pots))).toHaveLength(0);
  });

  test('boundary: an account older than the data is judged after 60 days of observation, not one hour before', () => {
    const accounts: Account[] = [{ account: 'P', type: 'personal', openedAt: at(-400 * D) }, ...personal('H', 'X')];
    const seen = transfer('X', 'P', 10_000, 0); // first seen at 0
    expect(legsOf([seen, transfer('P', 'H', 5_000, 60 * D - 1)], 'P', { accounts }).filter((h) => h.facts.role === 'payer')).toHaveLength(0);
    expect(legsOf([seen, transfer('P', 'H', 5_000, 60 * D)], 'P', { accounts }).filter((h) => h.facts.role === 'payer')).toHaveLength(1);
  });

  test('broad payer: from 10 distinct recipients on, markers whose window is the lookback merge into one period', () => {
    const txs = Array.from({ length: 12 }, (_, i) => transfer('E', `W${i}`, 10_000, i * D));
    const broad = legsOf(txs, 'E').filter((h) => h.facts.role === 'broad_payer');
    expect(broad).toHaveLength(1); // one episode
    expect(broad[0]?.facts.degree).toBe(10); // the first marker's facts, the episode's window
    expect(broad[0]?.window.from).toBe(at(9 * D) - 90 * 86_400_000 + 1);
  });

  test('options: a broad degree must exceed the dedicated degree + 1', () => {
    expect(() => fanLegOptionsSchema.parse({ maxPayerDegree: 5, broadPayerDegree: 6 })).toThrow();
    expect(fanLegOptionsSchema.parse({ maxPayerDegree: 5, broadPayerDegree: 7 }).broadPayerDegree).toBe(7);
  });
});

describe('fan structures in the network stage', () => {
  test('fan-in: 5 dedicated payers of one hub within 120 days raise one network alert of the hub and its payers', () => {
    const net = fans(scanAll(fanIn(5)));
    expect(net).toHaveLength(1);
    expect(net[0]?.members?.map((m) => m.id)).toEqual(['H', 'P0', 'P1', 'P2', 'P3', 'P4']);
    expect(net[0]?.score).toBe(48);
    const path = net[0]?.hits[0];
    expect(path?.rule).toBe('fan_leg');
    expect(path?.indicators).toEqual(['MS-FAN-02']);
    expect(path?.facts).toMatchObject({ structure: 'fan_in', accounts: 6, legs: 5, minSpokes: FAN_MIN_SPOKES, maxSpanDays: 120 });
    expect(path?.transactionIds).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    expect(path?.reason).toBe('Possible fan-in pattern: H was paid by 5 senders within 40 days, each paying it and at most one other account: P0 → H (f0); P1 → H (f1); P2 → H (f2); P3 → H (f3); P4 → H (f4).');
  });

  test('boundary: 4 dedicated payers are no fan; 5 spanning exactly 120 days are, 1 ms more is not', () => {
    expect(fans(scanAll(fanIn(4)))).toHaveLength(0);
    expect(fans(scanAll(fanIn(5, 30)))).toHaveLength(1); // 0 … 120 days
    const late = [...fanIn(4, 30), { ...transfer('P4', 'H', 50_000, 0, { id: 'late' }), timestamp: at(0) + FAN_MAX_SPAN_MS + 1 }];
    expect(fans(scanAll(late))).toHaveLength(0);
  });

  test('negative: a payer that goes on to pay two more accounts within 90 days was never dedicated: its leg is void', () => {
    const busy = [...fanIn(5), transfer('P4', 'X1', 1_000, 60 * D), transfer('P4', 'X2', 1_000, 61 * D)];
    expect(fans(scanAll(busy))).toHaveLength(0);
    // One more account paid (2 recipients in all) keeps it dedicated.
    expect(fans(scanAll([...fanIn(5), transfer('P4', 'X1', 1_000, 60 * D)]))).toHaveLength(1);
  });

  test('fan-out: a hub paying 5 dedicated payees alerts; 4 do not', () => {
    const net = fans(scanAll(fanOut(5)));
    expect(net).toHaveLength(1);
    expect(net[0]?.members?.map((m) => m.id)).toEqual(['H', 'R0', 'R1', 'R2', 'R3', 'R4']);
    expect(net[0]?.hits[0]?.indicators).toEqual(['MS-FAN-03']);
    expect(net[0]?.hits[0]?.reason).toMatch(/^Possible fan-out pattern: H paid 5 recipients within 40 days/);
    expect(fans(scanAll(fanOut(4)))).toHaveLength(0);
  });

  test('look-alike: an employer\'s payroll (business account) and a personal payer of 10+ distinct recipients make no fan-out', () => {
    const accounts = [{ account: 'H', type: 'business' as const }, ...personal('R0', 'R1', 'R2', 'R3', 'R4')];
    expect(fans(scanAll(fanOut(5), { accounts }))).toHaveLength(0);
    // A standing-order book: 12 recipients in 12 weeks, weekly; its quiet payees are its trade.
    expect(fans(scanAll(fanOut(12, 7)))).toHaveLength(0);
    // 9 distinct recipients within 90 days is not yet broad.
    expect(fans(scanAll(fanOut(9, 7)))).toHaveLength(1);
  });

  test('look-alike: a shop (business) or a hawker paid by 25+ distinct customers a quarter makes no fan-in', () => {
    const accounts = [{ account: 'H', type: 'business' as const }, ...personal('P0', 'P1', 'P2', 'P3', 'P4')];
    expect(fans(scanAll(fanIn(5), { accounts }))).toHaveLength(0);
    const hawker = (n: number) => [...fanIn(5), ...Array.from({ length: n }, (_, i) => transfer(`C${i}`, 'H', 1_000, 5 * D + i, { id: `c${i}` })).flatMap((t, i) => [t, transfer(`C${i}`, `Z${i}`, 1_000, 6 * D + i), transfer(`C${i}`, `Y${i}`, 1_000, 7 * D + i)])];
    // 5 dedicated payers + 20 busy customers = 25 distinct senders: broad. 19 busy ones: 24, still a fan.
    expect(fans(scanAll(hawker(20)))).toHaveLength(0);
    expect(fans(scanAll(hawker(19)))).toHaveLength(1);
  });

  test('a hub missing from accounts.csv (another bank\'s customer, an outside employer or biller) makes no fan', () => {
    expect(fans(scanAll(fanIn(5), { accounts: personal('P0', 'P1', 'P2', 'P3', 'P4') }))).toHaveLength(0);
    expect(fans(scanAll(fanIn(5), { accounts: personal('H', 'P0', 'P1', 'P2', 'P3', 'P4') }))).toHaveLength(1);
  });

  test('lone legs are evidence only: no alert at any minScore', () => {
    expect(scanAll(fanIn(4)).filter((a) => a.hits.some((h) => h.rule === 'fan_leg'))).toHaveLength(0);
  });

  test('look-alike: in a churned run (nearly no account with a settled relation) no fan is formed', () => {
    const churn = Array.from({ length: 120 }, (_, i) => [transfer(`X${i}`, `M${i}`, 40_000, i), transfer(`M${i}`, `Y${i}`, 40_000, i + D)]).flat();
    expect(fans(scanAll([...churn, ...fanIn(5)]))).toHaveLength(0);
  });

  test('streaming equals batch for a fan-in: a monitor fed one transaction at a time ends with the same alerts', () => {
    const { streamed, batch } = streamedAndBatch([...fanIn(5)], AU_LIKE);
    expect(fans(batch)).toHaveLength(1);
    expect(streamed).toEqual(batch);
  });
});
