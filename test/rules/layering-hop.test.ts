import { describe, expect, test } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { layeringHop } from '../../src/rules/flow/layering-hop.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, streamedAndBatch, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24; // hours
const hopsOf = (txs: Transaction[], id: string, options: Parameters<typeof rawHitsOf>[2] = {}) =>
  rawHitsOf([layeringHop()], txs, options).filter((h) => h.entity.id === id);
const scanAll = (txs: Transaction[], options: Partial<Parameters<typeof scan>[1]> = {}): readonly Alert[] =>
  scan(txs, { jurisdiction: AU_LIKE, minScore: 0, ...options }).alerts;
const networks = (alerts: readonly Alert[]) => alerts.filter((a) => a.entity.kind === 'network');

describe('layering_hop rule (MS-LAY-01…03)', () => {
  test('positive: received from a new sender, paid a new recipient within 30 days: one hop of strength 0 with both ids', () => {
    const txs = [transfer('A', 'H', 50_000, 0, { id: 'in1' }), transfer('H', 'B', 30_000, 5 * D, { id: 'out1' })];
    const hits = hopsOf(txs, 'H');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.variant).toBe('A>B');
    expect(hits[0]?.strength).toBe(0); // evidence for the network stage, no score of its own
    expect(hits[0]?.transactionIds).toEqual(['in1', 'out1']);
    expect(hits[0]?.facts).toEqual({ from: 'A', to: 'B', inTx: 'in1', outTx: 'out1', inAmount: 50_000, outAmount: 30_000, inTs: hits[0]?.window.from, outTs: hits[0]?.window.to, known: 0 });
    // The order may be reversed (layering schedules need not be time-ordered).
    expect(hopsOf([transfer('H', 'B', 90_000, 0), transfer('A', 'H', 80_000, 2 * D)], 'H')).toHaveLength(1);
  });

  test('negative: a sender paid twice within the lookback is not new, and paying the sender back is no hop', () => {
    const repeat = [transfer('A', 'H', 50_000, 0), transfer('A', 'H', 50_000, 20 * D), transfer('H', 'B', 30_000, 21 * D)];
    expect(hopsOf(repeat, 'H')).toHaveLength(0);
    expect(hopsOf([transfer('A', 'H', 50_000, 0), transfer('H', 'A', 50_000, D)], 'H')).toHaveLength(0);
  });

  test('boundary: legs one hour less than 30 days apart pair; exactly 30 days apart do not', () => {
    expect(hopsOf([transfer('A', 'H', 1_000, 0), transfer('H', 'B', 1_000, 30 * D - 1)], 'H')).toHaveLength(1);
    expect(hopsOf([transfer('A', 'H', 1_000, 0), transfer('H', 'B', 1_000, 30 * D)], 'H')).toHaveLength(0);
  });

  test('boundary: six new senders (maxNew) then a new recipient make six hops; a seventh new sender, anywhere in the month, makes the account a busy payee', () => {
    const senders = (n: number) => Array.from({ length: n }, (_, i) => transfer(`S${i}`, 'H', 10_000, i * D));
    expect(hopsOf([...senders(6), transfer('H', 'B', 10_000, 10 * D)], 'H')).toHaveLength(6);
    expect(hopsOf([...senders(7), transfer('H', 'B', 10_000, 10 * D)], 'H')).toHaveLength(0);
    // The seventh sender after the payment: the hops found before it stand, none after.
    expect(hopsOf([...senders(6), transfer('H', 'B', 10_000, 10 * D), transfer('S6', 'H', 10_000, 11 * D)], 'H')).toHaveLength(6);
    // Too many new recipients the other way round.
    const recipients = (n: number) => Array.from({ length: n }, (_, i) => transfer('H', `R${i}`, 10_000, i * D));
    expect(hopsOf([transfer('A', 'H', 60_000, 0), ...recipients(6)], 'H')).toHaveLength(6);
    expect(hopsOf([transfer('A', 'H', 60_000, 0), ...recipients(7)], 'H')).toHaveLength(6);
  });

  test('boundary: a leg of exactly 0.15 of the account\'s mean transfer that way counts, one minor unit less is small change', () => {
    // Inflows 37,000 (from K) and x (from A): x·2 ≥ 0.15·(37,000 + x) ⇔ x ≥ 3,000.
    const legs = (x: number) => [transfer('K', 'H', 37_000, 0), transfer('A', 'H', x, D), transfer('H', 'B', 5_000, 2 * D)];
    expect(hopsOf(legs(3_000), 'H').filter((h) => h.variant === 'A>B')).toHaveLength(1);
    expect(hopsOf(legs(2_999), 'H').filter((h) => h.variant === 'A>B')).toHaveLength(0);
  });

  test('look-alike: salary from an employer and bills paid to companies are trade, not transit; a business account is not judged', () => {
    const txs = [transfer('EMP', 'W', 300_000, 0), transfer('W', 'BILLER', 20_000, D), transfer('FRIEND', 'W', 50_000, 2 * D)];
    const accounts = [{ account: 'W', type: 'personal' as const }, { account: 'EMP', type: 'business' as const }, { account: 'BILLER', type: 'business' as const }, { account: 'FRIEND', type: 'personal' as const }];
    expect(hopsOf(txs, 'W', { accounts })).toHaveLength(0);
    const shop = [transfer('A', 'S', 50_000, 0), transfer('S', 'B', 30_000, D)];
    const shopAccounts = [{ account: 'A', type: 'personal' as const }, { account: 'B', type: 'personal' as const }, { account: 'S', type: 'business' as const }];
    expect(hopsOf(shop, 'S', { accounts: shopAccounts })).toHaveLength(0);
  });

  test('an account missing from accounts.csv (another institution\'s customer, seen only in part) is not judged', () => {
    const txs = [transfer('A', 'H', 50_000, 0), transfer('H', 'B', 30_000, 5 * D)];
    expect(hopsOf(txs, 'H', { accounts: [{ account: 'A', type: 'personal' }] })).toHaveLength(0);
  });

  test('a lone hop is evidence only: no alert at any minScore', () => {
    const txs = [transfer('A', 'H', 50_000, 0), transfer('H', 'B', 30_000, 5 * D)];
    expect(scanAll(txs)).toHaveLength(0);
  });
});

