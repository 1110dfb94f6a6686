import { CASH_SITE_INDICATORS, cashSiteReason, type CashSiteFacts } from '../rules/debt/cash-site.js';
import type { HitFacts } from '../rules/types.js';
import type { AlertHit } from '../scoring/alert.js';
import type { EvidenceKind } from './evidence.js';

/**
 * Cash events at a site as compact evidence (see evidence.ts). A `cash_site` hit (strength 0)
 * scores nothing and is never reported: the network stage (cash-joins.ts) joins the records of many
 * accounts into shared card sessions and cash hand-overs. Each is kept as its six facts; one record
 * per transaction (a hit found again is a duplicate). A record spans from its event to the event
 * that recorded it (`found`: the same, or a later cash event at the site that made it recur), so
 * records are listed in the order found.
 */

const iso = (ms: number): string => new Date(ms).toISOString();

/** The facts of a record in one shape (field order fixed: records are packed by shape). */
function factsOf(f: CashSiteFacts): CashSiteFacts {
  return { cash: f.cash, loc: f.loc, tx: f.tx, ts: f.ts, amount: f.amount, found: f.found };
}

/** The alert hit of a record, as its episode would give it. @internal */
export function cashSiteAlertHit(f: CashSiteFacts): AlertHit {
  return {
    rule: 'cash_site',
    indicators: [...CASH_SITE_INDICATORS],
    strength: 0,
    window: { from: iso(f.ts), to: iso(f.ts) },
    transactionIds: [f.tx],
    transactionCount: 1,
    reason: cashSiteReason(f),
    facts: { ...(factsOf(f) as unknown as HitFacts) },
  };
}

/** Whether a value read from a checkpoint is a cash-site record. @internal */
export function isCashSiteRecord(x: unknown): x is CashSiteFacts {
  if (x === null || typeof x !== 'object') return false;
  const f = x as Record<string, unknown>;
  return (f['cash'] === 'w' || f['cash'] === 'd') && typeof f['loc'] === 'string' && typeof f['tx'] === 'string'
    && [f['ts'], f['amount'], f['found']].every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Cash-site records as an evidence kind: the record is the hit's facts; one per transaction.
 * @internal
 */
export const cashSiteEvidence: EvidenceKind<CashSiteFacts> = {
  rule: 'cash_site',
  record: (hit) => factsOf(hit.facts as unknown as CashSiteFacts),
  from: (f) => f.ts,
  to: (f) => f.found,
  seenFrom: (f) => f.ts,
  same: (a, b) => a.tx === b.tx,
  variant: (f) => f.tx,
  alertHit: cashSiteAlertHit,
  reason: cashSiteReason,
  recordOfAlertHit: (hit) => factsOf(hit.facts as unknown as CashSiteFacts),
  isRecord: isCashSiteRecord,
  owns: (r) => typeof r === 'object' && r !== null && 'cash' in r,
};
