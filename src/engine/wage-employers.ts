import type { AlertLinks } from './alert-links.js';
import type { AlertHit } from '../scoring/alert.js';
import type { RuleContext } from '../rules/types.js';
import { isInstitution } from './institution.js';
import { holderKey } from './holder-accounts.js';
import { isWageAgentHit, isWorkerHit, isWorkerSeriesHit } from './vouched-payers.js';
import type { MemberRef } from './member-ref.js';
import { compareMemberRefs } from './member-ref.js';

/**
 * Fewest distinct holders among a network's members whose own diverted wages (the worker variant
 * of `wage_diversion`, see `isWorkerHit`) were all paid by one account for that account's other
 * diverted workers to join the network (MS-DEBT-02; *proposed*): one member's employer is a
 * coincidence, the employer of two or more workers of one case is the crew's.
 * @internal
 */
export const EMPLOYER_MIN_WORKERS = 2;

/**
 * The crews of a run's diverted workers (MS-DEBT-02, "several workers' wages flow to one
 * account", seen from where the wages come from): for every account named as the one payer of a
 * worker's diverted wages (`facts.employer` of a worker-variant `wage_diversion` hit of at least
 * `WORKER_MIN_STRENGTH`), the workers it paid. An agent takes a crew's wages by transfer from
 * some and has the others' drawn in cash with their cards: the transfers name the agent, the cash
 * names no one, and only the employer ties the two together.
 *
 * Returns the function a network stage calls with its members (`kind:id`, alerted or vouched) and
 * the entities already listed (`known`): the other diverted workers of every employer that paid
 * {@link EMPLOYER_MIN_WORKERS} or more member workers of distinct holders, other than those known,
 * sorted. They join as members without alerts of their own, like a collector's vouched payers
 * (vouched-payers.ts). The employer itself does not join: paying a crew whose wages are taken is
 * no sign of its own (a lawful labour contractor's payroll looks the same), and government and
 * licensed-remitter payers are never read as a crew's employer. A lawful migrant drawing the wage
 * in cash scores below `WORKER_MIN_STRENGTH` (cash of unknown conductor is discounted), so a
 * crew's workmates who merely bank their pay do not join. Each member agent's workers whose own
 * short series name it join too, where a workmate of the same employer vouches for them
 * ({@link agentShortSeries}). O(hits) to build; each call O(members).
 * @internal
 * @example const crewOf = wageEmployers(alerts, context.accounts);
 */
export function wageEmployers(alerts: readonly AlertLinks[], accounts: RuleContext['accounts']): (members: Iterable<string>, known: ReadonlySet<string>) => MemberRef[] {
  const workersOf = new Map<string, Set<string>>();
  const employerOf = new Map<string, Set<string>>();
  for (const a of alerts) {
    if (a.entity.kind !== 'account') continue;
    for (const h of a.hits) {
      const employer = h.facts['employer'];
      if (typeof employer !== 'string' || !isWorkerHit(h) || employer === a.entity.id || isInstitution(accounts.get(employer)?.type)) continue;
      const key = `account:${a.entity.id}`;
      const w = workersOf.get(employer) ?? new Set<string>();
      w.add(key);
      workersOf.set(employer, w);
      const e = employerOf.get(key) ?? new Set<string>();
      e.add(employer);
      employerOf.set(key, e);
    }
  }
  const shortOf = agentShortSeries(alerts, accounts);
  return (members, known) => {
    const out = new Map<string, MemberRef>();
    const list = [...members];
    // The workers whose own short series names a member agent whose payday collection names them.
    for (const m of list) for (const w of shortOf.get(m) ?? []) if (!known.has(w)) out.set(w, { kind: 'account', id: w.slice('account:'.length) });
    if (workersOf.size === 0) return [...out.values()].sort(compareMemberRefs);
    const holders = new Map<string, Set<string>>();
    for (const m of list) {
      for (const employer of employerOf.get(m) ?? []) {
        const h = holders.get(employer) ?? new Set<string>();
        h.add(holderKey(accounts, 'account', m.slice('account:'.length)));
        holders.set(employer, h);
      }
    }
    for (const [employer, h] of holders) {
      if (h.size < EMPLOYER_MIN_WORKERS) continue;
      for (const w of workersOf.get(employer) ?? []) if (!known.has(w)) out.set(w, { kind: 'account', id: w.slice('account:'.length) });
    }
    return [...out.values()].sort(compareMemberRefs);
  };
}

