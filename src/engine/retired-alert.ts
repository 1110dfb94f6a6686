import type { Alert } from '../scoring/alert.js';
import { flat } from '../_internal/flat-string.js';
import { compareAlertHits } from './build-alert.js';
import { evidenceOf, type Evidence, type EvidenceKind } from './evidence.js';
import { EVIDENCE_KINDS, isEvidenceHit } from './evidence-kinds.js';
import { candidateOf, candidateOfParts, type NetworkCandidate } from './network-candidate.js';

/**
 * A final alert kept for the network alerts at the end of the run, as JSON text: a third of the
 * memory of the object graph (measured 9 KB → 3 KB per alert), and it is read once, at the end.
 * Its strength-0 evidence hits (fan legs, layering hops) are kept as the entity's compact records,
 * not as the alert hits they expand into: an account with a score of 0 is kept only for its
 * evidence, and a fan leg's alert hit is 3.6 times its record (402 against 112 characters of JSON
 * for a leg of the bench file). On a 540-day stream these
 * alerts were most of the state that grew with the length of history.
 */
export interface RetiredAlert {
  /** Epoch ms of the alert's `lastSeen`. */
  readonly lastSeen: number;
  /** The alert without its evidence hits when `evidence` is set, else the whole alert. */
  readonly json: string;
  /** The evidence records of each kind (by index into EVIDENCE_KINDS), as JSON; absent when the alert is kept whole. */
  readonly evidence?: string;
}

/**
 * The form in which a final alert is kept. With the entity's evidence (the records the alert's
 * evidence hits were built from, see buildAlert), those hits are kept as the records; without it
 * (an alert read back from a checkpoint) the alert is kept whole.
 */
export function retire(alert: Alert, evidence?: Evidence): RetiredAlert {
  const lastSeen = Date.parse(alert.lastSeen);
  // JSON.stringify builds a long result as a tree of parts: kept flat (see flat-string.ts).
  if (evidence === undefined) return { lastSeen, json: flat(JSON.stringify(alert)) };
  const records = EVIDENCE_KINDS.map((_, k) => evidenceOf(EVIDENCE_KINDS, evidence, k));
  const hits = alert.hits.some(isEvidenceHit) ? alert.hits.filter((h) => !isEvidenceHit(h)) : alert.hits;
  return { lastSeen, json: flat(JSON.stringify(hits === alert.hits ? alert : { ...alert, hits })), evidence: flat(JSON.stringify(records)) };
}

/**
 * The network candidate a kept alert stands for: the alert without its evidence hits and the
 * records they were built from, as kept — no hit is rebuilt (an alert kept whole, from a checkpoint,
 * has its evidence hits turned back into records).
 */
export function reviveCandidate(r: RetiredAlert): NetworkCandidate {
  const alert = JSON.parse(r.json) as Alert;
  if (r.evidence === undefined) return candidateOf(alert);
  return candidateOfParts(alert, JSON.parse(r.evidence) as unknown[][]);
}

/**
 * The alert a kept one stands for, equal to the one retired: the evidence hits are rebuilt from
 * their records and the hits put back in the alert's order (a stable sort by the alert's own
 * comparator over the same hits in the order buildAlert listed them).
 */
export function revive(r: RetiredAlert): Alert {
  const alert = JSON.parse(r.json) as Alert;
  if (r.evidence === undefined) return alert;
  const records = JSON.parse(r.evidence) as unknown[][];
  const rebuilt = records.flatMap((list, k) => list.map((record) => (EVIDENCE_KINDS[k] as EvidenceKind<unknown>).alertHit(record)));
  const hits = [...alert.hits, ...rebuilt].sort(compareAlertHits);
  // Through JSON, as the whole alert was: the same values and key order, nothing undefined.
  return JSON.parse(JSON.stringify({ ...alert, hits })) as Alert;
}
