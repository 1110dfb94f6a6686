import * as z from 'zod';
import { ConfigError, parseOptions } from '../_internal/config-error.js';
import { RULE_FACTORIES, type RuleId } from '../rules/default-rules.js';
import type { Rule } from '../rules/types.js';
import { defaultTypologies } from '../scoring/default-typologies.js';
import { typologySchema, type Typology } from '../scoring/typology.js';

/**
 * The configuration file of `tidewatch scan --config F` (also `tidewatch schema config`).
 * Unknown keys are errors, so a misspelt option is never silently ignored.
 * @category Engine
 */
export const ScanConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** A shipped jurisdiction code; `--jurisdiction` overrides it. */
    jurisdiction: z.string().min(2).optional(),
    /** Per rule: `false` disables it, an object sets its options (validated by the rule). Unlisted rules run with defaults. */
    rules: z.record(z.string(), z.union([z.literal(false), z.record(z.string(), z.unknown())])).default({}),
    /** Replaces the default typologies when given. */
    typologies: z.array(typologySchema).optional(),
    minScore: z.number().min(0).max(100).optional(),
    /** Streaming lateness bound in minutes (monitor only). */
    latenessMinutes: z.number().min(0).optional(),
  })
  .strict();
/** @category Engine */
export type ScanConfig = z.input<typeof ScanConfigSchema>;

/** What a configuration file resolves to. @category Engine */
export interface ResolvedScanConfig {
  readonly jurisdiction: string | undefined;
  readonly rules: Rule[];
  readonly typologies: Typology[];
  readonly minScore: number | undefined;
  readonly latenessMs: number | undefined;
}

/**
 * Validates a parsed configuration file and builds the rules and typologies it names.
 * Throws ConfigError with a message naming the bad key (`rules.split_sum: minCount: …`).
 * @category Engine
 * @example const cfg = resolveScanConfig({ rules: { round_amounts: false, near_threshold_cash: { beta: 0.8 } } });
 */
export function resolveScanConfig(input: unknown): ResolvedScanConfig {
  const cfg = parseOptions(ScanConfigSchema, input ?? {}, 'config', 'invalid_config');
  for (const id of Object.keys(cfg.rules)) {
    if (!Object.hasOwn(RULE_FACTORIES, id)) {
      throw new ConfigError('unknown_rule', `config: rules.${id}: unknown rule; known rules: ${Object.keys(RULE_FACTORIES).join(', ')}`);
    }
  }
  const rules: Rule[] = [];
  for (const [id, factory] of Object.entries(RULE_FACTORIES) as [RuleId, (o?: unknown) => Rule][]) {
    const setting = cfg.rules[id];
    if (setting === false) continue;
    try {
      rules.push(factory(setting ?? {}));
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(error.code, `config: rules.${error.message}`, error.issues);
      throw error;
    }
  }
  return {
    jurisdiction: cfg.jurisdiction,
    rules,
    typologies: cfg.typologies ?? defaultTypologies(),
    minScore: cfg.minScore,
    latenessMs: cfg.latenessMinutes === undefined ? undefined : cfg.latenessMinutes * 60_000,
  };
}
