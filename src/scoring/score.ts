import { ConfigError } from '../_internal/config-error.js';
import type { IndicatorFamily, RuleHit } from '../rules/types.js';
import { BAND_FLOORS, bandOf, type Band } from './bands.js';
import { compileFormulaResult, type FormulaResult } from './formula.js';
import type { Typology } from './typology.js';

/** Points of one rule in a score. @category Scoring */
export interface Contribution {
  readonly rule: string;
  readonly typology: string;
  /** Points at full strength. */
  readonly weight: number;
  readonly strength: number;
  /** Integer points; contributions add up to the score exactly. */
  readonly points: number;
}

/** An entity's score and how it was reached. @category Scoring */
export interface EntityScore {
  readonly score: number;
  readonly band: Band;
  /** Typologies that scored, best first; a typology whose formula had no finite value is listed at 0 with `error`. */
  readonly typologies: readonly { readonly id: string; readonly score: number; readonly error?: string }[];
  readonly contributions: readonly Contribution[];
  /** Non-context indicator families with a hit. */
  readonly families: readonly IndicatorFamily[];
  /** True when the score was held below the high band for lack of corroboration. */
  readonly capped: boolean;
}

/** A compiled typology: formula compiled once. */
export interface CompiledTypology {
  readonly typology: Typology;
  readonly formula: ((scope: Readonly<Record<string, number>>) => FormulaResult) | undefined;
}

/**
 * Compiles typologies once for scoring (formulas through the restricted mathjs instance).
 * @category Scoring
 */
export function compileTypologies(typologies: readonly Typology[], ruleIds: readonly string[], suggest: (name: string) => string = () => ''): CompiledTypology[] {
  return typologies.map((typology) => {
    if (typology.formula === undefined) return { typology, formula: undefined };
    try {
      return { typology, formula: compileFormulaResult(typology.formula, ruleIds, suggest) };
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(error.code, `typology ${typology.id}: ${error.message}`);
      throw error;
    }
  });
}

/**
 * Scores an entity's hits against every typology: base points (weighted strengths or the
 * formula), plus independent evidence from indicator families the typology's own hits do not
 * cover (`corroborationShare` of those rules' points elsewhere; listed as contributions of this
 * typology), times context amplification (only when there is a base), capped below the high band
 * unless hits come from enough indicator families. The entity score is the best typology's.
 * Only each hit's rule and strength are read; several hits of one rule count once, at the
 * strongest (so the hits of linked entities can be scored together, as network alerts are).
 * Never throws; always an integer in [0, 100].
 * @category Scoring
 * @example const { score, contributions } = scoreHits(hits, compiledTypologies, familyOf); // see scan() for the usual path
 */
