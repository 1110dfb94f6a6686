import type { Alert } from '../scoring/alert.js';
import { isInstitution } from './institution.js';
import type { EngineConfig } from './config.js';
import { evidenceKindIndex, isEvidenceHit } from './evidence-kinds.js';
import { fanAlerts } from './fan.js';
import { cashJoinAlerts } from './cash-joins.js';
import { layeringAlerts } from './layering.js';
import { holderKey } from './holder-accounts.js';
import { isPayerSeriesHit, isWorkerSeriesHit, namedPayees, paymentNamers, wageWorkers } from './vouched-payers.js';
import { identifierAgents } from './identifier-agents.js';
import { wageEmployers } from './wage-employers.js';
import { components, type Edge } from './network-components.js';
import { canJoinNetwork, candidateOf, hasEvidenceRecords, type NetworkCandidate } from './network-candidate.js';
import { candidateAlertId, candidateCanJoin, candidateEntity, readCandidateLinks } from './packed-candidates.js';
import type { AlertLinks } from './alert-links.js';
import { networkOf, type AgentsOf, type Stage } from './network-of.js';
import { CREW_MIN_STRENGTH } from './network-crew.js';
import { isPayrollLink } from './payroll-links.js';
import { dispersalIndex, hopLumpIndex, hopPaymasterCandidate, hopPaymastersOf, paymastersOf, type HopLumpIndex } from './paymasters.js';
import { compareText as cmp } from '../_internal/compare-text.js';
import { collectorPairAlerts, coveredBy } from './collector-pairs.js';

/** What network alerts are built from: scoring, the account → holder map, and the engine stamp. @category Engine */
export type NetworkConfig = Pick<EngineConfig, 'typologies' | 'familyOf' | 'context' | 'hash' | 'version' | 'profile' | 'asOf'>;

/**
 * Links carried by hits weaker than this do not join entities. Rules discount lawful look-alikes
 * below half strength (an institutional address shared by dormitory residents, a business payer,
 * a family-name-only link). On the demo bank (examples/data), links from such hits merged six
 * injected cases and dormitory residents into one 76-member component; from 0.35 up it splits
 * into five smaller networks, mostly one per case.
 * @category Engine
 */
export const DEFAULT_MIN_LINK_STRENGTH = 0.35;

/**
 * Components with more scored members than this raise no network alert as they are: they are
 * split over their links seen from both ends (see `components`), and parts still larger raise
 * none. Measured on the scenario
 * generator's bank (examples/scenarios): components above ~25 members were dormitories, payroll
 * and rent hubs joined through shared addresses, not cases; a collector's dozens of senders are
 * links, not members, unless they score themselves.
 * @category Engine
 */
export const DEFAULT_MAX_NETWORK_MEMBERS = 25;

/**
 * Weakest own score (0–100) of a network member: half the default alert threshold. Entities with
 * only faint signals of their own (an employer's payroll brushing a fan-out rule) are links, not
 * members; measured on the scenario bank, admitting them merged collectors with employers.
 * @category Engine
 */
export const DEFAULT_MIN_MEMBER_SCORE = 20;

/** Options of {@link networkAlerts}. @category Engine */
export interface NetworkOptions {
  /** Weakest hit (0..1) whose `related` links join entities; default {@link DEFAULT_MIN_LINK_STRENGTH}. Holder links always count. */
  readonly minLinkStrength?: number;
  /** Most members a network alert may have; default {@link DEFAULT_MAX_NETWORK_MEMBERS}. */
  readonly maxMembers?: number;
  /** Weakest own score of a member; default {@link DEFAULT_MIN_MEMBER_SCORE}. */
  readonly minMemberScore?: number;
}

/**
 * Whether an entity alert can be a network member: an account or party alert whose hits score on
 * their own (score > 0). Entities with context hits only (round amounts) amplify nothing alone and
 * are left out, which also keeps the monitor's memory to scored entities.
 * @category Engine
 * @example const members = alerts.filter(isNetworkCandidate);
 */
export function isNetworkCandidate(alert: Alert): boolean {
  return canJoinNetwork(alert);
}

