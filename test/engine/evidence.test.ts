import { describe, expect, test } from 'vitest';
import { addEvidence, evidenceEndedBefore, evidenceOf, evidenceRecords, evidenceRuleHit, kindOfRecord, type Evidence, type EvidenceKind } from '../../src/engine/evidence.js';
import { EVIDENCE_KINDS, evidenceKindIndex, isEvidenceHit } from '../../src/engine/evidence-kinds.js';
import type { MonitorState } from '../../src/engine/checkpoint.js';
import { createMonitor } from '../../src/engine/monitor.js';
import { layeringHop } from '../../src/rules/flow/layering-hop.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, transfer } from '../helpers/builders.js';

/** A toy kind: a span [from, to] with a key; `merge` (when given) unions overlapping spans of one key and counts them. Its records carry its tag. */
interface Span { readonly tag: string; readonly key: string; readonly from: number; readonly to: number; readonly n: number }
const spanKind = (merging: boolean, tag = 'toy'): EvidenceKind<Span> => ({
  rule: tag,
  record: (hit) => ({ tag, key: hit.variant ?? '', from: hit.window.from, to: hit.window.to, n: 1 }),
  from: (r) => r.from,
  to: (r) => r.to,
  seenFrom: (r) => r.from,
  same: (a, b) => a.key === b.key,
  variant: (r) => r.key,
  ...(merging ? { merge: (a: Span, b: Span): Span => ({ tag, key: a.key, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), n: a.n + b.n }) } : {}),
  alertHit: (r) => ({ rule: tag, indicators: [], strength: 0, window: { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() }, transactionIds: [`${r.key}@${r.to}`], transactionCount: r.n, reason: `toy ${r.key}`, facts: { n: r.n } }),
  reason: (r) => `toy ${r.key}`,
  recordOfAlertHit: (h) => ({ tag, key: h.reason.slice(4), from: Date.parse(h.window.from), to: Date.parse(h.window.to), n: h.transactionCount }),
  isRecord: (x): x is Span => typeof x === 'object' && x !== null && (x as Span).tag === tag && typeof (x as Span).key === 'string',
  owns: (r) => (r as Span).tag === tag,
});
const span = (key: string, from: number, to: number, tag = 'toy'): Span => ({ tag, key, from, to, n: 1 });
const one = [spanKind(false)] as EvidenceKind<unknown>[];
/** Adds records one by one as an entity does (keeping what each addition returns); the records and what each addition said. */
function run(kinds: readonly EvidenceKind<unknown>[], adds: readonly [number, Span][], start?: Evidence): { evidence: Evidence | undefined; added: boolean[] } {
  let evidence = start;
  const added: boolean[] = [];
  for (const [k, r] of adds) {
    const next = addEvidence(kinds, evidence, k, r);
    added.push(next !== undefined);
    if (next !== undefined) evidence = next;
  }
  return { evidence, added };
}
const recordsOf = (e: Evidence | undefined): readonly object[] => (e === undefined ? [] : evidenceRecords(e));

