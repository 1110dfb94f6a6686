import { describe, expect, test } from 'vitest';
import { fanLegAlertHit, fanLegEvidence, isFanLegRecord, type FanLegRecord } from '../../src/engine/fan-legs.js';
import type { MonitorState } from '../../src/engine/checkpoint.js';
import { createCore, type EntityState } from '../../src/engine/core.js';
import { resolveConfig } from '../../src/engine/config.js';
import type { Account } from '../../src/schema/reference-data.js';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import { fanLeg, fanLegReason, type FanLegFacts } from '../../src/rules/flow/fan-leg.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, at, transfer } from '../helpers/builders.js';
import { alertOfCandidate } from '../../src/engine/network-candidate.js';

const D = 24; // hours
const DAY_MS = 86_400_000;
const leg = (over: Partial<FanLegFacts> = {}): FanLegFacts => ({ role: 'payer', hub: 'H', tx: 't1', ts: at(0), amount: 500, degree: 1, lookbackDays: 90, ...over });
/** E pays a new recipient W0, W1, … every week for `weeks` weeks: a broad payer from its 10th recipient within 90 days on. */
const weekly = (weeks: number): ReturnType<typeof transfer>[] => Array.from({ length: weeks }, (_, i) => transfer('E', `W${i}`, 10_000, i * 7 * D, { id: `w${i}` }));
/** A later transaction of other accounts: the monitor holds the newest back until time moves on. */
const SENTINEL = transfer('X', 'Y', 1_000, 148 * D, { id: 'later' });
const fans = (alerts: readonly Alert[]) => alerts.filter((a) => a.entity.kind === 'network' && String(a.hits[0]?.facts.structure).startsWith('fan_'));

