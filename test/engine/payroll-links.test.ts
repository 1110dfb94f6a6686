import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { DEFAULT_MIN_MEMBER_SCORE, networkAlerts } from '../../src/engine/network.js';
import { isPayrollLink } from '../../src/engine/payroll-links.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import { roundAmounts } from '../../src/rules/context/round-amounts.js';
import type { Alert, AlertHit } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';

const ACCOUNTS: Account[] = [
  { account: 'EMP', party: 'E', type: 'business' },
  { account: 'GOV', party: 'G', type: 'government' },
  { account: 'HUB', party: 'H', type: 'personal' },
  { account: 'W1', party: 'P1', type: 'personal' },
  { account: 'W2', party: 'P2', type: 'personal' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [fanOut(), funnelAccount(), passThrough(), debtRepayment(), roundAmounts()], accounts: ACCOUNTS, minScore: 0 });
const typeOf = (id: string) => ACCOUNTS.find((a) => a.account === id)?.type;
const hit = (rule: string, strength: number, related: string[] = []): AlertHit => ({
  rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${rule}`], transactionCount: 1,
  reason: 'Possible pattern.', facts: {}, ...(related.length > 0 ? { related: related.map((id) => ({ kind: 'account' as const, id })) } : {}),
});
const alert = (id: string, score: number, hits: AlertHit[]): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [], hits,
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
const payroll = (id: string, extra: AlertHit[] = [], score = 13) => alert(id, score, [hit('fan_out', 0.45, ['W1', 'W2']), ...extra]);
/** Two members with evidence of different kinds and no link between them but the employer's. */
const WORKERS = [alert('W1', 30, [hit('debt_repayment', 0.5)]), alert('W2', 30, [hit('pass_through', 0.5)])];
const joined = (hub: Alert) => networkAlerts([hub, ...WORKERS], config).some((n) => n.members?.some((m) => m.id === 'W1') && n.members?.some((m) => m.id === 'W2'));

describe('an employer\'s payroll links no one into a network (issue 14)', () => {
  test('positive: a business or government account, no member, whose only money-flow evidence is its fan-out carries no links', () => {
    expect(isPayrollLink(payroll('EMP'), hit('fan_out', 0.45), false, typeOf, config.familyOf)).toBe(true);
    expect(isPayrollLink(payroll('GOV'), hit('fan_out', 0.45), false, typeOf, config.familyOf)).toBe(true);
    // Context and a second fan-out do not change it.
    expect(isPayrollLink(payroll('EMP', [hit('round_amounts', 0.5), hit('fan_out', 0.3)]), hit('fan_out', 0.45), false, typeOf, config.familyOf)).toBe(true);
    expect(joined(payroll('EMP'))).toBe(false);
  });

  test('negative: a personal account\'s fan-out, or an account the reference data does not type, still links', () => {
    expect(isPayrollLink(payroll('HUB'), hit('fan_out', 0.45), false, typeOf, config.familyOf)).toBe(false);
    expect(isPayrollLink(payroll('EXT'), hit('fan_out', 0.45), false, typeOf, config.familyOf)).toBe(false);
    expect(joined(payroll('HUB'))).toBe(true);
  });

  test(`boundary: an employer scoring DEFAULT_MIN_MEMBER_SCORE (${DEFAULT_MIN_MEMBER_SCORE}) is a member and keeps its links; one point below, it links no one`, () => {
    expect(isPayrollLink(payroll('EMP'), hit('fan_out', 0.45), true, typeOf, config.familyOf)).toBe(false);
    expect(joined(payroll('EMP', [], DEFAULT_MIN_MEMBER_SCORE))).toBe(true);
    expect(joined(payroll('EMP', [], DEFAULT_MIN_MEMBER_SCORE - 1))).toBe(false);
  });

  test('boundary: only the fan-out\'s links are dropped; any other money-flow hit of the business keeps them all', () => {
    expect(isPayrollLink(payroll('EMP'), hit('funnel_account', 0.45), false, typeOf, config.familyOf)).toBe(false);
    const front = payroll('EMP', [hit('funnel_account', 0.36)]);
    expect(isPayrollLink(front, hit('fan_out', 0.45), false, typeOf, config.familyOf)).toBe(false);
    expect(joined(front)).toBe(true);
  });

  test('look-alike: a business front that also collects (a funnel naming its senders) is not a payroll', () => {
    const front = payroll('EMP', [hit('funnel_account', 0.5, ['W1'])]);
    expect(joined(front)).toBe(true);
  });
});
