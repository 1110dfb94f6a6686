import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { feedersOf } from '../../src/engine/sub-collectors.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { ransomBurst } from '../../src/rules/debt/ransom-burst.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';
import { memberAlert } from '../helpers/member-alert.js';

const ACCOUNTS: Account[] = [
  { account: 'C', party: 'HC', type: 'personal' },
  { account: 'S', party: 'HS', type: 'personal' },
  { account: 'X', party: 'HX', type: 'msb' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [funnelAccount(), ransomBurst(), debtRepayment(), feeMatch(), sharedIdentifier()], accounts: ACCOUNTS, minScore: 0 });

/** A collector (score 87) whose ransom-sized collection names its payers at `strength`. */
const collector = (strength: number, payers: string[] = ['S', 'K1', 'K2'], rule = 'ransom_burst') => memberAlert('C', 87, [{ rule, strength, related: payers }]);
/** A member (score 33) whose own weekly series pays `payee` at `strength`. */
const feeder = (id: string, strength: number, payee = 'C', rule = 'debt_repayment', facts: Record<string, number> = { periodDays: 7 }) => memberAlert(id, 33, [{ rule, strength, facts, related: [payee] }]);
const net = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => ({ members: n.members?.map((m) => m.id), score: n.score }));
const feeders = (group: Alert[]) => feedersOf(group, { familyOf: config.familyOf, accounts: config.context.accounts }).map((m) => m.id);

describe('a member that feeds a collecting member, named from both ends (a sub-collector\'s series into the collector)', () => {
  test('positive: the two raise a network at the collector\'s score though their hits add nothing to it', () => {
    expect(net([collector(0.85), feeder('S', 0.55)])).toEqual([{ members: ['C', 'S'], score: 87 }]);
    expect(feeders([collector(0.85), feeder('S', 0.55)])).toEqual(['C', 'S']);
  });

  test('boundary: both hits at VOUCH_MIN_STRENGTH confirm; a minor unit below at either end does not', () => {
    expect(VOUCH_MIN_STRENGTH).toBe(0.5);
    expect(feeders([collector(0.5), feeder('S', 0.5)])).toEqual(['C', 'S']);
    expect(feeders([collector(0.4999), feeder('S', 0.5)])).toEqual([]);
    expect(feeders([collector(0.5), feeder('S', 0.4999)])).toEqual([]);
    expect(net([collector(0.85), feeder('S', 0.4999)])).toEqual([]);
  });

  test('negative: one end alone (the collector names a payer who names someone else) raises nothing', () => {
    expect(net([collector(0.85), feeder('S', 0.55, 'Z')])).toEqual([]);
    expect(feeders([collector(0.85, ['K1']), feeder('S', 0.55)])).toEqual([]);
  });

  test('look-alike: a collector naming its payer only by a context or identity hit (fee-sized sums, a shared address) confirms nothing', () => {
    expect(feeders([collector(0.9, ['S'], 'fee_match'), feeder('S', 0.55)])).toEqual([]);
    expect(feeders([collector(0.9, ['S'], 'shared_identifier'), feeder('S', 0.55)])).toEqual([]);
  });

  test('negative: the feeder\'s side must be a payer-side series (periodDays); the same debt_repayment hit without one, or a funnel hit, shows no direction', () => {
    expect(feeders([collector(0.85), feeder('S', 0.55, 'C', 'debt_repayment', {})])).toEqual([]);
    expect(feeders([collector(0.85), feeder('S', 0.55, 'C', 'debt_repayment', { periodDays: 7, payerClusters: 3 })])).toEqual([]);
    expect(feeders([collector(0.85), feeder('S', 0.55, 'C', 'funnel_account', {})])).toEqual([]);
  });

  test('look-alike: two funnel hubs naming each other among their senders (AMLSim background hubs paying each other) are no feeder and collector', () => {
    const hub = (id: string, other: string) => memberAlert(id, 45, [{ rule: 'funnel_account', strength: 0.85, related: [other, `${id}-s1`, `${id}-s2`] }]);
    expect(feeders([hub('C', 'S'), hub('S', 'C')])).toEqual([]);
    expect(net([hub('C', 'S'), hub('S', 'C')])).toEqual([]);
  });

  test('look-alike: a licensed remitter at either end is never a collector or a feeder', () => {
    const remitter = memberAlert('X', 87, [{ rule: 'ransom_burst', strength: 0.85, related: ['S'] }]);
    expect(feeders([remitter, feeder('S', 0.55, 'X')])).toEqual([]);
  });
});
