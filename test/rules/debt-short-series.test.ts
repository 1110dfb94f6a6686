import { describe, expect, test } from 'vitest';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { SHORT_COUNTED_FACTOR } from '../../src/rules/debt/debt-collector.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { SHORT_SERIES_BAND, shortSeriesPayers, strayPayers } from '../../src/rules/debt/short-series.js';
import type { SeriesFit } from '../../src/rules/_series.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';
import { D, EMPLOYER, FULL, agentHits, crew, myr, wages } from '../helpers/debt-crew.js';

/** A fourth payer's instalments to AGENT on the given days (before the full series end). */
const short = (from: string, days: number[], amounts: number | number[], extra: Partial<Transaction> = {}) =>
  days.map((d, i) => transfer(from, 'AGENT', Array.isArray(amounts) ? (amounts[i] as number) : amounts, d * D + 7, myr({ toName: 'Shahidul Agent', ...extra })));
const collectorHit = (txs: Transaction[], parties: Party[] = crew.map((c) => c.party), extra: Account[] = []) => agentHits(txs, parties, [...crew.map((c) => c.account), ...extra]).at(-1);
const named = (txs: Transaction[], parties?: Party[], extra: Account[] = []) => collectorHit(txs, parties, extra)?.related?.map((r) => r.id);

