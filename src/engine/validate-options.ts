import { ConfigError } from '../_internal/config-error.js';
import type { Rule } from '../rules/types.js';
import type { Typology } from '../scoring/typology.js';
import type { EngineOptions } from './options.js';

/**
 * Checks the engine options that are plain values and throws a {@link ConfigError} naming the key:
 * `minScore` outside 0–100, an `asOf` that is not a date, a rule that is not a rule. Returns the
 * analysis date as an ISO instant (or undefined).
 */
export function checkEngineOptions(options: EngineOptions): string | undefined {
  const { minScore, asOf, rules } = options;
  if (minScore !== undefined && !(typeof minScore === 'number' && minScore >= 0 && minScore <= 100)) {
    throw new ConfigError('invalid_options', `minScore: must be a number from 0 to 100, got ${JSON.stringify(minScore) ?? String(minScore)}`);
  }
  if (rules !== undefined) {
    if (!Array.isArray(rules)) throw new ConfigError('invalid_options', 'rules: must be an array of rules (see defaultRules())');
    rules.forEach((r: Partial<Rule> | null, i) => {
      const problem =
        r === null || typeof r !== 'object' ? 'not an object'
        : typeof r.id !== 'string' || r.id === '' ? 'id must be a non-empty string'
        : typeof r.evaluate !== 'function' ? 'evaluate must be a function'
        : !(typeof r.windowMs === 'number' && r.windowMs >= 0 && Number.isFinite(r.windowMs)) ? 'windowMs must be a non-negative number'
        : !Array.isArray(r.entities) || r.entities.some((k) => k !== 'account' && k !== 'party') ? 'entities must list "account" and/or "party"'
        : undefined;
      if (problem !== undefined) throw new ConfigError('invalid_options', `rules[${i}]${typeof r?.id === 'string' ? ` (${r.id})` : ''}: ${problem}`);
    });
  }
  if (asOf === undefined) return undefined;
  const date = typeof asOf === 'number' || typeof asOf === 'string' ? new Date(asOf) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || (typeof asOf === 'string' && asOf.trim() === '')) {
    throw new ConfigError('invalid_options', `asOf: ${JSON.stringify(asOf) ?? String(asOf)} is not a date; give an ISO instant (2025-03-01T00:00:00Z) or epoch milliseconds`);
  }
  return date.toISOString();
}

/**
 * Every rule a typology names in `weights` or `context` must be a rule that exists (enabled, or
 * shipped and simply not enabled in this run): a misspelt name would otherwise never alert.
 * Throws ConfigError `unknown_rule` naming the typology, the key and the name.
 */
export function checkTypologyRules(typologies: readonly Typology[], known: ReadonlySet<string>): void {
  for (const t of typologies) {
    for (const key of ['weights', 'context'] as const) {
      for (const name of Object.keys(t[key] ?? {})) {
        if (!known.has(name)) {
          throw new ConfigError('unknown_rule', `typology ${t.id}: ${key}.${name}: unknown rule "${name}"${suggest(name, known)}`);
        }
      }
    }
  }
}

/** `; did you mean "x"?` for the closest known name within two edits, else ''. */
export function suggest(name: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
}
