import type { IndicatorFamily, RuleContext } from '../rules/types.js';
import { SUB_COLLECTOR_RULE } from '../rules/flow/sub-collector.js';
import type { AlertLinks, HitLinks } from './alert-links.js';
import { VOUCH_MIN_STRENGTH, isMoneyFlowHit } from './vouched-payers.js';
import { DAY_MS, HISTORY_UNSEEN } from '../rules/_lib.js';
import type { HopFacts } from '../rules/flow/layering-hop.js';
import { isInstitution } from './institution.js';
import { compareText } from '../_internal/compare-text.js';
import type { AlertHit } from '../scoring/alert.js';
import { compareAlertHits } from './build-alert.js';
import { EVIDENCE_KINDS } from './evidence-kinds.js';
import { candidateOfParts, candidateRecordCount, candidateRecords, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity, readCandidateAlert, readCandidateLinks } from './packed-candidates.js';
import { HOPS, isHopRecord } from './hop-table.js';

// A collector's paymaster (RESEARCH §a.1 MS-FAN-01, fan-out after collection, one hop removed):
// the collector hands its takings to another account in one lump, and that account pays the boat,
// the crew, the coordinator and the fuel within days. The collector's own window shows one
// transfer out; the paymaster's shows a lump paid on. Together they are the case.

/** The rule whose hit shows an account paying on a burst or lump to several recipients (MS-FAN-01), naming a lump's source. @internal */
export const DISPERSAL_RULE = 'fan_out';

/**
 * Weakest `fan_out` hit of an account that reads it as a member collector's paymaster: the network
 * stage's link bar (`DEFAULT_MIN_LINK_STRENGTH`, 0.35), the weakest hit whose links join entities.
 * fan_out's own discounts (steady takings, a monthly payroll cycle, a business or NGO account)
 * take lawful look-alikes below it; a paymaster seen early in the data keeps 0.38 (13-TH) after
 * its `history_unseen` discount.
 * @internal
 */
export const PAYMASTER_MIN_STRENGTH = 0.35;

/** Fewest recipients of a paymaster's dispersal (its `fan_out` hit's `recipients`): the boat, the crew and the coordinator. @internal */
export const PAYMASTER_MIN_RECIPIENTS = 3;

/** What {@link paymastersOf} reads besides the group: rule families and account types. @internal */
export interface PaymasterInput {
  readonly familyOf: (rule: string) => IndicatorFamily | undefined;
  readonly accounts: RuleContext['accounts'];
}

/** A member's paymaster: the account, its dispersal hit, and the member whose lump it paid on. @internal */
export interface Paymaster {
  /** Index of the paymaster's alert among the candidates the index was built from. */
  readonly index: number;
  /** The member (`kind:id`) whose money it paid on. */
  readonly source: string;
}

/**
 * The accounts a `fan_out` hit of at least {@link PAYMASTER_MIN_STRENGTH} (or discounted only for
 * history out of sight, `history_unseen`) shows paying on one lump
 * to at least {@link PAYMASTER_MIN_RECIPIENTS} recipients, by the lump's source (`account:id`, the
 * hit's `lumpSource` fact; fan_out names a source only for a lump a personal account paid on
 * abroad). Personal accounts (or of unknown type) only: a business, NGO, licensed remitter or
 * government account pays out other people's money as its trade. Indexes into `alerts`, in their order.
 * @internal
 * @example const index = dispersalIndex(scored, config.context.accounts);
 */
export function dispersalIndex(alerts: readonly AlertLinks[], accounts: RuleContext['accounts']): Map<string, number[]> {
  const out = new Map<string, number[]>();
  alerts.forEach((a, i) => {
    if (a.entity.kind !== 'account' || !personal(accounts, a.entity.id)) return;
    const named = new Set<string>();
    for (const h of a.hits) {
      const source = h.facts['lumpSource'];
      if (isDispersal(h) && typeof source === 'string') named.add(`account:${source}`);
    }
    for (const key of named) {
      const list = out.get(key);
      if (list === undefined) out.set(key, [i]);
      else list.push(i);
    }
  });
  return out;
}

