import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { holderAccounts, holderAccountsOf } from '../../src/engine/holder-accounts.js';
import { structureAlert } from '../../src/engine/layering-alert.js';
import { DEFAULT_MIN_MEMBER_SCORE, networkAlerts } from '../../src/engine/network.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';

/** A mule (party M) with a second account; a dormitory resident (party R) with two; a remitter's two accounts; a one-account customer. */
const ACCOUNTS: Account[] = [
  { account: 'M1', party: 'M', type: 'personal' },
  { account: 'M2', party: 'M', type: 'personal' },
  { account: 'M3', party: 'M', type: 'personal' },
  { account: 'R1', party: 'R', type: 'personal' },
  { account: 'R2', party: 'R', type: 'personal' },
  { account: 'X1', party: 'X', type: 'msb' },
  { account: 'X2', party: 'X', type: 'msb' },
  { account: 'S1', party: 'S', type: 'personal' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [passThrough(), sharedIdentifier()], accounts: ACCOUNTS, minScore: 0 });
const alert = (id: string, rule: string, score: number): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
  hits: [{ rule, indicators: [], strength: score / 30, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible pattern.', facts: {} }],
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
const members = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => [n.members?.map((m) => m.id), n.score]);

describe("a member account's holder's other accounts (the customer is the subject)", () => {
  test('positive: a pass-through account alone raises a network listing its holder\'s other accounts, at its own score', () => {
    expect(members([alert('M1', 'pass_through', 27)])).toEqual([[['M1', 'M2', 'M3'], 27]]);
    expect(holderAccounts([alert('M2', 'pass_through', 27)], new Set(['account:M2']), config.context)).toEqual([{ kind: 'account', id: 'M1' }, { kind: 'account', id: 'M3' }]);
  });

  test('negative: a customer with one account, or an account the reference data gives no holder, adds nobody', () => {
    expect(members([alert('S1', 'pass_through', 27)])).toEqual([]);
    expect(members([alert('Z9', 'pass_through', 27)])).toEqual([]);
  });

  test(`boundary: a member needs its own score of DEFAULT_MIN_MEMBER_SCORE (${DEFAULT_MIN_MEMBER_SCORE}); one point below, its holder's accounts are not listed`, () => {
    expect(members([alert('M1', 'pass_through', DEFAULT_MIN_MEMBER_SCORE)])).toEqual([[['M1', 'M2', 'M3'], DEFAULT_MIN_MEMBER_SCORE]]);
    expect(members([alert('M1', 'pass_through', DEFAULT_MIN_MEMBER_SCORE - 1)])).toEqual([]);
  });

  test('look-alike: a dormitory resident sharing an address (identity only) and a licensed remitter are never members, so their other accounts are not listed', () => {
    expect(members([alert('R1', 'shared_identifier', 25)])).toEqual([]);
    expect(members([alert('X1', 'pass_through', 27)])).toEqual([]);
  });
});

/** A structurer S (one account) whose cash-outs a conductor (party F: F1 pays in, F2 its savings account) funds; a one-account funder G1; a shop's customer (party K, two accounts). */
const FUNDED: Account[] = [
  { account: 'S1', party: 'S', type: 'personal' },
  { account: 'F1', party: 'F', type: 'personal' },
  { account: 'F2', party: 'F', type: 'personal' },
  { account: 'G1', party: 'G', type: 'personal' },
  { account: 'K1', party: 'K', type: 'personal' },
  { account: 'K2', party: 'K', type: 'personal' },
];
const funded = resolveConfig({ jurisdiction: MY_LIKE, rules: [splitSum()], accounts: FUNDED, minScore: 0 });
/** S1's structured cash-out (split_sum withdrawals) naming the accounts that put up the cash, scored 70 × strength. */
const cashOut = (strength: number, funders: string[], score = Math.round(70 * strength)): Alert => {
  const a = alert('S1', 'split_sum', score);
  const hit = a.hits[0]!;
  return { ...a, hits: [{ ...hit, strength, facts: { direction: 'withdrawal', count: 2, funders: funders.length, fundedMinor: 2_000_000 }, related: funders.map((id) => ({ kind: 'account' as const, id })) }] };
};
const fundedMembers = (alerts: Alert[]) => networkAlerts(alerts, funded).map((n) => [n.members?.map((m) => m.id), n.score]);

describe("a vouched member's holder's other accounts (a structurer's funder and its savings account)", () => {
  test("positive: the funder a structurer's cash-out names brings its holder's other account into the network, at the structurer's score", () => {
    expect(fundedMembers([cashOut(0.8, ['F1'])])).toEqual([[['F1', 'F2', 'S1'], 56]]);
    expect(holderAccountsOf([{ kind: 'account', id: 'F1' }, { kind: 'party', id: 'F' }], new Set(['account:F1']), funded.context)).toEqual([{ kind: 'account', id: 'F2' }]);
  });

  test('negative: a funder holding one account, or one the reference data gives no holder, adds nobody else', () => {
    expect(fundedMembers([cashOut(0.8, ['G1'])])).toEqual([[['G1', 'S1'], 56]]);
    expect(fundedMembers([cashOut(0.8, ['Z9'])])).toEqual([[['S1', 'Z9'], 56]]);
  });

  test(`boundary: the cash-out vouches for its funder from VOUCH_MIN_STRENGTH (${VOUCH_MIN_STRENGTH}); just below it neither the funder nor its other account is listed`, () => {
    expect(fundedMembers([cashOut(VOUCH_MIN_STRENGTH, ['F1'])])).toEqual([[['F1', 'F2', 'S1'], 35]]);
    expect(fundedMembers([cashOut(VOUCH_MIN_STRENGTH - 0.0001, ['F1'])])).toEqual([]);
  });

  test(`boundary: a structurer under DEFAULT_MIN_MEMBER_SCORE (${DEFAULT_MIN_MEMBER_SCORE}) is no member, so it vouches for no funder and no funder's account`, () => {
    expect(fundedMembers([cashOut(0.8, ['F1'], DEFAULT_MIN_MEMBER_SCORE)]).map(([m]) => m)).toEqual([['F1', 'F2', 'S1']]);
    expect(fundedMembers([cashOut(0.8, ['F1'], DEFAULT_MIN_MEMBER_SCORE - 1)])).toEqual([]);
  });

  test("look-alike: a cash business's routine withdrawals (discounted below 0.5) name a customer with two accounts — neither is listed", () => {
    expect(fundedMembers([cashOut(0.3, ['K1'])])).toEqual([]);
  });
});

/** A cycle's three accounts: A1 (party A, with savings account A2), B1 (one account), X1 (a licensed remitter, party X, with X2). */
const CYCLE: Account[] = [
  { account: 'A1', party: 'A', type: 'personal' },
  { account: 'A2', party: 'A', type: 'personal' },
  { account: 'B1', party: 'B', type: 'personal' },
  { account: 'X1', party: 'X', type: 'msb' },
  { account: 'X2', party: 'X', type: 'msb' },
];
const cycleConfig = resolveConfig({ jurisdiction: MY_LIKE, accounts: CYCLE, minScore: 0 });
const cycle = (accounts: string[]) => structureAlert(
  { kind: 'cycle', accounts, lines: accounts.map((a) => `hop ${a}`), ids: accounts.map((a) => `t-${a}`), from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2025-01-05T00:00:00Z') },
  new Map(), cycleConfig,
);

describe("a structure network's accounts' holders' other accounts (layering, fans, cash joins)", () => {
  test("positive: a cycle through A1 lists A's savings account A2 as a member; the structure's facts and score are its own", () => {
    const with2 = cycle(['A1', 'B1', 'A1'])!;
    expect(with2.members?.map((m) => m.id)).toEqual(['A1', 'A2', 'B1']);
    expect(with2.hits[0]?.facts['accounts']).toBe(2);
    expect(with2.score).toBeGreaterThan(0);
  });

  test("negative: a structure whose holders hold no other account lists its accounts alone", () => {
    expect(cycle(['B1', 'Z9', 'B1'])?.members?.map((m) => m.id)).toEqual(['B1', 'Z9']);
  });

  test("look-alike: a licensed remitter on the path does not bring its other accounts (it moves other people's money)", () => {
    expect(cycle(['B1', 'X1', 'B1'])?.members?.map((m) => m.id)).toEqual(['B1', 'X1']);
    expect(holderAccountsOf([{ kind: 'account', id: 'X1' }], new Set(['account:X1']), cycleConfig.context)).toEqual([]);
  });
});
