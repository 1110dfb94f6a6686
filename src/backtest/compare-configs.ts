import { resolveScanConfig, type ScanConfig } from '../engine/config-file.js';
import type { EngineOptions } from '../engine/options.js';
import { scan } from '../engine/scan.js';
import type { JurisdictionProfile } from '../jurisdictions/types.js';
import type { EntityRef } from '../rules/types.js';
import type { Account } from '../schema/reference-data.js';
import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import type { Band } from '../scoring/bands.js';
import { ConfigError } from '../_internal/config-error.js';
import { accountScores } from './account-scores.js';
import { configDifferences, explainChange, type ComparedConfig } from './explain-change.js';
import { labelMetrics, type AccountLabel, type LabelMetrics } from './label-metrics.js';

/** Options of {@link compareConfigs}: what both configurations share. @category Backtest */
export interface CompareConfigsOptions {
  /** Overrides the configurations' `jurisdiction` (as `--jurisdiction` does for `tidewatch scan`). */
  readonly jurisdiction?: string | JurisdictionProfile;
  readonly accounts?: Iterable<Account>;
  readonly parties?: EngineOptions['parties'];
  readonly fx?: EngineOptions['fx'];
  readonly asOf?: EngineOptions['asOf'];
  /** Ground truth (`account,label[,typology]`): adds precision, recall, AP and look-alike rates per side. */
  readonly labels?: Iterable<AccountLabel>;
}

/** An alert reduced to what a comparison shows. @category Backtest */
export interface AlertBrief {
  readonly score: number;
  readonly band: Band;
  /** Typologies scoring at or above the side's minimum score. */
  readonly typologies: readonly string[];
  /** Rules with a hit, sorted. */
  readonly rules: readonly string[];
}

/** An entity alerted under one configuration only. @category Backtest */
export interface OneSidedAlert {
  readonly entity: EntityRef;
  readonly alert: AlertBrief;
  /** The same entity under the other configuration: its score below the minimum, or `null` when no rule fired. */
  readonly other: AlertBrief | null;
  readonly reasons: readonly string[];
}

/** An entity alerted under both configurations with a different score, band or rule set. @category Backtest */
export interface ChangedAlert {
  readonly entity: EntityRef;
  readonly a: AlertBrief;
  readonly b: AlertBrief;
  readonly reasons: readonly string[];
}

/** One configuration's side of a comparison. @category Backtest */
export interface ComparisonSide {
  /** The config hash alerts carry (`engine.config`) when `tidewatch scan` runs this configuration. */
  readonly configHash: string;
  readonly jurisdiction: string;
  readonly minScore: number;
  /** Alerts at or above the minimum score (entity and network alerts). */
  readonly alerts: number;
  readonly byBand: Readonly<Record<Band, number>>;
  /** Alerts per typology: alerts in which the typology scores at or above the minimum. */
  readonly byTypology: Readonly<Record<string, number>>;
  /** With labels only. */
  readonly metrics?: LabelMetrics;
}

/** Result of {@link compareConfigs}. @category Backtest */
export interface ConfigComparison {
  readonly a: ComparisonSide;
  readonly b: ComparisonSide;
  /** How B differs from A, one line each (see {@link configDifferences}). */
  readonly differences: readonly string[];
  readonly onlyA: readonly OneSidedAlert[];
  readonly onlyB: readonly OneSidedAlert[];
  readonly changed: readonly ChangedAlert[];
  /** Entities alerted under both with the same score, band and rules. */
  readonly unchanged: number;
  readonly transactions: number;
}

const BANDS: readonly Band[] = ['low', 'medium', 'high', 'critical'];
const keyOf = (e: EntityRef): string => `${e.kind}:${e.id}`;
const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** An effective configuration: the file resolved, plus the minimum score the engine would apply. */
function effective(config: ScanConfig | undefined, override: string | JurisdictionProfile | undefined, name: 'A' | 'B'): ComparedConfig & { profile: string | JurisdictionProfile; explicitMin: number | undefined } {
  let resolved;
  try {
    resolved = resolveScanConfig(config ?? {});
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.code, `configuration ${name}: ${error.message}`, error.issues);
    throw error;
  }
  const profile = override ?? resolved.jurisdiction;
  if (profile === undefined) throw new ConfigError('unknown_jurisdiction', `configuration ${name} names no jurisdiction; pass one in the options (--jurisdiction)`);
  return {
    rules: resolved.rules,
    typologies: resolved.typologies,
    // The engine's default: the lowest typology threshold (EngineOptions.minScore).
    minScore: resolved.minScore ?? Math.min(...resolved.typologies.map((t) => t.threshold), 100),
    explicitMin: resolved.minScore,
    jurisdiction: typeof profile === 'string' ? profile.toUpperCase() : profile.code,
    profile,
  };
}

function brief(alert: Alert, minScore: number): AlertBrief {
  return {
    score: alert.score,
    band: alert.band,
    typologies: alert.typologies.filter((t) => t.score >= minScore).map((t) => t.id),
    rules: [...new Set(alert.hits.map((h) => h.rule))].sort(),
  };
}

const sameBrief = (x: AlertBrief, y: AlertBrief): boolean =>
  x.score === y.score && x.band === y.band && x.rules.length === y.rules.length && x.rules.every((r, i) => r === y.rules[i]);

