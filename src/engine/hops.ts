import type { HitFacts, RuleHit } from '../rules/types.js';
import { HOP_INDICATORS, hopReason, type HopFacts } from '../rules/flow/layering-hop.js';
import type { AlertHit } from '../scoring/alert.js';

/**
 * Layering hops kept as compact evidence. A hop (a strength-0 `layering_hop` hit) scores nothing and
 * is never reported: the network stage joins hops into cycles, scatter-gathers and gather-scatter hubs.
 * Kept as a hit episode it cost about 1.1 KB (the hit with its reason, window, evidence list and
 * entity, the episode with its de-duplication map); kept as its facts alone, about 0.2 KB — and on
 * a Zipf-random bank file one account evaluation in seven finds a hop. The alert hit is rebuilt from
 * the facts when an alert is built (the same hit an episode gave).
 */

/** The time span of a hop: its two transactions. @internal */
export function hopFrom(f: HopFacts): number {
  return Math.min(f.inTs, f.outTs);
}

/** The end of a hop's span: its newer transaction — the event that found it, so a list in discovery order is in `hopTo` order. @internal */
export function hopTo(f: HopFacts): number {
  return Math.max(f.inTs, f.outTs);
}

/**
 * Adds a hop to an entity's list unless the list has the same hop (same sender and recipient) whose
 * span reaches the new one's — the episode rule for one variant: overlapping hits of one
 * (sender, recipient) pair name the same two transactions, because each is new to the account
 * (a single transfer in the lookback) and a pair spans at most `pairDays`. Returns whether it was added.
 * @internal
 */
export function addHop(list: HopFacts[], f: HopFacts): boolean {
  const from = hopFrom(f);
  // Newest first; hops found before `from` cannot overlap (the list is in discovery = hopTo order), so the scan reads only the pair window.
  for (let i = list.length - 1; i >= 0; i--) {
    const h = list[i] as HopFacts;
    if (hopTo(h) < from) break;
    if (h.from === f.from && h.to === f.to) return false;
  }
  list.push(f);
  return true;
}

/** The hop facts of a layering-hop hit. @internal */
export function hopFactsOf(hit: RuleHit): HopFacts {
  return hit.facts as unknown as HopFacts;
}

/** Whether a hop of the list ended before `horizon` (it closes the case like an episode; see `hasEndedBefore`). @internal */
export function hopEndedBefore(list: readonly HopFacts[], horizon: number): boolean {
  for (const h of list) if (hopTo(h) < horizon) return true;
  return false;
}

/** The alert hit of a hop, as its episode gave it: evidence in time order, the rule's sentence. @internal */
export function hopAlertHit(f: HopFacts): AlertHit {
  const inFirst = f.inTs < f.outTs || (f.inTs === f.outTs && f.inTx < f.outTx);
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    rule: 'layering_hop',
    indicators: [...HOP_INDICATORS],
    strength: 0,
    window: { from: iso(hopFrom(f)), to: iso(hopTo(f)) },
    transactionIds: inFirst ? [f.inTx, f.outTx] : [f.outTx, f.inTx],
    transactionCount: 2,
    reason: hopReason(f),
    facts: { ...(f as unknown as HitFacts) },
  };
}

/** Whether a value read from a checkpoint is a hop's facts. @internal */
export function isHopFacts(x: unknown): x is HopFacts {
  if (x === null || typeof x !== 'object') return false;
  const f = x as Record<string, unknown>;
  return typeof f['from'] === 'string' && typeof f['to'] === 'string' && typeof f['inTx'] === 'string' && typeof f['outTx'] === 'string'
    && [f['inAmount'], f['outAmount'], f['inTs'], f['outTs'], f['known']].every((v) => typeof v === 'number' && Number.isFinite(v));
}
