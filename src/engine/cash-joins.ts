import type { Alert } from '../scoring/alert.js';
import { cashSiteOf, type CashSiteFacts } from '../rules/debt/cash-site.js';
import { DAY_MS } from '../rules/_lib.js';
import { isCashSiteRecord } from './cash-sites.js';
import { compareText as cmp } from '../_internal/compare-text.js';
import { zoneOffset } from '../_internal/zone.js';
import { evidenceKindIndex } from './evidence-kinds.js';
import { structureAlert } from './layering-alert.js';
import { candidateRecords, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity, compareCandidates } from './packed-candidates.js';
import type { NetworkConfig } from './network.js';
import type { AgentsOf } from './network-of.js';

/**
 * Longest time (30 minutes, inclusive) between two holders' withdrawals at one ATM for them to
 * share a card session (MS-DEBT-04). The scenario bank's collector withdraws a crew's wages card
 * after card, a few minutes apart (*proposed*).
 * @category Engine
 */
export const CARD_SESSION_MS = 30 * 60_000;
/** Fewest distinct local days (the jurisdiction's calendar) on which two holders share a card session before it counts: the same pair, not mere co-location (*proposed*). @category Engine */
export const CARD_SESSION_MIN_DAYS = 3;
/**
 * Fewest distinct local days on which a further card shares sessions with a repeated pair's accounts
 * for it to join their network: a crew member whose card the collector missed on a payday or two
 * (*proposed*). A network still needs one pair repeated on {@link CARD_SESSION_MIN_DAYS}.
 * @category Engine
 */
export const CARD_SESSION_JOIN_DAYS = 2;
/** Fewest distinct holders whose cards share sessions for a card-session network (a couple sharing an ATM is two) (*proposed*). @category Engine */
export const CARD_SESSION_MIN_HOLDERS = 3;
/**
 * Longest time (2 hours, inclusive) from a cash withdrawal to a deposit into another holder's
 * account at the same site for a cash hand-over (MS-DEBT-05) (*proposed*).
 * @category Engine
 */
export const CASH_HANDOVER_MS = 2 * 3_600_000;
/** Fewest distinct local days (the jurisdiction's calendar) with a hand-over from one payer to one collector (*proposed*). @category Engine */
export const CASH_HANDOVER_MIN_DAYS = 3;
/**
 * The deposit of a hand-over is 90–125 % of the withdrawal (in percent): the same cash, perhaps with
 * a little added (*proposed*; the scenario bank's payers add up to 50 of the currency).
 * @category Engine
 */
export const CASH_HANDOVER_AMOUNT_PERCENT: readonly [number, number] = [90, 125];
/** Most accounts in one cash join's network alert (the network stage's default member limit, 25). @category Engine */
export const CASH_JOIN_MAX_MEMBERS = 25;
/** Most later events at a site read for one event: a bound on a busy site's pairs (strangers at a mall ATM). */
const MAX_FOLLOWERS = 64;

/** Index of the cash-site records in a candidate's evidence. */
const CASH = evidenceKindIndex('cash_site');

/** One cash event of an account, as its `cash_site` record states it. */
interface CashEvent {
  readonly account: string;
  readonly holder: string;
  readonly cash: 'w' | 'd';
  readonly loc: string;
  readonly tx: string;
  readonly ts: number;
  readonly amount: number;
  /** Local wall-clock time in the jurisdiction's zone (epoch ms as if UTC): its day is the event's calendar day there. */
  readonly wall: number;
}

/** A repeated pair: the days it was seen on and, per day, the first two transactions that joined it. */
interface Pair {
  readonly a: CashEvent;
  readonly b: CashEvent;
  readonly days: Map<number, [CashEvent, CashEvent]>;
}

