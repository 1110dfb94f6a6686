import type { AlertLinks } from './alert-links.js';
import type { IndicatorFamily, RuleContext } from '../rules/types.js';
import { isInstitution } from './institution.js';
import { holderKey } from './holder-accounts.js';
import type { MemberRef } from './member-ref.js';

/**
 * Fewest distinct holders among a network's wage workers whose accounts carry one outside
 * person's phone (or identity document) for that person to join the network as the agent
 * (MS-DEBT-02 card form with MS-ID-01): one shared phone is a friend's or a relative's, the same
 * phone on two or more diverted workers' accounts is the controller's (*proposed*).
 * @internal
 */
export const AGENT_MIN_WORKERS = 2;

/** What {@link identifierAgents} reads of the run besides the alerts. @internal */
export interface IdentifierAgentsInput {
  /** The wage workers of the run (`kind:id`, see `wageWorkers`): accounts whose own wages leave at once. */
  readonly workers: ReadonlySet<string>;
  readonly familyOf: (rule: string) => IndicatorFamily | undefined;
  readonly context: Pick<RuleContext, 'accounts' | 'identity'>;
  /** Weakest identity hit whose links count (the network stage's link bar). */
  readonly minLinkStrength: number;
}

/** The parties sharing a phone or an identity document with `party` (never an address alone). */
function phoneOrDocumentParties(party: string, identity: RuleContext['identity']): Set<string> {
  const out = new Set<string>();
  for (const id of identity.identifiersOf(party)) if (id.kind !== 'address') for (const p of id.parties) if (p !== party) out.add(p);
  return out;
}

/**
 * The agents of a run's wage workers seen through their identifiers (MS-DEBT-02 with MS-ID-01):
 * a collector who takes the workers' wages with their cards, or has them paid out in cash, moves
 * no money of his own to or from them, but to use their cards and online banking he has his own
 * phone registered on their accounts. An account joins a network as a member (no hits, no score,
 * like a vouched payer) when its holder's own shared-identifier hit (a phone or an identity
 * document; an address alone links no one) of at least `minLinkStrength` names the accounts of
 * {@link AGENT_MIN_WORKERS} or more distinct holders who are wage workers and members of that
 * network; the holder's other accounts join with it (the customer is the subject, as
 * holder-accounts.ts). The shared-identifier rule already reads a phone shared at one address or
 * by one family as a household's, and the workers must be in the case: dormitory residents, a
 * family's phone or a shared phone alone join no one.
 *
 * Returns the function a network stage calls with its members (`kind:id`) and the entities
 * already listed (`known`), which gives the agents' accounts other than those, sorted.
 * O(hits + links) to build; each call O(members' namers).
 * @internal
 * @example const agentsOf = identifierAgents(alerts, { workers, familyOf, context, minLinkStrength: 0.35 });
 */
export function identifierAgents(alerts: readonly AlertLinks[], input: IdentifierAgentsInput): (members: Iterable<string>, known: ReadonlySet<string>) => MemberRef[] {
  const namers = new Map<string, { account: string; holder: string }[]>();
  const accounts = input.context.accounts;
  for (const a of alerts) {
    if (a.entity.kind !== 'account' || isInstitution(accounts.get(a.entity.id)?.type)) continue;
    const holder = holderKey(accounts, a.entity.kind, a.entity.id);
    let linked: Set<string> | undefined;
    for (const h of a.hits) {
      if (input.familyOf(h.rule) !== 'identity' || h.strength < input.minLinkStrength) continue;
      // The hit lists everyone linked by any of the holder's identifiers: a worker counts only when
      // it holds the same phone or identity document (a dormitory address links residents lawfully).
      linked ??= phoneOrDocumentParties(holder, input.context.identity);
      for (const r of h.related ?? []) {
        const key = `${r.kind}:${r.id}`;
        if (!input.workers.has(key) || !linked.has(holderKey(accounts, r.kind, r.id))) continue;
        const list = namers.get(key);
        if (list === undefined) namers.set(key, [{ account: a.entity.id, holder }]);
        else if (!list.some((x) => x.account === a.entity.id)) list.push({ account: a.entity.id, holder });
      }
    }
  }
  /** A member's holder as the namers' holders are keyed: an account's party (else `account:id`), a party itself. */
  const holderOfKey = (key: string): string => {
    const i = key.indexOf(':');
    return key.slice(0, i) === 'party' ? key.slice(i + 1) : holderKey(accounts, key.slice(0, i), key.slice(i + 1));
  };
  return (members, known) => {
    if (namers.size === 0) return [];
    const memberHolders = new Set<string>();
    const named = new Map<string, { account: string; workers: Set<string> }>();
    const keys = [...members];
    for (const m of keys) memberHolders.add(holderOfKey(m));
    for (const m of keys) {
      const worker = holderOfKey(m);
      for (const n of namers.get(m) ?? []) {
        if (memberHolders.has(n.holder) || n.holder === worker) continue;
        const g = named.get(n.holder) ?? { account: n.account, workers: new Set<string>() };
        g.workers.add(worker);
        named.set(n.holder, g);
      }
    }
    const out = new Set<string>();
    for (const [holder, g] of named) {
      if (g.workers.size < AGENT_MIN_WORKERS) continue;
      const own = accounts.get(g.account)?.party === holder ? input.context.identity.accountsOf(holder) : [];
      for (const id of own.length > 0 ? own : [g.account]) {
        if (!known.has(`account:${id}`) && !isInstitution(accounts.get(id)?.type)) out.add(id);
      }
    }
    return [...out].sort().map((id) => ({ kind: 'account' as const, id }));
  };
}
