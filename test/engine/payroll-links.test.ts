import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { DEFAULT_MIN_MEMBER_SCORE, networkAlerts } from '../../src/engine/network.js';
import { components } from '../../src/engine/network-components.js';
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
/** Two members with evidence of different kinds and no link between them but the hub's. */
const WORKERS = [alert('W1', 30, [hit('debt_repayment', 0.5)]), alert('W2', 30, [hit('pass_through', 0.5)])];
const joined = (hub: Alert) => networkAlerts([hub, ...WORKERS], config).some((n) => n.members?.some((m) => m.id === 'W1') && n.members?.some((m) => m.id === 'W2'));
const isPayroll = (a: Alert, h: AlertHit) => isPayrollLink(a, h, typeOf, config.familyOf);

describe('an employer\'s payroll holds no network together (issue 14)', () => {
  test('positive: a business or government account whose only money-flow evidence is its fan-out carries payroll links; they join no one', () => {
    expect(isPayroll(payroll('EMP'), hit('fan_out', 0.45))).toBe(true);
    expect(isPayroll(payroll('GOV'), hit('fan_out', 0.45))).toBe(true);
    // Context and a second fan-out do not change it.
    expect(isPayroll(payroll('EMP', [hit('round_amounts', 0.5), hit('fan_out', 0.3)]), hit('fan_out', 0.45))).toBe(true);
    expect(joined(payroll('EMP'))).toBe(false);
  });

  test('negative: a personal account\'s fan-out, or an account the reference data does not type, still links', () => {
    expect(isPayroll(payroll('HUB'), hit('fan_out', 0.45))).toBe(false);
    expect(isPayroll(payroll('EXT'), hit('fan_out', 0.45))).toBe(false);
    expect(joined(payroll('HUB'))).toBe(true);
  });

  test(`boundary: an employer that is itself a member (score ${DEFAULT_MIN_MEMBER_SCORE}) is a payroll all the same; only the fan-out's links are payroll`, () => {
    expect(joined(payroll('EMP', [], DEFAULT_MIN_MEMBER_SCORE))).toBe(false);
    expect(isPayroll(payroll('EMP'), hit('funnel_account', 0.45))).toBe(false);
  });

  test('boundary: a component a payroll link holds together is split over confirmed links whatever its size; without one, only above maxMembers', () => {
    // Nodes 0–3; 0–1 confirmed, 1–2 a payroll link, 2–3 unconfirmed.
    const edges = [{ a: 0, b: 1, confirmed: true }, { a: 1, b: 2, confirmed: false, payroll: true }, { a: 2, b: 3, confirmed: false }];
    expect(components(4, edges, [0, 1, 2, 3], 25)).toEqual([[0, 1], [2], [3]]);
    const plain = [{ a: 0, b: 1, confirmed: true }, { a: 1, b: 2, confirmed: false }, { a: 2, b: 3, confirmed: false }];
    expect(components(4, plain, [0, 1, 2, 3], 25)).toEqual([[0, 1, 2, 3]]);
    expect(components(4, plain, [0, 1, 2, 3], 3)).toEqual([[0, 1], [2], [3]]);
  });

  test('look-alike: a business front that also collects (a funnel naming its senders) is not a payroll', () => {
    const front = payroll('EMP', [hit('funnel_account', 0.36)]);
    expect(isPayroll(front, hit('fan_out', 0.45))).toBe(false);
    expect(joined(front)).toBe(true);
  });
});
