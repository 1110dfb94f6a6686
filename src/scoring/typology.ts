import * as z from 'zod';
import { parseOptions } from '../_internal/config-error.js';

/**
 * A typology is data: how much each rule's hit is worth (points at strength 1), which context
 * rules amplify it (multiplier per unit strength), an optional mathjs formula, and the score at
 * which it alerts. See DESIGN §6.
 * @category Scoring
 */
export const typologySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case id'),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Points per rule id at full strength (before corroboration cap and context). */
  weights: z.record(z.string(), z.number().min(0).max(100)),
  /** Context rule id → amplification per unit strength (0.2 → ×1.2 at full strength). */
  context: z.record(z.string(), z.number().min(0).max(1)).default({}),
  /** Cap on the product of context multipliers. */
  maxContextMultiplier: z.number().min(1).max(3).default(1.5),
  /**
   * Optional mathjs expression over rule strengths (variables are rule ids, 0 when absent);
   * when given, it replaces the weighted sum as the base score (0–100).
   */
  formula: z.string().max(2000).optional(),
  /** Scores at or above this raise an alert. */
  threshold: z.number().min(0).max(100).default(40),
  /** Minimum distinct non-context indicator families for the high and critical bands. */
  corroboration: z.number().int().min(1).max(5).default(2),
  /**
   * Independent evidence (RESEARCH §c.6): a hit from an indicator family that none of this
   * typology's scoring hits belong to, of a rule this typology does not weigh, adds this share of
   * the points that rule earns in the typology weighing it most — once per family, its strongest
   * rule at strength ≥ 0.35, on transactions none of this typology's own hits use, and not a
   * collector-side reading (hit variant `collector`). Only where the typology has a base of its
   * own beyond collector-side readings; 0 turns it off.
   */
  corroborationShare: z.number().min(0).max(1).default(0.5),
  /**
   * One observation read twice: a scoring hit weaker than this that shares a transaction with a
   * stronger scoring hit of the same indicator family in this typology adds no points (its rule
   * discounted those payments as a lawful look-alike, while the other rule already counts them).
   * 0 (the default) turns it off.
   */
  faintOverlapStrength: z.number().min(0).max(1).default(0),
});
/** @category Scoring */
export type Typology = z.output<typeof typologySchema>;
/** @category Scoring */
export type TypologyInput = z.input<typeof typologySchema>;

/**
 * Validates a typology definition; throws ConfigError naming the bad key.
 * @category Scoring
 * @example defineTypology({ id: 'my_typology', name: 'Mine', weights: { split_sum: 60 } })
 */
export function defineTypology(input: TypologyInput): Typology {
  return parseOptions(typologySchema, input, `typology ${typeof input?.id === 'string' ? input.id : ''}`.trim(), 'invalid_config');
}

/**
 * The structuring typology: threshold avoidance in cash and transfers (MS-STR-01..04), with round
 * amounts as context. All its rules share one family, so on its own it stays in the medium band:
 * RESEARCH §c.3 — a pattern alone cannot show purpose.
 * @category Scoring
 * @example scan(transactions, { jurisdiction: 'AU', typologies: [structuringTypology()] })
 */
export function structuringTypology(): Typology {
  return defineTypology({
    id: 'structuring',
    name: 'Possible structuring (threshold avoidance)',
    description: 'Cash or transfers arranged to stay under reporting thresholds.',
    weights: {
      near_threshold_cash: 45,
      split_sum: 45,
      multi_location_cash: 35,
      multi_depositor: 40,
      conductor_spread: 40,
      transfer_threshold_avoidance: 40,
      cash_above_income: 45,
      cash_run: 45,
    },
    context: { round_amounts: 0.15 },
    threshold: 40,
  });
}
