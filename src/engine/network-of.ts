import { stableHash } from '../_internal/hash.js';
import { ALERT_SCHEMA_ID, type Alert, type AlertHit } from '../scoring/alert.js';
import { scoreHits, type ScoredHit } from '../scoring/score.js';
import { evidenceRulesOf, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity, readCandidateAlert } from './packed-candidates.js';
import { DISPERSAL_RULE } from './paymasters.js';
import type { AlertLinks } from './alert-links.js';
import { compareAlertHits, engineStamp } from './build-alert.js';
import { isEvidenceHit } from './evidence-kinds.js';
import { holderAccounts, holderAccountsOf, holderKey } from './holder-accounts.js';
import { identifiedMembers } from './identified-members.js';
import type { NetworkConfig } from './network.js';
import { CREW_STEP, crewStrengths } from './network-crew.js';
import { namedPaymentPayers, vouchedPayers, type NamersOf } from './vouched-payers.js';
import { feedersOf, subCollectors } from './sub-collectors.js';
import { compareMemberRefs, type MemberRef } from './member-ref.js';

// One network's alert from its members' alerts (see networkAlerts in network.ts).

/** What every component's network alert reads of the whole run: the wage workers, the entity alerts by `kind:id`, the link bar. @internal */
export interface Stage {
  readonly workers: ReadonlySet<string>;
  readonly alertOf: (key: string) => AlertLinks | undefined;
  readonly minLinkStrength: number;
  /** The wage workers' agents seen through their identifiers, for given members (see identifier-agents.ts); none when absent. */
  readonly agentsOf?: AgentsOf;
  /** The other diverted workers of the employer of two or more member workers (see wage-employers.ts); none when absent. */
  readonly crewOf?: AgentsOf;
  /** The payers whose debt-named payments name a payee (see `paymentNamers` in vouched-payers.ts); none when absent. */
  readonly namersOf?: NamersOf;
}

/** The accounts (other than `known`) of the agents whose phone or document the members' wage workers' accounts carry (identifier-agents.ts). @internal */
export type AgentsOf = (members: Iterable<string>, known: ReadonlySet<string>) => MemberRef[];

/** A member that joined a component through a network-stage reading: its candidate and the member (`kind:id`) it joined through. @internal */
export interface JoinedMember {
  readonly candidate: NetworkCandidate;
  readonly source: string;
}

/**
 * One component's network alert, or undefined when it has one member or adds nothing to the best member.
 * Its score is never below its strongest member's own: where the members' hits scored together
 * come out lower, the alert carries that member's score, band, typologies and contributions.
 * @internal
 */
