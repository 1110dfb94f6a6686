/**
 * Payers under one roof (internal; not exported from the package): the lawful reading of "many
 * unrelated payers into one account" when the payers' holders share an address in parties.csv —
 * tenants of one rented house or dormitory paying their landlord or a house fund (RESEARCH §c.5).
 */
import type { PersonRef } from './identity/identity.js';
import type { RuleContext } from './types.js';

/** Fewest payers at one address that discount a hit (two are a couple or a pair of room-mates). */
export const CO_RESIDENT_MIN = 3;
/** Smallest share of the payers at one address, in tenths, that discounts a hit (4: 40 %). */
export const CO_RESIDENT_TENTHS = 4;
/** Strength factor of a discounted hit. */
export const CO_RESIDENT_FACTOR = 0.5;

/** Which shared addresses {@link coResidentPayers} counts. */
export interface CoResidentOptions {
  /**
   * Count only addresses that are not institutional (a rented house, not a worker dormitory, camp
   * or hostel; see `SharedIdentifier.institutional`): for rules whose indicator itself describes
   * workers housed together by an employer or agent (MS-DEBT-02's crew in one dormitory).
   */
  readonly residentialOnly?: boolean;
}

/**
 * The most payers whose holders share one address (the payer's party, else its account's holder):
 * 0 when no address is shared. Payers without a known holder or address count towards no address.
 * @example coResidentPayers(senders.map((s) => s.payer), context) // 4: four tenants of one house
 */
export function coResidentPayers(payers: Iterable<PersonRef>, context: RuleContext, options: CoResidentOptions = {}): number {
  const byAddress = new Map<string, number>();
  let most = 0;
  for (const p of payers) {
    const party = p.party ?? (p.account === undefined ? undefined : context.identity.partyOf(p.account)?.party);
    if (party === undefined) continue;
    const address = context.identity.identifiersOf(party).find((i) => i.kind === 'address');
    if (address === undefined || (options.residentialOnly === true && address.institutional)) continue;
    const n = (byAddress.get(address.value) ?? 0) + 1;
    byAddress.set(address.value, n);
    if (n > most) most = n;
  }
  return most;
}

/**
 * The co-resident discount of a collection hit: the payers at one address when they are at least
 * {@link CO_RESIDENT_MIN} and at least 40 % of `payers` (then the hit is multiplied by
 * {@link CO_RESIDENT_FACTOR} under `discount: co_resident_payers`), else `undefined`. A collector's
 * customers, workers or debtors pay from several places; a landlord's tenants from one.
 * @example const co = coResidentDiscount(payers, context); if (co !== undefined) { factor *= CO_RESIDENT_FACTOR; facts['coResidentPayers'] = co; }
 */
export function coResidentDiscount(payers: readonly PersonRef[], context: RuleContext, options: CoResidentOptions = {}): number | undefined {
  if (payers.length < CO_RESIDENT_MIN) return undefined;
  const n = coResidentPayers(payers, context, options);
  return n >= CO_RESIDENT_MIN && n * 10 >= payers.length * CO_RESIDENT_TENTHS ? n : undefined;
}
