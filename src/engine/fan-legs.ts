import { FAN_LEG_INDICATORS, fanLegReason, fanLegVariant, type FanLegFacts, type FanLegRole } from '../rules/flow/fan-leg.js';
import type { HitFacts } from '../rules/types.js';
import type { AlertHit } from '../scoring/alert.js';
import type { EvidenceKind } from './evidence.js';

/**
 * Fan legs as compact evidence (see evidence.ts). A leg or marker (a strength-0 `fan_leg` hit)
 * scores nothing and is never reported: the network stage (fan.ts) counts each hub's dedicated legs.
 * Nearly every quiet account raises some, so each is kept as its facts alone. A leg, void marker or
 * mutual marker spans its one transaction. A broad marker spans the lookback it counted, so the
 * markers of one broad period overlap: they merge into one record whose span is the whole period
 * (as their episode did) — what the fan stage reads to tell a payroll or a hawker's takings from a fan.
 */

/** @internal A fan leg as the engine keeps it: the hit's facts; a broad period adds its span and the markers merged into it. */
export type FanLegRecord = FanLegFacts | BroadPeriod;

/** @internal The merged markers of one broad period: the first marker's facts, the span of all, how many, the latest one's transaction. */
export type BroadPeriod = FanLegFacts & {
  readonly since: number;
  readonly until: number;
  readonly markers: number;
  readonly lastTx: string;
};

const ROLES: ReadonlySet<string> = new Set<FanLegRole>(['payer', 'payee', 'busy_payer', 'busy_payee', 'broad_payer', 'broad_payee', 'mutual']);
const isBroadRole = (role: FanLegRole): boolean => role === 'broad_payer' || role === 'broad_payee';
const isBroad = (r: FanLegRecord): r is BroadPeriod => 'since' in r;
/** Legs and mutual markers are one per hub; void and broad markers one per side. */
const sameEvidence = (a: FanLegRecord, b: FanLegRecord): boolean => a.role === b.role && (a.hub === b.hub || a.role.startsWith('busy_') || isBroadRole(a.role));
const iso = (ms: number): string => new Date(ms).toISOString();
const day = (ms: number): string => iso(ms).slice(0, 10);

/** The facts of a record (without a broad period's span), as the rule stated them. */
function factsOf(r: FanLegRecord): FanLegFacts {
  return { role: r.role, hub: r.hub, tx: r.tx, ts: r.ts, amount: r.amount, degree: r.degree, lookbackDays: r.lookbackDays };
}

/** Start of a record's span: its transaction, or a broad period's start. @internal */
export function fanLegFrom(r: FanLegRecord): number {
  return isBroad(r) ? r.since : r.ts;
}

/** End of a record's span: its transaction, or a broad period's latest marker. @internal */
export function fanLegTo(r: FanLegRecord): number {
  return isBroad(r) ? r.until : r.ts;
}

/**
 * The alert hit of a record, as its episode gave it: the rule's sentence and facts. A broad period
 * lists its first and latest markers' transactions and counts all of them; its sentence (the first
 * marker's) says how many merged over which days, as an episode's did.
 * @internal
 */
export function fanLegAlertHit(r: FanLegRecord): AlertHit {
  const f = factsOf(r);
  const base = { rule: 'fan_leg', indicators: [...FAN_LEG_INDICATORS], strength: 0, facts: { ...(f as unknown as HitFacts) } };
  if (!isBroad(r)) return { ...base, window: { from: iso(r.ts), to: iso(r.ts) }, transactionIds: [r.tx], transactionCount: 1, reason: fanLegReason(f) };
  const ids = r.markers > 1 ? [r.tx, r.lastTx] : [r.tx];
  return { ...base, window: { from: iso(r.since), to: iso(r.until) }, transactionIds: ids, transactionCount: r.markers, reason: fanLegRecordReason(r) };
}

/** The sentence of a record's alert hit: the rule's, and for merged broad markers how many over which days. @internal */
export function fanLegRecordReason(r: FanLegRecord): string {
  const f = factsOf(r);
  return isBroad(r) && r.markers > 1
    ? `${fanLegReason(f)} [First of the ${r.markers} overlapping markers merged here (the first and the latest listed), ${day(r.since)} to ${day(r.until)}.]`
    : fanLegReason(f);
}

/** The record an alert hit of a fan leg was built from (the inverse of {@link fanLegAlertHit}). @internal */
export function fanLegRecordOfAlertHit(hit: AlertHit): FanLegRecord {
  const f = factsOf(hit.facts as unknown as FanLegFacts);
  if (!isBroadRole(f.role)) return f;
  return { ...f, since: Date.parse(hit.window.from), until: Date.parse(hit.window.to), markers: hit.transactionCount, lastTx: hit.transactionIds[hit.transactionIds.length - 1] ?? f.tx };
}

/** Whether a value read from a checkpoint is a fan leg record. @internal */
export function isFanLegRecord(x: unknown): x is FanLegRecord {
  if (x === null || typeof x !== 'object') return false;
  const f = x as Record<string, unknown>;
  const num = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  if (!(ROLES.has(f['role'] as string) && typeof f['hub'] === 'string' && typeof f['tx'] === 'string' && [f['ts'], f['amount'], f['degree'], f['lookbackDays']].every(num))) return false;
  if (!('since' in f)) return !isBroadRole(f['role'] as FanLegRole);
  return isBroadRole(f['role'] as FanLegRole) && num(f['since']) && num(f['until']) && num(f['markers']) && typeof f['lastTx'] === 'string';
}

/**
 * Fan legs as an evidence kind: the record is the hit's facts (copied into one shape); a broad
 * marker becomes a broad period spanning its window, and an overlapping marker of the same side
 * extends it. A duplicate leg (the same role and hub at the same time) is dropped.
 * @internal
 */
export const fanLegEvidence: EvidenceKind<FanLegRecord> = {
  rule: 'fan_leg',
  record(hit) {
    const f = factsOf(hit.facts as unknown as FanLegFacts);
    return isBroadRole(f.role) ? { ...f, since: hit.window.from, until: hit.window.to, markers: 1, lastTx: f.tx } : f;
  },
  from: fanLegFrom,
  to: fanLegTo,
  // A broad period's evidence starts at its first marker, not at the lookback that marker counted.
  seenFrom: (r) => r.ts,
  same: sameEvidence,
  variant: (r) => fanLegVariant(r),
  merge(earlier, later) {
    if (!isBroad(earlier) || !isBroad(later)) return undefined;
    return { ...earlier, since: Math.min(earlier.since, later.since), until: Math.max(earlier.until, later.until), markers: earlier.markers + later.markers, lastTx: later.lastTx };
  },
  alertHit: fanLegAlertHit,
  reason: fanLegRecordReason,
  recordOfAlertHit: fanLegRecordOfAlertHit,
  isRecord: isFanLegRecord,
  owns: (r) => typeof r === 'object' && r !== null && 'role' in r,
};
