import type { EntityRef, RuleHit } from '../rules/types.js';
import { flat } from '../_internal/flat-string.js';

/** Most transaction ids kept per episode (the count of all is in `transactionCount`). */
export const MAX_EPISODE_IDS = 1000;
/** Most episodes kept per rule variant per entity; the oldest go first. */
export const MAX_EPISODES_PER_KEY = 20;

/**
 * Hits of one rule (and variant) on one entity whose windows overlap, merged: the window is the
 * union, the evidence the union of transaction ids (in time order), and the reason and facts
 * those of the strongest hit (the alert says so, see {@link episodeReason}); a collector's
 * episode names every payer any of its hits named. Episodes only grow, so a raised hit is never withdrawn by more data.
 */
export interface Episode {
  readonly key: string;
  hit: RuleHit;
  from: number;
  to: number;
  ids: string[];
  /**
   * The evidence ids merged so far that may still come again, each with the end (`window.to`) of
   * the hit that first brought it: ids of events that left every window can never be listed by a
   * later hit, so {@link pruneEpisodes} forgets them and memory follows the window, not the history.
   */
  seen: Map<string, number>;
  /** Distinct evidence ids ever merged into the episode (exact, also past the pruned ones). */
  transactionCount: number;
}

/**
 * Makes the hit's reason one flat string before an episode keeps it (see {@link flat}): a rule's
 * sentence built by template concatenation costs about 440 bytes as V8's tree of partial strings,
 * 250 flat (fee_match keeps a hit on a tenth of the bench file's events).
 */
function keepReason(hit: RuleHit): RuleHit {
  flat(hit.reason);
  return hit;
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
    const ids = hit.transactionIds;
    for (let i = repeatedRun(last, ids); i < ids.length; i++) {
      const id = ids[i] as string;
      if (!last.seen.has(id)) {
        last.seen.set(id, hit.window.to);
        last.transactionCount++;
        if (last.ids.length < MAX_EPISODE_IDS) last.ids.push(id);
        changed = true;
      }
    }
    mergedIds.set(last, ids);
    if (hit.window.from < last.from) last.from = hit.window.from;
    if (hit.window.to > last.to) {
      last.to = hit.window.to;
      changed = true;
    }
    if (hit.strength > last.hit.strength) {
      if (namesPayers(hit)) {
        const before = relatedOfEpisode(last);
        namedPayers.delete(last);
        last.hit = keepReason(hit);
        withRelatedOf(last, before);
      } else {
        last.hit = keepReason(hit);
        namedPayers.delete(last);
      }
      changed = true;
    } else if (namesPayers(hit) && withRelatedOf(last, hit.related ?? [])) {
      changed = true;
    }
    return changed;
  }
  const ids = hit.transactionIds.slice(0, MAX_EPISODE_IDS);
  const seen = new Map<string, number>();
  for (const id of hit.transactionIds) seen.set(id, hit.window.to);
  const ep: Episode = { key, hit: keepReason(hit), from: hit.window.from, to: hit.window.to, ids, seen, transactionCount: hit.transactionIds.length };
  mergedIds.set(ep, hit.transactionIds);
  list.push(ep);
  if (list.length > MAX_EPISODES_PER_KEY) list.shift();
  return true;
}

/**
 * The evidence ids of the hit merged last into an episode, while every one of them is still in its
 * `seen` ({@link pruneEpisodes} drops the entry when it forgets any id of the episode). A collector
 * that fires again lists mostly the same evidence as its previous hit, its window having moved on
 * by a few events at either end: the run the two lists share needs no look-up in `seen`, only a
 * comparison of ids, so a re-fired hit costs the merge its new evidence, not its whole window.
 * Not checkpointed: a restored episode merges its next hit id by id.
 */
const mergedIds = new WeakMap<Episode, readonly string[]>();

/**
 * How many of `ids`' first entries are known to be merged into the episode already: the run from
 * `ids[0]` on that repeats, in order, the ids of the hit merged last (see {@link mergedIds}); 0 when
 * the episode has no such list or `ids[0]` is not in it. Only a shortcut: every id after the run is
 * looked up in `seen` as before, so the merge is the same with or without it.
 */
function repeatedRun(ep: Episode, ids: readonly string[]): number {
  const previous = mergedIds.get(ep);
  // The same array again may have been added to since (a rule keeping its evidence list): no shortcut.
  if (previous === undefined || previous === ids || ids.length === 0) return 0;
  let j = previous.indexOf(ids[0] as string);
  if (j < 0) return 0;
  let i = 0;
  while (i < ids.length && j < previous.length && ids[i] === previous[j]) {
    i++;
    j++;
  }
  return i;
}

/**
 * Whether a hit names the payers of a collecting account: the collector variants that count payer
 * families (`payerClusters`: `debt_repayment`'s collector, `wage_diversion`'s agent). A payer seen
 * by one such hit stays a payer, so their episode names everyone any of its hits named; other
 * rules' links describe one hit's moment and stay the strongest hit's.
 */
