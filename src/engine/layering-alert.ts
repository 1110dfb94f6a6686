import { stableHash } from '../_internal/hash.js';
import { ALERT_SCHEMA_ID, type Alert, type AlertHit } from '../scoring/alert.js';
import { scoreHits } from '../scoring/score.js';
import { compareAlertHits, engineStamp } from './build-alert.js';
import { FAN_MAX_SPAN_MS, FAN_MIN_SPOKES } from './fan.js';
import { LAYERING_MAX_CYCLE_HOPS, LAYERING_MAX_PATHS_PER_START, LAYERING_MAX_SPAN_MS, LAYERING_MIN_CYCLE_HOPS, LAYERING_MIN_INTERMEDIARIES } from './layering.js';
import { isEvidenceHit } from './evidence-kinds.js';
import { FAN_IN_INDICATOR, FAN_OUT_INDICATOR } from '../rules/flow/fan-leg.js';
import { CARD_SESSION_INDICATOR, CASH_HANDOVER_INDICATOR } from '../rules/debt/cash-site.js';
import type { HitFacts } from '../rules/types.js';
import type { NetworkConfig } from './network.js';
import type { NetworkCandidate } from './network-candidate.js';
import { holderAccountsOf } from './holder-accounts.js';
import { compareMemberRefs, type MemberRef } from './member-ref.js';

/** @internal The structures the network stage recognises (MS-LAY-01…03; fan-in and fan-out from fan.ts; card sessions and cash hand-overs, MS-DEBT-04/05, from cash-joins.ts). */
export type Structure = 'cycle' | 'scatter_gather' | 'gather_scatter' | 'fan_in' | 'fan_out' | 'card_session' | 'cash_handover';

/** Indicator of each structure. */
const INDICATOR: Readonly<Record<Structure, string>> = { cycle: 'MS-LAY-01', scatter_gather: 'MS-LAY-02', gather_scatter: 'MS-LAY-03', fan_in: FAN_IN_INDICATOR, fan_out: FAN_OUT_INDICATOR, card_session: CARD_SESSION_INDICATOR, cash_handover: CASH_HANDOVER_INDICATOR };
/** Fan structures file (and score) their path hit under `fan_leg`, the others under `layering_hop`. */
const isFan = (s: Structure): boolean => s === 'fan_in' || s === 'fan_out';
/** Cash joins file (and score) their path hit under `cash_site`. */
const isCash = (s: Structure): boolean => s === 'card_session' || s === 'cash_handover';
/** Strength of a structure's path hit (0.8 × the layering typology's 60 = 48). */
const STRUCTURE_STRENGTH = 0.8;

/**
 * @internal The network alert of one layering structure: members are its accounts and their
 * holders' other accounts (the customer is the subject, holder-accounts.ts), the first hit
 * is the path hop by hop with its transaction ids, then every member's own hits (listed; only
 * layering evidence scores). Undefined when it scores nothing. A cash join states its own
 * sentence and facts (`reason`, `facts`).
 */
