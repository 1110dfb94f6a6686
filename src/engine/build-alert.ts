import { stableHash } from '../_internal/hash.js';
import { isoInstant } from '../_internal/iso-instant.js';
import type { RuleHit } from '../rules/types.js';
import { ALERT_SCHEMA_ID, type Alert, type AlertHit } from '../scoring/alert.js';
import { scoreHits, type EntityScore, type ScoredHit } from '../scoring/score.js';
import type { EngineConfig } from './config.js';
import type { EntityState } from './core.js';
import { episodeReason } from './episodes.js';
import { evidenceOf } from './evidence.js';
import { EVIDENCE_KINDS } from './evidence-kinds.js';
import { compareText as cmp } from '../_internal/compare-text.js';

const iso = isoInstant;

type AlertSource = Pick<EntityState, 'kind' | 'id' | 'episodes' | 'evidence' | 'anchor'>;

/**
 * What an entity's alert would score, and whether any of its hits has a strength (only those are
 * reported): the score {@link buildAlert} gives, without building the document. The engine asks
 * this first, so that the many updates below the minimum score cost no alert.
 */
export function scoreOfEntity(state: AlertSource, config: EngineConfig): { readonly score: EntityScore; readonly anyStrength: boolean } {
  const scored: ScoredHit[] = [];
  let anyStrength = false;
  for (const list of state.episodes.values()) {
    for (const ep of list) {
      scored.push(ep.hit);
      if (ep.hit.strength > 0) anyStrength = true;
    }
  }
  if (state.evidence !== undefined) {
    const evidence = state.evidence;
    EVIDENCE_KINDS.forEach((_, k) => {
      if (evidenceOf(EVIDENCE_KINDS, evidence, k).length > 0) scored.push(EVIDENCE_SCORED[k] as ScoredHit);
    });
  }
  const last = lastScores.get(state);
  if (last !== undefined && last.config === config && sameHits(last.hits, scored)) return { score: last.score, anyStrength };
  const score = scoreHits(scored, config.typologies, config.familyOf);
  lastScores.set(state, { config, hits: scored, score });
  return { score, anyStrength };
}

/** The scoring stand-in of each evidence kind's records (strength 0), one object per kind: see {@link lastScores}. */
const EVIDENCE_SCORED: readonly ScoredHit[] = EVIDENCE_KINDS.map((kind) => ({ rule: kind.rule, strength: 0 }));

/**
 * The score {@link scoreOfEntity} last gave an entity, with the hits it was scored from. A monitor
 * scores an entity after every change, and most changes of a busy collector bring evidence to its
 * episodes without a new strongest hit: the same hit objects, so the same score (`scoreHits` reads
 * only the hits, which are never changed in place in what it reads — rule, strength, variant,
 * evidence ids — and the configuration). An episode's hit is replaced, never edited, when a merge
 * changes it, so comparing the hits by identity is exact.
 */
const lastScores = new WeakMap<AlertSource, { readonly config: EngineConfig; readonly hits: readonly ScoredHit[]; readonly score: EntityScore }>();

/** Whether two lists hold the same hit objects in the same order. */
function sameHits(a: readonly ScoredHit[], b: readonly ScoredHit[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Builds the `tidewatch/alert@1` document for an entity from its hit episodes and its compact
 * evidence (see evidence.ts); `score` when the caller has it already from {@link scoreOfEntity}
 * of the same state. `asReported` leaves the evidence hits out — the alert `reportedAlert` would
 * make of the whole one, without building hits only to drop them (an account can hold hundreds of
 * fan legs); the evidence still counts in the score and in `firstSeen` / `lastSeen`.
 */
export function buildAlert(state: AlertSource, config: EngineConfig, score?: EntityScore, asReported = false): Alert {
  const hits: AlertHit[] = [];
  const scored: ScoredHit[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const list of state.episodes.values()) {
    for (const ep of list) {
      scored.push(ep.hit);
      if (ep.from < first) first = ep.from;
      if (ep.to > last) last = ep.to;
      const hit: AlertHit = {
        rule: ep.hit.rule,
        indicators: [...ep.hit.indicators],
        strength: ep.hit.strength,
        window: { from: iso(ep.from), to: iso(ep.to) },
        transactionIds: [...ep.ids],
        transactionCount: ep.transactionCount,
        reason: episodeReason(ep),
        facts: { ...ep.hit.facts },
      };
      const related = relatedOf(ep.hit);
      if (related !== undefined) hit.related = related;
      hits.push(hit);
    }
  }
  if (state.evidence !== undefined) {
    const evidence = state.evidence;
    EVIDENCE_KINDS.forEach((kind, k) => {
      const records = evidenceOf(EVIDENCE_KINDS, evidence, k);
      if (records.length === 0) return;
      // Evidence scores nothing; listed for the network stage (reported alerts leave it out).
      scored.push({ rule: kind.rule, strength: 0 });
      for (const r of records) {
        if (kind.seenFrom(r) < first) first = kind.seenFrom(r);
        if (kind.to(r) > last) last = kind.to(r);
        if (!asReported) hits.push(kind.alertHit(r));
      }
    });
  }
  hits.sort(compareAlertHits);
  score ??= scoreHits(scored, config.typologies, config.familyOf);
  const engine = engineStamp(config);
  return {
    schema: ALERT_SCHEMA_ID,
    id: stableHash(`${state.kind}|${state.id}|${state.anchor ?? ''}`),
    entity: { kind: state.kind, id: state.id },
    score: score.score,
    band: score.band,
    typologies: score.typologies.map((t) => (t.error === undefined ? { id: t.id, score: t.score } : { id: t.id, score: t.score, error: t.error })),
    contributions: score.contributions.map((c) => ({ ...c })),
    hits,
    firstSeen: iso(first),
    lastSeen: iso(last),
    engine,
  };
}

/**
 * The links of an episode's strongest hit (account and party refs only, in the rule's order), or
 * undefined when it has none. Network alerts are formed from these (see `network.ts`).
 */
function relatedOf(hit: RuleHit): AlertHit['related'] {
  if (hit.related === undefined || hit.related.length === 0) return undefined;
  const out: NonNullable<AlertHit['related']> = [];
  for (const r of hit.related) if (r.kind === 'account' || r.kind === 'party') out.push({ kind: r.kind, id: r.id });
  return out.length === 0 ? undefined : out;
}

/**
 * The `engine` block of every alert the engine writes (entity, network and layering alerts): package
 * version, config hash, jurisdiction, and `asOf` / `jurisdictionUnverified` when they apply.
 * @internal
 */
export function engineStamp(config: Pick<EngineConfig, 'version' | 'hash' | 'profile' | 'asOf'>): Alert['engine'] {
  const engine: Alert['engine'] = { version: config.version, config: config.hash, jurisdiction: config.profile.code };
  if (config.asOf !== undefined) engine.asOf = config.asOf;
  if (config.profile.unverified) engine.jurisdictionUnverified = true;
  return engine;
}

/** Orders the hits of an alert: strongest first, then rule, window start and reason. */
export function compareAlertHits(a: AlertHit, b: AlertHit): number {
  return b.strength - a.strength || cmp(a.rule, b.rule) || cmp(a.window.from, b.window.from) || cmp(a.reason, b.reason);
}

/** Orders alerts for output: score, then entity, then id — a total, stable order. */
export function compareAlerts(a: Alert, b: Alert): number {
  return b.score - a.score || cmp(a.entity.kind, b.entity.kind) || cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id);
}
