import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, compareRefs, hitOf, money, newest, flowReference } from '../_lib.js';
import {
  KIN_REF, addressedAsRent, TRADE_REF, familyClusters, holderDiscount, inflowsByPayer, isFamily, isOrganisation, mayHaveRelatives, ownCountryOf, ownRef,
  paidBefore, payerOf, phoneKeys, type Payer,
} from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, scanGuard } from '../scan-guard.js';

/** Options of {@link thirdPartyPayer}; defaults from RESEARCH §a.1 (MS-TP-01, *proposed*). @category Rules
 * @example thirdPartyPayerOptionsSchema.parse({ windowDays: 14 }) */
export const thirdPartyPayerOptionsSchema = z.object({
  windowDays: days(7, 90, 30),
  /** Payers of one family cluster paying the account within the window. */
  minFamilyPayers: countOpt(2, 20, 2),
  /** Diaspora form: distinct unrelated families abroad paying a collector in an origin or transit country. */
  minDiasporaPayers: countOpt(2, 50, 3),
  /** Payments by the same payers more than `windowDays` earlier show an established relationship. */
  historyDays: days(30, 365, 120),
  /** The family's (or the diaspora payers') total must reach this share of the cash threshold T: fees, not pocket money. */
  minTotalShareOfThreshold: ratioOpt(0, 1, 0.02),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(50, 50_000),
});
/** Options accepted by {@link thirdPartyPayer} (defaults filled in). @category Rules @example const o: ThirdPartyPayerOptions = { windowDays: 14 }; */
export type ThirdPartyPayerOptions = z.input<typeof thirdPartyPayerOptionsSchema>;
type Options = z.output<typeof thirdPartyPayerOptionsSchema>;

const ID = 'third_party_payer';
const INDICATORS = ['MS-TP-01'] as const;

/**
 * MS-TP-01, third-party / family payer: fees or debts paid by relatives or a sponsor rather than
 * by the migrant. Family variant: ≥ 2 payers of one family cluster (shared household, family name
 * or patronym, or a phone quoted in deposit references) that is not the holder's own family pay
 * the account within 30 days, at least one of them abroad or of an origin-country nationality
 * (parties.csv) — relatives paying the same local shop are everyday life. Diaspora variant: payers in destination or diaspora countries
 * (Malaysia, the Gulf) pay a collector in an origin or transit country, from ≥ 3 unrelated
 * families. A broader and weaker signal than `ransom_burst`, which it overlaps. The canonical data
 * has no declared payer–payee relationship; the holder's own family is recognised from parties
 * data and names, and months-old regular support, parent-addressing references, remittances
 * towards an origin country and institutional holders are discounted.
 * @category Rules
 * @example const rule = thirdPartyPayer({ minDiasporaPayers: 4 });
 */