describe('fan legs kept as compact evidence (src/engine/fan-legs.ts)', () => {
  test('a leg is its facts; its alert hit is the hit the rule raised (one transaction, the rule\'s sentence)', () => {
    const f = leg();
    const r = fanLegEvidence.record({ rule: 'fan_leg', indicators: [], entity: { kind: 'account', id: 'P' }, strength: 0, window: { from: f.ts, to: f.ts }, transactionIds: ['t1'], reason: fanLegReason(f), facts: { ...f } });
    expect(r).toEqual(f);
    const hit = fanLegAlertHit(r);
    expect(hit).toMatchObject({ rule: 'fan_leg', strength: 0, transactionIds: ['t1'], transactionCount: 1, reason: 'Fan leg: paid H (t1), one of 1 recipient(s) within 90 days.', facts: f });
    expect(hit.window).toEqual({ from: new Date(f.ts).toISOString(), to: new Date(f.ts).toISOString() });
  });

  test('identity: legs and mutual markers are one per hub, void and broad markers one per side', () => {
    expect(fanLegEvidence.same(leg(), leg({ tx: 't2' }))).toBe(true);
    expect(fanLegEvidence.same(leg(), leg({ hub: 'K' }))).toBe(false);
    expect(fanLegEvidence.same(leg(), leg({ role: 'payee' }))).toBe(false);
    expect(fanLegEvidence.same(leg({ role: 'busy_payer' }), leg({ role: 'busy_payer', hub: 'K' }))).toBe(true);
    expect(fanLegEvidence.same(leg({ role: 'busy_payer' }), leg({ role: 'busy_payee' }))).toBe(false);
  });

  test('checkpoint validation: a broad period must carry its span, a leg must not', () => {
    const broad: FanLegRecord = { ...leg({ role: 'broad_payer' }), since: 0, until: 1, markers: 2, lastTx: 't9' };
    expect(isFanLegRecord(broad)).toBe(true);
    expect(isFanLegRecord(leg())).toBe(true);
    expect(isFanLegRecord({ ...leg(), since: 0, until: 1, markers: 1, lastTx: 't1' })).toBe(false);
    expect(isFanLegRecord(leg({ role: 'broad_payer' }))).toBe(false);
    expect(isFanLegRecord({ ...leg(), role: 'hub' })).toBe(false);
    expect(isFanLegRecord({ ...leg(), ts: 'x' })).toBe(false);
  });

  test('broad markers over 147 days merge into one record spanning the whole broad period (longer than any one marker\'s 90-day window)', () => {
    // The default rules: cases span 180 days (with fan_leg alone they would close after its 90).
    const m = createMonitor({ jurisdiction: AU_LIKE, minScore: 0, latenessMs: 0 });
    for (const tx of [...weekly(22), SENTINEL]) m.push(tx);
    const e = (m.checkpoint().state as MonitorState).core.entities.find((x) => x.id === 'E');
    const broad = ((e?.evidence?.['fan_leg'] ?? []) as FanLegRecord[]).filter((r) => r.role === 'broad_payer');
    expect(broad).toHaveLength(1);
    const hit = fanLegAlertHit(broad[0] as FanLegRecord);
    // Markers from the 10th recipient (day 63) to the 22nd (day 147): 13 of them.
    expect(hit.window).toEqual({ from: new Date(at(63 * D) - 90 * DAY_MS + 1).toISOString(), to: new Date(at(147 * D)).toISOString() });
    expect(Date.parse(hit.window.to) - Date.parse(hit.window.from)).toBeGreaterThan(90 * DAY_MS);
    expect(hit.transactionIds).toEqual(['w9', 'w21']);
    expect(hit.transactionCount).toBe(13);
    expect(hit.facts.degree).toBe(10); // the first marker's facts, as the episode kept them
    expect(hit.reason).toMatch(/^Broad payer: 10 distinct recipients within 90 days\. \[First of the 13 overlapping markers merged here/);
  });

  test('a broad payer\'s dedicated payees make no fan-out anywhere in its merged period; 9 recipients within 90 days do', () => {
    expect(fans(scan(weekly(22), { jurisdiction: AU_LIKE, minScore: 0 }).alerts)).toHaveLength(0);
    expect(fans(scan(weekly(9), { jurisdiction: AU_LIKE, minScore: 0 }).alerts)).toHaveLength(1);
  });

  test('a monitor checkpointed inside the broad period and resumed merges on: the same record and the same alerts as uninterrupted', () => {
    const txs = [...weekly(22), SENTINEL];
    const options = { jurisdiction: AU_LIKE, minScore: 0, latenessMs: 0 };
    const whole = createMonitor(options);
    const half = createMonitor(options);
    for (const tx of txs.slice(0, 15)) {
      whole.push(tx);
      half.push(tx);
    }
    const resumed = createMonitor({ ...options, checkpoint: JSON.parse(JSON.stringify(half.checkpoint())) });
    for (const tx of txs.slice(15)) {
      whole.push(tx);
      resumed.push(tx);
    }
    const stateOf = (m: ReturnType<typeof createMonitor>): MonitorState => JSON.parse(JSON.stringify(m.checkpoint().state)) as MonitorState;
    const broadOf = (s: MonitorState) => (s.core.entities.find((e) => e.id === 'E')?.evidence?.['fan_leg'] ?? []).filter((r) => (r as FanLegRecord).role === 'broad_payer');
    expect(broadOf(stateOf(resumed))).toEqual(broadOf(stateOf(whole)));
    expect(broadOf(stateOf(whole))).toMatchObject([{ since: at(63 * D) - 90 * DAY_MS + 1, until: at(147 * D), markers: 13 }]);
    expect(stateOf(resumed).core).toEqual(stateOf(whole).core);
    expect(resumed.flush().alerts).toEqual(whole.flush().alerts);
  });

  test('an alert\'s firstSeen starts at a broad period\'s first marker, not at the lookback that marker counted (as hops: the evidence\'s own transactions)', () => {
    // E is older than the data: its first 60 days are not judged; on day 61 its 11th recipient makes its first record a broad marker.
    const accounts: Account[] = [{ account: 'E', type: 'personal', openedAt: at(-400 * D) }];
    const txs = [...Array.from({ length: 10 }, (_, i) => transfer('E', `W${i}`, 10_000, i * 5 * D, { id: `w${i}` })), transfer('E', 'W10', 10_000, 61 * D, { id: 'w10' })];
    const config = resolveConfig({ jurisdiction: AU_LIKE, rules: [fanLeg()], minScore: 0, accounts, parties: [] });
    const core = createCore(config);
    for (const tx of txs) core.process(tx, new Set<EntityState>(), []);
    // The candidate's whole alert: its evidence hits rebuilt from the records.
    const e = core.finishEntities().candidates.map(alertOfCandidate).find((a) => a.entity.id === 'E');
    expect(e?.hits.map((h) => [h.rule, h.facts.role, h.window.from])).toEqual([['fan_leg', 'broad_payer', new Date(at(61 * D) - 90 * DAY_MS + 1).toISOString()]]);
    expect(e?.firstSeen).toBe(new Date(at(61 * D)).toISOString());
    expect(e?.lastSeen).toBe(new Date(at(61 * D)).toISOString());
  });
});