/**
 * Paymasters of a network's collecting members, confirmed from both ends: the account's own
 * `fan_out` hit (see {@link dispersalIndex}) names a member as the source of the lump it paid on, the member has a money-flow hit of its own of at least {@link VOUCH_MIN_STRENGTH}
 * (it collects), and none of the member's hits names the account (a `sub_collector` hit aside, which names the payee of its lumps) — the money went from the member
 * to it, not the other way (a client who pays the collector and later pays others is named by the
 * collector's hits). Either end alone joins no one: a collector's many counterparties are links,
 * and a personal fan-out is weak evidence on its own. Each account once, with the first member
 * (in the group's order) it paid on for, members of the group among them (their network is a
 * case even where their hits add no score to the collector's). Ordered by index.
 * @internal
 * @example const extra = paymastersOf(group, index, scored, { familyOf, accounts });
 */
export function paymastersOf(
  group: readonly AlertLinks[], index: ReadonlyMap<string, readonly number[]>, alerts: readonly AlertLinks[], input: PaymasterInput,
): Paymaster[] {
  const found = new Map<number, string>();
  for (const m of group) {
    const key = `${m.entity.kind}:${m.entity.id}`;
    const list = index.get(key);
    if (list === undefined || !collects(m, input.familyOf)) continue;
    const names = new Set<string>();
    for (const h of m.hits) if (h.rule !== SUB_COLLECTOR_RULE) for (const r of h.related ?? []) names.add(`${r.kind}:${r.id}`);
    for (const i of list) {
      const p = alerts[i] as AlertLinks;
      const pKey = `${p.entity.kind}:${p.entity.id}`;
      if (pKey === key || names.has(pKey) || found.has(i)) continue;
      found.set(i, key);
    }
  }
  return [...found].sort(([a], [b]) => a - b).map(([index, source]) => ({ index, source }));
}

/**
 * Whether a hit reads as a dispersal a paymaster makes: `fan_out` to enough recipients, at the bar
 * or below it only for want of history (its one discount `history_unseen`: the weeks before the
 * lump are outside the data, so steady takings or a payroll cycle could not be ruled out — the
 * lump's source being a collector rules them out; 23-MY's paymaster at 1 % history coverage keeps 0.26).
 */
function isDispersal(h: HitLinks): boolean {
  const recipients = h.facts['recipients'];
  if (h.rule !== DISPERSAL_RULE || typeof recipients !== 'number' || recipients < PAYMASTER_MIN_RECIPIENTS || h.strength <= 0) return false;
  return h.strength >= PAYMASTER_MIN_STRENGTH || h.facts['discount'] === HISTORY_UNSEEN;
}

/** fan_out's discount for a dispersal whose weeks before fall outside the data (and its only one, when it stands alone). */

/** Whether an entity alert collects: a money-flow hit (not context or identity) of at least {@link VOUCH_MIN_STRENGTH}. */
function collects(a: AlertLinks, familyOf: (rule: string) => IndicatorFamily | undefined): boolean {
  return a.hits.some((h) => h.rule !== DISPERSAL_RULE && isMoneyFlowHit(h, familyOf));
}

/** Whether an account is a personal one (or of unknown type): not a business, NGO, remitter or government account. */
function personal(accounts: RuleContext['accounts'], id: string): boolean {
  const type = accounts.get(id)?.type;
  return type === undefined || (!isInstitution(type) && type !== 'business' && type !== 'ngo');
}

/** Least share of the lump a hop-read paymaster pays on (the recipients' transfers against the lump, minor units): most of it. @internal */
export const PAYMASTER_HOP_MIN_SHARE = 0.7;

/**
 * Most a hop-read paymaster pays on against the lump (the recipients' transfers, minor units): all of
 * it. Transfers adding up to more are paid from the account's own money, not the lump — an account
 * that pays the same fixed sums to ever new payees whatever it receives (a generic payer in data
 * without names, AMLSim's background accounts) is no one's paymaster. @internal
 */
export const PAYMASTER_HOP_MAX_SHARE = 1;

/** Most days between the lump and each transfer a hop-read paymaster pays on from it: within a few days. @internal */
export const PAYMASTER_HOP_MAX_DAYS = 3;

/**
 * Least share of the lump a hop-read paymaster pays on when at least one of its new recipients is
 * one of its own corridor counterparties (its `corridor_flow` hit names the recipient abroad along a
 * smuggling corridor): half. The boat owner abroad is paid from the lump, and the rest goes to the
 * suppliers and in cash, which hops do not show (a supplier is a company, cash has no recipient).
 * Measured on the scenario bank: corridor paymasters pay on 63–67 % of the lump to new persons
 * within three days (113-TH, 211-MY). @internal
 */
export const PAYMASTER_HOP_CORRIDOR_MIN_SHARE = 0.5;

