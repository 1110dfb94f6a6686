import type { EngineRejection } from './rejection.js';
import { isCountryCode } from '../schema/countries.js';
import { currencyExponent } from '../schema/currencies.js';
import type { FieldIssue } from '../schema/issues.js';
import { CHANNELS, MAX_REFERENCE, MAX_TEXT, TRANSACTION_KINDS, type Transaction } from '../schema/transaction.js';

/**
 * A value given to {@link scan} or `Monitor.push` that is not a valid {@link Transaction}: never
 * evaluated, never thrown, reported with every problem found.
 * @category Engine
 */
export interface InvalidTransaction {
  /** The record's id when it has a usable one, else `""`. */
  readonly id: string;
  readonly code: 'invalid_transaction';
  /** 0-based position in the input of that call (the `scan` iterable, the array given to `push`). */
  readonly index: number;
  /** Every problem, by field of the {@link Transaction} (`timestamp`, `fromAccount` …; `""` for the whole value). */
  readonly issues: readonly FieldIssue[];
  /** One line: the id and every issue. */
  readonly message: string;
}

/**
 * Why an input transaction was not evaluated: invalid as given, or valid but not convertible to
 * the jurisdiction's currency (see {@link EngineRejection}).
 * @category Engine
 */
export type TransactionRejection = EngineRejection | InvalidTransaction;

const KINDS: ReadonlySet<unknown> = new Set(TRANSACTION_KINDS);
const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS);
/** The instants `parseInstant` can produce: years 0000 to 9999 (UTC). */
const EARLIEST = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const LATEST = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

const TEXT_FIELDS = [
  ['fromAccount', MAX_TEXT], ['fromName', MAX_TEXT], ['fromInstitution', MAX_TEXT],
  ['toAccount', MAX_TEXT], ['toName', MAX_TEXT], ['toInstitution', MAX_TEXT],
  ['conductor', MAX_TEXT], ['location', MAX_TEXT], ['reference', MAX_REFERENCE],
] as const;
const COUNTRY_FIELDS = ['fromCountry', 'toCountry', 'locationCountry'] as const;

/**
 * The fast structural check of a value handed to the engine as a {@link Transaction} (what
 * {@link parseTransaction} and the readers produce): every problem, or an empty list. A few
 * comparisons per field, no allocation on the happy path. Catches what would stall a monitor or
 * corrupt a window — a missing, string or NaN timestamp; a negative, fractional, string or unsafe
 * amount; an unknown kind, channel or currency; a missing id or counterparty.
 * @category Engine
 * @example checkTransaction({ id: 'T1', timestamp: Date.UTC(2025, 2, 1), amount: 950_000, currency: 'AUD', kind: 'cash_deposit', toAccount: 'A1' }) // []
 */
