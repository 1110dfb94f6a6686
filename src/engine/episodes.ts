import type { RuleHit } from '../rules/types.js';

/** Most transaction ids kept per episode (the count of all is in `transactionCount`). */
export const MAX_EPISODE_IDS = 1000;
/** Most episodes kept per rule variant per entity; the oldest go first. */
export const MAX_EPISODES_PER_KEY = 20;

/**
 * Hits of one rule (and variant) on one entity whose windows overlap, merged: the window is the
 * union, the evidence the union of transaction ids (in time order), and the reason and facts
 * those of the strongest hit. Episodes only grow, so a raised hit is never withdrawn by more data.
 */
export interface Episode {
  readonly key: string;
  hit: RuleHit;
  from: number;
  to: number;
  ids: string[];
  idSet: Set<string>;
  transactionCount: number;
}

/** Adds a hit to an entity's episodes; returns true if anything changed. */
export function addHit(episodes: Map<string, Episode[]>, hit: RuleHit): boolean {
  const key = hit.variant === undefined ? hit.rule : `${hit.rule}|${hit.variant}`;
  let list = episodes.get(key);
  if (list === undefined) {
    list = [];
    episodes.set(key, list);
  }
  const last = list[list.length - 1];
  if (last !== undefined && hit.window.from <= last.to) {
    let changed = false;
    for (const id of hit.transactionIds) {
      if (!last.idSet.has(id)) {
        last.idSet.add(id);
        last.transactionCount++;
        if (last.ids.length < MAX_EPISODE_IDS) last.ids.push(id);
        changed = true;
      }
    }
    if (hit.window.from < last.from) last.from = hit.window.from;
    if (hit.window.to > last.to) {
      last.to = hit.window.to;
      changed = true;
    }
    if (hit.strength > last.hit.strength) {
      last.hit = hit;
      changed = true;
    }
    return changed;
  }
  const ids = hit.transactionIds.slice(0, MAX_EPISODE_IDS);
  list.push({ key, hit, from: hit.window.from, to: hit.window.to, ids, idSet: new Set(hit.transactionIds), transactionCount: hit.transactionIds.length });
  if (list.length > MAX_EPISODES_PER_KEY) list.shift();
  return true;
}