export function networkOf(alerted: readonly NetworkCandidate[], config: NetworkConfig, stage: Stage, joined: readonly JoinedMember[] = []): Alert | undefined {
  // Members that joined through a network-stage reading (a collector's paymaster, paymasters.ts)
  // are alerted members too: their hits are listed and scored with the others'.
  const inside = new Set(alerted);
  const candidates = joined.length === 0 ? alerted : [...alerted, ...joined.map((j) => j.candidate).filter((c) => !inside.has(c))];
  const group = candidates.map(readCandidateAlert);
  const why = new Map(joined.map((j) => [`${candidateEntity(j.candidate).kind}:${candidateEntity(j.candidate).id}`, j.source] as const));
  const refs = new Map<string, MemberRef>();
  for (const a of group) {
    const kind = a.entity.kind as MemberRef['kind'];
    refs.set(`${kind}:${a.entity.id}`, { kind, id: a.entity.id });
  }
  // A debt collector's payers (a wage agent's workers, the payee of members' debt series), those
  // a member names who share an identifier with a member, and the members' holders' other
  // accounts join as members without alerts of their own (vouched-payers.ts, identified-members.ts, holder-accounts.ts).
  const known = new Set(refs.keys());
  const payers = vouchedPayers(group, known, stage.workers, (a) => holderKey(config.context.accounts, a.entity.kind, a.entity.id));
  for (const p of payers) known.add(`${p.kind}:${p.id}`);
  // Payers whose one or two debt-named payments go to a collector the group vouches for (vouched-payers.ts).
  const debtNamers = stage.namersOf === undefined ? [] : namedPaymentPayers(group, known, stage.namersOf, (a) => holderKey(config.context.accounts, a.entity.kind, a.entity.id));
  for (const p of debtNamers) known.add(`${p.kind}:${p.id}`);
  const identified = identifiedMembers(group, known, {
    alertOf: stage.alertOf, familyOf: config.familyOf, holderOf: (id) => config.context.accounts.get(id)?.party, minLinkStrength: stage.minLinkStrength,
  });
  for (const p of identified) known.add(`${p.kind}:${p.id}`);
  // The agent whose phone two or more member workers' accounts carry, with the agent's accounts (identifier-agents.ts).
  const agents = stage.agentsOf?.([...known], known) ?? [];
  for (const p of agents) known.add(`${p.kind}:${p.id}`);
  // The other diverted workers of the employer of two or more member workers (wage-employers.ts).
  const crewmates = stage.crewOf?.([...known], known) ?? [];
  for (const p of crewmates) known.add(`${p.kind}:${p.id}`);
  const holders = holderAccounts(group, known, config.context);
  for (const p of holders) known.add(`${p.kind}:${p.id}`);
  // The senders a member names whose own payers pay them smuggling fees (sub-collectors.ts).
  const feeders = subCollectors(group, known, { alertOf: stage.alertOf, familyOf: config.familyOf, accounts: config.context.accounts });
  for (const p of feeders) known.add(`${p.kind}:${p.id}`);
  // The vouched members' holders' other accounts, as the alerted members' (holder-accounts.ts):
  // a structurer's funder is a customer whose other accounts join the case with it.
  const vouchedHolders = holderAccountsOf([...payers, ...identified, ...feeders], known, config.context);
  const vouched = [...payers, ...debtNamers, ...identified, ...agents, ...crewmates, ...holders, ...feeders, ...vouchedHolders];
  if (refs.size + vouched.length < 2) return undefined;
  const crew = crewStrengths(group, config);
  // Each member's evidence (hops, legs) scores as its alert's strength-0 hits did: nothing, under its rule.
  const memberHits = candidates.flatMap((c, i): ScoredHit[] => [...(group[i] as Alert).hits, ...evidenceRulesOf(c).map((rule) => ({ rule, strength: 0 }))]);
  const score = scoreHits([...memberHits, ...[...crew].map(([rule, c]) => ({ rule, strength: c.strength }))], config.typologies, config.familyOf);
  let best = 0;
  let strongest: Alert | undefined;
  for (const a of group) {
    if (a.score > best) {
      best = a.score;
      strongest = a;
    }
  }
  // Corroboration is what a network adds: its score must rest on at least two indicator families
  // (one person's several accounts adding up the same structuring signals is not a network).
  // Vouched payers are what it adds otherwise: the collector's case extends to them at its score.
  const families = new Set<string>();
  for (const c of score.contributions) {
    const f = config.familyOf(c.rule);
    if (c.points > 0 && f !== undefined && f !== 'context') families.add(f);
  }
  // Two members naming each other with money-flow hits (a sub-collector's series into the collector, sub-collectors.ts) are a case too.
  if (vouched.length === 0 && joined.length === 0 && feedersOf(group, { familyOf: config.familyOf, accounts: config.context.accounts }).length === 0 &&
    (score.score <= best || families.size < 2)) return undefined;
  // A network never scores below its strongest member: the members' hits scored together can come
  // out lower (a rule's corroboration lost where their hits share transactions — a mule's payments
  // into the next mule), and the case extends to its vouched members at that member's score.
  const scored = strongest !== undefined && score.score < best ? strongest : score;
  for (const v of vouched) refs.set(`${v.kind}:${v.id}`, v);

  const members = [...refs.values()].sort(compareMemberRefs);
  const entityId = `net-${stableHash(JSON.stringify(members.map((m) => [m.kind, m.id])))}`;
  const hits: AlertHit[] = [];
  let first = '';
  let last = '';
  for (const a of group) {
    if (first === '' || a.firstSeen < first) first = a.firstSeen;
    if (a.lastSeen > last) last = a.lastSeen;
    for (const h of a.hits) {
      // Hops are evidence for the layering stage, which lists the ones on a structure's path.
      if (isEvidenceHit(h)) continue;
      const source = h.rule === DISPERSAL_RULE ? why.get(`${a.entity.kind}:${a.entity.id}`) : undefined;
      const joins = source === undefined ? '' : ` [A member collector's paymaster: it paid on money from ${source.replace(':', ' ')}, a member whose own hits do not name it as a payer.]`;
      const hit: AlertHit = { ...h, window: { ...h.window }, indicators: [...h.indicators], transactionIds: [...h.transactionIds], reason: `${a.entity.kind} ${a.entity.id}: ${h.reason}${joins}`, facts: { ...h.facts } };
      if (h.related !== undefined) hit.related = h.related.map((r) => ({ ...r }));
      hits.push(hit);
    }
  }
  // The evidence that carries the score first: hits of the rules with the most points, then the
  // usual order (context-only hits such as round amounts come last, not first).
  const points = new Map<string, number>();
  for (const c of scored.contributions) points.set(c.rule, Math.max(points.get(c.rule) ?? 0, c.points));
  hits.sort((a, b) => (points.get(b.rule) ?? 0) - (points.get(a.rule) ?? 0) || compareAlertHits(a, b));
  // Say where a rule's strength in the score came from when members corroborated each other.
  // (Not when the strongest member's own score stands instead: the crew's strength carries none of it.)
  for (const [rule, c] of crew) {
    const top = scored === score ? hits.find((h) => h.rule === rule) : undefined;
    if (top !== undefined) {
      top.reason += ` [${c.members} members show this pattern on their own: in the network it counts at strength ${ratio2(c.strength)} (strongest ${ratio2(c.strongest)}, + ${CREW_STEP} per further member).]`;
    }
  }
  const engine = engineStamp(config);
  return {
    schema: ALERT_SCHEMA_ID,
    id: stableHash(`network|${entityId}|${group.map((a) => a.id).sort().join(',')}`),
    entity: { kind: 'network', id: entityId },
    score: scored.score,
    band: scored.band,
    typologies: scored.typologies.map((t) => (t.error === undefined ? { id: t.id, score: t.score } : { id: t.id, score: t.score, error: t.error })),
    contributions: scored.contributions.map((c) => ({ ...c })),
    hits,
    members,
    firstSeen: first,
    lastSeen: last,
    engine,
  };
}

const ratio2 = (x: number): string => (Math.round(x * 100) / 100).toString();