describe('debt_repayment collector variant: payers whose series was cut short (MS-DEBT-01)', () => {
  test('positive: a fourth payer who paid two instalments one month apart and stopped is named, not counted', () => {
    const hit = collectorHit([...FULL, ...wages('W3'), ...short('W3', [20, 50], 60_000)]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2', 'W3']);
    expect(hit?.facts).toMatchObject({ payers: 3, payerClusters: 3, shortSeriesPayers: 1 });
    expect(hit?.reason).toMatch(/; 1 more made two such payments one period apart and stopped \(a debt paid off, or just begun\)\.$/);
  });

  test('negative: one payment, or two that are not a period apart (45 days), from an account of unknown age name nobody; short series never make a collector', () => {
    const { openedAt: _opened, ...ageless } = (crew[3] as (typeof crew)[number]).account;
    const noAge = [EMPLOYER, ...crew.map((c) => (c.account.account === 'W3' ? ageless : c.account))];
    const namedNoAge = (txs: Transaction[]) => rawHitsOf([debtRepayment()], [...txs].sort((a, b) => a.timestamp - b.timestamp), { profile: MY_LIKE, accounts: noAge, parties: crew.map((c) => c.party) })
      .filter((h) => h.entity.id === 'AGENT' && h.variant === 'collector').at(-1)?.related?.map((r) => r.id);
    expect(namedNoAge([...FULL, ...short('W3', [50], 60_000)])).toEqual(['W0', 'W1', 'W2']);
    expect(namedNoAge([...FULL, ...short('W3', [5, 50], 60_000)])).toEqual(['W0', 'W1', 'W2']);
    // Two short series and no full one: no collector.
    const none = FULL.filter((t) => t.toAccount !== 'AGENT');
    expect(collectorHit([...none, ...short('W3', [20, 50], 60_000), ...short('W4', [21, 51], 60_000)])).toBeUndefined();
  });

  test('boundary: the band runs from half the smallest to twice the largest full instalment (MYR 250.00 to MYR 1,400.00)', () => {
    expect(SHORT_SERIES_BAND).toEqual({ low: 0.5, high: 2 });
    expect(named([...FULL, ...short('W3', [20, 50], 25_000)])).toContain('W3');
    expect(named([...FULL, ...short('W3', [20, 50], 24_999)])).not.toContain('W3');
    expect(named([...FULL, ...short('W3', [20, 50], 140_000)])).toContain('W3');
    expect(named([...FULL, ...short('W3', [20, 50], 140_001)])).not.toContain('W3');
  });

  test('look-alike: the collector\'s employer paying two wages, a relative paying twice and a rent payer are not named', () => {
    const employer = [20, 50].map((d) => transfer('EMP', 'AGENT', 60_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
    expect(named([...FULL, ...employer])).toEqual(['W0', 'W1', 'W2']);
    const brother = crew.map((c, i) => (i === 3 ? { ...c.party, name: 'Kamrul Agent' } : c.party));
    const txs = [...FULL, ...short('W3', [20, 50], 60_000, { toName: 'Shahidul Agent' })];
    expect(named(txs, [...brother, { party: 'P-AGENT', name: 'Shahidul Agent', country: 'BD' }])).toEqual(['W0', 'W1', 'W2']);
    expect(named([...FULL, ...short('W3', [20, 50], 60_000, { reference: 'sewa bilik' })])).toEqual(['W0', 'W1', 'W2']);
  });
});

describe('debt_repayment collector variant: a debt stops when paid — cut-short series count towards the payers (MS-DEBT-01, issue 14)', () => {
  /** W0 and W1 pay AGENT four instalments each: two full series, one short of the three unrelated payers. */
  const TWO = FULL.filter((t) => t.fromAccount !== 'W2' || t.toAccount !== 'AGENT');

  test('positive: two full series and a newly arrived stranger who paid two instalments one period apart make a collector, a little weaker', () => {
    const hit = collectorHit([...TWO, ...short('W3', [20, 50], 60_000)]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W3']);
    expect(hit?.facts).toMatchObject({ payerClusters: 3, discount: 'short_series_counted' });
    expect(hit?.facts['shortSeriesCounted']).toBeGreaterThanOrEqual(1);
    // (0.5 + 0.15 every full payer newly arrived) × 0.9: still vouches for its payers in a network (≥ 0.5).
    expect(hit?.strength).toBeCloseTo(0.65 * SHORT_COUNTED_FACTOR, 10);
    expect(hit?.strength).toBeGreaterThanOrEqual(VOUCH_MIN_STRENGTH);
    expect(hit?.reason).toMatch(/stopped \(a debt paid off, or just begun\), which makes 3 unrelated families paying it\.$/);
  });

  test('positive: one full series and two newly arrived strangers\' cut-short series make a collector', () => {
    const one = FULL.filter((t) => t.fromAccount === 'W0' || t.toAccount !== 'AGENT');
    const hit = collectorHit([...one, ...short('W3', [20, 50], 60_000), ...short('W4', [21, 51], 60_000)]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W3', 'W4']);
    expect(hit?.facts).toMatchObject({ payers: 1, payerClusters: 3, shortSeriesCounted: 2 });
    expect(hit?.reason).toMatch(/^Possible debt-repayment collection pattern: 1 payer makes regular payments to this account/);
  });

  test('positive: a stranger whose newest two instalments are one period apart, after an earlier lone payment, counts as a cut-short series (issue 14: 91 days, then 32)', () => {
    const hit = collectorHit([...TWO, ...short('W3', [-25, 66, 98], 60_000)]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W3']);
    expect(hit?.facts).toMatchObject({ payerClusters: 3, discount: 'short_series_counted' });
    expect(hit?.facts['shortSeriesCounted']).toBeGreaterThanOrEqual(1);
    // The same payer without the earlier lone payment, for comparison.
    expect(collectorHit([...TWO, ...short('W3', [66, 98], 60_000)])?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W3']);
  });

  test('boundary and look-alike: three payments none of them a period apart (45 days each), or the newest two 45 days apart, do not count', () => {
    expect(collectorHit([...TWO, ...short('W3', [5, 50, 95], 60_000)])).toBeUndefined();
    expect(collectorHit([...TWO, ...short('W3', [-10, 20, 65], 60_000)])).toBeUndefined();
    // Newest two 35 days apart (the period's tolerance): counted.
    expect(collectorHit([...TWO, ...short('W3', [-25, 63, 98], 60_000)])?.facts['payerClusters']).toBe(3);
  });

  test('negative: only cut-short series, or two full series with a short one from an account of unknown age, make no collector', () => {
    const none = FULL.filter((t) => t.toAccount !== 'AGENT');
    expect(collectorHit([...none, ...short('W3', [20, 50], 60_000), ...short('W4', [21, 51], 60_000), ...short('W0', [22, 52], 60_000)])).toBeUndefined();
    // W3 pays from abroad (cross-border, so its two instalments qualify as a cut-short series) from an account of unknown age.
    const { openedAt: _opened, ...ageless } = (crew[3] as (typeof crew)[number]).account;
    const abroad = { ...ageless, country: 'SA' };
    const hitsWith = (w3: Account) => rawHitsOf([debtRepayment()], [...TWO, ...short('W3', [20, 50], 60_000, { fromCountry: 'SA' })].sort((a, b) => a.timestamp - b.timestamp), {
      profile: MY_LIKE, accounts: [EMPLOYER, ...crew.map((c) => (c.account.account === 'W3' ? w3 : c.account))], parties: crew.map((c) => c.party),
    }).filter((h) => h.entity.id === 'AGENT' && h.variant === 'collector');
    expect(hitsWith(abroad)).toEqual([]);
    expect(hitsWith({ ...abroad, openedAt: at(-13 * D) })).toHaveLength(1);
  });

  test('boundary: the short series must sit in the band of the full ones (MYR 250.00 counts, MYR 249.99 does not) and reach three families exactly', () => {
    expect(collectorHit([...TWO, ...short('W3', [20, 50], 25_000)])?.facts['payerClusters']).toBe(3);
    expect(collectorHit([...TWO, ...short('W3', [20, 50], 24_999)])).toBeUndefined();
    expect(collectorHit(TWO)).toBeUndefined();
    // Once a third full series exists, the full form outweighs the cut-short reading of the same collector.
    expect(collectorHit([...FULL, ...short('W3', [20, 50], 60_000)])?.facts['shortSeriesCounted']).toBeUndefined();
  });

  test('look-alike: a relative (shared family name), a tenant paying rent, or two short series of one family do not complete the count', () => {
    const brother = crew.map((c, i) => (i === 3 ? { ...c.party, name: 'Kamrul Agent' } : c.party));
    expect(collectorHit([...TWO, ...short('W3', [20, 50], 60_000)], [...brother, { party: 'P-AGENT', name: 'Shahidul Agent', country: 'BD' }])).toBeUndefined();
    expect(collectorHit([...TWO, ...short('W3', [20, 50], 60_000, { reference: 'sewa bilik' })])).toBeUndefined();
    // A rotating savings group: the pot paid back to a member whose own series is short.
    const one = FULL.filter((t) => t.fromAccount === 'W0' || t.toAccount !== 'AGENT');
    const pot = transfer('AGENT', 'W3', 180_000, 55 * D, myr({ fromName: 'Shahidul Agent' }));
    const rosca = collectorHit([...one, ...short('W3', [20, 50], 60_000), ...short('W4', [21, 51], 60_000), pot]);
    expect(String(rosca?.facts['discount'])).toContain('rotating_savings_payout');
    expect(rosca?.strength).toBeLessThan(VOUCH_MIN_STRENGTH);
    // W0's sibling: a short series of the same family as a full payer adds no family.
    const sibling = crew.map((c, i) => (i === 3 ? { ...c.party, name: 'Kamrul Mondal' } : c.party));
    expect(collectorHit([...TWO, ...short('W3', [20, 50], 60_000)], sibling)).toBeUndefined();
  });
});

describe('debt_repayment collector variant: stray payers, newly arrived, who paid it once or twice (MS-DEBT-01)', () => {
  /** A fifth payer W5 (an unrelated name), its account opened `openedDaysBefore` days before its first payment on day 50. */
  const late = (openedDaysBefore: number, deltaMs = 0): { account: Account; party: Party } => ({
    account: { account: 'W5', party: 'P-W5', type: 'personal', openedAt: at((50 - openedDaysBefore) * D + 7) - deltaMs, country: 'MY' },
    party: { party: 'P-W5', name: 'Mizanur Talukder', country: 'BD', address: 'No. 40, Jalan Kenanga 9, Johor Bahru' },
  });
  const parties = (p: Party) => [...crew.map((c) => c.party), p];
  const pays = (days: number[], amount: number, extra: Partial<Transaction> = {}) =>
    days.map((d) => transfer('W5', 'AGENT', amount, d * D + 7, myr({ toName: 'Shahidul Agent', ...extra })));

  test('positive: a recent opener\'s single in-band payment, or two not a period apart, is named, not counted', () => {
    const w5 = late(40);
    const hit = collectorHit([...FULL, ...pays([50], 60_000)], parties(w5.party), [w5.account]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2', 'W5']);
    expect(hit?.facts).toMatchObject({ payers: 3, payerClusters: 3, strayPayers: 1 });
    expect(hit?.facts['shortSeriesPayers']).toBeUndefined();
    expect(hit?.reason).toMatch(/; 1 more, from accounts opened within 6 months before, paid it one or two sums in the same range\.$/);
    expect(named([...FULL, ...pays([12, 57], 60_000)], parties(w5.party), [w5.account])).toContain('W5'); // 45 days apart, opened day 10
  });

  test('negative: an established account (opened a year before) paying once in band is not named; strays never make a collector', () => {
    const w5 = late(365);
    expect(named([...FULL, ...pays([50], 60_000)], parties(w5.party), [w5.account])).toEqual(['W0', 'W1', 'W2']);
    const two = FULL.filter((t) => t.fromAccount !== 'W2' || t.toAccount !== 'AGENT');
    const fresh = late(40);
    expect(collectorHit([...two, ...pays([50], 60_000), ...short('W3', [51], 60_000)], parties(fresh.party), [fresh.account])).toBeUndefined();
  });

  test('boundary: opened exactly 183 days before the first payment is named, one ms earlier is not; the band is the short series\' band', () => {
    const edge = late(183);
    expect(named([...FULL, ...pays([50], 60_000)], parties(edge.party), [edge.account])).toContain('W5');
    const past = late(183, 1);
    expect(named([...FULL, ...pays([50], 60_000)], parties(past.party), [past.account])).not.toContain('W5');
    const w5 = late(40);
    expect(named([...FULL, ...pays([50], 25_000)], parties(w5.party), [w5.account])).toContain('W5');
    expect(named([...FULL, ...pays([50], 24_999)], parties(w5.party), [w5.account])).not.toContain('W5');
    expect(named([...FULL, ...pays([50], 140_000)], parties(w5.party), [w5.account])).toContain('W5');
    expect(named([...FULL, ...pays([50], 140_001)], parties(w5.party), [w5.account])).not.toContain('W5');
  });

  test('look-alike: a newly opened relative, a new tenant paying rent and a new business account paying once are not named', () => {
    const w5 = late(40);
    expect(named([...FULL, ...pays([50], 60_000)], parties({ ...w5.party, name: 'Mizanur Agent' }), [w5.account])).toEqual(['W0', 'W1', 'W2']);
    expect(named([...FULL, ...pays([50], 60_000, { reference: 'sewa bilik' })], parties(w5.party), [w5.account])).toEqual(['W0', 'W1', 'W2']);
    expect(named([...FULL, ...pays([50], 60_000)], parties(w5.party), [{ ...w5.account, type: 'business' }])).toEqual(['W0', 'W1', 'W2']);
  });
});

describe('strayPayers', () => {
  test('names candidates whose every amount is inside the band, once, sorted; none without a full series or amounts', () => {
    const full = [{ instalments: [], period: 30, medianIntervalDays: 30, intervalCv: 0, amountCv: 0, minAmount: 50_000, maxAmount: 70_000, total: 0 }];
    expect(strayPayers(full, [{ account: 'B', amounts: [60_000] }, { account: 'A', amounts: [25_000, 140_000] }, { account: 'B', amounts: [60_000] }])).toEqual(['A', 'B']);
    expect(strayPayers(full, [{ account: 'C', amounts: [60_000, 24_999] }, { account: 'D', amounts: [140_001] }, { account: 'E', amounts: [] }])).toEqual([]);
    expect(strayPayers([], [{ account: 'A', amounts: [60_000] }])).toEqual([]);
  });
});

describe('shortSeriesPayers', () => {
  const fit = (amounts: number[]): SeriesFit => ({
    instalments: amounts.map((amount, i) => ({ ts: i * 30 * 86_400_000, amount, events: [] })), period: 30, medianIntervalDays: 30, intervalCv: 0,
    amountCv: 0, minAmount: Math.min(...amounts), maxAmount: Math.max(...amounts), total: amounts.reduce((s, x) => s + x, 0),
  });
  const payer = (account: string) => ({ key: account, account });
  test('names candidates inside the band once, sorted; none without a full series; skips failed candidates', () => {
    const full = [fit([50_000, 50_000, 50_000]), fit([70_000, 70_000, 70_000])];
    expect(shortSeriesPayers(full, [{ payer: payer('B'), fit: fit([60_000, 60_000]) }, undefined, { payer: payer('A'), fit: fit([40_000, 41_000]) }, { payer: payer('B'), fit: fit([60_000, 60_000]) }])).toEqual(['A', 'B']);
    expect(shortSeriesPayers(full, [{ payer: payer('C'), fit: fit([20_000, 30_000]) }])).toEqual(['C']); // median 25,000 = 0.5 × 50,000
    expect(shortSeriesPayers(full, [{ payer: payer('C'), fit: fit([20_000, 29_998]) }])).toEqual([]); // median 24,999
    expect(shortSeriesPayers([], [{ payer: payer('A'), fit: fit([60_000, 60_000]) }])).toEqual([]);
  });
});