export function scoreHits(
  hits: readonly ScoredHit[],
  typologies: readonly CompiledTypology[],
  familyOf: (rule: string) => IndicatorFamily | undefined,
): EntityScore {
  const strength = new Map<string, number>();
  for (const h of hits) strength.set(h.rule, Math.max(strength.get(h.rule) ?? 0, h.strength));
  const families = [...new Set([...strength.keys()].map(familyOf).filter((f): f is IndicatorFamily => f !== undefined && f !== 'context'))].sort();
  // Without a hit of any strength no typology has a base (weights and formulas score strengths > 0
  // only): every score is 0 and nothing is listed — the evidence-only accounts, most of a large
  // run's network candidates, are scored without reading the typologies.
  let anyStrength = false;
  for (const s of strength.values()) if (s > 0) anyStrength = true;
  if (!anyStrength) return { score: 0, band: bandOf(0), typologies: [], contributions: [], families, capped: false };
  const weightOf = weightsOf(typologies);
  let best: { score: number; contributions: Contribution[]; capped: boolean } = { score: 0, contributions: [], capped: false };
  const perTypology: { id: string; score: number; error?: string }[] = [];
  for (const { typology, formula } of typologies) {
    let raw: { rule: string; weight: number; strength: number; points: number }[] = [];
    for (const [rule, weight] of sortedEntries(typology.weights)) {
      const s = strength.get(rule) ?? 0;
      if (s > 0 && weight > 0) raw.push({ rule, weight, strength: s, points: weight * s });
    }
    if (typology.faintOverlapStrength > 0 && raw.length > 1) raw = withoutFaintOverlaps(raw, hits, typology.faintOverlapStrength, familyOf);
    let base = raw.reduce((sum, r) => sum + r.points, 0);
    if (formula !== undefined) {
      const scope = Object.fromEntries(strength);
      const result = formula(scope);
      if (!result.ok) {
        // Said in the alert rather than scored 0 without a word (only where the typology had hits to score).
        if (raw.length > 0) perTypology.push({ id: typology.id, score: 0, error: result.error });
        else perTypology.push({ id: typology.id, score: 0 });
        continue;
      }
      const value = result.value;
      const scale = base > 0 ? value / base : 0;
      for (const r of raw) r.points *= scale;
      base = value > 0 && raw.length > 0 ? value : 0;
    }
    if (base <= 0) {
      perTypology.push({ id: typology.id, score: 0 });
      continue;
    }
    base += corroborate(typology, raw, hits, weightOf, familyOf);
    let multiplier = 1;
    const contextRaw: { rule: string; weight: number; strength: number; factor: number }[] = [];
    for (const [rule, factor] of sortedEntries(typology.context)) {
      const s = strength.get(rule) ?? 0;
      if (s > 0 && factor > 0) {
        multiplier *= 1 + factor * s;
        contextRaw.push({ rule, weight: factor, strength: s, factor: factor * s });
      }
    }
    multiplier = Math.min(multiplier, typology.maxContextMultiplier);
    let total = Math.min(100, base * multiplier);
    const relevant = families.length;
    let capped = false;
    if (relevant < typology.corroboration && total >= BAND_FLOORS.high) {
      total = BAND_FLOORS.high - 1;
      capped = true;
    }
    const score = Math.max(0, Math.min(100, Math.round(total)));
    // Apportion the integer score: rules by their base points, context by its uplift.
    const uplift = base * multiplier - base;
    const contextSum = contextRaw.reduce((s, c) => s + c.factor, 0);
    const shares = [
      ...raw.map((r) => ({ rule: r.rule, weight: r.weight, strength: r.strength, share: r.points })),
      ...contextRaw.map((c) => ({ rule: c.rule, weight: c.weight, strength: c.strength, share: contextSum > 0 ? (uplift * c.factor) / contextSum : 0 })),
    ];
    const contributions = apportion(score, shares).map((c) => ({ ...c, typology: typology.id }));
    perTypology.push({ id: typology.id, score });
    if (score > best.score) best = { score, contributions, capped };
  }
  perTypology.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return {
    score: best.score,
    band: bandOf(best.score),
    typologies: perTypology.filter((t) => t.score > 0 || t.error !== undefined),
    contributions: best.contributions,
    families,
    capped: best.capped,
  };
}

/**
 * The entries of a typology's weights or context factors by rule id, worked out once per object
 * (typologies are read-only once compiled; an entity's score is asked for at each update).
 */
const sortedEntryCache = new WeakMap<Readonly<Record<string, number>>, readonly (readonly [string, number])[]>();
function sortedEntries(record: Readonly<Record<string, number>>): readonly (readonly [string, number])[] {
  let entries = sortedEntryCache.get(record);
  if (entries === undefined) {
    entries = Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1));
    sortedEntryCache.set(record, entries);
  }
  return entries;
}

/** Per rule, its largest weight in any of the typologies; worked out once per typology list. */
const weightCache = new WeakMap<readonly CompiledTypology[], ReadonlyMap<string, number>>();
function weightsOf(typologies: readonly CompiledTypology[]): ReadonlyMap<string, number> {
  let weightOf = weightCache.get(typologies);
  if (weightOf === undefined) {
    const m = new Map<string, number>();
    for (const { typology } of typologies) for (const [rule, w] of Object.entries(typology.weights)) m.set(rule, Math.max(m.get(rule) ?? 0, w));
    weightOf = m;
    weightCache.set(typologies, weightOf);
  }
  return weightOf;
}

/** A hit as scoring reads it: rule and strength; its transactions and variant for independent evidence. @category Scoring */
export type ScoredHit = Pick<RuleHit, 'rule' | 'strength'> & { readonly transactionIds?: readonly string[]; readonly variant?: string };

/**
 * Weakest hit that corroborates another typology: rules discount lawful look-alikes below it (as
 * network links do, see `DEFAULT_MIN_LINK_STRENGTH`), so a faint brush adds nothing.
 */
const CORROBORATING_MIN_STRENGTH = 0.35;

/**
 * Independent evidence for a typology with a base of its own: per indicator family that none of
 * its scoring rules belongs to (context excluded), the strongest hit (at least
 * {@link CORROBORATING_MIN_STRENGTH}) of a rule it does not weigh adds `corroborationShare` of that
 * rule's points in the typology weighing it most — a mule's cash structuring beside its
 * instalments. Independent means other transactions: a hit that shares a transaction with the
 * typology's own scoring hits, or that names none, adds nothing. A collector-side reading (hit
 * variant `collector`: a pattern inferred from many payers converging on the account, such as a
 * payday burst, which carries no wage evidence of its own) neither corroborates another typology
 * nor is corroborated when it is all a typology rests on: many payers converging is one
 * observation, whichever rule reads it (on AMLSim a fan-in read as a funnel and as a payday burst).
 * Pushed onto `raw` (so the contribution is listed) and returned as the points added.
 */
