import type { Party } from '../schema/reference-data.js';
import { parseAmount } from '../schema/money.js';
import type { EntityWindow } from './types.js';

/** Parsed declared incomes by party record (parties.csv is read once; the rules ask on every event). */
const parsed = new WeakMap<Party, { readonly text: string; readonly currency: string; readonly minor: number | undefined }>();

/**
 * The holder's declared monthly income (MS-PROF-01's `declaredMonthlyIncome`) in minor units of
 * `currency`: 0 when declared as zero ("0", "0.00"), undefined when not declared, blank or not a valid amount. Parsed
 * once per party record, not per event (`pass_through`, the relay rules and `cash_above_income`
 * ask on their hot paths).
 * @example declaredIncome(window, 'MYR') // 170000 for a declared "1700.00"
 */
export function declaredIncome(window: Pick<EntityWindow, 'party'>, currency: string): number | undefined {
  const party = window.party;
  const text = party?.declaredMonthlyIncome;
  if (party === undefined || text === undefined) return undefined;
  const hit = parsed.get(party);
  if (hit !== undefined && hit.text === text && hit.currency === currency) return hit.minor;
  let minor: number | undefined;
  // A zero needs a digit: a blank field is no declaration (cash_above_income reads a declared 0 as evidence).
  if (/^\s*(0+(\.0*)?|\.0+)\s*$/.test(text)) minor = 0;
  else {
    const r = parseAmount(text, currency);
    minor = r.ok ? r.minor : undefined;
  }
  parsed.set(party, { text, currency, minor });
  return minor;
}