export function structureAlert(
  s: { kind: Structure; accounts: string[]; lines: string[]; ids: string[]; from: number; to: number; reason?: string; facts?: HitFacts },
  byAccount: Pick<ReadonlyMap<string, readonly NetworkCandidate[]>, 'get'>,
  config: NetworkConfig,
): Alert | undefined {
  const members = [...new Set(s.accounts)].sort().map((id) => ({ kind: 'account' as const, id }));
  // The structure's accounts' holders' other accounts are listed too (the customer is the subject,
  // holder-accounts.ts); they add no hits, facts or score.
  const listed = withHolderAccounts(members, config);
  const entityId = `net-${stableHash(JSON.stringify(listed.map((m) => [m.kind, m.id])))}`;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const days = Math.max(1, Math.round((s.to - s.from) / 86_400_000));
  const reason = s.reason !== undefined ? s.reason : s.kind === 'cycle'
    ? `Possible round-tripping cycle: money returned to ${s.accounts[0] as string} through ${s.accounts.length} hops within ${days} days, each to a new counterparty: ${s.lines.join('; ')}.`
    : s.kind === 'scatter_gather'
      ? `Possible scatter-gather pattern: ${s.accounts[0] as string} paid ${s.accounts.length - 2} new intermediaries that each paid ${s.accounts[s.accounts.length - 1] as string} within ${days} days: ${s.lines.join('; ')}.`
      : s.kind === 'gather_scatter'
        ? `Possible gather-scatter pattern: ${s.accounts[0] as string} was paid by new senders and then paid new recipients within ${days} days: ${s.lines.join('; ')}.`
        : s.kind === 'fan_in'
          ? `Possible fan-in pattern: ${s.accounts[0] as string} was paid by ${s.accounts.length - 1} senders within ${days} days, each paying it and at most one other account: ${s.lines.join('; ')}.`
          : `Possible fan-out pattern: ${s.accounts[0] as string} paid ${s.accounts.length - 1} recipients within ${days} days, each paid by it and at most two other accounts: ${s.lines.join('; ')}.`;
  const rule = isFan(s.kind) ? 'fan_leg' : isCash(s.kind) ? 'cash_site' : 'layering_hop';
  const pathHit: AlertHit = {
    rule,
    indicators: [INDICATOR[s.kind]],
    strength: STRUCTURE_STRENGTH,
    window: { from: iso(s.from), to: iso(s.to) },
    transactionIds: [...s.ids],
    transactionCount: s.ids.length,
    reason,
    facts: s.facts !== undefined ? { ...s.facts } : isFan(s.kind) ? { structure: s.kind, accounts: members.length, legs: s.lines.length, days, minSpokes: FAN_MIN_SPOKES, maxSpanDays: FAN_MAX_SPAN_MS / 86_400_000 } : {
      structure: s.kind, accounts: members.length, hops: s.lines.length, days,
      minCycleHops: LAYERING_MIN_CYCLE_HOPS, maxCycleHops: LAYERING_MAX_CYCLE_HOPS, maxSpanDays: LAYERING_MAX_SPAN_MS / 86_400_000, minIntermediaries: LAYERING_MIN_INTERMEDIARIES, maxPathsPerStart: LAYERING_MAX_PATHS_PER_START,
    },
  };
  const hits: AlertHit[] = [pathHit];
  const scored: { rule: string; strength: number }[] = [{ rule, strength: STRUCTURE_STRENGTH }];
  const memberIds: string[] = [];
  let first = iso(s.from);
  let last = iso(s.to);
  for (const m of members) for (const { alert: a } of byAccount.get(m.id) ?? []) {
    memberIds.push(a.id);
    if (a.firstSeen < first) first = a.firstSeen;
    if (a.lastSeen > last) last = a.lastSeen;
    for (const h of a.hits) {
      // The path hit lists the hops that matter; members' other hop evidence (strength 0) is left out.
      if (isEvidenceHit(h)) continue;
      const copy: AlertHit = { ...h, window: { ...h.window }, indicators: [...h.indicators], transactionIds: [...h.transactionIds], reason: `account ${m.id}: ${h.reason}`, facts: { ...h.facts } };
      if (h.related !== undefined) copy.related = h.related.map((r) => ({ ...r }));
      hits.push(copy);
    }
  }
  const score = scoreHits(scored, config.typologies, config.familyOf);
  if (score.score <= 0) return undefined;
  const rest = hits.slice(1).sort(compareAlertHits);
  const engine = engineStamp(config);
  return {
    schema: ALERT_SCHEMA_ID,
    id: stableHash(`${isFan(s.kind) ? 'fan' : isCash(s.kind) ? 'cash' : 'layering'}|${entityId}|${s.kind}|${s.ids.join(',')}|${memberIds.sort().join(',')}`),
    entity: { kind: 'network', id: entityId },
    score: score.score,
    band: score.band,
    typologies: score.typologies.map((t) => (t.error === undefined ? { id: t.id, score: t.score } : { id: t.id, score: t.score, error: t.error })),
    contributions: score.contributions.map((c) => ({ ...c })),
    hits: [pathHit, ...rest],
    members: listed,
    firstSeen: first,
    lastSeen: last,
    engine,
  };
}

/** A structure's member accounts with their holders' other accounts (see `holderAccountsOf`), sorted. */
function withHolderAccounts(members: readonly MemberRef[], config: NetworkConfig): MemberRef[] {
  const known = new Set(members.map((m) => `${m.kind}:${m.id}`));
  const extra = holderAccountsOf(members, known, config.context);
  return extra.length === 0 ? [...members] : [...members, ...extra].sort(compareMemberRefs);
}