export function thirdPartyPayer(options: ThirdPartyPayerOptions = {}): Rule<typeof ID> {
  const o = parseOptions(thirdPartyPayerOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: Math.max(o.windowDays, o.historyDays) * DAY_MS,
    options: o,
    description: 'Possible third-party payment pattern: relatives of someone else, or payers abroad, paying one collector.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

const abroad = (c: string | undefined) => hasRole(c, 'diaspora') || hasRole(c, 'destination');

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (last.direction !== 'in' || (last.kind !== 'transfer' && last.kind !== 'cash_deposit')) return [];
  const type = window.account?.type;
  if (type === 'msb' || type === 'government') return [];
  const floor = o.minTotalShareOfThreshold * flowReference(context.jurisdiction);
  if (last.amount * 4 < floor) return [];
  const holder = ownRef(window, last);
  const keep = (p: Payer): boolean => !isOrganisation(p, context) && !isFamily(context.identity.familyLink(holder, p));
  const first = payerOf(window, last, context);
  if (first === undefined || !keep(first)) return [];
  const holderCountry = ownCountryOf(window, last);
  // A corridor nexus: a payer abroad, or of an origin-country nationality (parties.csv).
  const countriesOf = (p: Payer): string[] =>
    [p.country, p.account === undefined ? undefined : context.identity.partyOf(p.account)?.country, p.party === undefined ? undefined : context.parties.get(p.party)?.country]
      .filter((c): c is string => c !== undefined);
  const nexus = (p: Payer) => countriesOf(p).some((c) => hasRole(c, 'origin') || (c !== holderCountry && (abroad(c) || hasRole(c, 'transit'))));
  // The payment being evaluated must itself carry the corridor nexus (cheap gate on busy accounts).
  const diasporaForm = abroad(first.country) && first.country !== holderCountry && (hasRole(holderCountry, 'origin') || hasRole(holderCountry, 'transit'));
  if (!diasporaForm && (!nexus(first) || !mayHaveRelatives(first, context))) return [];
  const from = last.ts - o.windowDays * DAY_MS;
  if (TRADE_REF.test(last.tx.reference ?? '')) return [];
  const guard = scanGuard(o.maxScan);
  const groups = [...inflowsByPayer(window, context, from, guard, keep).values()]
    .map((g) => ({ payer: g.payer, events: g.events.filter((e) => !TRADE_REF.test(e.tx.reference ?? '')) }))
    .filter((g) => g.events.length > 0);
  if (groups.length < Math.min(o.minFamilyPayers, o.minDiasporaPayers)) return [];
  const clusters = familyClusters(groups.map((g) => g.payer), context, false, phoneKeys(groups, context));
  const mineId = clusters.clusterOf(first.key);
  const mine = groups.filter((g) => clusters.clusterOf(g.payer.key) === mineId);
  const recent = (g: { events: readonly WindowEvent[] }) => g.events;
  const sum = (events: readonly WindowEvent[]) => events.reduce((s, e) => s + e.amount, 0);

  let variant: 'family' | 'diaspora' | undefined;
  let chosen = mine;
  if (mine.length >= o.minFamilyPayers && nexus(first) && sum(mine.flatMap(recent)) >= floor) variant = 'family';
  else if (diasporaForm) {
    const fromAbroad = groups.filter((g) => abroad(g.payer.country) && g.payer.country !== holderCountry);
    const families = new Set(fromAbroad.map((g) => clusters.clusterOf(g.payer.key)));
    if (families.size >= o.minDiasporaPayers && sum(fromAbroad.flatMap(recent)) >= floor) {
      variant = 'diaspora';
      chosen = fromAbroad;
    }
  }
  if (variant === undefined) return [];

  const events = chosen.flatMap(recent).sort((a, b) => a.ts - b.ts);
  const refs = events.map((e) => e.tx.reference ?? '');
  const holderType = holderDiscount(type);
  let factor = holderType.factor;
  const discounts: string[] = holderType.why === undefined ? [] : [holderType.why];
  const discount = (f: number, why: string) => {
    factor *= f;
    discounts.push(why);
  };
  // Regular support: the same payers already paid this account well before the window.
  const historyFrom = last.ts - o.historyDays * DAY_MS;
  if (paidBefore(window, context, new Set(chosen.map((g) => g.payer.key)), historyFrom, from - 5 * DAY_MS, guard)) discount(0.3, 'established_relationship');
  if (refs.filter((r) => KIN_REF.test(r)).length * 3 >= refs.length && refs.length > 0) discount(0.5, 'kinship_references');
  if (addressedAsRent(refs)) discount(0.4, 'rent_references');
  const payerCountries = new Set(chosen.map((g) => g.payer.country).filter((c): c is string => c !== undefined && c !== holderCountry));
  // Money from destination or diaspora countries to a home (origin, or off-corridor) country is the remittance direction.
  const towardsOrigin = holderCountry !== undefined && (hasRole(holderCountry, 'origin') || !hasRole(holderCountry, 'transit')) && [...payerCountries].some(abroad);
  if (variant === 'family' && towardsOrigin) discount(0.5, 'remittance_direction');
  const household = chosen.some((g) => clusters.evidence(g.payer.key) === 'household');
  const corridor = hasRole(holderCountry, 'transit') && [...payerCountries].some((c) => hasRole(c, 'origin') || hasRole(c, 'diaspora'));
  const cash = events.some((e) => e.kind === 'cash_deposit');
  const strength =
    (variant === 'family'
      ? 0.35 + (household ? 0.1 : 0) + 0.05 * Math.min(2, chosen.length - o.minFamilyPayers)
      : 0.3 + 0.05 * Math.min(4, new Set(chosen.map((g) => clusters.clusterOf(g.payer.key))).size - o.minDiasporaPayers)) +
    (corridor ? 0.1 : 0) + (cash ? 0.05 : 0);
  const profile = context.jurisdiction;
  const where = payerCountries.size > 0 ? ` from ${[...payerCountries].sort().join(', ')}` : '';
  const reason =
    variant === 'family'
      ? `Possible third-party payment pattern: ${chosen.length} members of one family (${household ? 'shared address or phone' : 'shared family name'}), ` +
        `not the holder's own, paid this account ${money(profile, sum(events))} in ${events.length} payments within ${o.windowDays} days${where}.`
      : `Possible third-party payment pattern: ${chosen.length} payers abroad${where}, from different families, paid this account in ${holderCountry} ` +
        `${money(profile, sum(events))} within ${o.windowDays} days.`;
  const facts: Record<string, number | string | boolean> = {
    payers: chosen.length, payments: events.length, totalMinor: sum(events), household, corridor, cash,
  };
  if (holderCountry !== undefined) facts['holderCountry'] = holderCountry;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const related: EntityRef[] = chosen
    .map((g): EntityRef | undefined => (g.payer.account !== undefined ? { kind: 'account', id: g.payer.account } : g.payer.party !== undefined ? { kind: 'party', id: g.payer.party } : undefined))
    .filter((r): r is EntityRef => r !== undefined)
    .sort(compareRefs);
  return [{ ...hitOf(rule, window, events, strength * factor, reason, guardFacts(facts, guard), variant), related }];
}