function namesPayers(hit: RuleHit): boolean {
  return typeof hit.facts['payerClusters'] === 'number' && hit.related !== undefined && hit.related.length > 0;
}

/**
 * The accumulated links of a collector episode (see {@link namesPayers}) and their keys. `list` is
 * the episode's own copy once a merge has added to it (until then the rule's array is shared and
 * left untouched).
 */
interface RelatedUnion {
  list: EntityRef[] | undefined;
  readonly keys: Set<string>;
}

/**
 * Collector episodes' links, kept beside the episode so that a merge costs the new hit's links,
 * not the whole list again: a busy agent's episode names thousands of payers and takes a hit on
 * most of their payments. Rebuilt from `ep.hit.related` when absent (a restored checkpoint).
 */
const namedPayers = new WeakMap<Episode, RelatedUnion>();

const refKey = (r: EntityRef): string => `${r.kind}:${r.id}`;

/** The links the episode's hit names (its own list when it has one). */
function relatedOfEpisode(ep: Episode): readonly EntityRef[] {
  return namedPayers.get(ep)?.list ?? ep.hit.related ?? [];
}

/**
 * Appends to the episode's hit the entities of `extra` it does not yet name (first-named order,
 * each once); returns whether any was added. An episode names everyone its merged hits named (see
 * {@link namesPayers}): a collector's later, no stronger hit naming one more payer must not lose it.
 */
function withRelatedOf(ep: Episode, extra: readonly EntityRef[]): boolean {
  let union = namedPayers.get(ep);
  if (union === undefined) {
    union = { list: undefined, keys: new Set((ep.hit.related ?? []).map(refKey)) };
    namedPayers.set(ep, union);
  }
  let added = false;
  for (const r of extra) {
    const key = refKey(r);
    if (union.keys.has(key)) continue;
    union.keys.add(key);
    if (union.list === undefined) {
      union.list = [...(ep.hit.related ?? [])];
      ep.hit = { ...ep.hit, related: union.list };
    }
    union.list.push(r);
    added = true;
  }
  return added;
}

/**
 * The sentence an alert shows for an episode: its strongest hit's reason, whose numbers describe
 * that hit alone. When overlapping hits brought more evidence than the strongest one lists, a note
 * says so, so that the sentence ("in 15 payments") never seems to disagree with the evidence
 * listed beside it (42 ids): `… [Strongest of the overlapping hits merged here: it lists 15 of the
 * 42 evidence transactions, 2024-01-03 to 2024-02-10.]`
 */
export function episodeReason(ep: Pick<Episode, 'hit' | 'from' | 'to' | 'transactionCount'>): string {
  const own = ep.hit.transactionIds.length;
  if (ep.transactionCount <= own) return ep.hit.reason;
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return `${ep.hit.reason} [Strongest of the overlapping hits merged here: it lists ${own} of the ${ep.transactionCount} evidence transactions, ${day(ep.from)} to ${day(ep.to)}.]`;
}

/**
 * Forgets the evidence ids that no later hit can list again: those first brought by a hit that
 * ended before `horizon` (the oldest time any window of the entity can still reach). Exact: a later
 * hit lists only events inside its window, all at or after `horizon`. Returns the ids forgotten.
 */
export function pruneEpisodes(episodes: ReadonlyMap<string, Episode[]>, horizon: number): number {
  let forgotten = 0;
  for (const list of episodes.values()) {
    for (const ep of list) {
      if (ep.from >= horizon) continue; // every id came with a hit ending at or after `from`
      if (ep.to < horizon) {
        forgotten += ep.seen.size;
        ep.seen.clear();
        mergedIds.delete(ep);
        continue;
      }
      for (const [id, to] of ep.seen) {
        if (to < horizon) {
          ep.seen.delete(id);
          mergedIds.delete(ep);
          forgotten++;
        }
      }
    }
  }
  return forgotten;
}

/**
 * Whether an episode ended before `horizon`. The engine passes the longest retention of any rule
 * (the oldest time any window can still reach): such an episode can take no more hits, and the
 * case has grown past the engine's memory. The engine then closes the case — the alert is final,
 * as if the entity had been evicted — and a later hit opens a new case with its own alert id. A
 * case therefore spans at most about one retention period of hits beyond its first episode;
 * without this, an always-active account kept up to 20 episodes per rule from its whole history
 * (state grew with the length of the input, not with the window: 2.05× the state for 3× the
 * history on the same accounts).
 */
export function hasEndedBefore(episodes: ReadonlyMap<string, readonly Episode[]>, horizon: number): boolean {
  for (const list of episodes.values()) for (const ep of list) if (ep.to < horizon) return true;
  return false;
}
