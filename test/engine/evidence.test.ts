import { describe, expect, test } from 'vitest';
import { addEvidence, evidenceEndedBefore, evidenceRuleHit, type EvidenceKind } from '../../src/engine/evidence.js';
import { EVIDENCE_KINDS, evidenceKindIndex, isEvidenceHit } from '../../src/engine/evidence-kinds.js';
import type { MonitorState } from '../../src/engine/checkpoint.js';
import { createMonitor } from '../../src/engine/monitor.js';
import { layeringHop } from '../../src/rules/flow/layering-hop.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, transfer } from '../helpers/builders.js';

/** A toy kind: a span [from, to] with a key; `merge` (when given) unions overlapping spans of one key and counts them. */
interface Span { readonly key: string; readonly from: number; readonly to: number; readonly n: number }
const spanKind = (merging: boolean): EvidenceKind<Span> => ({
  rule: 'toy',
  record: (hit) => ({ key: hit.variant ?? '', from: hit.window.from, to: hit.window.to, n: 1 }),
  from: (r) => r.from,
  to: (r) => r.to,
  same: (a, b) => a.key === b.key,
  variant: (r) => r.key,
  ...(merging ? { merge: (a: Span, b: Span): Span => ({ key: a.key, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), n: a.n + b.n }) } : {}),
  alertHit: (r) => ({ rule: 'toy', indicators: [], strength: 0, window: { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() }, transactionIds: [`${r.key}@${r.to}`], transactionCount: r.n, reason: `toy ${r.key}`, facts: { n: r.n } }),
  isRecord: (x): x is Span => typeof x === 'object' && x !== null && typeof (x as Span).key === 'string',
});
const span = (key: string, from: number, to: number): Span => ({ key, from, to, n: 1 });

describe('compact evidence store (src/engine/evidence.ts)', () => {
  test('de-duplication: the same evidence whose span reaches the new one\'s start is one record; another key or a later span is another', () => {
    const kind = spanKind(false);
    const list: Span[] = [];
    expect(addEvidence(kind, list, span('a', 0, 10))).toBe(true);
    expect(addEvidence(kind, list, span('a', 10, 12))).toBe(false); // starts exactly where the first ended
    expect(addEvidence(kind, list, span('b', 5, 12))).toBe(true);
    expect(addEvidence(kind, list, span('a', 11, 13))).toBe(true); // the first ended at 10
    expect(list.map((r) => [r.key, r.from, r.to])).toEqual([['a', 0, 10], ['b', 5, 12], ['a', 11, 13]]);
  });

  test('the scan reads only the records whose span reaches the new one\'s start (the list is in `to` order)', () => {
    let compared = 0;
    const base = spanKind(false);
    const kind: EvidenceKind<Span> = { ...base, same: (x, y) => { compared++; return base.same(x, y); } };
    const list: Span[] = Array.from({ length: 100 }, (_, i) => span(`k${i}`, i, i));
    expect(addEvidence(kind, list, span('k0', 100, 100))).toBe(true);
    expect(compared).toBe(0);
    expect(addEvidence(kind, list, span('k99', 99, 101))).toBe(false); // reaches k99 (and the new k0) only
    expect(compared).toBe(2);
  });

  test('merge: overlapping records of one key become one, moved to the end so the list stays in `to` order', () => {
    const kind = spanKind(true);
    const list: Span[] = [];
    addEvidence(kind, list, span('broad', 0, 90));
    addEvidence(kind, list, span('leg', 95, 95));
    expect(addEvidence(kind, list, span('broad', 60, 150))).toBe(true); // reaches back past the leg to the first
    expect(list).toEqual([span('leg', 95, 95), { key: 'broad', from: 0, to: 150, n: 2 }]);
    // The merged record still reaches later ones: 151 … 240 overlaps nothing, 140 … 240 merges again.
    expect(addEvidence(kind, list, span('broad', 140, 240))).toBe(true);
    expect(list).toEqual([span('leg', 95, 95), { key: 'broad', from: 0, to: 240, n: 3 }]);
    expect(addEvidence(kind, list, span('broad', 241, 300))).toBe(true);
    expect(list).toHaveLength(3);
  });

  test('a record ended before a horizon closes the case; one ending at it does not', () => {
    const kind = spanKind(false);
    expect(evidenceEndedBefore(kind, [span('a', 0, 10), span('b', 5, 20)], 10)).toBe(false);
    expect(evidenceEndedBefore(kind, [span('a', 0, 10), span('b', 5, 20)], 11)).toBe(true);
  });

  test('the rule hit of a record: its span, variant and entity, strength 0', () => {
    const hit = evidenceRuleHit(spanKind(false), span('k', 3, 7), { kind: 'account', id: 'A' });
    expect(hit).toMatchObject({ rule: 'toy', strength: 0, window: { from: 3, to: 7 }, variant: 'k', entity: { kind: 'account', id: 'A' }, transactionIds: ['k@7'] });
  });

  test('registry: layering hops are evidence at strength 0 only (a structure\'s path hit has a strength)', () => {
    expect(EVIDENCE_KINDS[evidenceKindIndex('layering_hop')]?.rule).toBe('layering_hop');
    expect(evidenceKindIndex('funnel_account')).toBe(-1);
    expect(isEvidenceHit({ rule: 'layering_hop', strength: 0 })).toBe(true);
    expect(isEvidenceHit({ rule: 'layering_hop', strength: 0.8 })).toBe(false);
    expect(isEvidenceHit({ rule: 'funnel_account', strength: 0 })).toBe(false);
  });
});