/**
 * Most days between the lump and each transfer a hop-read paymaster pays on from it into the
 * corridor (see {@link PAYMASTER_HOP_CORRIDOR_MIN_SHARE}): a week, `fan_out`'s slower dispersal
 * window. The boat owner, crew and fuel are paid as the departure nears (211-MY: within 4.5 days). @internal
 */
export const PAYMASTER_HOP_CORRIDOR_MAX_DAYS = 7;

/**
 * Strength of a hop-read paymaster's dispersal hit when it pays the lump on into the corridor (a
 * recipient is one of its own corridor counterparties): `fan_out`'s base strength at its fewest
 * recipients, the dispersal MS-FAN-01 reads, one hop removed from the collection. Otherwise the
 * hit scores nothing (strength 0) and only says which lump the account paid on. @internal
 */
export const PAYMASTER_HOP_CORRIDOR_STRENGTH = 0.5;

/** The rule whose hits name an account's corridor counterparties (MS-GEO-01): the paymaster's recipients abroad, the collector's payers abroad. @internal */
export const CORRIDOR_FLOW_RULE = 'corridor_flow';

/** The part of a hop record the paymaster reading uses (layering_hop's facts, see hops.ts): one transfer in from `from`, one out to `to`, both new to the account. @internal */
export type PaymasterHop = Omit<HopFacts, 'known'>;

/** A lump an account paid on as its hop records show it: from whom, the transactions and the share paid on. @internal */
export interface HopLump {
  /** The account that paid the lump on. */
  readonly account: string;
  /** The lump's sender (`account:id`). */
  readonly source: string;
  readonly inTx: string;
  readonly inAmount: number;
  readonly inTs: number;
  /** The transfers paid on, by time then id: one per new recipient (its first within {@link PAYMASTER_HOP_MAX_DAYS}). */
  readonly out: readonly { readonly to: string; readonly tx: string; readonly amount: number; readonly ts: number }[];
  /** The transfers' total against the lump. */
  readonly share: number;
  /** How many of the recipients are the account's own corridor counterparties (see {@link hopLumps}' `corridor`). */
  readonly corridor: number;
}

/**
 * The lumps a personal account's `layering_hop` records show it paying on, by the lump's sender
 * (`account:id`): one transfer in from a sender new to it, paid on within
 * {@link PAYMASTER_HOP_MAX_DAYS} days to at least {@link PAYMASTER_MIN_RECIPIENTS} recipients new
 * to it, the transfers (one per recipient, the first after the lump) adding up to at least
 * {@link PAYMASTER_HOP_MIN_SHARE} of the lump and at most all of it ({@link PAYMASTER_HOP_MAX_SHARE}). A paymaster whose `fan_out` is discounted away or
 * never fired shows this way. Business, NGO, remitter and government accounts pay out other people's
 * money as their trade and are left out; a landlord or shop the collector pays does not pay on to
 * three new recipients, nor a relative paying settled bills (hops name new recipients only).
 * Deterministic: a sender's lumps in time then transaction order, the first that qualifies.
 * A sender with no such lump may still have one paid on within {@link PAYMASTER_HOP_CORRIDOR_MAX_DAYS}
 * days, at {@link PAYMASTER_HOP_CORRIDOR_MIN_SHARE} or more, to recipients among whom at least one of
 * the account's corridor counterparties (`corridor`, asked only for a lump that passes the other
 * bars): the first such lump is kept. `corridor` on each lump counts those recipients.
 * @internal
 * @example const lumps = hopLumps('TH1', hops, accounts);
 */