const cycle5 = (): Transaction[] => [
  transfer('A', 'B', 60_000, 0, { id: 'c1' }), transfer('B', 'C', 55_000, 3 * D, { id: 'c2' }),
  transfer('C', 'E', 52_000, 6 * D, { id: 'c3' }), transfer('E', 'F', 50_000, 8 * D, { id: 'c4' }), transfer('F', 'A', 49_000, 9 * D, { id: 'c5' }),
];
const gatherScatter = (outs: number[]): Transaction[] => [
  transfer('S1', 'G', 40_000, 0), transfer('S2', 'G', 40_000, D), transfer('S3', 'G', 40_000, 2 * D),
  ...outs.map((amount, i) => transfer('G', `R${i + 1}`, amount, (5 + i) * D)),
];

describe('layering structures in the network stage', () => {
  test('a round-tripping cycle A → B → C → E → F → A raises one network alert of its five accounts, hop by hop', () => {
    const net = networks(scanAll(cycle5()));
    expect(net).toHaveLength(1);
    expect(net[0]?.members?.map((m) => m.id)).toEqual(['A', 'B', 'C', 'E', 'F']);
    expect(net[0]?.score).toBe(48);
    const path = net[0]?.hits[0];
    expect(path?.indicators).toEqual(['MS-LAY-01']);
    expect(path?.facts).toMatchObject({ structure: 'cycle', accounts: 5, hops: 5, minCycleHops: 5, maxCycleHops: 8, maxSpanDays: 30 });
    expect(path?.transactionIds).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(path?.reason).toBe('Possible round-tripping cycle: money returned to A through 5 hops within 9 days, each to a new counterparty: A → B (c1); B → C (c2); C → E (c3); E → F (c4); F → A (c5).');
  });

  test('boundaries: 4 accounts on a loop are no layering cycle; a 5-cycle spanning more than 30 days is none either; an open chain is none', () => {
    const four = [transfer('A', 'B', 60_000, 0), transfer('B', 'C', 55_000, 3 * D), transfer('C', 'E', 52_000, 6 * D), transfer('E', 'A', 52_000, 7 * D)];
    expect(networks(scanAll(four))).toHaveLength(0);
    const slow = [transfer('A', 'B', 60_000, 0), transfer('B', 'C', 55_000, 10 * D), transfer('C', 'E', 52_000, 20 * D), transfer('E', 'F', 50_000, 25 * D), transfer('F', 'A', 50_000, 30 * D + 1)];
    expect(networks(scanAll(slow))).toHaveLength(0);
    expect(networks(scanAll(cycle5().slice(0, 4)))).toHaveLength(0);
  });

  test('look-alike: a business on the loop (paying and paid by new counterparties as its trade) breaks the cycle', () => {
    const accounts = ['A', 'B', 'C', 'E', 'F'].map((account) => ({ account, type: account === 'C' ? ('business' as const) : ('personal' as const) }));
    expect(networks(scanAll(cycle5(), { accounts }))).toHaveLength(0);
  });

  test('scatter-gather: 5 intermediaries between one source and one sink alert; 4 do not; a government source does not (its sink is still a fan-in)', () => {
    const sg = (n: number): Transaction[] => Array.from({ length: n }, (_, i) => [
      transfer('SRC', `I${i}`, 40_000 + i, i * D), transfer(`I${i}`, 'SNK', 39_000 + i, 10 * D + i * D),
    ]).flat();
    const five = networks(scanAll(sg(5)));
    expect(five).toHaveLength(1);
    expect(five[0]?.members?.map((m) => m.id)).toEqual(['I0', 'I1', 'I2', 'I3', 'I4', 'SNK', 'SRC']);
    expect(five[0]?.hits[0]?.facts).toMatchObject({ structure: 'scatter_gather', minIntermediaries: 5 });
    expect(five[0]?.hits[0]?.indicators).toEqual(['MS-LAY-02']);
    expect(networks(scanAll(sg(4)))).toHaveLength(0);
    const accounts = [{ account: 'SRC', type: 'government' as const }, { account: 'SNK', type: 'personal' as const }, ...['I0', 'I1', 'I2', 'I3', 'I4'].map((account) => ({ account, type: 'personal' as const }))];
    // No scatter-gather from a government source; the five payers that each paid only the sink
    // still make it a fan-in hub (fan_leg, MS-FAN-02), which the scatter-gather no longer covers.
    expect(networks(scanAll(sg(5), { accounts })).map((a) => a.hits[0]?.facts.structure)).toEqual(['fan_in']);
  });

  test('gather-scatter: 3 new senders, then 3 new recipients paid 25 % of it, alert; one minor unit less, or 2 recipients, do not', () => {
    // Gathered 120,000: 25 % is 30,000.
    const gs = networks(scanAll(gatherScatter([10_000, 10_000, 10_000])));
    expect(gs).toHaveLength(1);
    expect(gs[0]?.members?.map((m) => m.id)).toEqual(['G', 'R1', 'R2', 'R3']); // the senders are in the path, not members
    expect(gs[0]?.hits[0]?.indicators).toEqual(['MS-LAY-03']);
    expect(gs[0]?.score).toBe(48);
    expect(networks(scanAll(gatherScatter([10_000, 10_000, 9_999])))).toHaveLength(0);
    expect(networks(scanAll(gatherScatter([15_000, 15_000])))).toHaveLength(0);
  });

  test('look-alike: comings and goings interleaved (a household paying out between its receipts) are no gather-scatter', () => {
    const mixed = [transfer('S1', 'G', 40_000, 0), transfer('G', 'R1', 30_000, D), transfer('S2', 'G', 40_000, 2 * D),
      transfer('G', 'R2', 30_000, 3 * D), transfer('S3', 'G', 40_000, 4 * D), transfer('G', 'R3', 30_000, 5 * D)];
    expect(networks(scanAll(mixed))).toHaveLength(0);
  });

  test('look-alike: in a run where nearly no account has a settled relation, newness means nothing: no hub, and cycles only through settled accounts', () => {
    // 120 accounts that each pass one payment between strangers (the run's norm).
    const churn = Array.from({ length: 120 }, (_, i) => [transfer(`X${i}`, `M${i}`, 40_000, i), transfer(`M${i}`, `Y${i}`, 40_000, i + D)]).flat();
    expect(networks(scanAll(gatherScatter([30_000, 30_000, 30_000])))).toHaveLength(1);
    expect(networks(scanAll([...churn, ...gatherScatter([30_000, 30_000, 30_000])]))).toHaveLength(0);
    expect(networks(scanAll([...churn, ...cycle5()]))).toHaveLength(0);
    // The same cycle through accounts that each pay a landlord monthly (a settled relation) still alerts.
    const settled = ['A', 'B', 'C', 'E', 'F'].flatMap((a) => [transfer(a, `LL${a}`, 20_000, -40 * D), transfer(a, `LL${a}`, 20_000, -10 * D)]);
    expect(networks(scanAll([...churn, ...settled, ...cycle5()]))).toHaveLength(1);
  });

  test('streaming equals batch for a cycle: a monitor fed one transaction at a time ends with the same alerts, the network alert among them', () => {
    const { streamed, batch } = streamedAndBatch([...cycle5()], AU_LIKE);
    expect(networks(batch)).toHaveLength(1);
    expect(streamed).toEqual(batch);
  });
});