describe('compact evidence in checkpoints', () => {
  const txs = [transfer('A', 'H', 50_000, 0, { id: 'in1' }), transfer('H', 'B', 30_000, 5 * 24, { id: 'out1' }), transfer('K', 'H', 40_000, 6 * 24, { id: 'in2' }), transfer('H', 'C', 20_000, 7 * 24, { id: 'out2' })];
  const stateOf = (cp: unknown): MonitorState => (cp as { state: MonitorState }).state;
  const options = { jurisdiction: AU_LIKE, rules: [layeringHop()], minScore: 0, latenessMs: 0 };

  test('round trip: a monitor restored from a checkpoint ends with the same alerts and the same evidence', () => {
    const whole = createMonitor(options);
    const half = createMonitor(options);
    for (const tx of txs.slice(0, 3)) {
      whole.push(tx);
      half.push(tx);
    }
    const cp = JSON.parse(JSON.stringify(half.checkpoint())) as ReturnType<typeof half.checkpoint>;
    const h = stateOf(cp).core.entities.find((e) => e.id === 'H');
    expect(Object.keys(h?.evidence ?? {})).toEqual(['layering_hop']);
    const resumed = createMonitor({ ...options, checkpoint: cp });
    whole.push(txs[3] as (typeof txs)[number]);
    resumed.push(txs[3] as (typeof txs)[number]);
    const ids = (a: readonly Alert[]) => a.map((x) => x.id).sort();
    expect(ids(resumed.flush().alerts)).toEqual(ids(whole.flush().alerts));
    expect(JSON.parse(JSON.stringify(stateOf(resumed.checkpoint()).core))).toEqual(JSON.parse(JSON.stringify(stateOf(whole.checkpoint()).core)));
  });

  test('restore validates the evidence: an unknown rule or a malformed record is an invalid checkpoint naming the path', () => {
    const m = createMonitor(options);
    for (const tx of txs) m.push(tx);
    const cp = JSON.parse(JSON.stringify(m.checkpoint())) as ReturnType<typeof m.checkpoint>;
    const i = stateOf(cp).core.entities.findIndex((e) => e.evidence !== undefined);
    expect(i).toBeGreaterThanOrEqual(0);
    const withEvidence = (evidence: unknown) => {
      const copy = JSON.parse(JSON.stringify(cp)) as typeof cp;
      (stateOf(copy).core.entities[i] as Record<string, unknown>)['evidence'] = evidence;
      return copy;
    };
    expect(() => createMonitor({ ...options, checkpoint: withEvidence({ funnel_account: [] }) })).toThrow(`core.entities[${i}].evidence.funnel_account: not an evidence rule`);
    expect(() => createMonitor({ ...options, checkpoint: withEvidence({ layering_hop: [{ from: 'A' }] }) })).toThrow(`core.entities[${i}].evidence.layering_hop[0]: not a layering_hop record`);
    expect(() => createMonitor({ ...options, checkpoint: withEvidence([]) })).toThrow(`core.entities[${i}].evidence: not an object`);
    expect(() => createMonitor({ ...options, checkpoint: withEvidence({ layering_hop: [] }) })).not.toThrow();
  });
});
