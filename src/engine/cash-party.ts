import type { Account } from '../schema/reference-data.js';
import type { Transaction } from '../schema/transaction.js';

/**
 * The party whose window a cash transaction enters: its conductor, or else the holder of the
 * account the cash goes into or comes out of (from the accounts reference). Undefined for
 * transfers. The engine's rule, shared with the router that sends the transaction to that party's
 * partition ({@link createRouter}).
 * @internal
 */
export function cashPartyOf(tx: Transaction, accounts: ReadonlyMap<string, Account>): string | undefined {
  if (tx.kind === 'transfer') return undefined;
  const account = tx.kind === 'cash_deposit' ? tx.toAccount : tx.fromAccount;
  return tx.conductor ?? accounts.get(account ?? '')?.party;
}
