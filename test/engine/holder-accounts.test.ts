import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { holderAccounts } from '../../src/engine/holder-accounts.js';
import { DEFAULT_MIN_MEMBER_SCORE, networkAlerts } from '../../src/engine/network.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
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
