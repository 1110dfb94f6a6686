import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { SUB_COLLECTOR_MIN_FEE_STRENGTH, subCollectors } from '../../src/engine/sub-collectors.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';

const ACCOUNTS: Account[] = [
  { account: 'C', party: 'HC', type: 'personal' },
  { account: 'S1', party: 'H1', type: 'personal' },
  { account: 'X', party: 'HX', type: 'msb' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [funnelAccount(), feeMatch(), sharedIdentifier()], accounts: ACCOUNTS, minScore: 0 });
type Hit = { rule: string; strength: number; related?: string[] };
const alert = (id: string, score: number, hits: Hit[]): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
  hits: hits.map((h) => ({
    rule: h.rule, indicators: [], strength: h.strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' },
    transactionIds: [`t-${id}-${h.rule}`], transactionCount: 1, reason: `${h.rule} pattern.`, facts: {},
    ...(h.related === undefined ? {} : { related: h.related.map((r) => ({ kind: 'account' as const, id: r })) }),
  })),
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
/** A funnel collector naming its senders at `strength`. */
const collector = (strength: number, senders: string[], rule = 'funnel_account') => alert('C', 45, [{ rule, strength, related: senders }]);
/** A sender whose own payers (`payers`) pay it fee-sized sums, at `strength` (score below a member's). */
const feeTaker = (id: string, strength: number, payers: string[]) => alert(id, 5, [{ rule: 'fee_match', strength, related: payers }]);
const find = (group: Alert[], others: Alert[]) => {
  const by = new Map([...group, ...others].map((a) => [`account:${a.entity.id}`, a]));
  return subCollectors(group, new Set(group.map((a) => `account:${a.entity.id}`)), { alertOf: (k) => by.get(k), familyOf: config.familyOf, accounts: config.context.accounts }).map((m) => m.id);
};

describe('a collector\'s sender that takes smuggling fees from its own payers (the sub-collector)', () => {
  test('positive: the sender joins the collector\'s network at the collector\'s score, adding no hits', () => {
    const [n] = networkAlerts([collector(0.9, ['S1', 'S2', 'S3']), feeTaker('S1', 0.35, ['K1'])], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'S1']);
    expect(n?.score).toBe(45);
    expect(n?.hits.map((h) => h.rule)).toEqual(['funnel_account']);
  });

  test('boundary: the member\'s hit at VOUCH_MIN_STRENGTH and the fee hit at the bar confirm; just below either does not', () => {
    expect([VOUCH_MIN_STRENGTH, SUB_COLLECTOR_MIN_FEE_STRENGTH]).toEqual([0.5, 0.35]);
    expect(find([collector(0.5, ['S1'])], [feeTaker('S1', 0.35, ['K1'])])).toEqual(['S1']);
    expect(find([collector(0.4999, ['S1'])], [feeTaker('S1', 0.35, ['K1'])])).toEqual([]);
    expect(find([collector(0.5, ['S1'])], [feeTaker('S1', 0.3499, ['K1'])])).toEqual([]);
  });

  test('negative: a fee taker nobody names, a named sender without fees, or fees paid only by the members confirm nothing', () => {
    expect(find([collector(0.9, ['S2'])], [feeTaker('S1', 0.6, ['K1'])])).toEqual([]);
    expect(find([collector(0.9, ['S1'])], [alert('S1', 5, [{ rule: 'round_amounts', strength: 0.9 }])])).toEqual([]);
    expect(find([collector(0.9, ['S1'])], [feeTaker('S1', 0.6, ['C'])])).toEqual([]);
    expect(find([collector(0.9, ['X'])], [feeTaker('X', 0.6, ['K1'])])).toEqual([]);
  });

  test('look-alike: a member naming the sender only by a context or identity hit (fee-sized payments, a shared dormitory address) adds nobody', () => {
    expect(find([collector(0.9, ['S1'], 'fee_match')], [feeTaker('S1', 0.6, ['K1'])])).toEqual([]);
    expect(find([collector(0.9, ['S1'], 'shared_identifier')], [feeTaker('S1', 0.6, ['K1'])])).toEqual([]);
  });
});

/** A sender whose own sub_collector hit names `payee` as the account its payers' money goes on to (score: a point or two). */
const lumper = (id: string, payee: string) => alert(id, 2, [{ rule: 'sub_collector', strength: 0.3, related: [payee] }]);

describe('a collector\'s sender that passes its own payers\' money on to the collector in lumps (sub_collector)', () => {
  test('positive: the sender joins the collector\'s network at the collector\'s score', () => {
    const [n] = networkAlerts([collector(0.9, ['S1', 'S2', 'S3']), lumper('S1', 'C')], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'S1']);
    expect(n?.score).toBe(45);
    expect(find([collector(0.9, ['S1'])], [lumper('S1', 'C')])).toEqual(['S1']);
  });

  test('boundary: the collector naming the sender at VOUCH_MIN_STRENGTH confirms, just below does not', () => {
    expect(find([collector(0.5, ['S1'])], [lumper('S1', 'C')])).toEqual(['S1']);
    expect(find([collector(0.4999, ['S1'])], [lumper('S1', 'C')])).toEqual([]);
  });

  test('negative: lumps paid to someone other than the member naming the sender, or a sender nobody names, confirm nothing', () => {
    expect(find([collector(0.9, ['S1'])], [lumper('S1', 'Z')])).toEqual([]);
    expect(find([collector(0.9, ['S2'])], [lumper('S1', 'C')])).toEqual([]);
    expect(find([collector(0.9, ['X'])], [lumper('X', 'C')])).toEqual([]);
  });

  test('look-alike: a landlord passing rents to a property manager the manager\'s own hits do not name, or one named only by a context hit, adds nobody', () => {
    // The manager M is a member (its own funnel-like hit names other senders), the landlord L pays it lumps.
    const manager = alert('M', 45, [{ rule: 'funnel_account', strength: 0.9, related: ['T1', 'T2'] }]);
    expect(find([manager], [lumper('L', 'M')])).toEqual([]);
    expect(find([collector(0.9, ['L'], 'fee_match')], [lumper('L', 'C')])).toEqual([]);
  });
});
