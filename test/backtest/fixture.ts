import { RULE_FACTORIES } from '../../src/rules/default-rules.js';
import type { ScanConfig } from '../../src/engine/config-file.js';
import { deposit } from '../helpers/builders.js';

/** Only the given rules on (every other shipped rule off), scored by one structuring typology. */
function config(rules: Record<string, Record<string, unknown>>, weights: Record<string, number>): ScanConfig {
  return {
    rules: { ...Object.fromEntries(Object.keys(RULE_FACTORIES).map((id) => [id, false as const])), ...rules },
    typologies: [{ id: 'structuring', name: 'Possible structuring', weights, threshold: 40 }],
  };
}

/**
 * A small readable bank under an AU-like regime (cash ≥ A$10,000 reportable), C1, C2 and C4 on one day:
 * C1 two A$9,500 deposits (AUSTRAC case 14), C2 two A$8,600 deposits (under the default 90 %
 * band, inside an 85 % one), C4 three A$5,000 deposits (A$15,000 in sub-threshold pieces, far
 * from any band), C5 three A$8,700 deposits two days apart (under the default band, never two on
 * one day), C3 one A$9,500 deposit (nothing to see).
 */
export const FIXTURE = [
  deposit('C1', 950_000, 0, { id: 'c1-a' }),
  deposit('C1', 950_000, 3, { id: 'c1-b' }),
  deposit('C2', 860_000, 1, { id: 'c2-a' }),
  deposit('C2', 860_000, 4, { id: 'c2-b' }),
  deposit('C3', 950_000, 2, { id: 'c3-a' }),
  deposit('C4', 500_000, 1, { id: 'c4-a' }),
  deposit('C4', 500_000, 2, { id: 'c4-b' }),
  deposit('C4', 500_000, 3, { id: 'c4-c' }),
  deposit('C5', 870_000, 0, { id: 'c5-a' }),
  deposit('C5', 870_000, 48, { id: 'c5-b' }),
  deposit('C5', 870_000, 96, { id: 'c5-c' }),
];

/** A: near_threshold_cash at its defaults, split_sum over one day only; weights 45 and 60. */
export const CONFIG_A = config({ near_threshold_cash: {}, split_sum: { windowDays: [1] } }, { near_threshold_cash: 45, split_sum: 60 });
/** B: a wider near-threshold band (β 0.85) weighted 90, split_sum off. */
export const CONFIG_B = config({ near_threshold_cash: { beta: 0.85 } }, { near_threshold_cash: 90 });
