import type { Alert, AlertHit } from '../scoring/alert.js';

/**
 * The hit that best explains an alert: the strongest hit of the rule earning the most base points
 * (contributions with a weight of at least 1; lighter weights are context multipliers), or the
 * first hit when no rule earns base points. Context hits (round amounts) never lead when a
 * pattern hit exists.
 * @example leadingHit(alert)?.reason
 */
export function leadingHit(alert: Alert): AlertHit | undefined {
  const base = alert.contributions.filter((c) => c.weight >= 1 && c.points > 0).sort((a, b) => b.points - a.points);
  for (const c of base) {
    const hits = alert.hits.filter((h) => h.rule === c.rule);
    if (hits.length > 0) return hits.reduce((best, h) => (h.strength > best.strength ? h : best));
  }
  return alert.hits[0];
}
