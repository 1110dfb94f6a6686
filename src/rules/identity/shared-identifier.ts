import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit } from '../types.js';
import type { SharedIdentifier } from './identity.js';
import { DAY_MS, hitOf, newest } from '../_lib.js';
import { holderDiscount } from '../_payments.js';
import { countOpt, days, ratioOpt } from '../options.js';

/** Options of {@link sharedIdentifier}; defaults from RESEARCH §a.1 / §c.4 (MS-ID-01, *proposed*). @category Rules
 * @example sharedIdentifierOptionsSchema.parse({ minNames: 4 }) */
export const sharedIdentifierOptionsSchema = z.object({
  /** Distinct names (phones, across addresses) or families (addresses) on one identifier, the holder included (s). */
  minNames: countOpt(2, 50, 3),
  /** Distinct names on one identity document (v). */
  minNameVariants: countOpt(2, 20, 2),
  /** Weight kept for allow-listed institutional addresses (dormitories, camps, NGO offices). */
  institutionalFactor: ratioOpt(0, 1, 0.4),
  /** An episode: the rule fires on an account's first event after this many quiet days. */
  windowDays: days(1, 365, 30),
  /** Accounts opened within this many days of each other count as onboarded together. */
  onboardingDays: days(1, 180, 30),
  /** Most linked entities listed in `related`. */
  maxRelated: countOpt(1, 500, 50),
});
/** Options accepted by {@link sharedIdentifier} (defaults filled in). @category Rules @example const o: SharedIdentifierOptions = { minNames: 4, institutionalFactor: 0.25 }; */
export type SharedIdentifierOptions = z.input<typeof sharedIdentifierOptionsSchema>;
type Options = z.output<typeof sharedIdentifierOptionsSchema>;

const ID = 'shared_identifier';
const INDICATORS = ['MS-ID-01'] as const;

/**
 * MS-ID-01, shared identifiers, from parties.csv through the identity index: the account holder
 * shares a phone with ≥ 3 names in all living at different addresses (a phone shared at one
 * address, or by one family name, is a household's), an address with parties of ≥ 3 families (names
 * grouped by family name; or more parties than a household), or an identity document that
 * carries ≥ 2 different names. Allow-listed institutional addresses (worker dormitories, camp
 * blocks, NGO offices) keep 40 % of the weight; accounts onboarded together weigh more. Fires on
 * the account's first event of an episode (30 quiet days apart) and lists the linked parties'
 * accounts in `related` so network alerts can join them. Reference data has no dates, so the
 * "within 30 days" of the research definition is read as accounts opened within 30 days.
 * @category Rules
 * @example const rule = sharedIdentifier({ minNames: 4 });
 */
