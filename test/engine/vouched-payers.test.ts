import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { VOUCH_MIN_STRENGTH, isVouchingHit, vouchedPayers } from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import type { Alert } from '../../src/scoring/alert.js';
import { MY_LIKE } from '../helpers/builders.js';

const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), fanOut()], minScore: 0 });
type Facts = Alert['hits'][number]['facts'];
const alert = (id: string, rule: string, strength: number, score: number, related: string[] = [], facts: Facts = {}): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
  hits: [{
    rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1,
    reason: 'Possible pattern.', facts, ...(related.length > 0 ? { related: related.map((r) => ({ kind: 'account' as const, id: r })) } : {}),
  }],
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
/** A debt collector's alert (the collector variant counts payer families) naming its payers. */
const collector = (strength: number, payers: string[], score = 48) => alert('C', 'debt_repayment', strength, score, payers, { payers: payers.length, payerClusters: payers.length });
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

  test('vouched payers that are members already are listed once; the list is sorted', () => {
    expect(vouchedPayers([collector(0.8, ['P3', 'P1', 'P2'])], new Set(['account:C', 'account:P2']))).toEqual([{ kind: 'account', id: 'P1' }, { kind: 'account', id: 'P3' }]);
  });
});
