import { countryCodeList } from './countries.js';
import { currencyCodes } from './currencies.js';
import { CHANNELS, TRANSACTION_KINDS, type Transaction } from './transaction.js';

/**
 * Shared copies of the code-valued strings of transactions (currency, kind, channel, country).
 * Values never change, only which string object a field holds: a million rows read from a file, a
 * spill run, a worker message or a log otherwise hold five copies of such codes a row, and the
 * engine keeps every transaction of the last 180 days. The pool is fixed (the code lists), so it
 * costs the same whatever the input.
 */

let codes: Map<string, string> | undefined;

/**
 * The one shared copy of a code-valued cell (currency, kind, channel, country): a million rows
 * then hold a few hundred strings instead of five million copies (about 100 bytes less per
 * transaction in memory). Other strings pass through unchanged.
 * @internal
 */
export function canonicalCode(value: string): string {
  if (codes === undefined) {
    codes = new Map();
    for (const v of [...TRANSACTION_KINDS, ...CHANNELS, ...currencyCodes(), ...countryCodeList()]) codes.set(v, v);
  }
  return codes.get(value) ?? value;
}

/** Fields holding codes of a transaction. */
const CODE_FIELDS = ['currency', 'kind', 'channel', 'fromCountry', 'toCountry', 'locationCountry'] as const;

/**
 * Points the code fields of a transaction this code owns (a copy decoded from a spill run, received
 * in a worker message — structured cloning copies every string — or parsed from a log message) at
 * their shared copies, in place, and returns it. Equal values: the transaction is the same to every reader.
 * @internal
 */
export function shareTransactionStrings(tx: Transaction): Transaction {
  const t = tx as unknown as Record<string, unknown>;
  for (const f of CODE_FIELDS) {
    const v = t[f];
    if (typeof v === 'string') t[f] = canonicalCode(v);
  }
  return tx;
}
