import type { AlertLinks } from './alert-links.js';
import type { RuleContext } from '../rules/types.js';
import { isInstitution } from './institution.js';
import { holderKey } from './holder-accounts.js';
import { isWorkerHit } from './vouched-payers.js';
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
 * crew's workmates who merely bank their pay do not join. O(hits) to build; each call O(members).
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
  return (members, known) => {
    if (workersOf.size === 0) return [];
    const holders = new Map<string, Set<string>>();
    for (const m of members) {
      for (const employer of employerOf.get(m) ?? []) {
        const h = holders.get(employer) ?? new Set<string>();
        h.add(holderKey(accounts, 'account', m.slice('account:'.length)));
        holders.set(employer, h);
      }
    }
    const out = new Map<string, MemberRef>();
    for (const [employer, h] of holders) {
      if (h.size < EMPLOYER_MIN_WORKERS) continue;
      for (const w of workersOf.get(employer) ?? []) if (!known.has(w)) out.set(w, { kind: 'account', id: w.slice('account:'.length) });
    }
    return [...out.values()].sort(compareMemberRefs);
  };
}