const byTime = (x: CashEvent, y: CashEvent): number => x.ts - y.ts || cmp(x.account, y.account) || cmp(x.tx, y.tx);
/** The event's local calendar day number in the jurisdiction's zone. */
const dayOf = (e: CashEvent): number => Math.floor(e.wall / DAY_MS);
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Cash joins over the accounts' `cash_site` evidence (MS-DEBT-04, MS-DEBT-05):
 *
 * - **shared card sessions**: withdrawals from two different holders' accounts at one ATM (the same
 *   `location`) within {@link CARD_SESSION_MS} of each other make the pair share a session; a pair
 *   sharing sessions on at least {@link CARD_SESSION_MIN_DAYS} distinct days is repeated, and the
 *   accounts joined at one ATM by pairs seen on at least {@link CARD_SESSION_JOIN_DAYS} days, one of
 *   them repeated, with at least {@link CARD_SESSION_MIN_HOLDERS}
 *   distinct holders (and at most {@link CASH_JOIN_MAX_MEMBERS} accounts), raise one network alert — a collector
 *   withdrawing several workers' wages with their cards. Strangers at a busy ATM, or a family
 *   sharing one now and then, do not repeat as the same set;
 * - **cash hand-overs**: a withdrawal from one holder's account followed within
 *   {@link CASH_HANDOVER_MS} by a deposit of {@link CASH_HANDOVER_AMOUNT_PERCENT} of it into another
 *   holder's account at the same site ({@link cashSiteOf}) is a hand-over; a payer handing over to
 *   one collector on at least {@link CASH_HANDOVER_MIN_DAYS} distinct days is repeated, and each
 *   collector with repeated payers raises one network alert — debt instalments paid in cash.
 *
 * Members are the accounts joined; the first hit lists each day's transactions. Accounts of one
 * holder (accounts.csv `party`) are one holder. The rule judges no business, NGO, government or
 * remitter account, so their cash joins nothing. Each event reads at most 64 later events of its site
 * (a bound on a busy site). Pure and deterministic (depends on the set of candidates, not their order).
 * @param candidates entity alerts of one run with their evidence records (any order; all scores)
 * @param config the engine configuration the alerts were built with
 * @param taken entity ids of network alerts already formed
 * @param agentsOf the wage workers' agents seen through their identifiers (identifier-agents.ts): the
 *   accounts of the person whose phone two or more of a card session's workers' accounts carry join
 *   that session's alert as members (the collector using the cards; none when absent)
 * @returns network alerts, ordered by entity id
 * @category Engine
 * @example const joins = cashJoinAlerts(candidates, config, new Set());
 */
