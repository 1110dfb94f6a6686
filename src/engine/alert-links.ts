import type { Alert, AlertHit } from '../scoring/alert.js';

/**
 * What the network stage's components pass reads of an entity alert: who it is, its score, and
 * each hit's rule, strength, facts and links. Not the evidence ids, sentences, windows, typologies
 * or contributions: on the 1M-row bench file the pass reads every scored alert of the run at once
 * (tens of thousands), and those were most of their memory. A component's network alert reads its
 * members' whole alerts again (`networkOf`). An {@link Alert} is one as it is.
 * @internal
 */
export interface AlertLinks {
  readonly entity: Alert['entity'];
  readonly score: number;
  readonly hits: readonly HitLinks[];
}

/** What {@link AlertLinks} keeps of a hit. @internal */
export type HitLinks = Pick<AlertHit, 'rule' | 'strength' | 'facts' | 'related'>;

/** The {@link AlertLinks} of an alert, copied out of it so that the rest of it can be let go. @internal */
export function linksOfAlert(a: Alert): AlertLinks {
  return {
    entity: a.entity,
    score: a.score,
    hits: a.hits.map((h): HitLinks => (h.related === undefined ? { rule: h.rule, strength: h.strength, facts: h.facts } : { rule: h.rule, strength: h.strength, facts: h.facts, related: h.related })),
  };
}
