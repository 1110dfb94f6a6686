import type { IndicatorFamily, RuleContext } from '../rules/types.js';
import { SUB_COLLECTOR_RULE } from '../rules/flow/sub-collector.js';
import type { Alert } from '../scoring/alert.js';
import type { AlertLinks } from './alert-links.js';
import { VOUCH_MIN_STRENGTH, isMoneyFlowHit, isPayerSeriesHit } from './vouched-payers.js';
import { namedByMoneyFlow } from './identified-members.js';
import { compareMemberRefs, type MemberRef } from './member-ref.js';
import { isInstitution } from './institution.js';

/** The rule whose hit shows an entity receiving smuggling fees from its own payers (MS-FUN-02 context: payments that add up to a published fee). @internal */
export const FEE_RULE = 'fee_match';

/** The rule whose hit shows an entity paying its payers' money on in lumps to one account (MS-FUN-01, `sub_collector`). @internal */
export const LUMP_RULE = SUB_COLLECTOR_RULE;

/**
 * Weakest `fee_match` hit of a named sender that confirms it as a sub-collector: the network
 * stage's link bar (`DEFAULT_MIN_LINK_STRENGTH`, 0.35), the weakest hit whose links join entities.
 * fee_match's own discounts (trade, rent, a family remittance home, repeat payers) take lawful
 * look-alikes below it.
 * @internal
 */
export const SUB_COLLECTOR_MIN_FEE_STRENGTH = 0.35;

/** What {@link subCollectors} reads besides the group: the run's alerts by entity, rule families, account types. @internal */
export interface SubCollectorInput {
  /** The entity alert of `kind:id`, if the run scored one (any score). */
  readonly alertOf: (key: string) => AlertLinks | undefined;
  readonly familyOf: (rule: string) => IndicatorFamily | undefined;
  readonly accounts: RuleContext['accounts'];
}

/**
 * Sub-collectors confirmed from both ends (RESEARCH §a.1 MS-FUN-01, a funnel fed through
 * intermediate collectors): a member's own money-flow hit of at least {@link VOUCH_MIN_STRENGTH}
 * names the entity among those it took money from or moved money with (a funnel's sender, a ransom
 * collector's payer, a wage agent's worker), and the entity's own `fee_match` hit of at least
 * {@link SUB_COLLECTOR_MIN_FEE_STRENGTH} shows its own payers, other than the members, paying it
 * sums that add up to a published smuggling fee. It takes fees and passes them on to the
 * collector. Either end alone joins no one: a collector's many senders are links, and a fee-sized
 * sum received is context. Listed as members without alerts of their own (no hits, no score, as
 * vouched payers: vouched-payers.ts). Licensed remitters and government accounts are never listed.
 * Other than `members`, sorted.
 * @internal
 * @example const extra = subCollectors(group, known, { alertOf, familyOf, accounts });
 */
export function subCollectors(group: readonly Alert[], members: ReadonlySet<string>, input: SubCollectorInput): MemberRef[] {
  const out: MemberRef[] = [];
  // Who each member names in its own money-flow hits at the vouching bar: the payee of a sub-collector's lumps must name it back.
  const named = new Set<string>();
  for (const a of group) {
    for (const h of a.hits) {
      if (!isMoneyFlowHit(h, input.familyOf)) continue;
      for (const y of h.related ?? []) named.add(`${a.entity.kind}:${a.entity.id}>${y.kind}:${y.id}`);
    }
  }
  for (const r of namedByMoneyFlow(group, members, input.familyOf)) {
    if (r.kind === 'account' && isInstitution(input.accounts.get(r.id)?.type)) continue;
    const hits = input.alertOf(`${r.kind}:${r.id}`)?.hits ?? [];
    const fees = hits.some((x) =>
      x.rule === FEE_RULE && x.strength >= SUB_COLLECTOR_MIN_FEE_STRENGTH && (x.related ?? []).some((y) => !members.has(`${y.kind}:${y.id}`)));
    // Or its own sub_collector hit names as the payee of its lumps a member that names it among its payers.
    const lumps = hits.some((x) => x.rule === LUMP_RULE && (x.related ?? []).some((y) => named.has(`${y.kind}:${y.id}>${r.kind}:${r.id}`)));
    if (fees || lumps) out.push(r);
  }
  return out.sort(compareMemberRefs);
}

/**
 * Members that feed a collecting member, confirmed from both ends (RESEARCH §a.1 MS-FUN-01, a
 * funnel fed through intermediate collectors): the member's own payer-side series
 * (`isPayerSeriesHit`: `debt_repayment`'s regular payments to one payee, at least
 * {@link VOUCH_MIN_STRENGTH}) names the other member as the account it pays (a weekly series into
 * the collector), and that member's own money-flow hit of at least that strength names it among
 * the accounts it takes money from. Two collecting accounts that merely name each other among
 * their senders (two funnel hubs paying each other now and then, as AMLSim's background does) are
 * no feeder and collector: the direction is read from the payer's series. Both alerted, both substantive: their network is a case even
 * where their hits scored together add nothing to the collector's own score, and the feeder
 * carries the collector's score. Context and identity hits confirm nothing (fee-sized sums, a
 * shared dormitory address). Licensed remitters and government accounts are never feeders or
 * collectors here. The feeders, sorted.
 * @internal
 * @example const fed = feedersOf(group, { familyOf, accounts });
 */
export function feedersOf(group: readonly Alert[], input: Pick<SubCollectorInput, 'familyOf' | 'accounts'>): MemberRef[] {
  const key = (kind: string, id: string): string => `${kind}:${id}`;
  const inGroup = new Set<string>();
  for (const a of group) {
    if (a.entity.kind === 'account' && isInstitution(input.accounts.get(a.entity.id)?.type)) continue;
    inGroup.add(key(a.entity.kind, a.entity.id));
  }
  // Who names whom, among the members, with money-flow hits at the vouching bar; and whom each pays in a payer-side series.
  const names = new Set<string>();
  const pays: Array<readonly [string, string]> = [];
  for (const a of group) {
    const self = key(a.entity.kind, a.entity.id);
    if (!inGroup.has(self)) continue;
    for (const h of a.hits) {
      if (!isMoneyFlowHit(h, input.familyOf)) continue;
      const series = isPayerSeriesHit(h);
      for (const r of h.related ?? []) {
        const other = key(r.kind, r.id);
        if (!inGroup.has(other) || other === self) continue;
        names.add(`${self}>${other}`);
        if (series) pays.push([self, other]);
      }
    }
  }
  // A feeder's series into a collector that names it back: both are listed.
  const out = new Map<string, MemberRef>();
  for (const [feeder, collector] of pays) {
    if (!names.has(`${collector}>${feeder}`)) continue;
    for (const k of [feeder, collector]) {
      const i = k.indexOf(':');
      out.set(k, { kind: k.slice(0, i) as MemberRef['kind'], id: k.slice(i + 1) });
    }
  }
  return [...out.values()].sort(compareMemberRefs);
}