/**
 * Whether an entity alert carries evidence for the network stage's structures (`layering_hop`
 * hits, MS-LAY-01…03, `fan_leg` hits, MS-FAN-02/03, or `cash_site` hits, MS-DEBT-04/05): such alerts reach
 * {@link networkAlerts} whatever their score, which joins their hops into cycles, scatter-gathers
 * and gather-scatter hubs (see `layeringAlerts`), their legs into fan-in and fan-out hubs (see
 * `fanAlerts`) and their cash into shared card sessions and cash hand-overs (see `cashJoinAlerts`).
 * @category Engine
 * @example const evidence = alerts.filter(hasLayeringEvidence);
 */
export function hasLayeringEvidence(alert: Alert): boolean {
  return alert.entity.kind === 'account' && alert.hits.some((h) => evidenceKindIndex(h.rule) >= 0);
}

/**
 * Whether an alert is reported: it reaches `minScore` and is not evidence only. An alert whose
 * every hit has strength 0 (layering hops, fan legs: evidence for the network stage, no score) is never
 * reported, at any `minScore`; it still reaches the network stage.
 * @category Engine
 * @example const reported = alerts.filter((a) => isReported(a, 40));
 */
export function isReported(alert: Alert, minScore: number): boolean {
  return alert.score >= minScore && alert.hits.some((h) => h.strength > 0);
}

/**
 * The alert as reported: without its strength-0 evidence (layering hops, fan legs; see evidence-kinds.ts),
 * which is for the network stage (it lists the hops on a structure's path) and scores nothing. The
 * same object when it has none.
 * @category Engine
 * @example const out = isReported(alert, 40) ? reportedAlert(alert) : undefined;
 */
export function reportedAlert(alert: Alert): Alert {
  return alert.hits.some(isEvidenceHit) ? { ...alert, hits: alert.hits.filter((h) => !isEvidenceHit(h)) } : alert;
}

/**
 * Network alerts (RESEARCH §c.6 corroboration across entities): links between entity alerts —
 * the `related` refs on their hits of at least `minLinkStrength` (a collector's payers, people
 * sharing a phone, address or document) and each account's holder party from the accounts
 * reference data — form connected
 * components (union-find over `kind:id` refs; entities without an alert may bridge two members).
 * Members are entities with a scored alert (score > 0, whether or not it reaches `minScore`: a
 * payer's shared identifier alone scores below it, yet corroborates its collector). A component
 * of more than `maxMembers` members is split over its links seen from both ends (an end's own
 * money-flow hit names the other: a collector's payers whose own series name the collector), so a
 * payroll's fan-out or a bystander's ransom-sized transfers cannot bury a case. A component
 * with at least two members raises one `network` alert when its members' hits
 * scored together (one hit per rule at its strongest, see `scoreHits`) score more than its best
 * member alone and that score rests on at least two indicator families — e.g. a collector's
 * debt_repayment (debt_exploitation) with its payers' shared_identifier (identity). A debt
 * collector's hit of at least `VOUCH_MIN_STRENGTH` also vouches for the payers it names (a
 * wage-diversion agent's for the workers it names whose own wages leave at once; two members' own
 * debt series for the payee they both pay, or one member's series naming its debt for its payee; a structurer's cash-out for the third party that funded
 * it; a member's money-flow hit for an entity whose own shared identifier names a member, see
 * identified-members.ts), and a
 * member account — alerted or vouched for — for its holder's other accounts (the customer is the subject), and a collecting
 * member for the senders it names whose own payers pay them smuggling fees (sub-collectors, see
 * sub-collectors.ts): they are listed as members without alerts of their own, and such a component raises its alert even when it adds
 * no score or family — one member then suffices (see vouched-payers.ts, holder-accounts.ts). A collecting member's paymaster —
 * an account whose own fan_out pays on a lump from it (paymasters.ts) — joins with its alert, and two members naming each
 * other with money-flow hits (a sub-collector's series into the collector, `feedersOf` in sub-collectors.ts) raise
 * their network likewise. A collector whose fee or corridor payers' money went on in one lump to an
 * account that paid it on into the corridor raises a network with that paymaster even where neither
 * scores on its own (collector-pairs.ts).
 * Members' own alerts are unchanged. Pure and deterministic: the output depends only on the set of input alerts, not their
 * order. O(alerts + hits + links) time and memory.
 *
 * The network alert: entity `{ kind: 'network', id: 'net-' + hash of the sorted member refs }`,
 * `members` (the member accounts and parties, sorted), every member's hits with the reason
 * prefixed by the member ("account A1: Possible …") and the evidence kept, the union score's
 * typologies, contributions and band, and firstSeen/lastSeen over the members. Network alerts
 * given as input are ignored.
 *
 * @param alerts entity alerts of one run (any order; all scores — filter by `minScore` after)
 * @param config the engine configuration the alerts were built with
 * @param options the weakest hit whose links count
 * @returns network alerts, ordered by entity id
 * @category Engine
 * @example
 * const networks = networkAlerts(entityAlerts, config).filter((a) => a.score >= config.minScore);
 */
