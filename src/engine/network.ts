import { stableHash } from '../_internal/hash.js';
import { ALERT_SCHEMA_ID, type Alert, type AlertHit } from '../scoring/alert.js';
import type { AccountType } from '../schema/reference-data.js';
import { scoreHits } from '../scoring/score.js';
import { compareAlertHits, engineStamp } from './build-alert.js';
import type { EngineConfig } from './config.js';
import { evidenceKindIndex, isEvidenceHit } from './evidence-kinds.js';
import { fanAlerts } from './fan.js';
import { layeringAlerts } from './layering.js';
import { holderAccounts } from './holder-accounts.js';
import { identifiedMembers } from './identified-members.js';
import { vouchedPayers, wageWorkers } from './vouched-payers.js';

/** What network alerts are built from: scoring, the account → holder map, and the engine stamp. @category Engine */
export type NetworkConfig = Pick<EngineConfig, 'typologies' | 'familyOf' | 'context' | 'hash' | 'version' | 'profile' | 'asOf'>;

type MemberRef = NonNullable<Alert['members']>[number];

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
  return alert.entity.kind !== 'network' && alert.score > 0 && alert.hits.length > 0;
}

/**
 * Whether an entity alert carries evidence for the network stage's structures (`layering_hop`
 * hits, MS-LAY-01…03, or `fan_leg` hits, MS-FAN-02/03): such alerts reach
 * {@link networkAlerts} whatever their score, which joins their hops into cycles, scatter-gathers
 * and gather-scatter hubs (see `layeringAlerts`) and their legs into fan-in and fan-out hubs (see `fanAlerts`).
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
 * debt series for the payee they both pay; a member's money-flow hit for an entity whose own shared
 * identifier names a member, see identified-members.ts), and a
 * member account for its holder's other accounts (the customer is the subject): they are listed
 * as members without alerts of their own, and such a component raises its alert even when it adds
 * no score or family — one member then suffices (see vouched-payers.ts, holder-accounts.ts).
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
  const minLinkStrength = options.minLinkStrength ?? DEFAULT_MIN_LINK_STRENGTH;
  const candidates = alerts.filter(isNetworkCandidate).sort((a, b) => cmp(a.entity.kind, b.entity.kind) || cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
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
  const holderOf = (kind: string, id: string): string => (kind === 'account' ? (accounts.get(id)?.party ?? `account:${id}`) : `${kind}:${id}`);
  const names = new Set<string>();
  for (const alert of candidates) {
    for (const hit of alert.hits) {
      const f = config.familyOf(hit.rule);
      if (f === undefined || f === 'context' || f === 'identity' || hit.strength < CREW_MIN_STRENGTH) continue;
      for (const r of hit.related ?? []) names.add(`${holderOf(alert.entity.kind, alert.entity.id)}>${holderOf(r.kind, r.id)}`);
    }
  }
  const own: number[] = [];
  for (const alert of candidates) {
    const n = linked(alert.entity.kind, alert.entity.id);
    own.push(n);
    const self = substantive.has(`${alert.entity.kind}:${alert.entity.id}`);
    for (const hit of alert.hits) {
      if (hit.strength < minLinkStrength) continue;
      const identity = config.familyOf(hit.rule) === 'identity';
      if (identity && !self) continue;
      for (const r of hit.related ?? []) {
        if (identity && !substantive.has(`${r.kind}:${r.id}`)) continue;
        edges.push({ a: n, b: linked(r.kind, r.id), confirmed: names.has(`${holderOf(r.kind, r.id)}>${holderOf(alert.entity.kind, alert.entity.id)}`) });
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
  const byEntity = new Map<string, Alert>();
  for (const a of candidates) byEntity.set(`${a.entity.kind}:${a.entity.id}`, a);
  const stage: Stage = { workers: wageWorkers(candidates), alertOf: (key) => byEntity.get(key), minLinkStrength };
  for (const group of components(nodes.size, edges, members.map((i) => own[i] as number), maxMembers)) {
    const alert = networkOf(group.map((k) => candidates[members[k] as number] as Alert), config, stage);
    if (alert !== undefined) out.push(alert);
  }
  // Layering structures (cycles, scatter-gathers, gather-scatter hubs) over the accounts' hop evidence: see layering.ts.
  const taken = new Set(out.map((a) => a.entity.id));
  const evidence = alerts.filter(hasLayeringEvidence);
  const layered = layeringAlerts(evidence, config, taken);
  for (const alert of layered) out.push(alert);
  // Fan-in and fan-out hubs over the spokes' fan legs: see fan.ts.
  for (const alert of fanAlerts(evidence, config, taken, layered)) out.push(alert);
  return out.sort((a, b) => cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
}

/** A link between two nodes (a hit's entity and one of its `related` refs, or an account and its holder). */
interface Edge {
  readonly a: number;
  readonly b: number;
  /** Seen from both ends: the other end's own money-flow evidence names this end too (holder links: always). */
  readonly confirmed: boolean;
}

