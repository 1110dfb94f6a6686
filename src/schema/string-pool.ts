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

/** Strings longer than this are not pooled by {@link shareStrings}: sentences, not codes or ids. */
const MAX_POOLED_LENGTH = 40;

/**
 * Points every short string inside plain data (objects, arrays, strings; what structured cloning
 * or `JSON.parse` gives) at one shared copy per value in `pool`, in place, and returns the value.
 * For the partition scans a main thread receives from its workers: a clone holds its own copy of
 * each repeated schema name, band, rule id, indicator, account id and transaction id — the network
 * stage's hundreds of thousands of candidates on a 1M-row file, each with its hops and legs naming
 * the same accounts. Values never change.
 * @internal
 */
export function shareStrings<T>(value: T, pool: Map<string, string>): T {
  return share(value, pool) as T;
}

function share(value: unknown, pool: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (value.length > MAX_POOLED_LENGTH) return value;
    const shared = pool.get(value);
    if (shared !== undefined) return shared;
    pool.set(value, value);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = share(value[i], pool);
    return value;
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) o[key] = share(o[key], pool);
  return value;
}