export function hopLumps(account: string, hops: readonly PaymasterHop[], accounts: RuleContext['accounts'], corridor: () => ReadonlySet<string> = () => NONE): Map<string, HopLump> {
  const out = new Map<string, HopLump>();
  const weak = new Map<string, HopLump>();
  if (!personal(accounts, account)) return out;
  const byLump = new Map<string, PaymasterHop[]>();
  for (const h of hops) {
    if (h.from === account || h.to === account || h.to === h.from) continue;
    const key = `${h.from}\u0000${h.inTx}`;
    const list = byLump.get(key);
    if (list === undefined) byLump.set(key, [h]);
    else list.push(h);
  }
  const lumps = [...byLump.values()].sort((a, b) => (a[0] as PaymasterHop).inTs - (b[0] as PaymasterHop).inTs || compareText((a[0] as PaymasterHop).inTx, (b[0] as PaymasterHop).inTx));
  for (const list of lumps) {
    const first = list[0] as PaymasterHop;
    const source = `account:${first.from}`;
    if (out.has(source) || !(first.inAmount > 0)) continue;
    const legsWithin = (days: number): { legs: HopLump['out'][number][]; total: number } => {
      const paid = list
        .filter((h) => h.outTs >= h.inTs && h.outTs - h.inTs <= days * DAY_MS && h.outAmount > 0)
        .sort((a, b) => a.outTs - b.outTs || compareText(a.outTx, b.outTx));
      const seenTo = new Set<string>();
      const seenTx = new Set<string>();
      const legs: { to: string; tx: string; amount: number; ts: number }[] = [];
      let total = 0;
      for (const h of paid) {
        if (seenTo.has(h.to) || seenTx.has(h.outTx)) continue;
        seenTo.add(h.to);
        seenTx.add(h.outTx);
        legs.push({ to: h.to, tx: h.outTx, amount: h.outAmount, ts: h.outTs });
        total += h.outAmount;
      }
      return { legs, total };
    };
    const lumpOf = (legs: HopLump['out'][number][], total: number, minShare: number): HopLump | undefined => {
      if (legs.length < PAYMASTER_MIN_RECIPIENTS || total < minShare * first.inAmount || total > PAYMASTER_HOP_MAX_SHARE * first.inAmount) return undefined;
      const abroad = corridor();
      return { account, source, inTx: first.inTx, inAmount: first.inAmount, inTs: first.inTs, out: legs, share: total / first.inAmount, corridor: legs.filter((l) => abroad.has(l.to)).length };
    };
    const quick = legsWithin(PAYMASTER_HOP_MAX_DAYS);
    const strong = lumpOf(quick.legs, quick.total, PAYMASTER_HOP_MIN_SHARE);
    if (strong !== undefined) {
      out.set(source, strong);
      continue;
    }
    if (weak.has(source)) continue;
    const slow = legsWithin(PAYMASTER_HOP_CORRIDOR_MAX_DAYS);
    const corridorLump = lumpOf(slow.legs, slow.total, PAYMASTER_HOP_CORRIDOR_MIN_SHARE);
    if (corridorLump !== undefined && corridorLump.corridor > 0) weak.set(source, corridorLump);
  }
  for (const [source, lump] of weak) if (!out.has(source)) out.set(source, lump);
  return out;
}

const NONE: ReadonlySet<string> = new Set();

/** The accounts an alert's `corridor_flow` hits name (its corridor counterparties), from hits of any strength above 0. @internal */
export function corridorCounterparties(a: AlertLinks): Set<string> {
  const out = new Set<string>();
  for (const h of a.hits) if (h.rule === CORRIDOR_FLOW_RULE && h.strength > 0) for (const r of h.related ?? []) if (r.kind === 'account') out.add(r.id);
  return out;
}

/** A member's paymaster read from hops: the lump it paid on and the member it came from. @internal */
export interface HopPaymaster {
  /** The paymaster's key among the hop lumps (`account:id`). */
  readonly key: string;
  readonly lump: HopLump;
}

/**
 * Paymasters of a network's collecting members read from hop records ({@link hopLumps}): the
 * member collects (a money-flow hit of at least {@link VOUCH_MIN_STRENGTH}) and none of its hits
 * names the account (the money went from the member to it; a `sub_collector` hit names its payee and does not count). `lumps` maps a lump's source
 * (`account:id`) to the accounts that paid one of its lumps on. Accounts in `skip` (the group's
 * members, `fan_out` paymasters) are left out. Each account once, with the first member in the
 * group's order; ordered by account key.
 * @internal
 * @example const more = hopPaymastersOf(group, lumps, skip, { familyOf, accounts });
 */
export function hopPaymastersOf(
  group: readonly AlertLinks[], lumps: ReadonlyMap<string, readonly HopLump[]>, skip: ReadonlySet<string>, input: PaymasterInput,
): HopPaymaster[] {
  const found = new Map<string, HopLump>();
  for (const m of group) {
    const key = `${m.entity.kind}:${m.entity.id}`;
    const list = lumps.get(key);
    if (list === undefined || !collects(m, input.familyOf)) continue;
    const names = new Set<string>();
    for (const h of m.hits) if (h.rule !== SUB_COLLECTOR_RULE) for (const r of h.related ?? []) names.add(`${r.kind}:${r.id}`);
    for (const l of list) {
      const pKey = `account:${l.account}`;
      if (pKey === key || names.has(pKey) || skip.has(pKey) || found.has(pKey)) continue;
      found.set(pKey, l);
    }
  }
  return [...found].sort(([a], [b]) => compareText(a, b)).map(([key, lump]) => ({ key, lump }));
}