export function networkAlerts(alerts: readonly Alert[], config: NetworkConfig, options: NetworkOptions = {}): Alert[] {
  return networkAlertsOf(alerts.map(candidateOf), config, options);
}

/**
 * What a caller may do between the network stage's passes (components, layering, fans, cash joins):
 * `tidewatch scan` collects garbage there, so that each pass's structures (the link graph, the hop
 * table's columns) are gone before the next builds its own. On the 1M-row bench file the hop
 * table's arrays (about 60 MiB outside the heap) stayed allocated through the fans and cash joins
 * until a collection came; with the collections the scan's peak was 390,096 KiB against 405,452
 * KiB without (idle, one run each, session 38). @internal
 */
export interface NetworkStageHooks {
  readonly betweenPasses?: () => void;
}

/**
 * {@link networkAlerts} over entity alerts whose evidence is kept as records (see
 * {@link NetworkCandidate}): the engine's own path, which never builds the evidence hits it would only read the facts of.
 * @internal
 */
export function networkAlertsOf(all: readonly NetworkCandidate[], config: NetworkConfig, options: NetworkOptions = {}, hooks: NetworkStageHooks = {}): Alert[] {
  // The components' alerts first: what that stage builds (every scored alert, the link graph) is
  // garbage before the layering stage builds its hop table.
  const evidence = all.filter(isEvidenceCandidate);
  // The paymasters' lumps read from their hops (paymasters.ts), once: the component networks' hop-read
  // paymasters and the collector-paymaster pairs both read them.
  const lumps = hopLumpIndex(evidence, config.context.accounts);
  const { alerts: out, agentsOf } = componentAlerts(all, config, options, lumps);
  const components = out.length;
  hooks.betweenPasses?.();
  // Layering structures (cycles, scatter-gathers, gather-scatter hubs) over the accounts' hop evidence: see layering.ts.
  const taken = new Set(out.map((a) => a.entity.id));
  const layered = layeringAlerts(evidence, config, taken);
  for (const alert of layered) out.push(alert);
  hooks.betweenPasses?.();
  // Fan-in and fan-out hubs over the spokes' fan legs: see fan.ts.
  for (const alert of fanAlerts(evidence, config, taken, layered)) out.push(alert);
  hooks.betweenPasses?.();
  // Corridor collectors and their paymasters as pairs, where no case lists both yet: see collector-pairs.ts.
  for (const alert of collectorPairAlerts(evidence, lumps.lumps, config, coveredBy(out))) if (!taken.has(alert.entity.id)) out.push(alert);
  // Shared card sessions and cash hand-overs over the accounts' cash-site records: see cash-joins.ts.
  // One with a component alert's very members stands in for it when it scores more (a crew's card
  // session and the crew its employer gathers, wage-employers.ts).
  for (const alert of out) taken.add(alert.entity.id);
  const component = new Map(out.slice(0, components).map((a, i) => [a.entity.id, i] as const));
  for (const id of component.keys()) taken.delete(id);
  for (const alert of cashJoinAlerts(evidence, config, taken, agentsOf)) {
    const i = component.get(alert.entity.id);
    if (i === undefined) out.push(alert);
    else if (alert.score > (out[i] as Alert).score) out[i] = alert;
  }
  return out.sort((a, b) => cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
}

/**
 * The network alerts of the link graph's components (see {@link networkAlerts}), unsorted. The
 * scored candidates' alerts are read for this stage only (packed ones parsed, not kept: on the
 * 1M-row bench file they and the graph were about 75 MB of heap the later stages never read).
 */
function componentAlerts(all: readonly NetworkCandidate[], config: NetworkConfig, options: NetworkOptions, hopLumps: HopLumpIndex): { alerts: Alert[]; agentsOf: AgentsOf } {
  const minLinkStrength = options.minLinkStrength ?? DEFAULT_MIN_LINK_STRENGTH;
  const scored = all.filter(candidateCanJoin).sort((a, b) => {
    const x = candidateEntity(a);
    const y = candidateEntity(b);
    return cmp(x.kind, y.kind) || cmp(x.id, y.id) || cmp(candidateAlertId(a), candidateAlertId(b));
  });
  const candidates = scored.map(readCandidateLinks);
  const nodes = new Map<string, number>();
  const node = (kind: string, id: string): number => {
    const key = `${kind}:${id}`;
    let n = nodes.get(key);
    if (n === undefined) {
      n = nodes.size;
      nodes.set(key, n);
    }
    return n;
  };
  const accounts = config.context.accounts;
  // Every link as an edge with the strength of the hit that carries it (holder links: Infinity).
  const edges: Edge[] = [];
  /** The node of a ref, joined to the account holder's party when the reference data names one. */
  const linked = (kind: string, id: string): number => {
    const n = node(kind, id);
    if (kind === 'account') {
      const holder = accounts.get(id)?.party;
      if (holder !== undefined) edges.push({ a: n, b: node('party', holder), confirmed: true });
    }
    return n;
  };

  // Identity links (a shared phone, address or document) join only entities that both carry
  // evidence of another kind: dormitory residents and households share identifiers lawfully, so an
  // identity link alone must not pull anyone into a case. Money-flow links (a collector's payers,
  // a conductor's accounts, a funnel's senders) join freely.
  const minMemberScore = options.minMemberScore ?? DEFAULT_MIN_MEMBER_SCORE;
  const substantive = new Set<string>();
  for (const alert of candidates) {
    if (alert.entity.kind === 'account' && isInstitution(accounts.get(alert.entity.id)?.type)) continue;
    if (alert.score >= minMemberScore && alert.hits.some((h) => { const f = config.familyOf(h.rule); return f !== undefined && f !== 'identity' && f !== 'context'; })) {
      substantive.add(`${alert.entity.kind}:${alert.entity.id}`);
    }
  }
  // Who names whom with money-flow evidence of its own (holders for accounts), to confirm links.
  const holderOf = (kind: string, id: string): string => holderKey(accounts, kind, id);
  const names = new Set<string>();
  for (const alert of candidates) {
    for (const hit of alert.hits) {
      const f = config.familyOf(hit.rule);
      if (f === undefined || f === 'context' || f === 'identity' || hit.strength < CREW_MIN_STRENGTH) continue;
      for (const r of hit.related ?? []) names.add(`${holderOf(alert.entity.kind, alert.entity.id)}>${holderOf(r.kind, r.id)}`);
    }
  }
  // The payees two or more members' own debt or wage series name: each payer's link to such a
  // payee is seen from both ends (its fellow payers' series corroborate it), see `namedPayees`.
  const payees = namedPayees(candidates.filter((a) => substantive.has(`${a.entity.kind}:${a.entity.id}`)), (a) => holderOf(a.entity.kind, a.entity.id), (key) => {
    const i = key.indexOf(':');
    return key.slice(0, i) === 'account' && isInstitution(accounts.get(key.slice(i + 1))?.type);
  });
  const own: number[] = [];
  for (const alert of candidates) {
    const n = linked(alert.entity.kind, alert.entity.id);
    own.push(n);
    const self = substantive.has(`${alert.entity.kind}:${alert.entity.id}`);
    for (const hit of alert.hits) {
      if (hit.strength < minLinkStrength) continue;
      const identity = config.familyOf(hit.rule) === 'identity';
      const payroll = isPayrollLink(alert, hit, (id) => accounts.get(id)?.type, config.familyOf);
      if (identity && !self) continue;
      for (const r of hit.related ?? []) {
        if (identity && !substantive.has(`${r.kind}:${r.id}`)) continue;
        const confirmed = names.has(`${holderOf(r.kind, r.id)}>${holderOf(alert.entity.kind, alert.entity.id)}`) ||
          (self && (isPayerSeriesHit(hit) || isWorkerSeriesHit(hit)) && payees.has(`${r.kind}:${r.id}`));
        edges.push(payroll ? { a: n, b: linked(r.kind, r.id), confirmed, payroll } : { a: n, b: linked(r.kind, r.id), confirmed });
      }
    }
  }

  // Members are entities with evidence of their own beyond a shared identifier: a funnel's
  // senders, a ransom collector's families or a debt collector's payers who only share a phone
  // are links, not members. (Measured on the scenario bank: admitting a debt collector's
  // identity-only payers as members brought family-remittance look-alikes back, 1.1 % flagged,
  // for one more true positive.)
  const members: number[] = [];
  candidates.forEach((alert, i) => {
    if (substantive.has(`${alert.entity.kind}:${alert.entity.id}`)) members.push(i);
  });
  const maxMembers = options.maxMembers ?? DEFAULT_MAX_NETWORK_MEMBERS;
  const out: Alert[] = [];
  const byEntity = new Map<string, AlertLinks>();
  for (const a of candidates) byEntity.set(`${a.entity.kind}:${a.entity.id}`, a);
  const workers = wageWorkers(candidates);
  // The agents whose phone or document the members' wage workers' accounts carry (identifier-agents.ts).
  const agentsOf = identifierAgents(candidates, { workers, familyOf: config.familyOf, context: config.context, minLinkStrength });
  const stage: Stage = { workers, alertOf: (key) => byEntity.get(key), minLinkStrength, agentsOf, crewOf: wageEmployers(candidates, accounts), namersOf: paymentNamers(candidates) };
  // The accounts whose own fan-out pays on a member collector's lump (paymasters.ts), by the member they name.
  const dispersers = dispersalIndex(candidates, accounts);
  // And those whose hops pay a member collector's lump on to new recipients: `hopLumps` (paymasters.ts).
  for (const group of components(nodes.size, edges, members.map((i) => own[i] as number), maxMembers)) {
    const inGroup = group.map((k) => members[k] as number);
    const relays = paymastersOf(inGroup.map((i) => candidates[i] as AlertLinks), dispersers, candidates, { familyOf: config.familyOf, accounts });
    const joined = relays.map((p) => ({ candidate: scored[p.index] as NetworkCandidate, source: p.source }));
    const skip = new Set([...inGroup, ...relays.map((p) => p.index)].map((i) => `${(candidates[i] as AlertLinks).entity.kind}:${(candidates[i] as AlertLinks).entity.id}`));
    for (const h of hopPaymastersOf(inGroup.map((i) => candidates[i] as AlertLinks), hopLumps.lumps, skip, { familyOf: config.familyOf, accounts })) {
      joined.push({ candidate: hopPaymasterCandidate(hopLumps.candidateOf.get(h.key) as NetworkCandidate, h.lump), source: h.lump.source });
    }
    const alert = networkOf(inGroup.map((i) => scored[i] as NetworkCandidate), config, stage, joined);
    if (alert !== undefined) out.push(alert);
  }
  return { alerts: out, agentsOf };
}

/**
 * The network alerts a run reports: {@link networkAlerts} at or above `minScore`, in their order.
 * The one filter behind `scan()`, the partition merge and the NATS network stage, so that they
 * cannot drift apart.
 * @category Engine
 * @example const alerts = reportedNetworkAlerts(candidates, config, config.minScore);
 */
export function reportedNetworkAlerts(candidates: readonly Alert[], config: NetworkConfig, minScore: number): Alert[] {
  return reportedNetworkAlertsOf(candidates.map(candidateOf), config, minScore);
}

/** {@link reportedNetworkAlerts} over candidates whose evidence is kept as records (the engine's path). @internal */
export function reportedNetworkAlertsOf(candidates: readonly NetworkCandidate[], config: NetworkConfig, minScore: number, hooks: NetworkStageHooks = {}): Alert[] {
  return networkAlertsOf(candidates, config, {}, hooks).filter((a) => a.score >= minScore);
}

/** Whether a candidate is an account with evidence for the layering and fan stages (its alert {@link hasLayeringEvidence}). @internal */
export function isEvidenceCandidate(c: NetworkCandidate): boolean {
  return candidateEntity(c).kind === 'account' && hasEvidenceRecords(c);
}

