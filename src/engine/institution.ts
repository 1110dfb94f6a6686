import type { AccountType } from '../schema/reference-data.js';

/**
 * Whether an account type moves other people's money by design: a licensed remitter (`msb`) or a
 * government body. In a network such an account is a link (a mule's remittances pass through one),
 * never a member scored with the case, and never the way to a holder's other accounts or to an
 * agent. Its own alerts stand, discounted by each rule (see `accountTypeFactor`).
 * @internal
 */
export function isInstitution(type: AccountType | undefined): boolean {
  return type === 'msb' || type === 'government';
}
