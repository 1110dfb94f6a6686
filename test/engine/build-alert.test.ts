import { describe, expect, test } from 'vitest';
import { buildAlert, scoreOfEntity } from '../../src/engine/build-alert.js';
import { resolveConfig } from '../../src/engine/config.js';
import { isEvidenceHit } from '../../src/engine/evidence-kinds.js';
import { reportedAlert } from '../../src/engine/network.js';
import { AU_LIKE } from '../helpers/builders.js';
import { liveStates } from '../helpers/evidence-world.js';

describe('buildAlert (src/engine/build-alert.ts)', () => {
  test('built as reported, an alert equals the whole alert without its evidence hits — same score, span and hit order', () => {
    const config = resolveConfig({ jurisdiction: AU_LIKE, minScore: 0 });
    const states = liveStates().filter((s) => s.anchor !== undefined && s.episodes.size > 0);
    let withEvidence = 0;
    let spanFromEvidence = 0;
    for (const state of states) {
      const whole = buildAlert(state, config);
      const reported = buildAlert(state, config, scoreOfEntity(state, config).score, true);
      expect(JSON.stringify(reported)).toBe(JSON.stringify(reportedAlert(whole)));
      expect(reported.hits.some(isEvidenceHit)).toBe(false);
      if (whole.hits.some(isEvidenceHit)) withEvidence++;
      const scoredFrom = reported.hits.map((h) => h.window.from).sort()[0];
      if (scoredFrom !== undefined && reported.firstSeen < scoredFrom) spanFromEvidence++;
    }
    // At least one alert loses evidence hits, and in one the evidence starts the alert's span (it must still count).
    expect(withEvidence).toBeGreaterThanOrEqual(1);
    expect(spanFromEvidence).toBeGreaterThanOrEqual(1);
  });
});
