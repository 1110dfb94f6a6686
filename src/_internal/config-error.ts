import type * as z from 'zod';

/** Why a configuration was refused. */
export type ConfigErrorCode =
  | 'invalid_config'
  | 'invalid_options'
  | 'unknown_jurisdiction'
  | 'unknown_rule'
  | 'invalid_fx'
  | 'invalid_mapping'
  | 'invalid_formula'
  | 'invalid_checkpoint'
  | 'checkpoint_mismatch';

/**
 * The one error tidewatch throws: bad configuration, at construction time (STYLE, errors tier 2).
 * Bad data is never thrown; it is reported as row issues.
 * @category Errors
 * @example try { defineJurisdiction({ code: 'XX' }); } catch (e) { if (e instanceof ConfigError) console.error(e.code, e.issues); }
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(code: ConfigErrorCode, message: string, issues: readonly z.core.$ZodIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/**
 * Parses options with a zod schema; on failure throws a ConfigError whose message names each bad
 * key path, e.g. `near_threshold_cash: beta: Too big: expected number to be <=0.999`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string, code: ConfigErrorCode = 'invalid_options'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`);
  throw new ConfigError(code, `${what}: ${lines.join('; ')}`, result.error.issues);
}
