import { describe, expect, test } from 'vitest';
import { buildAlert } from '../../src/engine/build-alert.js';
import { resolveConfig } from '../../src/engine/config.js';
import type { EntityState } from '../../src/engine/core.js';
import { isEvidenceHit } from '../../src/engine/evidence-kinds.js';
import { retire, revive } from '../../src/engine/retired-alert.js';
import { AU_LIKE } from '../helpers/builders.js';
import { liveStates } from '../helpers/evidence-world.js';

describe('retired alerts keep their evidence as records (src/engine/retired-alert.ts)', () => {
  test('revived, an alert equals the one retired — scored hits and evidence hits in the alert\'s order — and is kept in less text', () => {
    const config = resolveConfig({ jurisdiction: AU_LIKE, minScore: 0 });
    const states = liveStates().filter((s) => s.evidence !== undefined && s.anchor !== undefined);
    let mixed = 0;
    for (const state of states) {
      const alert = buildAlert(state, config);
      const kept = retire(alert, state.evidence);
      expect(revive(kept)).toEqual(JSON.parse(JSON.stringify(alert)));
      expect(JSON.stringify(revive(kept))).toBe(JSON.stringify(alert));
      expect(kept.json.length + (kept.evidence?.length ?? 0)).toBeLessThan(JSON.stringify(alert).length);
      if (alert.hits.some(isEvidenceHit) && alert.hits.some((h) => !isEvidenceHit(h))) mixed++;
    }
    // Entities with evidence, among them at least one whose alert interleaves scored and evidence hits.
    expect(states.length).toBeGreaterThanOrEqual(5);
    expect(mixed).toBeGreaterThanOrEqual(1);
  });

  test('without the entity\'s evidence (an alert read back from a checkpoint) the alert is kept whole', () => {
    const config = resolveConfig({ jurisdiction: AU_LIKE, minScore: 0 });
    const state = liveStates().find((s) => s.evidence !== undefined && s.anchor !== undefined) as EntityState;
    const alert = buildAlert(state, config);
    const kept = retire(alert);
    expect(kept.evidence).toBeUndefined();
    expect(kept.json).toBe(JSON.stringify(alert));
    expect(revive(kept)).toEqual(JSON.parse(JSON.stringify(alert)));
  });
});