function corroborate(
  typology: Typology,
  raw: { rule: string; weight: number; strength: number; points: number }[],
  hits: readonly ScoredHit[],
  weightOf: ReadonlyMap<string, number>,
  familyOf: (rule: string) => IndicatorFamily | undefined,
): number {
  const share = typology.corroborationShare;
  if (share <= 0 || raw.length === 0) return 0;
  const scoring = new Set(raw.map((r) => r.rule));
  const own = new Set(raw.map((r) => familyOf(r.rule)));
  const used = new Set<string>();
  let collectorOnly = true;
  for (const h of hits) {
    if (!scoring.has(h.rule) || h.strength <= 0) continue;
    for (const id of h.transactionIds ?? []) used.add(id);
    if (h.variant !== 'collector') collectorOnly = false;
  }
  if (collectorOnly) return 0;
  const best = new Map<IndicatorFamily, { rule: string; weight: number; strength: number; points: number }>();
  const candidates = hits.filter((h) => typology.weights[h.rule] === undefined && h.strength >= CORROBORATING_MIN_STRENGTH && h.variant !== 'collector');
  for (const h of candidates.sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : b.strength - a.strength))) {
    const family = familyOf(h.rule);
    if (family === undefined || family === 'context' || own.has(family)) continue;
    const ids = h.transactionIds ?? [];
    if (ids.length === 0 || ids.some((id) => used.has(id))) continue;
    const weight = share * (weightOf.get(h.rule) ?? 0);
    if (weight <= 0) continue;
    const cur = best.get(family);
    if (cur === undefined || weight * h.strength > cur.points) best.set(family, { rule: h.rule, weight, strength: h.strength, points: weight * h.strength });
  }
  let added = 0;
  for (const family of [...best.keys()].sort()) {
    const c = best.get(family) as { rule: string; weight: number; strength: number; points: number };
    raw.push(c);
    added += c.points;
  }
  return added;
}

/**
 * The scoring rules of a typology without those whose reading is faint (strength below `floor`)
 * and shares a transaction with a stronger scoring rule of the same indicator family: the same
 * payments read twice are one observation, and a rule that discounted them as a lawful look-alike
 * adds nothing beside the rule that already counts them (a tenant's money sent home read as
 * instalments and, discounted as a remittance to kin, as diverted wages). A faint reading of other
 * payments still counts. Transactions are those of all the rule's hits.
 */
function withoutFaintOverlaps<R extends { rule: string; strength: number }>(
  raw: readonly R[],
  hits: readonly ScoredHit[],
  floor: number,
  familyOf: (rule: string) => IndicatorFamily | undefined,
): R[] {
  // Each rule's transactions, gathered once for all the comparisons below.
  const txs = new Map<string, Set<string>>();
  const txOf = (rule: string): Set<string> => {
    let ids = txs.get(rule);
    if (ids === undefined) {
      ids = new Set<string>();
      for (const h of hits) if (h.rule === rule && h.strength > 0) for (const id of h.transactionIds ?? []) ids.add(id);
      txs.set(rule, ids);
    }
    return ids;
  };
  const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
    for (const id of b) if (a.has(id)) return true;
    return false;
  };
  return raw.filter((r) => {
    if (r.strength >= floor) return true;
    const family = familyOf(r.rule);
    if (family === undefined) return true;
    const mine = txOf(r.rule);
    if (mine.size === 0) return true;
    return !raw.some((o) => o !== r && o.strength > r.strength && familyOf(o.rule) === family && shares(mine, txOf(o.rule)));
  });
}

/** Largest-remainder apportionment of an integer total over positive shares. */
function apportion(total: number, shares: readonly { rule: string; weight: number; strength: number; share: number }[]): Omit<Contribution, 'typology'>[] {
  const sum = shares.reduce((s, x) => s + x.share, 0);
  if (sum <= 0 || total <= 0) return shares.map((x) => ({ rule: x.rule, weight: x.weight, strength: x.strength, points: 0 }));
  const exact = shares.map((x) => (x.share / sum) * total);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  return shares.map((x, i) => ({ rule: x.rule, weight: x.weight, strength: x.strength, points: floors[i] as number }));
}