/** The sentence of a hop-read paymaster's lump, with its transaction ids (minor units as given). @internal */
export function hopLumpReason(l: HopLump): string {
  const days = Math.max(0, ...l.out.map((o) => o.ts - l.inTs)) / DAY_MS;
  const legs = l.out.map((o) => `${o.to} (${o.tx}, ${o.amount})`).join(', ');
  return `Paid on a lump: received ${l.inAmount} from ${l.source.replace('account:', '')} (${l.inTx}) and paid ${Math.round(l.share * 100)} % of it on to ${l.out.length} new recipients within ${Math.ceil(days * 10) / 10} days${l.corridor > 0 ? `, ${l.corridor} of them its corridor counterparties abroad` : ''}: ${legs}.`;
}

/**
 * The candidate a hop-read paymaster joins with: its alert with one more hit, a strength-0
 * `fan_out` hit that says which lump it paid on (transaction ids in time order) and scores
 * nothing; its evidence records as they are.
 * @internal
 * @example const joined = hopPaymasterCandidate(candidate, lump);
 */
export function hopPaymasterCandidate(c: NetworkCandidate, l: HopLump): NetworkCandidate {
  const alert = readCandidateAlert(c);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const last = Math.max(l.inTs, ...l.out.map((o) => o.ts));
  const hit: AlertHit = {
    rule: DISPERSAL_RULE, indicators: ['MS-FAN-01'], strength: l.corridor > 0 ? PAYMASTER_HOP_CORRIDOR_STRENGTH : 0, window: { from: iso(l.inTs), to: iso(last) },
    transactionIds: [l.inTx, ...l.out.map((o) => o.tx)], transactionCount: l.out.length + 1, reason: hopLumpReason(l),
    facts: { lumpSource: l.source.replace('account:', ''), recipients: l.out.length, share: Math.round(l.share * 1000) / 1000, read: 'layering_hop', ...(l.corridor > 0 ? { corridorRecipients: l.corridor } : {}) },
  };
  const hits = [...alert.hits, hit].sort(compareAlertHits);
  const evidence = EVIDENCE_KINDS.map((_, k) => candidateRecords(c, k));
  return candidateOfParts({ ...alert, hits }, evidence);
}

/** The paymasters' lumps of a run by their source (`account:<id>`), and the candidate of each paymaster account (see {@link hopLumpIndex}). @internal */
export interface HopLumpIndex {
  readonly lumps: Map<string, HopLump[]>;
  readonly candidateOf: Map<string, NetworkCandidate>;
}

/**
 * The hop lumps of a run's evidence candidates ({@link hopLumps}) by the lump's source (`account:id`),
 * with the candidate of each paying account. Sources in no group read nothing more.
 * @internal
 * @example const { lumps, candidateOf } = hopLumpIndex(evidence, accounts);
 */
export function hopLumpIndex(candidates: readonly NetworkCandidate[], accounts: RuleContext['accounts']): HopLumpIndex {
  const lumps = new Map<string, HopLump[]>();
  const candidateOf = new Map<string, NetworkCandidate>();
  for (const c of candidates) {
    const e = candidateEntity(c);
    if (e.kind !== 'account' || candidateRecordCount(c, HOPS) < PAYMASTER_MIN_RECIPIENTS || !personal(accounts, e.id)) continue;
    const hops: PaymasterHop[] = [];
    for (const f of candidateRecords(c, HOPS)) {
      if (!isHopRecord(f)) continue;
      hops.push({ from: f.from, to: f.to, inTx: f.inTx, outTx: f.outTx, inAmount: Number(f['inAmount']), outAmount: Number(f['outAmount']), inTs: Number(f['inTs']), outTs: Number(f['outTs']) });
    }
    let abroad: Set<string> | undefined;
    const corridor = (): ReadonlySet<string> => (abroad ??= corridorCounterparties(readCandidateLinks(c)));
    for (const [source, lump] of hopLumps(e.id, hops, accounts, corridor)) {
      if (!candidateOf.has(`account:${e.id}`)) candidateOf.set(`account:${e.id}`, c);
      const list = lumps.get(source);
      if (list === undefined) lumps.set(source, [lump]);
      else list.push(lump);
    }
  }
  return { lumps, candidateOf };
}
