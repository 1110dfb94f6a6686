import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { identifiedMembers } from '../../src/engine/identified-members.js';
import { DEFAULT_MIN_LINK_STRENGTH, networkAlerts } from '../../src/engine/network.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import type { Alert } from '../../src/scoring/alert.js';
import { MY_LIKE } from '../helpers/builders.js';

const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [funnelAccount(), fanOut(), feeMatch(), sharedIdentifier()], minScore: 0 });
type Hit = { rule: string; strength: number; related?: string[] };
const alert = (id: string, score: number, hits: Hit[], kind: 'account' | 'party' = 'account'): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind, id }, score, band: 'low', typologies: [], contributions: [],
  hits: hits.map((h) => ({
    rule: h.rule, indicators: [], strength: h.strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' },
    transactionIds: [`t-${id}-${h.rule}`], transactionCount: 1, reason: `${h.rule} pattern.`, facts: {},
    ...(h.related === undefined ? {} : { related: h.related.map((r) => (r.startsWith('party:') ? { kind: 'party' as const, id: r.slice(6) } : { kind: 'account' as const, id: r })) }),
  })),
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
/** A funnel collector naming its senders (a member: money-flow evidence of its own). */
const collector = (strength: number, senders: string[]) => alert('C', Math.round(45 * strength), [{ rule: 'funnel_account', strength, related: senders }]);
/** A sender whose only evidence is a shared phone or address with `with` (score below a member's). */
const sharer = (id: string, strength: number, withIds: string[]) => alert(id, 10, [{ rule: 'shared_identifier', strength, related: withIds }]);
const members = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => [n.members?.map((m) => m.id), n.score]);

describe('entities confirmed from both ends: named by a member\'s money flow, sharing an identifier with a member', () => {
  test('positive: a sender named by the collector that shares the collector\'s phone joins its network, adding no score', () => {
    const [n] = networkAlerts([collector(0.8, ['S1', 'S2']), sharer('S1', 0.6, ['C'])], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'S1']);
    expect(n?.score).toBe(networkAlerts([collector(0.8, ['S1', 'S2']), sharer('S1', 0.6, ['C']), sharer('S2', 0.6, ['C'])], config)[0]?.score);
    expect(n?.hits.map((h) => h.rule)).toEqual(['funnel_account']);
  });

  test('positive: an identifier shared with a member account\'s holder party confirms too', () => {
    const input = { alertOf: (k: string) => (k === 'account:S1' ? sharer('S1', 0.6, ['party:H']) : undefined), familyOf: config.familyOf, holderOf: (id: string) => (id === 'C' ? 'H' : undefined), minLinkStrength: 0.35 };
    expect(identifiedMembers([collector(0.8, ['S1'])], new Set(['account:C']), input)).toEqual([{ kind: 'account', id: 'S1' }]);
  });

  test('boundary: a money-flow hit at VOUCH_MIN_STRENGTH and an identity hit at the link bar confirm; just below either does not', () => {
    expect(VOUCH_MIN_STRENGTH).toBe(0.5);
    expect(DEFAULT_MIN_LINK_STRENGTH).toBe(0.35);
    expect(members([collector(0.5, ['S1']), sharer('S1', 0.35, ['C'])])).toEqual([[['C', 'S1'], 23]]);
    expect(members([collector(0.4999, ['S1']), sharer('S1', 0.35, ['C'])])).toEqual([]);
    expect(members([collector(0.5, ['S1']), sharer('S1', 0.3499, ['C'])])).toEqual([]);
  });

  test('negative: an identity link alone, a money naming alone, or an identifier shared with a non-member confirms nothing', () => {
    expect(members([collector(0.8, ['S2']), sharer('S1', 0.9, ['C'])])).toEqual([]);
    expect(members([collector(0.8, ['S1'])])).toEqual([]);
    expect(members([collector(0.8, ['S1']), sharer('S1', 0.9, ['X'])])).toEqual([]);
    const context = alert('F', 30, [{ rule: 'fee_match', strength: 0.9, related: ['S1'] }, { rule: 'funnel_account', strength: 0.6 }]);
    expect(members([context, sharer('S1', 0.9, ['F'])])).toEqual([]);
  });

  test('look-alike: an employer\'s payroll (fan-out discounted below 0.5) naming a dormitory resident who shares its address adds nobody', () => {
    const employer = alert('E', 22, [{ rule: 'fan_out', strength: 0.2, related: ['W1', 'W2', 'W3'] }, { rule: 'funnel_account', strength: 0.4 }]);
    expect(members([employer, sharer('W1', 0.6, ['E']), sharer('W2', 0.6, ['E'])])).toEqual([]);
  });
});