/**
 * Connected components of the members (union-find over the edges), each a list of indexes into
 * `members` in ascending order. A component with more than `maxMembers` members (a payroll's
 * fan-out or a string of ransom-sized transfers between background accounts joining a case to
 * dozens of bystanders) is not dropped outright: it is split again over its confirmed links only —
 * those seen from both ends, such as a debt collector naming its payers while each payer's own
 * series names the collector. A part that stays too large even then (a dormitory) raises nothing.
 * Deterministic: parts are ordered by their smallest member index.
 */
function components(nodeCount: number, edges: readonly Edge[], members: readonly number[], maxMembers: number): number[][] {
  const parent = Array.from({ length: nodeCount }, (_, i) => i);
  const find = (n: number): number => {
    let x = n;
    while (parent[x] !== x) {
      const up = parent[parent[x] as number] as number;
      parent[x] = up; // path halving
      x = up;
    }
    return x;
  };
  const split = (es: readonly Edge[], ms: readonly number[]): { members: number[]; edges: Edge[] }[] => {
    for (const e of es) {
      parent[e.a] = e.a;
      parent[e.b] = e.b;
    }
    for (const k of ms) parent[members[k] as number] = members[k] as number;
    for (const e of es) {
      const ra = find(e.a);
      const rb = find(e.b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    const parts = new Map<number, { members: number[]; edges: Edge[] }>();
    for (const k of ms) {
      const root = find(members[k] as number);
      const p = parts.get(root);
      if (p === undefined) parts.set(root, { members: [k], edges: [] });
      else p.members.push(k);
    }
    for (const e of es) parts.get(find(e.a))?.edges.push(e);
    return [...parts.values()];
  };
  const out: number[][] = [];
  for (const part of split(edges, members.map((_, k) => k))) {
    if (part.members.length <= maxMembers) out.push(part.members);
    else for (const p of split(part.edges.filter((e) => e.confirmed), part.members)) if (p.members.length <= maxMembers) out.push(p.members);
  }
  return out.sort((x, y) => (x[0] as number) - (y[0] as number));
}

/**
 * The network alerts a run reports: {@link networkAlerts} at or above `minScore`, in their order.
 * The one filter behind `scan()`, the partition merge and the NATS network stage, so that they
 * cannot drift apart.
 * @category Engine
 * @example const alerts = reportedNetworkAlerts(candidates, config, config.minScore);
 */
export function reportedNetworkAlerts(candidates: readonly Alert[], config: NetworkConfig, minScore: number): Alert[] {
  return networkAlerts(candidates, config).filter((a) => a.score >= minScore);
}

/** What every component's network alert reads of the whole run: the wage workers, the entity alerts by `kind:id`, the link bar. */
interface Stage {
  readonly workers: ReadonlySet<string>;
  readonly alertOf: (key: string) => Alert | undefined;
  readonly minLinkStrength: number;
}

/** One component's network alert, or undefined when it has one member or adds nothing to the best member. */
function networkOf(group: readonly Alert[], config: NetworkConfig, stage: Stage): Alert | undefined {
  const refs = new Map<string, MemberRef>();
  for (const a of group) {
    const kind = a.entity.kind as MemberRef['kind'];
    refs.set(`${kind}:${a.entity.id}`, { kind, id: a.entity.id });
  }
  // A debt collector's payers (a wage agent's workers, the payee of members' debt series), those
  // a member names who share an identifier with a member, and the members' holders' other
  // accounts join as members without alerts of their own (vouched-payers.ts, identified-members.ts, holder-accounts.ts).
  const known = new Set(refs.keys());
  const holder = (a: Alert): string => (a.entity.kind === 'account' ? (config.context.accounts.get(a.entity.id)?.party ?? `account:${a.entity.id}`) : `${a.entity.kind}:${a.entity.id}`);
  const payers = vouchedPayers(group, known, stage.workers, holder);
  for (const p of payers) known.add(`${p.kind}:${p.id}`);
  const identified = identifiedMembers(group, known, {
    alertOf: stage.alertOf, familyOf: config.familyOf, holderOf: (id) => config.context.accounts.get(id)?.party, minLinkStrength: stage.minLinkStrength,
  });
  for (const p of identified) known.add(`${p.kind}:${p.id}`);
  const vouched = [...payers, ...identified, ...holderAccounts(group, known, config.context)];
  if (refs.size + vouched.length < 2) return undefined;
  const crew = crewStrengths(group, config);
  const score = scoreHits([...group.flatMap((a) => a.hits), ...[...crew].map(([rule, c]) => ({ rule, strength: c.strength }))], config.typologies, config.familyOf);
  let best = 0;
  for (const a of group) if (a.score > best) best = a.score;
  // Corroboration is what a network adds: its score must rest on at least two indicator families
  // (one person's several accounts adding up the same structuring signals is not a network).
  // Vouched payers are what it adds otherwise: the collector's case extends to them at its score.
  const families = new Set<string>();
  for (const c of score.contributions) {
    const f = config.familyOf(c.rule);
    if (c.points > 0 && f !== undefined && f !== 'context') families.add(f);
  }
  if (vouched.length === 0 && (score.score <= best || families.size < 2)) return undefined;
  for (const v of vouched) refs.set(`${v.kind}:${v.id}`, v);

  const members = [...refs.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id));
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
      const hit: AlertHit = { ...h, window: { ...h.window }, indicators: [...h.indicators], transactionIds: [...h.transactionIds], reason: `${a.entity.kind} ${a.entity.id}: ${h.reason}`, facts: { ...h.facts } };
      if (h.related !== undefined) hit.related = h.related.map((r) => ({ ...r }));
      hits.push(hit);
    }
  }
  // The evidence that carries the score first: hits of the rules with the most points, then the
  // usual order (context-only hits such as round amounts come last, not first).
  const points = new Map<string, number>();
  for (const c of score.contributions) points.set(c.rule, Math.max(points.get(c.rule) ?? 0, c.points));
  hits.sort((a, b) => (points.get(b.rule) ?? 0) - (points.get(a.rule) ?? 0) || compareAlertHits(a, b));
  // Say where a rule's strength in the score came from when members corroborated each other.
  for (const [rule, c] of crew) {
    const top = hits.find((h) => h.rule === rule);
    if (top !== undefined) {
      top.reason += ` [${c.members} members show this pattern on their own: in the network it counts at strength ${ratio2(c.strength)} (strongest ${ratio2(c.strongest)}, + ${CREW_STEP} per further member).]`;
    }
  }
  const engine = engineStamp(config);
  return {
    schema: ALERT_SCHEMA_ID,
    id: stableHash(`network|${entityId}|${group.map((a) => a.id).sort().join(',')}`),
    entity: { kind: 'network', id: entityId },
    score: score.score,
    band: score.band,
    typologies: score.typologies.map((t) => (t.error === undefined ? { id: t.id, score: t.score } : { id: t.id, score: t.score, error: t.error })),
    contributions: score.contributions.map((c) => ({ ...c })),
    hits,
    members,
    firstSeen: first,
    lastSeen: last,
    engine,
  };
}

