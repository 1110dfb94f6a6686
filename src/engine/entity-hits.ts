import type { RuleHit } from '../rules/types.js';
import type { EntityState } from './core.js';
import type { CoreSnapshot } from './core-snapshot.js';
import type { Episode } from './episodes.js';
import { addEvidence, evidenceOf, type Evidence, type EvidenceKind } from './evidence.js';
import { EVIDENCE_KINDS, evidenceKindIndex, isEvidenceHit } from './evidence-kinds.js';
import { hopEvidence } from './hops.js';

// What an entity has found — hit episodes and compact strength-0 evidence — as the core keeps it,
// and how that goes into a checkpoint and comes back.

/** Shared by entities without hits (most of them); replaced by a Map of their own at the first hit. Never written. */
export const NO_EPISODES: Map<string, Episode[]> = /* @__PURE__ */ new Map();

/** The checkpoint form of one entity's hits: its anchor, episodes and evidence. */
export function hitsSnapshot(state: EntityState): Pick<CoreSnapshot['entities'][number], 'anchor' | 'episodes' | 'evidence'> {
  return {
    anchor: state.anchor ?? null,
    episodes: [...state.episodes.values()].flat().map((ep) => ({
      key: ep.key, hit: ep.hit, from: ep.from, to: ep.to, ids: ep.ids, seen: [...ep.seen], transactionCount: ep.transactionCount,
    })),
    ...(state.evidence === undefined ? {} : { evidence: evidenceSnapshot(state.evidence) }),
  };
}

/** Puts an entity's hits back from its checkpoint form, including the forms older checkpoints used. */
export function restoreHits(state: EntityState, e: CoreSnapshot['entities'][number]): void {
  state.anchor = e.anchor ?? undefined;
  // Evidence is listed by rule; it is added back in `to` order over all kinds (stable: each kind's order is kept), as it was found.
  const found: [number, unknown][] = [];
  // Checkpoints from before the evidence kinds list layering hops as `hops`.
  for (const f of e.hops ?? []) found.push([evidenceKindIndex(hopEvidence.rule), f]);
  for (const [rule, records] of Object.entries(e.evidence ?? {})) for (const r of records) found.push([evidenceKindIndex(rule), r]);
  for (const ep of e.episodes) {
    // Checkpoints from before compact evidence keep it as episodes.
    if (isEvidenceHit(ep.hit)) {
      const k = evidenceKindIndex(ep.hit.rule);
      found.push([k, (EVIDENCE_KINDS[k] as EvidenceKind<unknown>).record(ep.hit)]);
      continue;
    }
    if (state.episodes === NO_EPISODES) state.episodes = new Map();
    const list = state.episodes.get(ep.key) ?? [];
    // Checkpoints from before pruning list `all` ids without times: each counts as brought by the episode's last hit.
    const seen = new Map<string, number>(ep.seen ?? (ep.all ?? []).map((id): [string, number] => [id, ep.to]));
    list.push({ key: ep.key, hit: ep.hit, from: ep.from, to: ep.to, ids: [...ep.ids], seen, transactionCount: ep.transactionCount });
    state.episodes.set(ep.key, list);
  }
  const toOf = ([k, r]: [number, unknown]): number => (EVIDENCE_KINDS[k] as EvidenceKind<unknown>).to(r);
  found.sort((a, b) => toOf(a) - toOf(b));
  for (const [k, r] of found) addEvidenceRecord(state, k, r);
}

/** Adds the record of an evidence hit (kind index `k`) to the entity; returns whether anything changed. */
export function addEvidenceHit(state: EntityState, k: number, hit: RuleHit): boolean {
  return addEvidenceRecord(state, k, (EVIDENCE_KINDS[k] as EvidenceKind<unknown>).record(hit));
}

/** Adds an evidence record of kind index `k` to the entity; returns whether anything changed. */
export function addEvidenceRecord(state: EntityState, k: number, r: unknown): boolean {
  const list = addEvidence(EVIDENCE_KINDS, state.evidence, k, r as object);
  if (list === undefined) return false;
  state.evidence = list;
  return true;
}

/** The checkpoint form of an entity's evidence: records by rule id, kinds without any left out. */
function evidenceSnapshot(evidence: Evidence): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  EVIDENCE_KINDS.forEach((kind, k) => {
    const records = evidenceOf(EVIDENCE_KINDS, evidence, k);
    if (records.length > 0) out[kind.rule] = records;
  });
  return out;
}