/**
 * Whether a hit is a worker's short series (`wage_diversion` worker variant with `facts.short`:
 * most of the wage passed at once to one account in two pay cycles, evidence only).
 * @internal
 * @example const short = alert.hits.some(isShortSeriesHit);
 */
export function isShortSeriesHit(h: Pick<AlertHit, 'rule' | 'facts'>): boolean {
  return h.rule === 'wage_diversion' && h.facts['short'] === true && typeof h.facts['cycles'] === 'number';
}

/** A worker's own series naming an agent: the one employer of its diverted wages, short (evidence only) or full, and full at the vouching bar. */
interface Series {
  readonly employer: string;
  readonly short: boolean;
  readonly strong: boolean;
}

/**
 * The workers (`account:id`) of each wage agent (`account:id`) seen from both ends (MS-DEBT-02):
 * the agent's payday collection ({@link isWageAgentHit}: several unrelated people paying it within
 * one payday burst, strong enough to vouch) names the worker; the worker's own short series
 * ({@link isShortSeriesHit}) names the agent; and the one account that paid the worker's diverted
 * wages also paid those of another worker of the agent, of another holder, whose own series
 * (short or full, naming the agent) the burst names too: a crew, {@link EMPLOYER_MIN_WORKERS} or
 * more workers of one employer paying one agent. A worker whose wages went to the agent in only two
 * cycles (a late joiner, or one whose other wages the agent drew in cash with the worker's card)
 * shows too little to be read on its own; the crew is the evidence. A landlord's rent day, a savings
 * group's pot and a business's takings are discounted below the agent bar; a hundi operator's
 * clients, who pay it from their own wages to send money home, work for many employers. O(hits),
 * and O(n²) per agent in the n series that name it.
 * @internal
 * @example const workers = agentShortSeries(alerts, context.accounts).get('account:A1');
 */
export function agentShortSeries(alerts: readonly AlertLinks[], accounts: RuleContext['accounts']): Map<string, Set<string>> {
  const named = new Map<string, Set<string>>();
  // Per agent: the workers whose own series name it, with the one employer of their diverted wages and whether the series is short.
  const series = new Map<string, Map<string, Series>>();
  for (const a of alerts) {
    if (a.entity.kind !== 'account') continue;
    const self = `account:${a.entity.id}`;
    for (const h of a.hits) {
      if (isWageAgentHit(h)) {
        const set = named.get(self) ?? new Set<string>();
        for (const r of h.related ?? []) if (r.kind === 'account') set.add(`account:${r.id}`);
        named.set(self, set);
        continue;
      }
      const employer = h.facts['employer'];
      if (h.rule !== 'wage_diversion' || typeof h.facts['cycles'] !== 'number' || typeof employer !== 'string' || employer === a.entity.id || isInstitution(accounts.get(employer)?.type)) continue;
      const short = isShortSeriesHit(h);
      if (!short && h.strength <= 0) continue;
      for (const r of h.related ?? []) {
        if (r.kind !== 'account' || r.id === a.entity.id) continue;
        const agent = `account:${r.id}`;
        const m = series.get(agent) ?? new Map<string, Series>();
        const cur = m.get(self);
        const strong = !short && isWorkerSeriesHit(h);
        if (cur === undefined || (cur.short && !short) || (strong && !cur.strong)) m.set(self, { employer, short, strong });
        series.set(agent, m);
      }
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [agent, workers] of series) {
    const names = named.get(agent) ?? new Set<string>();
    const crew = new Set<string>();
    for (const [w, x] of workers) {
      if (!x.short) continue;
      const holder = holderKey(accounts, 'account', w.slice('account:'.length));
      // A workmate of another holder, paid by the same employer, whose own series names the agent: in full, or short with both named by the agent's burst.
      const mate = [...workers].some(([v, y]) => y.employer === x.employer && holderKey(accounts, 'account', v.slice('account:'.length)) !== holder
        && (y.strong || (names.has(w) && names.has(v))));
      if (mate) crew.add(w);
    }
    if (crew.size > 0) out.set(agent, crew);
  }
  return out;
}
