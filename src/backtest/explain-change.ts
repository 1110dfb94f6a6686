import { canonicalJson } from '../_internal/hash.js';
import type { Rule } from '../rules/types.js';
import type { Alert } from '../scoring/alert.js';
import type { Typology } from '../scoring/typology.js';

/** What one side of a comparison ran with: its rules, typologies and minimum score. @category Backtest */
export interface ComparedConfig {
  readonly rules: readonly Rule[];
  readonly typologies: readonly Typology[];
  readonly minScore: number;
  readonly jurisdiction: string;
}

const fmt = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The option keys whose values differ between two option objects, as `key a → b`. */
function optionChanges(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) out.push(`${key} ${fmt(a[key])} → ${fmt(b[key])}`);
  }
  return out;
}

/**
 * The differences between two configurations, one plain line each: jurisdiction, minimum
 * score, rules disabled or enabled, changed rule options, typologies added, removed or changed
 * (threshold, weights, context, formula, corroboration).
 * @param a configuration A
 * @param b configuration B
 * @returns lines such as `split_sum: minCount 2 → 3`; empty when both are the same
 * @category Backtest
 * @example configDifferences(a, b) // ['minimum score 40 → 50', 'round_amounts: disabled in B']
 */
export function configDifferences(a: ComparedConfig, b: ComparedConfig): string[] {
  const out: string[] = [];
  if (a.jurisdiction !== b.jurisdiction) out.push(`jurisdiction ${a.jurisdiction} → ${b.jurisdiction}`);
  if (a.minScore !== b.minScore) out.push(`minimum score ${a.minScore} → ${b.minScore}`);
  const rulesA = new Map(a.rules.map((r) => [r.id, r]));
  const rulesB = new Map(b.rules.map((r) => [r.id, r]));
  for (const id of [...new Set([...rulesA.keys(), ...rulesB.keys()])].sort()) {
    const ra = rulesA.get(id);
    const rb = rulesB.get(id);
    if (rb === undefined) out.push(`${id}: disabled in B`);
    else if (ra === undefined) out.push(`${id}: disabled in A`);
    else {
      const changes = optionChanges(ra.options, rb.options);
      if (changes.length > 0) out.push(`${id}: ${changes.join(', ')}`);
    }
  }
  const typA = new Map(a.typologies.map((t) => [t.id, t]));
  const typB = new Map(b.typologies.map((t) => [t.id, t]));
  for (const id of [...new Set([...typA.keys(), ...typB.keys()])].sort()) {
    const ta = typA.get(id);
    const tb = typB.get(id);
    if (tb === undefined) out.push(`typology ${id}: only in A`);
    else if (ta === undefined) out.push(`typology ${id}: only in B`);
    else {
      const changes: string[] = [];
      if (ta.threshold !== tb.threshold) changes.push(`threshold ${ta.threshold} → ${tb.threshold}`);
      if (ta.corroboration !== tb.corroboration) changes.push(`corroboration ${ta.corroboration} → ${tb.corroboration}`);
      if (ta.maxContextMultiplier !== tb.maxContextMultiplier) changes.push(`maxContextMultiplier ${ta.maxContextMultiplier} → ${tb.maxContextMultiplier}`);
      if (ta.corroborationShare !== tb.corroborationShare) changes.push(`corroborationShare ${ta.corroborationShare} → ${tb.corroborationShare}`);
      if (ta.faintOverlapStrength !== tb.faintOverlapStrength) changes.push(`faintOverlapStrength ${ta.faintOverlapStrength} → ${tb.faintOverlapStrength}`);
      if (ta.formula !== tb.formula) changes.push(`formula ${ta.formula ?? '(none)'} → ${tb.formula ?? '(none)'}`);
      for (const c of optionChanges(ta.weights, tb.weights)) changes.push(`weight ${c}`);
      for (const c of optionChanges(ta.context, tb.context)) changes.push(`context ${c}`);
      if (changes.length > 0) out.push(`typology ${id}: ${changes.join(', ')}`);
    }
  }
  return out;
}

/** Strongest hit of each rule in an alert. */
function strongest(alert: Alert | undefined): Map<string, Alert['hits'][number]> {
  const out = new Map<string, Alert['hits'][number]>();
  for (const h of alert?.hits ?? []) {
    const cur = out.get(h.rule);
    if (cur === undefined || h.strength > cur.strength) out.set(h.rule, h);
  }
  return out;
}

/** Points and weight of each rule in an alert's scoring typology. */
function points(alert: Alert | undefined): Map<string, { points: number; weight: number; typology: string }> {
  const out = new Map<string, { points: number; weight: number; typology: string }>();
  for (const c of alert?.contributions ?? []) out.set(c.rule, { points: c.points, weight: c.weight, typology: c.typology });
  return out;
}