export function checkTransaction(value: unknown): readonly FieldIssue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return [{ field: '', code: 'malformed_row', message: `expected a transaction object, got ${got}` }];
  }
  const tx = value as Readonly<Record<string, unknown>>;
  let issues: FieldIssue[] | undefined;
  const add = (field: string, code: FieldIssue['code'], message: string): void => {
    (issues ??= []).push({ field, code, message: `${field}: ${message}` });
  };
  const { id, timestamp, amount, currency, kind } = tx;
  if (id === undefined) add('id', 'required', 'is required');
  else if (typeof id !== 'string') add('id', 'invalid_type', `expected a string, got ${typeof id}`);
  else if (id.length === 0) add('id', 'required', 'is empty');
  else if (id.length > MAX_TEXT) add('id', 'too_long', `longer than ${MAX_TEXT} characters`);

  if (timestamp === undefined) add('timestamp', 'required', 'is required');
  else if (typeof timestamp !== 'number') add('timestamp', 'invalid_type', `expected epoch milliseconds (a number), got ${typeof timestamp}; parse text with parseTransaction`);
  else if (!Number.isInteger(timestamp) || timestamp < EARLIEST || timestamp > LATEST) {
    add('timestamp', 'invalid_timestamp', `${timestamp} is not an integer epoch millisecond between years 0000 and 9999`);
  }

  if (currency === undefined) add('currency', 'required', 'is required');
  else if (typeof currency !== 'string') add('currency', 'invalid_type', `expected a string, got ${typeof currency}`);
  else if (currencyExponent(currency) === undefined) add('currency', 'unknown_currency', `"${clip(currency)}" is not an active ISO 4217 code`);

  if (amount === undefined) add('amount', 'required', 'is required');
  else if (typeof amount !== 'number') add('amount', 'invalid_type', `expected integer minor units (a number), got ${typeof amount}; parse text with parseTransaction`);
  else if (!Number.isInteger(amount)) add('amount', 'invalid_amount', `${amount} is not an integer number of minor units`);
  else if (amount <= 0) add('amount', 'amount_not_positive', `must be positive, got ${amount}`);
  else if (!Number.isSafeInteger(amount)) add('amount', 'amount_too_large', `${amount} exceeds the largest exact amount (Number.MAX_SAFE_INTEGER minor units)`);

  if (kind === undefined) add('kind', 'required', 'is required');
  else if (!KINDS.has(kind)) add('kind', 'invalid_value', `unexpected value ${show(kind)}; one of ${TRANSACTION_KINDS.join(', ')}`);
  if (tx['channel'] !== undefined && !CHANNEL_SET.has(tx['channel'])) add('channel', 'invalid_value', `unexpected value ${show(tx['channel'])}`);

  for (const [field, max] of TEXT_FIELDS) {
    const v = tx[field];
    if (v === undefined) continue;
    if (typeof v !== 'string') add(field, 'invalid_type', `expected a string, got ${v === null ? 'null' : typeof v}`);
    else if (v.length === 0) add(field, 'required', 'is empty (omit the field instead)');
    else if (v.length > max) add(field, 'too_long', `longer than ${max} characters`);
  }
  for (const field of COUNTRY_FIELDS) {
    const v = tx[field];
    if (v !== undefined && (typeof v !== 'string' || !isCountryCode(v))) add(field, 'invalid_country', `${show(v)} is not an ISO 3166-1 alpha-2 code`);
  }
  if (kind !== 'cash_deposit' && KINDS.has(kind) && tx['fromAccount'] === undefined) add('fromAccount', 'required', `is required for ${String(kind)}`);
  if (kind !== 'cash_withdrawal' && KINDS.has(kind) && tx['toAccount'] === undefined) add('toAccount', 'required', `is required for ${String(kind)}`);
  const attributes = tx['attributes'];
  if (attributes !== undefined && (attributes === null || typeof attributes !== 'object')) add('attributes', 'invalid_type', 'expected an object of strings');
  return issues ?? NONE;
}

const NONE: readonly FieldIssue[] = [];

/**
 * The rejection of one invalid input value, or undefined when it is a valid transaction.
 * @category Engine
 */
export function rejectInvalid(value: unknown, index: number): InvalidTransaction | undefined {
  const issues = checkTransaction(value);
  if (issues.length === 0) return undefined;
  const raw = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  const id = typeof raw === 'string' && raw.length <= MAX_TEXT ? raw : '';
  const label = id === '' ? `input ${index} (no usable id)` : `transaction "${clip(id)}"`;
  return { id, code: 'invalid_transaction', index, issues, message: `${label} not evaluated: ${issues.map((i) => i.message).join('; ')}` };
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${clip(v)}"` : v === null ? 'null' : typeof v === 'object' ? typeof v : String(v);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Splits batch input into the valid transactions (in input order) and the rejections of the rest,
 * before anything is sorted: what {@link scan} and `scanPartition` share.
 */
export function splitValid(transactions: Iterable<unknown>): { valid: Transaction[]; rejections: TransactionRejection[]; received: number } {
  const valid: Transaction[] = [];
  const rejections: TransactionRejection[] = [];
  let received = 0;
  for (const value of transactions) {
    const invalid = rejectInvalid(value, received++);
    if (invalid === undefined) valid.push(value as Transaction);
    else rejections.push(invalid);
  }
  return { valid, rejections, received };
}
