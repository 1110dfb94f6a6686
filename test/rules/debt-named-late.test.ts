import { describe, expect, test } from 'vitest';
import { SHORT_COUNTED_FACTOR } from '../../src/rules/debt/debt-collector.js';
import { namedDebtFit } from '../../src/rules/debt/named-debt.js';
import { instalmentsOf } from '../../src/rules/_series.js';
import { debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { WindowEvent } from '../../src/rules/types.js';
import { transfer } from '../helpers/builders.js';
import { D, FULL, agentHits, crew, myr } from '../helpers/debt-crew.js';

/** W0 and W1 only: one full series short of three unrelated payers. */
const TWO = FULL.filter((t) => t.fromAccount !== 'W2' || t.toAccount !== 'AGENT');
/** W3's payments to AGENT on `days`, with the references given (the last one repeated). */
const pays = (days: number[], refs: (string | undefined)[], amount: number | number[] = 60_000, from = 'W3') =>
  days.map((d, i) => {
    const reference = refs[Math.min(i, refs.length - 1)];
    return transfer(from, 'AGENT', Array.isArray(amount) ? (amount[i] as number) : amount, d * D + 7, myr({ toName: 'Shahidul Agent', ...(reference === undefined ? {} : { reference }) }));
  });
const hitsOf = (txs: Transaction[], parties: Party[] = crew.map((c) => c.party), accounts: Account[] = crew.map((c) => c.account)) => agentHits(txs, parties, accounts);
const collectorHit = (txs: Transaction[], parties?: Party[], accounts?: Account[]) => hitsOf(txs, parties, accounts).at(-1);
const named = (txs: Transaction[], parties?: Party[], accounts?: Account[]) => collectorHit(txs, parties, accounts)?.related?.map((r) => r.id);
/** Intervals of 38, 55 and 58 days (issue 14, 31-AU): no period fits. */
const IRREGULAR = [20, 58, 113, 171];

describe('debt_repayment collector variant: instalments without a period that the payer names as a debt (MS-DEBT-01, issue 14)', () => {
  test('positive: two full series and a newly arrived stranger paying "kisti" / "installment" 38, 55 and 58 days apart make a collector', () => {
    const hit = collectorHit([...TWO, ...pays(IRREGULAR, ['kisti', 'installment'])]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W3']);
    expect(hit?.facts).toMatchObject({ payerClusters: 3, namedDebtPayers: 1, debtReferencePayers: 1, discount: 'short_series_counted' });
    // (0.5 + 0.1 debt reference + 0.15 every full payer newly arrived) × 0.9.
    expect(hit?.strength).toBeCloseTo(0.75 * SHORT_COUNTED_FACTOR, 10);
    expect(hit?.strength).toBeGreaterThanOrEqual(VOUCH_MIN_STRENGTH);
    expect(hit?.reason).toContain('1 more, newly arrived, paid it 3 or more steady sums they call a debt (loan, instalment) at irregular intervals, which makes 3 unrelated families paying it');
  });

  test('negative: the same payments without debt references, or only two of them, make no collector', () => {
    expect(collectorHit([...TWO, ...pays(IRREGULAR, [undefined])])).toBeUndefined();
    expect(collectorHit([...TWO, ...pays(IRREGULAR, ['pay'])])).toBeUndefined();
    expect(collectorHit([...TWO, ...pays([20, 58], ['kisti'])])).toBeUndefined();
  });

  test('boundary: half the instalments named counts, fewer does not; an interval of 65 days (twice the month and the tolerance) counts, 66 does not', () => {
    expect(collectorHit([...TWO, ...pays(IRREGULAR, ['loan', 'loan', 'pay'])])?.facts['namedDebtPayers']).toBe(1);
    expect(collectorHit([...TWO, ...pays(IRREGULAR, ['loan', 'pay'])])).toBeUndefined();
    expect(collectorHit([...TWO, ...pays([20, 58, 123], ['hutang'])])?.facts['namedDebtPayers']).toBe(1);
    expect(collectorHit([...TWO, ...pays([20, 58, 124], ['hutang'])])).toBeUndefined();
  });

  test('look-alike: a relative, a tenant calling it rent and a payer of uneven sums do not complete the count', () => {
    const brother = crew.map((c, i) => (i === 3 ? { ...c.party, name: 'Kamrul Agent' } : c.party));
    expect(collectorHit([...TWO, ...pays(IRREGULAR, ['kisti'])], [...brother, { party: 'P-AGENT', name: 'Shahidul Agent', country: 'BD' }])).toBeUndefined();
    expect(collectorHit([...TWO, ...pays(IRREGULAR, ['loan rent'])])).toBeUndefined();
    expect(collectorHit([...TWO, ...pays(IRREGULAR, ['kisti'], [30_000, 90_000, 30_000, 90_000])])).toBeUndefined();
  });
});

describe('namedDebtFit', () => {
  const o = debtRepaymentOptionsSchema.parse({});
  const ev = (day: number, amount: number, reference?: string): WindowEvent =>
    ({ ts: day * 86_400_000, amount, direction: 'out', kind: 'transfer', tx: { reference } }) as unknown as WindowEvent;
  test('fits steady named sums at irregular intervals; reports the median interval as the period', () => {
    const fit = namedDebtFit(instalmentsOf([ev(0, 100, 'kisti'), ev(38, 100, 'loan'), ev(93, 110), ev(151, 100, 'hutang')], o.mergeDays), o);
    expect(fit).toMatchObject({ period: 55, medianIntervalDays: 55, minAmount: 100, maxAmount: 110, total: 410 });
    expect(namedDebtFit(instalmentsOf([ev(0, 100, 'kisti'), ev(38, 100, 'loan')], o.mergeDays), o)).toBeUndefined();
  });
});

describe('debt_repayment collector variant: a newly arrived payer paying after the last full instalment is named (issue 14)', () => {
  test('positive: a single in-band payment after every full series ended is named on a later hit of the same episode', () => {
    const hit = collectorHit([...FULL, ...pays([160], [undefined])]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2', 'W3']);
    expect(hit?.facts).toMatchObject({ payers: 3, payerClusters: 3 });
  });

  test('positive: a cut-short series completed after the full series ended counts towards the payers', () => {
    const hit = collectorHit([...TWO, ...pays([130, 162], [undefined])]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W3']);
    expect(hit?.facts).toMatchObject({ payerClusters: 3, shortSeriesCounted: 1 });
  });

  test('negative: a late payer of unknown account age, or one out of band, is not named and adds no hit', () => {
    const before = hitsOf(FULL).length;
    const { openedAt: _opened, ...ageless } = (crew[3] as (typeof crew)[number]).account;
    const noAge = crew.map((c) => (c.account.account === 'W3' ? ageless : c.account));
    expect(named([...FULL, ...pays([160], [undefined])], undefined, noAge)).toEqual(['W0', 'W1', 'W2']);
    expect(named([...FULL, ...pays([160], [undefined], 140_001)])).toEqual(['W0', 'W1', 'W2']);
    expect(hitsOf([...FULL, ...pays([160], [undefined], 140_001)])).toHaveLength(before);
  });

  test('boundary: the band holds late payers as it holds the others (MYR 1,400.00 named, MYR 1,400.01 not)', () => {
    expect(named([...FULL, ...pays([160], [undefined], 140_000)])).toContain('W3');
    expect(named([...FULL, ...pays([160], [undefined], 140_001)])).not.toContain('W3');
  });

  test('look-alike: the employer, a relative and a tenant paying rent after the full series are not named', () => {
    const employer = transfer('EMP', 'AGENT', 60_000, 160 * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' }));
    expect(named([...FULL, employer])).toEqual(['W0', 'W1', 'W2']);
    const brother = crew.map((c, i) => (i === 3 ? { ...c.party, name: 'Kamrul Agent' } : c.party));
    expect(named([...FULL, ...pays([160], [undefined])], [...brother, { party: 'P-AGENT', name: 'Shahidul Agent', country: 'BD' }])).toEqual(['W0', 'W1', 'W2']);
    expect(named([...FULL, ...pays([160], ['sewa bilik'])])).toEqual(['W0', 'W1', 'W2']);
  });
});