/**
 * Backtests two configurations over the same transactions, with no side effects: the input is
 * read once by the caller, and each configuration runs one engine pass ({@link scan}) at every
 * score, so an entity that drops below a minimum is told apart from one no rule fires on.
 * Returns, per side, alerts by band and typology (and with labels precision, recall, AP and the
 * look-alike alert rates, per typology), and per entity the alerts only in A, only in B and
 * changed (score, band or rules), each with the reasons behind it. Deterministic: entries are
 * sorted by entity kind and id.
 *
 * Configurations are `tidewatch scan --config` files (parsed JSON, see `ScanConfigSchema`); a
 * missing one means the defaults. Network alerts are matched by their id, which is derived from
 * their members: a network whose membership changes shows as one only in A and one only in B.
 *
 * @param transactions the transactions, read once (any order)
 * @param configA the current configuration
 * @param configB the candidate configuration
 * @param options jurisdiction override, reference data, FX table, labels
 * @returns the comparison; throws ConfigError on a bad configuration
 * @category Backtest
 * @example
 * const cmp = compareConfigs(transactions, {}, { rules: { split_sum: { minCount: 3 } } }, { jurisdiction: 'MY', labels });
 * console.log(cmp.onlyA.length, cmp.b.metrics?.recall);
 */
export function compareConfigs(
  transactions: readonly Transaction[],
  configA: ScanConfig | undefined,
  configB: ScanConfig | undefined,
  options: CompareConfigsOptions = {},
): ConfigComparison {
  const ca = effective(configA, options.jurisdiction, 'A');
  const cb = effective(configB, options.jurisdiction, 'B');
  const accounts = options.accounts === undefined ? undefined : [...options.accounts];
  const parties = options.parties === undefined ? undefined : [...options.parties];
  const base = {
    ...(accounts === undefined ? {} : { accounts }),
    ...(parties === undefined ? {} : { parties }),
    ...(options.fx === undefined ? {} : { fx: options.fx }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  };
  const run = (c: typeof ca): { all: Alert[]; hash: string } => {
    const engine = { ...base, jurisdiction: c.profile, rules: c.rules, typologies: c.typologies };
    // One pass at every score; the hash alerts carry in a real scan comes from an empty run (no transactions, no cost).
    const { alerts } = scan(transactions, { ...engine, minScore: 0 });
    const { configHash } = scan([], { ...engine, ...(c.explicitMin === undefined ? {} : { minScore: c.explicitMin }) });
    return { all: alerts as Alert[], hash: configHash };
  };
  const ra = run(ca);
  const rb = run(cb);
  const labels = options.labels === undefined ? undefined : [...options.labels];

  const side = (r: { all: Alert[]; hash: string }, c: typeof ca): ComparisonSide => {
    const alerted = r.all.filter((x) => x.score >= c.minScore);
    const byBand = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
    const byTypology: Record<string, number> = {};
    for (const alert of alerted) {
      byBand[alert.band]++;
      for (const t of alert.typologies) if (t.score >= c.minScore) byTypology[t.id] = (byTypology[t.id] ?? 0) + 1;
    }
    const sortedTypologies = Object.fromEntries(Object.entries(byTypology).sort(([x], [y]) => cmp(x, y)));
    return {
      configHash: r.hash, jurisdiction: c.jurisdiction, minScore: c.minScore, alerts: alerted.length, byBand, byTypology: sortedTypologies,
      ...(labels === undefined ? {} : { metrics: labelMetrics(labels, accountScores(r.all, accounts), c.minScore) }),
    };
  };

  const mapA = new Map(ra.all.map((x) => [keyOf(x.entity), x]));
  const mapB = new Map(rb.all.map((x) => [keyOf(x.entity), x]));
  const onlyA: OneSidedAlert[] = [];
  const onlyB: OneSidedAlert[] = [];
  const changed: ChangedAlert[] = [];
  let unchanged = 0;
  const keys = [...new Set([...mapA.keys(), ...mapB.keys()])].sort(cmp);
  for (const key of keys) {
    const xa = mapA.get(key);
    const xb = mapB.get(key);
    const inA = xa !== undefined && xa.score >= ca.minScore;
    const inB = xb !== undefined && xb.score >= cb.minScore;
    if (!inA && !inB) continue;
    const entity = { kind: (xa ?? xb as Alert).entity.kind, id: (xa ?? xb as Alert).entity.id };
    if (inA && inB) {
      const ba = brief(xa, ca.minScore);
      const bb = brief(xb, cb.minScore);
      if (sameBrief(ba, bb)) unchanged++;
      else changed.push({ entity, a: ba, b: bb, reasons: explainChange(xa, xb, ca, cb) });
    } else if (inA) {
      onlyA.push({ entity, alert: brief(xa as Alert, ca.minScore), other: xb === undefined ? null : brief(xb, cb.minScore), reasons: explainChange(xa, xb, ca, cb) });
    } else {
      onlyB.push({ entity, alert: brief(xb as Alert, cb.minScore), other: xa === undefined ? null : brief(xa, ca.minScore), reasons: explainChange(xa, xb, ca, cb) });
    }
  }
  return {
    a: side(ra, ca), b: side(rb, cb), differences: configDifferences(ca, cb),
    onlyA, onlyB, changed, unchanged, transactions: transactions.length,
  };
}
