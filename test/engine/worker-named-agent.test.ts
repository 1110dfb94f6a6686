import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { VOUCH_MIN_STRENGTH, isWorkerSeriesHit, vouchedPayers } from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Alert } from '../../src/scoring/alert.js';
import { MY_LIKE } from '../helpers/builders.js';

// MS-DEBT-02 seen from the workers' side: the agent two or more workers' own wage-diversion series
// name joins their network as a member, where its own account shows no payday burst (fewer than
// five workers paying at once, or the workers' cash taken out by the agent in person).

const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), wageDiversion()], minScore: 0 });

/** A worker's own alert: most of each wage passed at once to `payee` in `cycles` pay cycles (the worker variant of wage_diversion). */
const worker = (id: string, strength: number, payee: { kind: 'account' | 'party'; id: string } = { kind: 'account', id: 'AG' }, score = Math.round(55 * strength)): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
  hits: [{
    rule: 'wage_diversion', indicators: ['MS-DEBT-02'], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' },
    transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible wage-diversion pattern.', facts: { cycles: 4, medianShare: 0.7 }, related: [payee],
  }],
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-03-01T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
const memberIds = (alerts: Alert[]): string[] => networkAlerts(alerts, config).flatMap((n) => n.members?.map((m) => `${m.kind}:${m.id}`) ?? []);

describe('the agent named by members\' own wage-diversion series', () => {
  test('positive: two workers whose own series name one account list it as a member of their network', () => {
    expect(memberIds([worker('W1', 0.65), worker('W2', 0.8)])).toEqual(['account:AG', 'account:W1', 'account:W2']);
  });

  test('positive: the party recorded as withdrawing two workers\' wages in cash joins as a party member', () => {
    const agent = { kind: 'party' as const, id: 'P-AGENT' };
    expect(vouchedPayers([worker('W1', 0.75, agent), worker('W2', 0.75, agent)], new Set(['account:W1', 'account:W2']))).toEqual([agent]);
  });

  test('boundary: series at exactly VOUCH_MIN_STRENGTH name the agent; one just below the bar leaves a single naming worker, who names no one', () => {
    expect(VOUCH_MIN_STRENGTH).toBe(0.5);
    expect(isWorkerSeriesHit({ rule: 'wage_diversion', strength: 0.5, facts: { cycles: 3 } })).toBe(true);
    expect(isWorkerSeriesHit({ rule: 'wage_diversion', strength: 0.4999, facts: { cycles: 3 } })).toBe(false);
    expect(vouchedPayers([worker('W1', 0.5), worker('W2', 0.5)], new Set(['account:W1', 'account:W2']))).toEqual([{ kind: 'account', id: 'AG' }]);
    expect(vouchedPayers([worker('W1', 0.9), worker('W2', 0.4999)], new Set(['account:W1', 'account:W2']))).toEqual([]);
    expect(memberIds([worker('W1', 0.9), worker('W2', 0.4999)])).not.toContain('account:AG');
  });

  test('negative: one worker, or one holder\'s two accounts, name no agent; the agent\'s own burst hit (payerClusters) is no worker series', () => {
    expect(vouchedPayers([worker('W1', 0.9)], new Set(['account:W1']))).toEqual([]);
    const sameHolder = (a: Alert): string => (a.entity.id === 'W1' || a.entity.id === 'W2' ? 'party:H' : a.entity.id);
    expect(vouchedPayers([worker('W1', 0.8), worker('W2', 0.8)], new Set(['account:W1', 'account:W2']), new Set(), sameHolder)).toEqual([]);
    expect(isWorkerSeriesHit({ rule: 'wage_diversion', strength: 0.9, facts: { payerClusters: 6 } })).toBe(false);
    expect(isWorkerSeriesHit({ rule: 'debt_repayment', strength: 0.9, facts: { cycles: 4 } })).toBe(false);
  });

  test('look-alike: tenants whose wage-day rent is read as family support or remittances abroad (discounted below 0.5) do not make the payee a member', () => {
    expect(vouchedPayers([worker('T1', 0.3, { kind: 'account', id: 'L' }), worker('T2', 0.3, { kind: 'account', id: 'L' }), worker('T3', 0.45, { kind: 'account', id: 'L' })], new Set(['account:T1', 'account:T2', 'account:T3']))).toEqual([]);
  });
});
