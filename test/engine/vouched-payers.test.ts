import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import {
  MIN_NAMING_PAYERS, VOUCH_MIN_STRENGTH, WORKER_MIN_STRENGTH, isFundedCashOutHit, isPayerSeriesHit, isVouchingHit, isWageAgentHit, isWorkerHit, vouchedPayers, wageWorkers,
} from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import type { Alert } from '../../src/scoring/alert.js';
import { MY_LIKE } from '../helpers/builders.js';

const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), wageDiversion(), fanOut(), splitSum()], minScore: 0 });
type Facts = Alert['hits'][number]['facts'];
const alert = (id: string, rule: string, strength: number, score: number, related: string[] = [], facts: Facts = {}): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
  hits: [{
    rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1,
    reason: 'Possible pattern.', facts, ...(related.length > 0 ? { related: related.map((r) => ({ kind: 'account' as const, id: r })) } : {}),
  }],
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
/** A debt collector's alert (the collector variant counts payer families) naming its payers; its own score, by default what its hit scores (55 × strength). */
const collector = (strength: number, payers: string[], score = Math.round(55 * strength)) => alert('C', 'debt_repayment', strength, score, payers, { payers: payers.length, payerClusters: payers.length });
const members = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => [n.members?.map((m) => m.id), n.score]);

describe('payers vouched for by a debt collector (MS-DEBT-01 strong form)', () => {
  test('positive: a lone collector alert raises a network listing the payers it names, scored by its hits alone (55 × 0.8)', () => {
    expect(members([collector(0.8, ['P1', 'P2', 'P3'])])).toEqual([[['C', 'P1', 'P2', 'P3'], 44]]);
    const n = networkAlerts([collector(0.8, ['P1', 'P2', 'P3'])], config)[0]!;
    expect(n.hits.map((h) => h.reason)).toEqual(['account C: Possible pattern.']);
  });

  test('boundary: a collector hit at VOUCH_MIN_STRENGTH vouches; just below it vouches for nobody', () => {
    expect(VOUCH_MIN_STRENGTH).toBe(0.5);
    expect(members([collector(0.5, ['P1', 'P2', 'P3'])])).toEqual([[['C', 'P1', 'P2', 'P3'], 28]]);
    expect(members([collector(0.4999, ['P1', 'P2', 'P3'])])).toEqual([]);
  });

  test('negative: a payer-side debt hit naming its payee, and other rules naming accounts, vouch for nobody', () => {
    expect(isVouchingHit({ rule: 'debt_repayment', strength: 0.9, facts: { payments: 6 } })).toBe(false);
    expect(isVouchingHit({ rule: 'fan_out', strength: 0.9, facts: { payerClusters: 3 } })).toBe(false);
    expect(members([alert('W', 'debt_repayment', 0.9, 50, ['C'], { payments: 6 })])).toEqual([]);
    expect(members([alert('F', 'fan_out', 0.9, 27, ['R1', 'R2', 'R3'])])).toEqual([]);
  });

  test('look-alike: a collector discounted as family remittances or a savings pot (below 0.5) adds its senders to no network, even beside a member', () => {
    const pot = collector(0.2, ['M1', 'M2', 'M3'], 11);
    const member = alert('M1', 'fan_out', 0.9, 27, ['C']);
    expect(vouchedPayers([pot, member], new Set(['account:C', 'account:M1']))).toEqual([]);
    expect(networkAlerts([pot, member], config).flatMap((n) => n.members?.map((m) => m.id) ?? [])).not.toContain('M2');
  });

  test('a network never scores below its strongest member: where the members\' hits score less together, the member\'s own score and contributions stand', () => {
    // The collector's own alert scored 48 (say with corroboration its hits lose when scored with others'); its hit alone gives 55 × 0.8 = 44.
    const own = { ...collector(0.8, ['P1', 'P2', 'P3'], 48), band: 'medium' as const, typologies: [{ id: 'debt_repayment', score: 48 }] };
    const contributions = [{ rule: 'debt_repayment', typology: 'debt_repayment', weight: 55, strength: 0.8, points: 44 }, { rule: 'fan_out', typology: 'debt_repayment', weight: 15, strength: 0.27, points: 4 }];
    const n = networkAlerts([{ ...own, contributions }], config)[0]!;
    expect([n.score, n.band, n.typologies, n.contributions]).toEqual([48, 'medium', [{ id: 'debt_repayment', score: 48 }], contributions]);
    expect(n.members?.map((m) => m.id)).toEqual(['C', 'P1', 'P2', 'P3']);
    // Boundary: a member at exactly the hits' score, or one point below it, leaves the hits' score (and its contributions).
    for (const score of [44, 43]) {
      const m = networkAlerts([collector(0.8, ['P1', 'P2', 'P3'], score)], config)[0]!;
      expect([m.score, m.contributions.map((c) => [c.rule, c.points])]).toEqual([44, [['debt_repayment', 44]]]);
    }
    // One point above it, the member's own score stands.
    expect(members([collector(0.8, ['P1', 'P2', 'P3'], 45)])).toEqual([[['C', 'P1', 'P2', 'P3'], 45]]);
  });

  test('vouched payers that are members already are listed once; the list is sorted', () => {
    expect(vouchedPayers([collector(0.8, ['P3', 'P1', 'P2'])], new Set(['account:C', 'account:P2']))).toEqual([{ kind: 'account', id: 'P1' }, { kind: 'account', id: 'P3' }]);
  });
});

