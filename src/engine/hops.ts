import type { HitFacts } from '../rules/types.js';
import { HOP_INDICATORS, hopReason, type HopFacts } from '../rules/flow/layering-hop.js';
import type { AlertHit } from '../scoring/alert.js';
import type { EvidenceKind } from './evidence.js';

/**
 * Layering hops as compact evidence (see evidence.ts). A hop (a strength-0 `layering_hop` hit)
 * scores nothing and is never reported: the network stage joins hops into cycles, scatter-gathers
 * and gather-scatter hubs. Kept as its facts alone it costs about 0.2 KB instead of an episode's 1.1 KB.
 */

/** The time span of a hop: its two transactions. @internal */
export function hopFrom(f: HopFacts): number {
  return Math.min(f.inTs, f.outTs);
}

/** The end of a hop's span: its newer transaction — the event that found it, so a list in discovery order is in `hopTo` order. @internal */
export function hopTo(f: HopFacts): number {
  return Math.max(f.inTs, f.outTs);
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

/**
 * Layering hops as an evidence kind: the record is the hop's facts; one hop per (sender,
 * recipient) while their spans overlap — overlapping hits of one pair name the same two
 * transactions, because each is new to the account (a single transfer in the lookback) and a pair
 * spans at most `pairDays`.
 * @internal
 */
export const hopEvidence: EvidenceKind<HopFacts> = {
  rule: 'layering_hop',
  record: (hit) => hit.facts as unknown as HopFacts,
  from: hopFrom,
  to: hopTo,
  seenFrom: hopFrom,
  same: (a, b) => a.from === b.from && a.to === b.to,
  variant: (f) => `${f.from}>${f.to}`,
  alertHit: hopAlertHit,
  reason: hopReason,
  recordOfAlertHit: (hit) => ({ ...hit.facts }) as unknown as HopFacts,
  isRecord: isHopFacts,
  owns: (r) => typeof r === 'object' && r !== null && 'inTx' in r,
};