export function cashJoinAlerts(candidates: readonly NetworkCandidate[], config: NetworkConfig, taken: ReadonlySet<string> = new Set(), agentsOf?: AgentsOf): Alert[] {
  const byAccount = new Map<string, NetworkCandidate[]>();
  const events: CashEvent[] = [];
  const seen = new Set<string>();
  const accounts = config.context.accounts;
  const zone = config.profile.timeZone;
  for (const c of [...candidates].sort(compareCandidates)) {
    const a = candidateEntity(c);
    if (a.kind !== 'account') continue;
    const records = candidateRecords(c, CASH) as readonly CashSiteFacts[];
    if (records.length === 0) continue;
    const list = byAccount.get(a.id);
    if (list === undefined) byAccount.set(a.id, [c]);
    else list.push(c);
    const holder = accounts.get(a.id)?.party ?? `account:${a.id}`;
    for (const f of records) {
      if (!isCashSiteRecord(f)) continue;
      const key = `${a.id}\u0000${f.tx}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push({ account: a.id, holder, cash: f.cash, loc: f.loc, tx: f.tx, ts: f.ts, amount: f.amount, wall: f.ts + zoneOffset(zone, f.ts) });
    }
  }
  if (events.length === 0) return [];
  const out: Alert[] = [];
  const names = new Set(taken);
  const push = (alert: Alert | undefined): void => {
    if (alert === undefined || names.has(alert.entity.id)) return;
    names.add(alert.entity.id);
    out.push(alert);
  };
  for (const alert of cardSessions(events, byAccount, config, agentsOf)) push(alert);
  for (const alert of handovers(events, byAccount, config)) push(alert);
  return out.sort((a, b) => cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
}

/** Events grouped by `keyOf`, each group in time order, the groups in key order. */
function groups(events: readonly CashEvent[], keep: (e: CashEvent) => boolean, keyOf: (e: CashEvent) => string): CashEvent[][] {
  const map = new Map<string, CashEvent[]>();
  for (const e of events) {
    if (!keep(e)) continue;
    const k = keyOf(e);
    const list = map.get(k);
    if (list === undefined) map.set(k, [e]);
    else list.push(e);
  }
  return [...map].sort(([a], [b]) => cmp(a, b)).map(([, list]) => list.sort(byTime));
}

/** Records the pair (a, b) on the day of `a`: the first two transactions of each day. */
function note(pairs: Map<string, Pair>, key: string, a: CashEvent, b: CashEvent): void {
  let p = pairs.get(key);
  if (p === undefined) {
    p = { a, b, days: new Map() };
    pairs.set(key, p);
  }
  const d = dayOf(a);
  if (!p.days.has(d)) p.days.set(d, [a, b]);
}

/** The transactions of pairs' days, once each, in time order. */
function evidenceOfPairs(pairs: readonly Pair[]): CashEvent[] {
  const ids = new Map<string, CashEvent>();
  for (const p of pairs) for (const [x, y] of p.days.values()) {
    ids.set(x.tx, x);
    ids.set(y.tx, y);
  }
  return [...ids.values()].sort(byTime);
}

/** Shared card sessions (see {@link cashJoinAlerts}). */
function cardSessions(events: readonly CashEvent[], byAccount: ReadonlyMap<string, readonly NetworkCandidate[]>, config: NetworkConfig, agentsOf?: AgentsOf): Alert[] {
  const out: Alert[] = [];
  for (const list of groups(events, (e) => e.cash === 'w', (e) => e.loc)) {
    const pairs = new Map<string, Pair>();
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as CashEvent;
      for (let j = i + 1; j < list.length && j <= i + MAX_FOLLOWERS; j++) {
        const f = list[j] as CashEvent;
        if (f.ts - e.ts > CARD_SESSION_MS) break;
        if (f.holder === e.holder) continue;
        note(pairs, cmp(e.account, f.account) < 0 ? `${e.account}\u0000${f.account}` : `${f.account}\u0000${e.account}`, e, f);
      }
    }
    const linked = [...pairs.values()].filter((p) => p.days.size >= CARD_SESSION_JOIN_DAYS);
    if (!linked.some((p) => p.days.size >= CARD_SESSION_MIN_DAYS)) continue;
    // Accounts joined by pairs seen on two or more days at this ATM (union-find over account ids);
    // a component counts only with a pair repeated on CARD_SESSION_MIN_DAYS in it.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r) as string;
      parent.set(x, r);
      return r;
    };
    for (const p of linked) {
      const ra = find(p.a.account);
      const rb = find(p.b.account);
      if (ra !== rb) parent.set(cmp(ra, rb) < 0 ? rb : ra, cmp(ra, rb) < 0 ? ra : rb);
    }
    const components = new Map<string, Pair[]>();
    for (const p of linked) {
      const r = find(p.a.account);
      const l = components.get(r);
      if (l === undefined) components.set(r, [p]);
      else l.push(p);
    }
    for (const [, ps] of [...components].sort(([a], [b]) => cmp(a, b))) {
      const members = [...new Set(ps.flatMap((p) => [p.a.account, p.b.account]))].sort(cmp);
      const holders = new Set(ps.flatMap((p) => [p.a.holder, p.b.holder]));
      if (!ps.some((p) => p.days.size >= CARD_SESSION_MIN_DAYS)) continue;
      if (holders.size < CARD_SESSION_MIN_HOLDERS || members.length > CASH_JOIN_MAX_MEMBERS) continue;
      const tx = evidenceOfPairs(ps);
      const days = [...new Set(tx.map(dayOf))];
      const loc = (tx[0] as CashEvent).loc;
      const lines = days.map((d) => `${iso(d * DAY_MS).slice(0, 10)}: ${tx.filter((e) => dayOf(e) === d).map((e) => `${e.account} (${e.tx}, ${iso(e.wall).slice(11, 16)} local)`).join(', ')}`);
      // The person whose phone two or more of these workers' accounts carry: the collector using their cards.
      const keys = members.map((m) => `account:${m}`);
      const agents = agentsOf === undefined ? [] : agentsOf(keys, new Set(keys)).map((r) => r.id);
      const joined = agents.length === 0 ? '' : `; ${agents.join(', ')}: the accounts of the person whose phone or identity document two or more of these workers' accounts carry`;
      const reason = `Possible shared card session: cards of ${holders.size} holders were used at ${loc} within ${CARD_SESSION_MS / 60_000} minutes of each other, the same accounts on ${days.length} days (a collector withdrawing workers' wages with their cards?): ${lines.join('; ')}${joined}.`;
      const facts: Record<string, string | number | boolean> = { structure: 'card_session', location: loc, accounts: members.length, holders: holders.size, days: days.length, withdrawals: tx.length, sessionMinutes: CARD_SESSION_MS / 60_000, minDays: CARD_SESSION_MIN_DAYS, minHolders: CARD_SESSION_MIN_HOLDERS };
      if (agents.length > 0) facts['agentAccounts'] = agents.length;
      out.push(...defined(structureAlert({
        kind: 'card_session', accounts: [...members, ...agents], lines, ids: tx.map((e) => e.tx), from: (tx[0] as CashEvent).ts, to: (tx[tx.length - 1] as CashEvent).ts, reason, facts,
      }, byAccount, config)));
    }
  }
  return out;
}

