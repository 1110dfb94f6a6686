import type { IndicatorFamily, RuleContext } from '../rules/types.js';
import type { AlertLinks, HitLinks } from './alert-links.js';
import { VOUCH_MIN_STRENGTH } from './vouched-payers.js';
import { isInstitution } from './institution.js';

// A collector's paymaster (RESEARCH §a.1 MS-FAN-01, fan-out after collection, one hop removed):
// the collector hands its takings to another account in one lump, and that account pays the boat,
// the crew, the coordinator and the fuel within days. The collector's own window shows one
// transfer out; the paymaster's shows a lump paid on. Together they are the case.

/** The rule whose hit shows an account paying on a burst or lump to several recipients (MS-FAN-01), naming a lump's source. @internal */
export const DISPERSAL_RULE = 'fan_out';

/**
 * Weakest `fan_out` hit of an account that reads it as a member collector's paymaster: the network
 * stage's link bar (`DEFAULT_MIN_LINK_STRENGTH`, 0.35), the weakest hit whose links join entities.
 * fan_out's own discounts (steady takings, a monthly payroll cycle, a business or NGO account)
 * take lawful look-alikes below it; a paymaster seen early in the data keeps 0.38 (13-TH) after
 * its `history_unseen` discount.
 * @internal
 */
export const PAYMASTER_MIN_STRENGTH = 0.35;

/** Fewest recipients of a paymaster's dispersal (its `fan_out` hit's `recipients`): the boat, the crew and the coordinator. @internal */
export const PAYMASTER_MIN_RECIPIENTS = 3;

/** What {@link paymastersOf} reads besides the group: rule families and account types. @internal */
export interface PaymasterInput {
  readonly familyOf: (rule: string) => IndicatorFamily | undefined;
  readonly accounts: RuleContext['accounts'];
}

/** A member's paymaster: the account, its dispersal hit, and the member whose lump it paid on. @internal */
export interface Paymaster {
  /** Index of the paymaster's alert among the candidates the index was built from. */
  readonly index: number;
  /** The member (`kind:id`) whose money it paid on. */
  readonly source: string;
}

/**
 * The accounts a `fan_out` hit of at least {@link PAYMASTER_MIN_STRENGTH} (or discounted only for
 * history out of sight, `history_unseen`) shows paying on one lump
 * to at least {@link PAYMASTER_MIN_RECIPIENTS} recipients, by the lump's source (`account:id`, the
 * hit's `lumpSource` fact; fan_out names a source only for a lump a personal account paid on
 * abroad). Personal accounts (or of unknown type) only: a business, NGO, licensed remitter or
 * government account pays out other people's money as its trade. Indexes into `alerts`, in their order.
 * @internal
 * @example const index = dispersalIndex(scored, config.context.accounts);
 */
export function dispersalIndex(alerts: readonly AlertLinks[], accounts: RuleContext['accounts']): Map<string, number[]> {
  const out = new Map<string, number[]>();
  alerts.forEach((a, i) => {
    if (a.entity.kind !== 'account' || !personal(accounts, a.entity.id)) return;
    const named = new Set<string>();
    for (const h of a.hits) {
      const source = h.facts['lumpSource'];
      if (isDispersal(h) && typeof source === 'string') named.add(`account:${source}`);
    }
    for (const key of named) {
      const list = out.get(key);
      if (list === undefined) out.set(key, [i]);
      else list.push(i);
    }
  });
  return out;
}

/**
 * Paymasters of a network's collecting members, confirmed from both ends: the account's own
 * `fan_out` hit (see {@link dispersalIndex}) names a member as the source of the lump it paid on, the member has a money-flow hit of its own of at least {@link VOUCH_MIN_STRENGTH}
 * (it collects), and none of the member's hits names the account — the money went from the member
 * to it, not the other way (a client who pays the collector and later pays others is named by the
 * collector's hits). Either end alone joins no one: a collector's many counterparties are links,
 * and a personal fan-out is weak evidence on its own. Each account once, with the first member
 * (in the group's order) it paid on for, members of the group among them (their network is a
 * case even where their hits add no score to the collector's). Ordered by index.
 * @internal
 * @example const extra = paymastersOf(group, index, scored, { familyOf, accounts });
 */
export function paymastersOf(
  group: readonly AlertLinks[], index: ReadonlyMap<string, readonly number[]>, alerts: readonly AlertLinks[], input: PaymasterInput,
): Paymaster[] {
  const found = new Map<number, string>();
  for (const m of group) {
    const key = `${m.entity.kind}:${m.entity.id}`;
    const list = index.get(key);
    if (list === undefined || !collects(m, input.familyOf)) continue;
    const names = new Set<string>();
    for (const h of m.hits) for (const r of h.related ?? []) names.add(`${r.kind}:${r.id}`);
    for (const i of list) {
      const p = alerts[i] as AlertLinks;
      const pKey = `${p.entity.kind}:${p.entity.id}`;
      if (pKey === key || names.has(pKey) || found.has(i)) continue;
      found.set(i, key);
    }
  }
  return [...found].sort(([a], [b]) => a - b).map(([index, source]) => ({ index, source }));
}

/**
 * Whether a hit reads as a dispersal a paymaster makes: `fan_out` to enough recipients, at the bar
 * or below it only for want of history (its one discount `history_unseen`: the weeks before the
 * lump are outside the data, so steady takings or a payroll cycle could not be ruled out — the
 * lump's source being a collector rules them out; 23-MY's paymaster at 1 % history coverage keeps 0.26).
 */
function isDispersal(h: HitLinks): boolean {
  const recipients = h.facts['recipients'];
  if (h.rule !== DISPERSAL_RULE || typeof recipients !== 'number' || recipients < PAYMASTER_MIN_RECIPIENTS || h.strength <= 0) return false;
  return h.strength >= PAYMASTER_MIN_STRENGTH || h.facts['discount'] === HISTORY_UNSEEN;
}

/** fan_out's discount for a dispersal whose weeks before fall outside the data (and its only one, when it stands alone). */
const HISTORY_UNSEEN = 'history_unseen';

/** Whether an entity alert collects: a money-flow hit (not context or identity) of at least {@link VOUCH_MIN_STRENGTH}. */
function collects(a: AlertLinks, familyOf: (rule: string) => IndicatorFamily | undefined): boolean {
  return a.hits.some((h) => {
    const f = familyOf(h.rule);
    return f !== undefined && f !== 'context' && f !== 'identity' && h.rule !== DISPERSAL_RULE && h.strength >= VOUCH_MIN_STRENGTH;
  });
}

/** Whether an account is a personal one (or of unknown type): not a business, NGO, remitter or government account. */
function personal(accounts: RuleContext['accounts'], id: string): boolean {
  const type = accounts.get(id)?.type;
  return type === undefined || type === 'personal' || (!isInstitution(type) && type !== 'business' && type !== 'ngo');
}
