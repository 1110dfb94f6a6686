import { describe, expect, test } from 'vitest';
import { buildAlert } from '../../src/engine/build-alert.js';
import { resolveConfig } from '../../src/engine/config.js';
import { createCore, type EntityState } from '../../src/engine/core.js';
import { EVIDENCE_KINDS, isEvidenceHit } from '../../src/engine/evidence-kinds.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { alertOfCandidate, candidateOf, candidateOfParts, recordsInAlertOrder } from '../../src/engine/network-candidate.js';
import { networkAlerts, reportedNetworkAlertsOf } from '../../src/engine/network.js';
import { retire, reviveCandidate } from '../../src/engine/retired-alert.js';
import { AU_LIKE } from '../helpers/builders.js';
import { liveStates, txs } from '../helpers/evidence-world.js';

const config = resolveConfig({ jurisdiction: AU_LIKE, minScore: 0 });
const withEvidence = (): EntityState[] => liveStates().filter((s) => s.evidence !== undefined && s.anchor !== undefined);

describe('network candidates keep evidence as records (src/engine/network-candidate.ts)', () => {
  test('the candidate of a whole alert equals the one the engine builds from the entity\'s records, and gives the whole alert back', () => {
    const states = withEvidence();
    let withHits = 0;
    for (const state of states) {
      const whole = buildAlert(state, config);
      const records = EVIDENCE_KINDS.map((_, k) => evidenceOf(EVIDENCE_KINDS, state.evidence as object, k));
      const engine = candidateOfParts(buildAlert(state, config, undefined, true), records);
      const split = candidateOf(whole);
      // The same alert without evidence hits, and the same records of every kind (as sets: an alert lists its hits in its own order).
      expect(split.alert).toEqual(engine.alert);
      expect(split.alert.hits.some(isEvidenceHit)).toBe(false);
      EVIDENCE_KINDS.forEach((_, k) => {
        expect(recordsInAlertOrder(split, k)).toEqual(recordsInAlertOrder(engine, k));
        expect(new Set((split.evidence?.[k] ?? []).map((r) => JSON.stringify(r)))).toEqual(new Set((engine.evidence?.[k] ?? []).map((r) => JSON.stringify(r))));
      });
      expect(JSON.stringify(alertOfCandidate(engine))).toBe(JSON.stringify(whole));
      expect(JSON.stringify(alertOfCandidate(split))).toBe(JSON.stringify(whole));
      if (whole.hits.some(isEvidenceHit)) withHits++;
    }
    expect(withHits).toBeGreaterThanOrEqual(5);
  });

  test('a retired alert comes back as the same candidate, with or without the entity\'s evidence', () => {
    for (const state of withEvidence()) {
      const reported = buildAlert(state, config, undefined, true);
      const records = EVIDENCE_KINDS.map((_, k) => evidenceOf(EVIDENCE_KINDS, state.evidence as object, k));
      expect(reviveCandidate(retire(reported, state.evidence))).toEqual(JSON.parse(JSON.stringify(candidateOfParts(reported, records))));
      const whole = buildAlert(state, config);
      expect(alertOfCandidate(reviveCandidate(retire(whole)))).toEqual(JSON.parse(JSON.stringify(whole)));
    }
  });

  test('network alerts over whole alerts (the public networkAlerts) equal those over the engine\'s candidates', () => {
    const core = createCore(config);
    for (const tx of txs) core.process(tx, new Set<EntityState>(), []);
    const { candidates } = core.finishEntities();
    expect(candidates.some((c) => c.evidence !== undefined)).toBe(true);
    const fromAlerts = networkAlerts(candidates.map(alertOfCandidate), config);
    const fromRecords = reportedNetworkAlertsOf(candidates, config, 0);
    expect(fromRecords).toEqual(fromAlerts.filter((a) => a.score >= 0));
    expect(fromAlerts.length).toBeGreaterThan(0);
  });
});