/** Cash hand-overs (see {@link cashJoinAlerts}). */
function handovers(events: readonly CashEvent[], byAccount: ReadonlyMap<string, readonly NetworkCandidate[]>, config: NetworkConfig): Alert[] {
  const [lo, hi] = CASH_HANDOVER_AMOUNT_PERCENT;
  const pairs = new Map<string, Pair>();
  for (const list of groups(events, () => true, (e) => cashSiteOf(e.loc))) {
    for (let i = 0; i < list.length; i++) {
      const w = list[i] as CashEvent;
      if (w.cash !== 'w') continue;
      for (let j = i + 1; j < list.length && j <= i + MAX_FOLLOWERS; j++) {
        const d = list[j] as CashEvent;
        if (d.ts - w.ts > CASH_HANDOVER_MS) break;
        if (d.cash !== 'd' || d.holder === w.holder) continue;
        if (d.amount * 100 < w.amount * lo || d.amount * 100 > w.amount * hi) continue;
        note(pairs, `${d.account}\u0000${w.account}`, w, d);
      }
    }
  }
  // Repeated payers by collector.
  const byCollector = new Map<string, Pair[]>();
  for (const p of pairs.values()) {
    if (p.days.size < CASH_HANDOVER_MIN_DAYS) continue;
    const l = byCollector.get(p.b.account);
    if (l === undefined) byCollector.set(p.b.account, [p]);
    else l.push(p);
  }
  const out: Alert[] = [];
  for (const [collector, ps] of [...byCollector].sort(([a], [b]) => cmp(a, b))) {
    ps.sort((x, y) => cmp(x.a.account, y.a.account));
    const payers = ps.map((p) => p.a.account);
    if (payers.length + 1 > CASH_JOIN_MAX_MEMBERS) continue;
    const lines: string[] = [];
    const ids: CashEvent[] = [];
    let days = 0;
    for (const p of ps) for (const [, [w, d]] of [...p.days].sort(([a], [b]) => a - b)) {
      lines.push(`${w.account} withdrew (${w.tx}, ${iso(w.ts).slice(0, 16)}Z at ${w.loc}) → ${collector} deposit (${d.tx}, ${iso(d.ts).slice(11, 16)}Z at ${d.loc})`);
      ids.push(w, d);
      days++;
    }
    ids.sort(byTime);
    const reason = `Possible cash hand-over: ${payers.length} payer(s) withdrew cash and within ${CASH_HANDOVER_MS / 3_600_000} hours about the same amount was paid in at the same site into ${collector}, on ${CASH_HANDOVER_MIN_DAYS} or more days each (debt instalments handed over in cash?): ${lines.join('; ')}.`;
    out.push(...defined(structureAlert({
      kind: 'cash_handover', accounts: [collector, ...payers], lines, ids: ids.map((e) => e.tx), from: (ids[0] as CashEvent).ts, to: (ids[ids.length - 1] as CashEvent).ts, reason,
      facts: { structure: 'cash_handover', collector, payers: payers.length, handovers: days, windowHours: CASH_HANDOVER_MS / 3_600_000, minDays: CASH_HANDOVER_MIN_DAYS, minAmountPercent: lo, maxAmountPercent: hi },
    }, byAccount, config)));
  }
  return out;
}

const defined = <T>(x: T | undefined): T[] => (x === undefined ? [] : [x]);
