import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, accountTypeFactor, hitOf, money, newest } from '../_lib.js';
import { COMPANY_NAME, TRADE_REF, accountType, counterpartyCountryOf, familyClusters, isFamily, ownCountryOf, ownRef, type Payer } from '../_payments.js';
import { countOpt, days, scanGuardOpt } from '../options.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';

/**
 * Options of {@link corridorFlow}; defaults from RESEARCH §a.1 MS-GEO-01 and the corridor matrix
 * §a.5 (counts *proposed*).
 * @category Rules
 * @example corridorFlowOptionsSchema.parse({ minCounterparties: 4 })
 */
export const corridorFlowOptionsSchema = z.object({
  /** Rolling window (30 days). */
  windowDays: days(7, 90, 30),
  /** Distinct corridor counterparties (families) in the risky direction; one is a migrant's remittance home. */
  minCounterparties: countOpt(2, 100, 3),
  /** FATF "call for action" countries (RESEARCH §a.5 overlay: Myanmar, reported with Iran and DPRK); verify against the current FATF statement. */
  callForAction: z.array(z.string().regex(/^[A-Z]{2}$/)).max(50).default(['MM', 'IR', 'KP']),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(50, 50_000),
});
/** Options accepted by {@link corridorFlow}. @category Rules @example const o: CorridorFlowOptions = { windowDays: 14 }; */
export type CorridorFlowOptions = z.input<typeof corridorFlowOptionsSchema>;
type Options = z.output<typeof corridorFlowOptionsSchema>;

const ID = 'corridor_flow';
const INDICATORS = ['MS-GEO-01'] as const;

type Direction = 'collection' | 'repayment';

/**
 * MS-GEO-01, corridor country risk, direction-aware over the matrix of RESEARCH §a.5
 * ({@link CORRIDOR_ROLES}). Collection: an account in a transit or destination country receives
 * cross-border transfers from origin or diaspora countries. Repayment: an account in a destination
 * country sends cross-border transfers to origin or transit countries. Fires per account when,
 * within 30 days, ≥ 3 distinct corridor counterparties (relatives collapsed into one family, the
 * holder's own family left out, organisations and trade payments ignored) flow in the risky
 * direction; strength rises with the count and with a FATF call-for-action country (Myanmar)
 * among them. A migrant remitting to one family at home has one counterparty and never fires;
 * licensed remitters and institutional accounts are discounted. A context signal (family
 * `context`): it amplifies other indicators and is never alone a reason to alert.
 * @category Rules
 * @example const rule = corridorFlow({ minCounterparties: 4 });
 */
export function corridorFlow(options: CorridorFlowOptions = {}): Rule<typeof ID> {
  const o = parseOptions(corridorFlowOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Context: several counterparties along a smuggling corridor in its collection or repayment direction.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

/** The risky direction an event runs in, from the holder's and the counterparty's countries, if any. */
function directionOf(e: WindowEvent, own: string | undefined, cp: string | undefined): Direction | undefined {
  if (e.kind !== 'transfer' || own === undefined || cp === undefined || own === cp) return undefined;
  if (e.direction === 'in') return (hasRole(own, 'transit') || hasRole(own, 'destination')) && (hasRole(cp, 'origin') || hasRole(cp, 'diaspora')) ? 'collection' : undefined;
  return hasRole(own, 'destination') && (hasRole(cp, 'origin') || hasRole(cp, 'transit')) ? 'repayment' : undefined;
}

/** A counterparty that is a company or institution: trade and payroll, not people. */
function isOrganisation(e: WindowEvent, context: RuleContext): boolean {
  const type = accountType(context, e.counterparty);
  if (type !== undefined) return type !== 'personal';
  return COMPANY_NAME.test(e.counterpartyName ?? '');
}

function keyOf(e: WindowEvent): string | undefined {
  return e.counterparty ?? (e.counterpartyName === undefined ? undefined : `name:${e.counterpartyName.trim().toLowerCase()}`);
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (last.kind !== 'transfer') return [];
  const own = ownCountryOf(window, last);
  const direction = directionOf(last, own, counterpartyCountryOf(last, context));
  if (direction === undefined || keyOf(last) === undefined || isOrganisation(last, context) || TRADE_REF.test(last.tx.reference ?? '')) return [];

  type Party = { payer: Payer; events: WindowEvent[]; country: string };
  const parties = new Map<string, Party>();
  const rejected = new Set<string>();
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const guard = scanGuard(o.maxScan);
  scanRecent(window, from, guard, (e) => {
    if (e.kind !== 'transfer' || e.direction !== last.direction) return;
    const key = keyOf(e);
    if (key === undefined) return;
    const known = parties.get(key);
    const cp = counterpartyCountryOf(e, context);
    if (directionOf(e, ownCountryOf(window, e), cp) !== direction || TRADE_REF.test(e.tx.reference ?? '')) return;
    if (known !== undefined) {
      known.events.push(e);
      return;
    }
    if (rejected.has(key)) return;
    if (isOrganisation(e, context)) {
      rejected.add(key);
      return;
    }
    parties.set(key, { payer: { key, account: e.counterparty, name: e.counterpartyName, country: cp }, events: [e], country: cp as string });
  });
  if (parties.size < o.minCounterparties) return [];

  // The holder's own family abroad, and several relatives of one family, are not several corridor counterparties.
  const holder = ownRef(window, last);
  const others = [...parties.values()].filter((p) => !isFamily(context.identity.familyLink(holder, p.payer)));
  if (others.length < o.minCounterparties) return [];
  const clusters = familyClusters(others.map((p) => p.payer), context, false);
  const families = new Set(others.map((p) => clusters.clusterOf(p.payer.key)));
  if (families.size < o.minCounterparties) return [];

  const chosen = others.flatMap((p) => p.events);
  const countries = [...new Set(others.map((p) => p.country))].sort();
  const flagged = countries.filter((c) => o.callForAction.includes(c));
  let total = 0;
  for (const e of chosen) total += e.amount;
  const factor = accountTypeFactor(window);
  const strength = (0.3 + 0.05 * Math.min(5, families.size - o.minCounterparties) + (flagged.length > 0 ? 0.15 : 0)) * factor;
  const profile = context.jurisdiction;
  const reason =
    direction === 'collection'
      ? `Possible corridor collection pattern: this account in ${own} received ${money(profile, total)} from ${families.size} unrelated counterparties in ${countries.join(', ')} within ${o.windowDays} days.`
      : `Possible corridor repayment pattern: this account in ${own} sent ${money(profile, total)} to ${families.size} unrelated counterparties in ${countries.join(', ')} within ${o.windowDays} days.`;
  const facts: Record<string, number | string | boolean> = {
    counterparties: families.size,
    payments: chosen.length,
    totalMinor: total,
    countries: countries.join(','),
    callForAction: flagged.length > 0,
    windowDays: o.windowDays,
  };
  if (own !== undefined) facts['ownCountry'] = own;
  if (factor < 1) facts['discount'] = `account_type_${window.account?.type ?? 'unknown'}`;
  const related: EntityRef[] = others
    .map((p) => p.payer.account)
    .filter((a): a is string => a !== undefined)
    .sort()
    .map((id): EntityRef => ({ kind: 'account', id }));
  const hit = hitOf(rule, window, chosen, strength, reason, guardFacts(facts, guard), direction);
  return [related.length > 0 ? { ...hit, related } : hit];
}