/**
 * Licensed remitters and government accounts move other people's money by design: in a network
 * they are links (a mule's remittances pass through one), never members scored with the case.
 * Their own alerts stand, discounted by each rule (see `accountTypeFactor`).
 */
function isInstitution(type: AccountType | undefined): boolean {
  return type === 'msb' || type === 'government';
}

/** Each further member showing a rule on its own adds this to the rule's strongest hit in a network. @category Engine */
export const CREW_STEP = 0.05;
/** Most a network's members add to one rule's strength together (six members). @category Engine */
export const CREW_MAX = 0.25;
/** Weakest hit of a member that counts towards {@link CREW_STEP}. @category Engine */
export const CREW_MIN_STRENGTH = 0.25;

/**
 * Members that show the same pattern each on their own corroborate each other (RESEARCH §c.6;
 * MS-DEBT-02 "several workers' wages flow to one account"): a crew whose wages all leave in cash
 * within hours, several payers of one collector. Per rule of a money family (not context, not
 * identity: dormitory residents share addresses lawfully), distinct holders (an account and its
 * holder party count once) with a hit of at least {@link CREW_MIN_STRENGTH} raise the strongest
 * hit by {@link CREW_STEP} per further holder, at most {@link CREW_MAX}. Only rules with two or
 * more such holders are returned.
 */
function crewStrengths(group: readonly Alert[], config: NetworkConfig): Map<string, { strength: number; strongest: number; members: number }> {
  const byRule = new Map<string, { holders: Set<string>; strongest: number }>();
  for (const a of group) {
    const holder = a.entity.kind === 'account' ? (config.context.accounts.get(a.entity.id)?.party ?? `account:${a.entity.id}`) : a.entity.id;
    for (const h of a.hits) {
      const f = config.familyOf(h.rule);
      if (f === undefined || f === 'context' || f === 'identity' || h.strength < CREW_MIN_STRENGTH) continue;
      const r = byRule.get(h.rule) ?? { holders: new Set<string>(), strongest: 0 };
      r.holders.add(holder);
      r.strongest = Math.max(r.strongest, h.strength);
      byRule.set(h.rule, r);
    }
  }
  const out = new Map<string, { strength: number; strongest: number; members: number }>();
  for (const [rule, r] of [...byRule].sort(([a], [b]) => cmp(a, b))) {
    if (r.holders.size < 2) continue;
    out.set(rule, { strength: Math.min(1, r.strongest + Math.min(CREW_MAX, CREW_STEP * (r.holders.size - 1))), strongest: r.strongest, members: r.holders.size });
  }
  return out;
}

const ratio2 = (x: number): string => (Math.round(x * 100) / 100).toString();

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