export function sharedIdentifier(options: SharedIdentifierOptions = {}): Rule<typeof ID> {
  const o = parseOptions(sharedIdentifierOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'identity',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible shared-identity pattern: the holder shares a phone, address or identity document with unrelated people.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

interface Scored {
  readonly id: SharedIdentifier;
  readonly strength: number;
  readonly count: number;
}

function score(id: SharedIdentifier, o: Options): Scored | undefined {
  if (id.kind === 'document') {
    return id.names >= o.minNameVariants ? { id, count: id.names, strength: 0.6 + 0.1 * Math.min(3, id.names - o.minNameVariants) } : undefined;
  }
  if (id.institutional) {
    return id.names >= o.minNames ? { id, count: id.names, strength: (0.35 + 0.05 * Math.min(4, id.names - o.minNames)) * o.institutionalFactor } : undefined;
  }
  if (id.kind === 'phone') {
    // A phone shared at one address is a household's; relatives living apart may share a home phone
    // too, so one family name across all holders counts as one family.
    const count = id.addresses < 2 || (id.families === 1 && !id.keylessOnly) ? 1 : id.names;
    return count >= o.minNames ? { id, count, strength: 0.5 + 0.05 * Math.min(4, count - o.minNames) } : undefined;
  }
  // More parties than a household at a private address: shared rented housing as often as a safe house.
  const count = Math.max(id.families, id.crowded ? id.parties.length : 0);
  const base = 0.3 + 0.05 * Math.min(4, count - o.minNames);
  return count >= o.minNames ? { id, count, strength: id.crowded ? base * 0.6 : base } : undefined;
}

const A_NOUN = { phone: 'a phone number', address: 'an address', document: 'an identity document' } as const;

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const last = newest(window);
  const party = window.account?.party;
  if (party === undefined) return [];
  // Once per episode: only on the first event after `windowDays` without activity.
  const previous = window.events.length - 2 >= window.start ? window.events[window.events.length - 2] : undefined;
  if (previous !== undefined && previous.ts > last.ts - o.windowDays * DAY_MS) return [];
  const scored = context.identity.identifiersOf(party).map((id) => score(id, o)).filter((s): s is Scored => s !== undefined);
  if (scored.length === 0) return [];
  scored.sort((a, b) => b.strength - a.strength || (a.id.kind < b.id.kind ? -1 : 1));
  const best = scored[0] as Scored;

  // Linked parties, their accounts, and whether they were onboarded together with this account.
  const linked = [...new Set(scored.flatMap((s) => s.id.parties))].filter((p) => p !== party).sort();
  const opened = window.account?.openedAt;
  let together = 0;
  const related: EntityRef[] = [];
  for (const p of linked) {
    const accounts = context.identity.accountsOf(p);
    if (accounts.length === 0 && related.length < o.maxRelated) related.push({ kind: 'party', id: p });
    for (const a of accounts) {
      if (related.length < o.maxRelated) related.push({ kind: 'account', id: a });
      const t = context.accounts.get(a)?.openedAt;
      if (opened !== undefined && t !== undefined && Math.abs(t - opened) <= o.onboardingDays * DAY_MS) together++;
    }
  }
  const kinds = [...new Set(scored.map((s) => s.id.kind))].sort();
  const holderType = holderDiscount(window.account?.type);
  const strength = (best.strength + (together >= 2 ? 0.1 : 0) + (kinds.length >= 2 ? 0.1 : 0)) * holderType.factor;
  const what =
    best.id.kind === 'document' ? `an identity document recorded under ${best.count} different names`
    : best.id.kind === 'phone' ? `a phone number with ${best.id.parties.length - 1} other parties (${best.id.names} names at ${best.id.addresses} addresses)`
    : `an address with ${best.id.parties.length - 1} other parties${best.id.institutional ? ' (an institutional address: dormitory, camp or office)' : ` of ${best.count} families in all`}`;
  const reason =
    `Possible shared-identity pattern: the holder shares ${what}` +
    (kinds.length >= 2 ? `, and also ${kinds.filter((k) => k !== best.id.kind).map((k) => A_NOUN[k]).join(' and ')} with linked parties` : '') +
    (together >= 2 ? `; ${together} of the linked accounts were opened within ${o.onboardingDays} days of this one.` : '.');
  const facts: Record<string, number | string | boolean> = {
    identifier: best.id.kind, linkedParties: linked.length, names: best.id.names, families: best.id.families, households: best.id.households,
    institutional: best.id.institutional, crowded: best.id.crowded, sharedKinds: kinds.join(','), openedTogether: together,
  };
  if (holderType.why !== undefined) facts['discount'] = holderType.why;
  else if (best.id.institutional) facts['discount'] = 'institutional_address';
  // A shared address alone (landlords, dormitories, shared rented housing) joins no network: links
  // need a shared phone or identity document too (issue 14). The hit still scores for the holder.
  const linkable = kinds.some((k) => k !== 'address');
  if (!linkable) facts['links'] = 'none: address only';
  return [{ ...hitOf(rule, window, [last], strength, reason, facts, best.id.kind), related: linkable ? related : [] }];
}