/** A wage-diversion agent's alert (the network variant counts payer families) naming the workers who paid it on a payday. */
const agent = (strength: number, workers: string[], score = Math.round(55 * strength)) => alert('A', 'wage_diversion', strength, score, workers, { payers: workers.length, payerClusters: workers.length });
/** A worker's own alert: its wages left at once in `cycles` pay cycles (score below a member's). */
const worker = (id: string, strength: number, score = 19) => alert(id, 'wage_diversion', strength, score, [], { cycles: 4, medianShare: 0.76 });

describe('workers vouched for by a wage-diversion agent (MS-DEBT-02 seen from both ends)', () => {
  test('positive: the agent lists the named workers whose own wages leave at once; a named payer without that pattern stays out', () => {
    expect(members([agent(0.6, ['W1', 'W2', 'W3']), worker('W1', 0.27), worker('W3', 0.3)])).toEqual([[['A', 'W1', 'W3'], 33]]);
    const n = networkAlerts([agent(0.6, ['W1', 'W2']), worker('W1', 0.27)], config)[0]!;
    expect(n.hits.map((h) => h.reason)).toEqual(['account A: Possible pattern.']);
  });

  test('boundary: an agent hit at VOUCH_MIN_STRENGTH vouches, just below it not; a worker hit at WORKER_MIN_STRENGTH counts, just below it not', () => {
    expect(WORKER_MIN_STRENGTH).toBe(0.25);
    expect(members([agent(0.5, ['W1']), worker('W1', 0.25)])).toEqual([[['A', 'W1'], 28]]);
    expect(members([agent(0.4999, ['W1']), worker('W1', 0.25)])).toEqual([]);
    expect(members([agent(0.5, ['W1']), worker('W1', 0.2499)])).toEqual([]);
  });

  test('negative: workers vouch for nobody, other hits do not make a worker, and without workers an agent lists no one', () => {
    expect(isWageAgentHit({ rule: 'wage_diversion', strength: 0.9, facts: { cycles: 4 } })).toBe(false);
    expect(isWageAgentHit({ rule: 'debt_repayment', strength: 0.9, facts: { payerClusters: 5 } })).toBe(false);
    expect(isWorkerHit({ rule: 'wage_diversion', strength: 0.9, facts: { payerClusters: 5 } })).toBe(false);
    expect(isWorkerHit({ rule: 'pass_through', strength: 0.9, facts: { cycles: 4 } })).toBe(false);
    expect(wageWorkers([worker('W1', 0.27), alert('X', 'pass_through', 0.9, 30, [], { cycles: 4 })])).toEqual(new Set(['account:W1']));
    expect(vouchedPayers([agent(0.8, ['W1', 'W2'])], new Set(['account:A']))).toEqual([]);
    expect(members([worker('W1', 0.6, 30), agent(0.3, ['W1'], 16)])).toEqual([]);
  });

  test('look-alike: tenants paying a landlord on payday (rent discounted below 0.5) are not vouched for, even when their wages leave at once', () => {
    expect(members([agent(0.2, ['T1', 'T2', 'T3'], 11), worker('T1', 0.3), worker('T2', 0.3)])).toEqual([]);
  });

  test('a debt collector still vouches for its payers without a worker pattern; both lists merge sorted and once', () => {
    const both = [collector(0.8, ['P1', 'W1']), agent(0.6, ['W1', 'W2'])];
    expect(vouchedPayers(both, new Set(['account:C', 'account:A']), new Set(['account:W2']))).toEqual([
      { kind: 'account', id: 'P1' }, { kind: 'account', id: 'W1' }, { kind: 'account', id: 'W2' },
    ]);
  });
});

/** A payer's own alert: a regular series to `payee` (the payer variant of debt_repayment). */
const payer = (id: string, strength: number, payee = 'K', score = 33) => alert(id, 'debt_repayment', strength, score, [payee], { payments: 4, periodDays: 30 });