/**
 * Why an entity's alert differs between configuration A and B, one plain sentence each: rules
 * that fire under one only (disabled, or their options changed), hits whose strength changed,
 * weights that changed, a different scoring typology, and a score below the other side's minimum.
 * Either alert may be `undefined` (no hit at all under that configuration). Alerts are taken at
 * any score, so "below the minimum" can be told apart from "no hit".
 * @param a the entity's alert under A, at any score
 * @param b the entity's alert under B, at any score
 * @param ca configuration A
 * @param cb configuration B
 * @returns the reasons, most decisive first
 * @category Backtest
 * @example explainChange(alertA, alertB, configA, configB) // ['split_sum: does not fire under B (options: minCount 2 → 3); it gave 36 points under A']
 */
export function explainChange(a: Alert | undefined, b: Alert | undefined, ca: ComparedConfig, cb: ComparedConfig): string[] {
  const out: string[] = [];
  const side = (alert: Alert | undefined, c: ComparedConfig, name: 'A' | 'B'): void => {
    if (alert === undefined) out.push(`no rule fires on it under ${name}`);
    else if (alert.score < c.minScore) out.push(`under ${name} it scores ${alert.score}, below ${name}'s minimum ${c.minScore}`);
  };
  side(a, ca, 'A');
  side(b, cb, 'B');
  const hitsA = strongest(a);
  const hitsB = strongest(b);
  const ptsA = points(a);
  const ptsB = points(b);
  const rulesA = new Map(ca.rules.map((r) => [r.id, r]));
  const rulesB = new Map(cb.rules.map((r) => [r.id, r]));
  const why = (id: string, missing: 'A' | 'B'): string => {
    const here = (missing === 'A' ? rulesA : rulesB).get(id);
    const there = (missing === 'A' ? rulesB : rulesA).get(id);
    if (here === undefined) return `disabled in ${missing}`;
    if (there === undefined) return 'no difference in its options';
    const changes = missing === 'A' ? optionChanges(here.options, there.options) : optionChanges(there.options, here.options);
    return changes.length > 0 ? `options: ${changes.join(', ')}` : 'same options; its input differs (other rules, reference data)';
  };
  const typologyOf = (alert: Alert | undefined): string | undefined => alert?.contributions[0]?.typology;
  const ta = typologyOf(a);
  const tb = typologyOf(b);
  const sameTypology = ta === tb;
  const fires: string[] = [];
  const tuned: string[] = [];
  for (const id of [...new Set([...hitsA.keys(), ...hitsB.keys()])].sort()) {
    const ha = hitsA.get(id);
    const hb = hitsB.get(id);
    const pa = ptsA.get(id);
    const pb = ptsB.get(id);
    if (hb === undefined && ha !== undefined) {
      fires.push(`${id}: does not fire under B (${why(id, 'B')})${pa !== undefined && pa.points > 0 ? `; it gave ${pa.points} points under A` : ''}`);
    } else if (ha === undefined && hb !== undefined) {
      fires.push(`${id}: fires only under B (${why(id, 'A')})${pb !== undefined && pb.points > 0 ? `, ${pb.points} points` : ''}: ${hb.reason}`);
    } else if (ha !== undefined && hb !== undefined) {
      const parts: string[] = [];
      if (round(ha.strength) !== round(hb.strength)) {
        const changes = optionChanges(rulesA.get(id)?.options ?? {}, rulesB.get(id)?.options ?? {});
        parts.push(`strength ${round(ha.strength)} → ${round(hb.strength)}${changes.length > 0 ? ` (options: ${changes.join(', ')})` : ''}`);
      }
      if (pa !== undefined && pb !== undefined && pa.weight !== pb.weight) parts.push(`weight ${pa.weight} → ${pb.weight}`);
      // Points moved by a rule's own change; a one-point move alone is the integer apportionment, and
      // points under different scoring typologies do not compare.
      const moved = Math.abs((pa?.points ?? 0) - (pb?.points ?? 0));
      if (sameTypology && moved > 0 && (parts.length > 0 || moved > 1)) parts.push(`points ${pa?.points ?? 0} → ${pb?.points ?? 0}`);
      if (parts.length > 0) tuned.push(`${id}: ${parts.join(', ')}`);
    }
  }
  out.push(...fires);
  if (ta !== undefined && tb !== undefined && !sameTypology) out.push(`scored as ${ta} under A, as ${tb} under B`);
  out.push(...tuned);
  if (a !== undefined && b !== undefined && a.score !== b.score && fires.length + tuned.length === 0 && sameTypology) {
    out.push(`same hits and weights; the typology definition changed (threshold, context, formula or corroboration)`);
  }
  return out;
}