describe('compact evidence store (src/engine/evidence.ts)', () => {
  test('de-duplication: the same evidence whose span reaches the new one\'s start is one record; another key or a later span is another', () => {
    const { evidence, added } = run(one, [[0, span('a', 0, 10)], [0, span('a', 10, 12)], [0, span('b', 5, 12)], [0, span('a', 11, 13)]]);
    expect(added).toEqual([true, false, true, true]); // the 2nd starts exactly where the first ended
    expect(recordsOf(evidence).map((r) => [(r as Span).key, (r as Span).from, (r as Span).to])).toEqual([['a', 0, 10], ['b', 5, 12], ['a', 11, 13]]);
  });

  test('one record is kept as itself, more in an array at its exact size while small, then grown in place', () => {
    const first = addEvidence(one, undefined, 0, span('a', 0, 0));
    expect(first).toEqual(span('a', 0, 0));
    const second = addEvidence(one, first, 0, span('b', 1, 1));
    expect(second).toEqual([span('a', 0, 0), span('b', 1, 1)]);
    expect(addEvidence(one, second, 0, span('b', 1, 1))).toBeUndefined();
    const third = addEvidence(one, second, 0, span('c', 2, 2));
    expect(third).not.toBe(second); // copied while small
    const long = Array.from({ length: 8 }, (_, i) => span(`k${i}`, i, i));
    expect(addEvidence(one, long, 0, span('z', 9, 9))).toBe(long);
    expect(long).toHaveLength(9);
  });

  test('the scan reads only the records whose span reaches the new one\'s start (they are in `to` order)', () => {
    let compared = 0;
    const base = spanKind(false);
    const kind = { ...base, same: (x: Span, y: Span) => { compared++; return base.same(x, y); } } as EvidenceKind<unknown>;
    const many = Array.from({ length: 100 }, (_, i) => span(`k${i}`, i, i));
    const next = addEvidence([kind], many, 0, span('k0', 100, 100));
    expect(next).toBeDefined();
    expect(compared).toBe(0);
    expect(addEvidence([kind], next, 0, span('k99', 99, 101))).toBeUndefined(); // reaches k99 (and the new k0) only
    expect(compared).toBe(2);
  });

  test('merge: overlapping records of one key become one, moved to the end so the records stay in `to` order', () => {
    const merging = [spanKind(true)] as EvidenceKind<unknown>[];
    const a = run(merging, [[0, span('broad', 0, 90)], [0, span('leg', 95, 95)], [0, span('broad', 60, 150)]]);
    expect(a.added).toEqual([true, true, true]); // the 3rd reaches back past the leg to the first
    expect(recordsOf(a.evidence)).toEqual([span('leg', 95, 95), { ...span('broad', 0, 150), n: 2 }]);
    const b = run(merging, [[0, span('broad', 140, 240)], [0, span('broad', 241, 300)]], a.evidence);
    expect(recordsOf(b.evidence)).toEqual([span('leg', 95, 95), { ...span('broad', 0, 240), n: 3 }, span('broad', 241, 300)]);
    // A lone record merged stays a lone record.
    expect(run(merging, [[0, span('broad', 0, 90)], [0, span('broad', 50, 100)]]).evidence).toEqual({ ...span('broad', 0, 100), n: 2 });
  });

  test('kinds share one list in `to` order, untagged (each kind owns its records): the same key of another kind is other evidence', () => {
    const kinds = [spanKind(false, 'x'), spanKind(true, 'y')] as EvidenceKind<unknown>[];
    const { evidence, added } = run(kinds, [[0, span('a', 0, 10, 'x')], [1, span('a', 5, 12, 'y')], [0, span('a', 8, 14, 'x')], [1, span('a', 12, 20, 'y')]]);
    expect(added).toEqual([true, true, false, true]); // x's a still reaches 8; y's a merges and moves to the end
    expect(evidence).toEqual([span('a', 0, 10, 'x'), { ...span('a', 5, 20, 'y'), n: 2 }]);
    expect(evidenceOf(kinds, evidence as Evidence, 1)).toEqual([{ ...span('a', 5, 20, 'y'), n: 2 }]);
    expect(kindOfRecord(kinds, span('a', 0, 0, 'y'))).toBe(1);
    expect(kindOfRecord(kinds, { other: 1 })).toBe(-1);
  });

  test('a record ended before a horizon closes the case; one ending at it does not', () => {
    const e = [span('a', 0, 10), span('b', 5, 20)];
    expect(evidenceEndedBefore(one, e, 10)).toBe(false);
    expect(evidenceEndedBefore(one, e, 11)).toBe(true);
    expect(evidenceEndedBefore(one, span('a', 0, 10), 11)).toBe(true);
  });

  test('the rule hit of a record: its span, variant and entity, strength 0', () => {
    const hit = evidenceRuleHit(spanKind(false), span('k', 3, 7), { kind: 'account', id: 'A' });
    expect(hit).toMatchObject({ rule: 'toy', strength: 0, window: { from: 3, to: 7 }, variant: 'k', entity: { kind: 'account', id: 'A' }, transactionIds: ['k@7'] });
  });

  test('registry: layering hops, fan legs and cash-site records are evidence at strength 0 only (a structure\'s path hit has a strength); each kind owns only its records', () => {
    expect(EVIDENCE_KINDS.map((k) => k.rule)).toEqual(['layering_hop', 'fan_leg', 'cash_site']);
    expect(isEvidenceHit({ rule: 'cash_site', strength: 0 })).toBe(true);
    expect(isEvidenceHit({ rule: 'cash_site', strength: 0.8 })).toBe(false);
    expect(evidenceKindIndex('funnel_account')).toBe(-1);
    expect(isEvidenceHit({ rule: 'layering_hop', strength: 0 })).toBe(true);
    expect(isEvidenceHit({ rule: 'fan_leg', strength: 0 })).toBe(true);
    expect(isEvidenceHit({ rule: 'layering_hop', strength: 0.8 })).toBe(false);
    expect(isEvidenceHit({ rule: 'funnel_account', strength: 0 })).toBe(false);
    const hop = { from: 'A', to: 'B', inTx: 'i', outTx: 'o', inAmount: 1, outAmount: 1, inTs: 0, outTs: 1, known: 0 };
    const leg = { role: 'payer', hub: 'H', tx: 't', ts: 0, amount: 1, degree: 1, lookbackDays: 90 };
    const cash = { cash: 'w', loc: 'L', tx: 't', ts: 0, amount: 1, found: 0 };
    expect([hop, leg, cash].map((r) => kindOfRecord(EVIDENCE_KINDS, r))).toEqual([evidenceKindIndex('layering_hop'), evidenceKindIndex('fan_leg'), evidenceKindIndex('cash_site')]);
    expect([hop, leg, cash].map((r) => EVIDENCE_KINDS.filter((k) => k.owns(r)).length)).toEqual([1, 1, 1]);
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
