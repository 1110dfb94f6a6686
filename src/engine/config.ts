import { canonicalJson, stableHash } from '../_internal/hash.js';
import { ConfigError, parseOptions } from '../_internal/config-error.js';
import { jurisdiction as shippedJurisdiction } from '../jurisdictions/index.js';
import type { JurisdictionProfile } from '../jurisdictions/types.js';
import { RULE_FACTORIES, defaultRules } from '../rules/default-rules.js';
import { buildIdentityIndex } from '../rules/identity/identity.js';
import type { EntityKind, IndicatorFamily, Rule, RuleContext } from '../rules/types.js';
import type { Account, Party } from '../schema/reference-data.js';
import { defaultTypologies } from '../scoring/default-typologies.js';
import { compileTypologies, type CompiledTypology } from '../scoring/score.js';
import { typologySchema } from '../scoring/typology.js';
import { VERSION } from '../version.js';
import type { EngineOptions } from './options.js';
import { materialise } from './reference-input.js';
import { checkEngineOptions, checkTypologyRules, suggest } from './validate-options.js';

/** The resolved, immutable configuration of one engine. */
export interface EngineConfig {
  readonly profile: JurisdictionProfile;
  readonly rules: readonly Rule[];
  readonly typologies: readonly CompiledTypology[];
  readonly context: RuleContext;
  readonly retention: Readonly<Record<EntityKind, number>>;
  readonly minScore: number;
  readonly hash: string;
  readonly asOf: string | undefined;
  readonly familyOf: (rule: string) => IndicatorFamily | undefined;
  readonly version: string;
}

/**
 * Resolves options once: profile, rules, typologies, reference data, config hash. Throws ConfigError
 * naming the key for anything that would otherwise fail quietly: `minScore` outside 0–100, a bad
 * `asOf`, a malformed rule or typology, a typology naming a rule that does not exist.
 */
export function resolveConfig(options: EngineOptions, extra: Readonly<Record<string, unknown>> = {}): EngineConfig {
  const profile = typeof options.jurisdiction === 'string' ? shippedJurisdiction(options.jurisdiction) : options.jurisdiction;
  const asOf = checkEngineOptions(options);
  const rules = options.rules ?? defaultRules();
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new ConfigError('invalid_config', `rule "${r.id}" is listed twice`);
    ids.add(r.id);
  }
  const typologyList = (options.typologies ?? defaultTypologies()).map((t, i) =>
    parseOptions(typologySchema, t, `typologies[${i}]${typeof t?.id === 'string' ? ` (${t.id})` : ''}`, 'invalid_config'));
  // Rules a typology may name: the enabled ones and the shipped ones not enabled in this run (they score 0).
  const known = new Set([...ids, ...Object.keys(RULE_FACTORIES)]);
  checkTypologyRules(typologyList, known);
  const typologies = compileTypologies(typologyList, [...known].sort(), (name) => suggest(name, known));
  const accounts = new Map<string, Account>();
  for (const a of materialise(options.accounts)) accounts.set(a.account, a);
  const parties = new Map<string, Party>();
  for (const p of materialise(options.parties)) parties.set(p.party, p);
  const fx = options.fx;
  const context: RuleContext = {
    jurisdiction: profile,
    accounts,
    parties,
    identity: buildIdentityIndex(accounts, parties),
    convert: (amount, from, to, ts) => (from === to ? amount : fx?.convert(amount, from, to, ts)),
  };
  const retention: Record<EntityKind, number> = { account: 0, party: 0 };
  for (const r of rules) for (const k of r.entities) retention[k] = Math.max(retention[k], r.windowMs);
  for (const r of rules) {
    for (const h of r.incremental?.horizonsMs ?? []) {
      if (!(h >= 0 && h <= r.windowMs)) throw new ConfigError('invalid_config', `rule "${r.id}": horizon ${h} ms must be between 0 and its windowMs (${r.windowMs})`);
    }
  }
  const minScore = options.minScore ?? Math.min(...typologyList.map((t) => t.threshold), 100);
  const families = new Map(rules.map((r) => [r.id, r.family]));
  const hash = stableHash(
    canonicalJson({
      version: VERSION,
      profile,
      rules: rules.map((r) => ({ id: r.id, options: r.options })),
      typologies: typologyList,
      minScore,
      ...extra,
    }),
  );
  return { profile, rules, typologies, context, retention, minScore, hash, asOf, familyOf: (r) => families.get(r), version: VERSION };
}
