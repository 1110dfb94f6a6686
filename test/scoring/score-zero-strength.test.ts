import { describe, expect, test } from 'vitest';
import type { IndicatorFamily } from '../../src/rules/types.js';
import { compileTypologies, scoreHits } from '../../src/scoring/score.js';
import { defineTypology } from '../../src/scoring/typology.js';

// Evidence-only accounts (layering hops, fan legs: strength 0) are most of a large run's network
// candidates; scoreHits answers them without reading the typologies. These pin what that answer is.
const FAMILIES: Record<string, IndicatorFamily> = { layering_hop: 'network_flow', fan_leg: 'network_flow', split_sum: 'threshold_avoidance', round_amounts: 'context' };
const familyOf = (r: string) => FAMILIES[r];
const weighted = defineTypology({ id: 'w', name: 'W', weights: { layering_hop: 50, split_sum: 50 }, context: { round_amounts: 0.5 }, threshold: 40 });
// A formula that is positive whatever the strengths: it still needs a hit with a strength to score.
const constant = defineTypology({ id: 'c', name: 'C', weights: { fan_leg: 40 }, formula: '30 + fan_leg * 10', threshold: 40 });
const compiled = compileTypologies([weighted, constant], Object.keys(FAMILIES));

describe('scoreHits without a hit of any strength', () => {
  test('evidence hits alone score 0, list no typology and no contribution, and still name their families', () => {
    const s = scoreHits([{ rule: 'layering_hop', strength: 0 }, { rule: 'fan_leg', strength: 0 }, { rule: 'round_amounts', strength: 0 }], compiled, familyOf);
    expect(s).toEqual({ score: 0, band: 'low', typologies: [], contributions: [], families: ['network_flow'], capped: false });
  });

  test('no hits at all: the same empty score', () => {
    expect(scoreHits([], compiled, familyOf)).toEqual({ score: 0, band: 'low', typologies: [], contributions: [], families: [], capped: false });
  });

  test('the smallest strength scores through the typologies (the constant formula then counts)', () => {
    const s = scoreHits([{ rule: 'fan_leg', strength: 0 }, { rule: 'split_sum', strength: 0.01 }, { rule: 'fan_leg', strength: 0.01 }], compiled, familyOf);
    expect(s.score).toBeGreaterThan(0);
    expect(s.typologies.map((t) => t.id)).toContain('c');
    expect(s.contributions.length).toBeGreaterThan(0);
  });
});
