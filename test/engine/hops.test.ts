import { describe, expect, test } from 'vitest';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import type { CoreSnapshot } from '../../src/engine/core-snapshot.js';
import { createCore, type EntityState } from '../../src/engine/core.js';
import { resolveConfig } from '../../src/engine/config.js';
import { addEvidence, evidenceOf, type Evidence, type EvidenceKind } from '../../src/engine/evidence.js';
import { EVIDENCE_KINDS, evidenceKindIndex } from '../../src/engine/evidence-kinds.js';
import { hopAlertHit, hopEvidence } from '../../src/engine/hops.js';
import { hopReason, layeringHop, type HopFacts } from '../../src/rules/flow/layering-hop.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, transfer } from '../helpers/builders.js';
import { alertOfCandidate } from '../../src/engine/network-candidate.js';

const D = 24; // hours
const hop = (over: Partial<HopFacts> = {}): HopFacts => ({ from: 'A', to: 'B', inTx: 'in1', outTx: 'out1', inAmount: 500, outAmount: 300, inTs: 0, outTs: 5 * 86_400_000, known: 0, ...over });

const HOPS = [hopEvidence as EvidenceKind<unknown>];
/** The hops kept on an entity. */
const hopsOf = (st: EntityState | undefined): unknown[] => (st?.evidence === undefined ? [] : evidenceOf(EVIDENCE_KINDS, st.evidence, evidenceKindIndex('layering_hop')));

describe('layering hops kept as compact evidence (src/engine/hops.ts)', () => {
  test('one hop per sender and recipient while their spans overlap; a later pair with no overlap is another hop', () => {
    let hops: Evidence | undefined;
    const addHop = (f: HopFacts): boolean => {
      const next = addEvidence(HOPS, hops, 0, f);
      if (next !== undefined) hops = next;
      return next !== undefined;
    };
    expect(addHop(hop())).toBe(true);
    expect(addHop(hop())).toBe(false); // the same hop found again by a later event
    expect(addHop(hop({ to: 'C', outTx: 'out2' }))).toBe(true); // another recipient
    const later = hop({ inTx: 'in9', outTx: 'out9', inTs: 5 * 86_400_000 + 1, outTs: 9 * 86_400_000 });
    expect(addHop(later)).toBe(true); // starts after the first ended
    expect(addHop(hop({ inTs: 5 * 86_400_000, outTs: 8 * 86_400_000 }))).toBe(false); // starts exactly where the first ended
    expect(evidenceOf(HOPS, hops as Evidence, 0)).toHaveLength(3);
  });

  test('the alert hit lists the two transactions in time order, with the rule\'s sentence', () => {
    const out = hopAlertHit(hop({ inTs: 9, outTs: 3 }));
    expect(out.transactionIds).toEqual(['out1', 'in1']);
    expect(out.window).toEqual({ from: new Date(3).toISOString(), to: new Date(9).toISOString() });
    expect(out.strength).toBe(0);
    expect(out.reason).toBe(hopReason(hop()));
    expect(hopAlertHit(hop({ inTs: 4, outTs: 4, inTx: 'b', outTx: 'a' })).transactionIds).toEqual(['a', 'b']);
  });

  test('checkpoints from before compact hops (hops as episodes) and from before evidence kinds (`hops`) restore to the same alerts', () => {
    const config = resolveConfig({ jurisdiction: AU_LIKE, rules: [layeringHop()], minScore: 0, accounts: [], parties: [] });
    const txs = [transfer('A', 'H', 50_000, 0, { id: 'in1' }), transfer('H', 'B', 30_000, 5 * D, { id: 'out1' }), transfer('K', 'H', 40_000, 6 * D, { id: 'in2' })];
    const run = (): ReturnType<typeof createCore> => {
      const core = createCore(config);
      const touched = new Set<EntityState>();
      const finished: Alert[] = [];
      for (const tx of [...txs].sort(compareTransactions)) core.process(tx, touched, finished);
      return core;
    };
    const core = run();
    const { candidates } = core.finishEntities();
    const snap = JSON.parse(JSON.stringify(core.snapshot())) as CoreSnapshot;
    const h = snap.entities.find((e) => e.id === 'H');
    expect(h?.evidence?.['layering_hop']).toHaveLength(2);
    expect(h?.hops).toBeUndefined();
    const hopsIn = (e: CoreSnapshot['entities'][number]): HopFacts[] => (e.evidence?.['layering_hop'] ?? []) as HopFacts[];
    // The layout before compact hops: each hop an episode of its hit.
    const episodes: CoreSnapshot = {
      ...snap,
      entities: snap.entities.map(({ evidence, ...e }) => ({
        ...e,
        episodes: [...e.episodes, ...hopsIn({ ...e, ...(evidence === undefined ? {} : { evidence }) }).map((f) => {
          const a = hopAlertHit(f);
          const from = Date.parse(a.window.from);
          const to = Date.parse(a.window.to);
          return { key: `layering_hop|${f.from}>${f.to}`, hit: { rule: 'layering_hop', indicators: a.indicators, entity: { kind: e.kind, id: e.id }, strength: 0, window: { from, to }, transactionIds: a.transactionIds, reason: a.reason, facts: a.facts, variant: `${f.from}>${f.to}` }, from, to, ids: a.transactionIds, seen: a.transactionIds.map((id): [string, number] => [id, to]), transactionCount: 2 };
        })],
      })),
    };
    // The layout before evidence kinds: the hops as `hops`.
    const hops: CoreSnapshot = {
      ...snap,
      entities: snap.entities.map(({ evidence, ...e }) => (evidence === undefined ? e : { ...e, hops: hopsIn({ ...e, evidence }) })),
    };
    for (const legacy of [episodes, hops]) {
      expect(legacy.entities.some((e) => e.evidence !== undefined)).toBe(false);
      const restored = createCore(config);
      restored.restore(legacy);
      expect(restored.finishEntities().candidates).toEqual(candidates);
      // …because the legacy hops became compact records again (an episode would give the same alert hit).
      const restoredH = restored.liveStates().find((st) => st.id === 'H');
      expect(hopsOf(restoredH)).toHaveLength(2);
      expect([...(restoredH?.episodes.keys() ?? [])].filter((k) => k.startsWith('layering_hop'))).toEqual([]);
    }
    expect(candidates.map(alertOfCandidate).find((a) => a.entity.id === 'H')?.hits.map((x) => x.transactionIds)).toEqual([['in1', 'out1'], ['out1', 'in2']]);
  });
});