describe('the payee of members\' own debt series (MS-DEBT-01 collector seen from its payers\' side)', () => {
  test('positive: two payers whose own series name one payee list it as a member; their hits alone score the alert', () => {
    const [n] = networkAlerts([payer('P1', 0.6), payer('P2', 0.6)], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['K', 'P1', 'P2']);
    expect(n?.hits.map((h) => h.reason)).toEqual(['account P1: Possible pattern. [2 members show this pattern on their own: in the network it counts at strength 0.65 (strongest 0.6, + 0.05 per further member).]', 'account P2: Possible pattern.']);
  });

  test('boundary: MIN_NAMING_PAYERS payers at VOUCH_MIN_STRENGTH vouch; one payer, or a series just below the bar, does not', () => {
    expect(MIN_NAMING_PAYERS).toBe(2);
    expect(vouchedPayers([payer('P1', 0.5), payer('P2', 0.5)], new Set(['account:P1', 'account:P2']))).toEqual([{ kind: 'account', id: 'K' }]);
    expect(vouchedPayers([payer('P1', 0.9)], new Set(['account:P1']))).toEqual([]);
    expect(vouchedPayers([payer('P1', 0.9), payer('P2', 0.4999)], new Set(['account:P1', 'account:P2']))).toEqual([]);
    expect(networkAlerts([payer('P1', 0.6), payer('P2', 0.4999)], config).flatMap((n) => n.members?.map((m) => m.id) ?? [])).not.toContain('K');
  });

  test('negative: one holder\'s two accounts count once; collector and worker hits are not payer series; a payee already a member is not listed again', () => {
    const sameHolder = (a: Alert): string => (a.entity.id === 'P1' || a.entity.id === 'P2' ? 'party:H' : a.entity.id);
    expect(vouchedPayers([payer('P1', 0.8), payer('P2', 0.8)], new Set(['account:P1', 'account:P2']), new Set(), sameHolder)).toEqual([]);
    expect(isPayerSeriesHit({ rule: 'debt_repayment', strength: 0.9, facts: { payerClusters: 3 } })).toBe(false);
    expect(isPayerSeriesHit({ rule: 'debt_repayment', strength: 0.9, facts: { payerClusters: 3, periodDays: 30 } })).toBe(false);
    expect(isPayerSeriesHit({ rule: 'wage_diversion', strength: 0.9, facts: { periodDays: 30 } })).toBe(false);
    expect(vouchedPayers([payer('P1', 0.8), payer('P2', 0.8)], new Set(['account:P1', 'account:P2', 'account:K']))).toEqual([]);
  });

  test('look-alike: tenants whose rent series are discounted below 0.5 do not make their landlord a member', () => {
    expect(vouchedPayers([payer('T1', 0.35, 'L'), payer('T2', 0.35, 'L'), payer('T3', 0.35, 'L')], new Set(['account:T1', 'account:T2', 'account:T3']))).toEqual([]);
  });
});

/** A structurer's alert: sub-threshold cash withdrawals (split_sum) naming the third party that funded them. */
const cashOut = (strength: number, funders: string[], direction = 'withdrawal', score = Math.round(70 * strength)) =>
  alert('S', 'split_sum', strength, score, funders, { direction, count: 2, ...(funders.length > 0 ? { funders: funders.length, fundedMinor: 2_000_000 } : {}) });

describe('the funder of a structured cash-out (MS-STR-02 withdrawals)', () => {
  test('positive: a lone structurer alert raises a network listing the account that put up the cash, at the structurer\'s score', () => {
    expect(members([cashOut(0.8, ['F'])])).toEqual([[['F', 'S'], 56]]);
  });

  test('boundary: a cash-out hit at VOUCH_MIN_STRENGTH vouches for its funder; just below it not', () => {
    expect(members([cashOut(0.5, ['F'])])).toEqual([[['F', 'S'], 35]]);
    expect(members([cashOut(0.4999, ['F'])])).toEqual([]);
  });

  test('negative: deposits, a hit without named funders and other rules\' withdrawals vouch for nobody', () => {
    expect(isFundedCashOutHit({ rule: 'split_sum', strength: 0.9, facts: { direction: 'deposit', funders: 1 } })).toBe(false);
    expect(isFundedCashOutHit({ rule: 'split_sum', strength: 0.9, facts: { direction: 'withdrawal' } })).toBe(false);
    expect(isFundedCashOutHit({ rule: 'near_threshold_cash', strength: 0.9, facts: { direction: 'withdrawal', funders: 1 } })).toBe(false);
    expect(isFundedCashOutHit({ rule: 'split_sum', strength: 0.9, facts: { direction: 'withdrawal', funders: 1 } })).toBe(true);
    expect(members([cashOut(0.8, ['F'], 'deposit')])).toEqual([]);
    expect(members([cashOut(0.8, [])])).toEqual([]);
  });

  test('look-alike: a cash business\'s routine withdrawals (discounted below 0.5) do not make the account that paid it a member', () => {
    expect(vouchedPayers([cashOut(0.3, ['CUSTOMER'])], new Set(['account:S']))).toEqual([]);
  });
});
