import * as z from 'zod';
import { isCountryCode } from './countries.js';
import { currencyExponent } from './currencies.js';
import type { FieldIssue, RecordResult, RowIssueCode } from './issues.js';
import { parseAmount } from './money.js';
import { parseInstant } from './time.js';
import { canonicalCode } from './string-pool.js';

/** What moved: cash in, cash out, or a transfer between accounts. @category Schema */
export const TRANSACTION_KINDS = ['cash_deposit', 'cash_withdrawal', 'transfer'] as const;
/** @category Schema */
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** How it moved. @category Schema */
export const CHANNELS = [
  'branch', 'atm', 'cdm', 'online', 'mobile', 'agent', 'remitter', 'card', 'cheque', 'crypto', 'informal', 'other',
] as const;
/** @category Schema */
export type Channel = (typeof CHANNELS)[number];

/** Longest accepted identifier or name; longest free-text reference. */
export const MAX_TEXT = 200;
export const MAX_REFERENCE = 1000;

/**
 * The canonical columns of `transactions.csv` (DESIGN §2), a public contract.
 * @category Schema
 */
export const TRANSACTION_COLUMNS = [
  'id', 'timestamp', 'amount', 'currency', 'kind', 'channel',
  'from_account', 'from_name', 'from_country', 'from_institution',
  'to_account', 'to_name', 'to_country', 'to_institution',
  'conductor', 'location', 'location_country', 'reference',
] as const;
/** @category Schema */
export type TransactionColumn = (typeof TRANSACTION_COLUMNS)[number];

/**
 * A validated transaction: money in integer minor units, time in epoch milliseconds (UTC).
 * Produced by {@link parseTransaction} and the readers in `tidewatch/ingest`.
 * @category Schema
 */
export interface Transaction {
  readonly id: string;
  /** Epoch milliseconds, UTC. */
  readonly timestamp: number;
  /** Integer minor units of `currency` (ISO 4217 exponent). */
  readonly amount: number;
  readonly currency: string;
  readonly kind: TransactionKind;
  readonly channel?: Channel;
  readonly fromAccount?: string;
  readonly fromName?: string;
  readonly fromCountry?: string;
  readonly fromInstitution?: string;
  readonly toAccount?: string;
  readonly toName?: string;
  readonly toCountry?: string;
  readonly toInstitution?: string;
  readonly conductor?: string;
  readonly location?: string;
  readonly locationCountry?: string;
  readonly reference?: string;
  /** Columns outside the canonical set, kept verbatim (null-prototype object). */
  readonly attributes?: Readonly<Record<string, string>>;
}

const text = (max = MAX_TEXT) => z.string().min(1, { abort: true }).max(max, { abort: true });
const country = () => text(2).refine(isCountryCode, { params: { code: 'invalid_country' }, message: 'not an ISO 3166-1 alpha-2 code' });

/**
 * The canonical transaction record as it appears in CSV, NDJSON or JSON: every value a string,
 * blank cells omitted. The published input JSON Schema is generated from this.
 * @category Schema
 */
export const TransactionRecordSchema = z.object({
  id: text().meta({ description: 'Unique per transaction; a repeated id is a duplicate' }),
  timestamp: text(64).meta({ description: 'ISO 8601 instant with Z or an offset', examples: ['2025-03-01T09:30:00+08:00'] }),
  amount: text(64).meta({ description: 'Positive decimal in major units, at most the currency exponent in decimals', examples: ['9500.00'] }),
  currency: text(3)
    .refine((c) => currencyExponent(c) !== undefined, { params: { code: 'unknown_currency' }, message: 'not an active ISO 4217 code' })
    .meta({ description: 'ISO 4217 alphabetic code' }),
  kind: z.enum(TRANSACTION_KINDS),
  channel: z.enum(CHANNELS).optional(),
  from_account: text().optional(),
  from_name: text().optional(),
  from_country: country().optional(),
  from_institution: text().optional(),
  to_account: text().optional(),
  to_name: text().optional(),
  to_country: country().optional(),
  to_institution: text().optional(),
  conductor: text().optional().meta({ description: 'Party id of the person who physically conducted a cash transaction' }),
  location: text().optional().meta({ description: 'Branch, ATM or agent id' }),
  location_country: country().optional(),
  reference: text(MAX_REFERENCE).optional(),
});
/** @category Schema */
export type TransactionRecord = z.input<typeof TransactionRecordSchema>;

/** Options shared by the zod schema factory and the fast row checker. */
export interface TransactionParseOptions {
  /** IANA zone in which naive timestamps were recorded; without it they are rejected. */
  readonly defaultZone?: string;
}

/**
 * The zod schema that turns a canonical record into a {@link Transaction}: the single source of
 * truth for what is accepted. Issues carry our stable code in `params.code` where zod's own code
 * is not precise enough (see `zodIssueToFieldIssue`).
 * @category Schema
 * @example transactionSchema().safeParse({ id: 'T1', ... })
 */
export function transactionSchema(options: TransactionParseOptions = {}) {
  return TransactionRecordSchema.transform((rec, ctx): Transaction => {
    const cross = crossFieldIssues(rec, options);
    for (const issue of cross.issues) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message, params: { code: issue.code } });
    if (cross.ms === undefined || cross.minor === undefined) return z.NEVER;
    return buildTransaction(rec, cross.ms, cross.minor);
  });
}

/** A field value that passed its own check as text of at most `max` characters. */
const textOk = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Result of {@link crossFieldIssues}: the issues, and the parsed instant and amount when they parsed. */
export interface CrossFieldResult {
  readonly issues: FieldIssue[];
  readonly ms: number | undefined;
  readonly minor: number | undefined;
}

/**
 * The checks that need more than one field or a parse — timestamp, amount in its currency, the
 * counterparties a kind needs — run on every field that passed its own check, so a record with
 * several problems reports all of them. Shared by the zod schema and the fast path; the parsed
 * values are returned so the happy path parses each field once.
 */
export function crossFieldIssues(rec: Readonly<Record<string, unknown>>, options: TransactionParseOptions): CrossFieldResult {
  const issues: FieldIssue[] = [];
  let ms: number | undefined;
  let minor: number | undefined;
  if (textOk(rec['timestamp'], 64)) {
    const time = parseInstant(rec['timestamp'], options.defaultZone);
    if (time.ok) ms = time.ms;
    else issues.push({ field: 'timestamp', code: time.code, message: time.message });
  }
  const currency = rec['currency'];
  if (textOk(rec['amount'], 64) && textOk(currency, 3) && currencyExponent(currency) !== undefined) {
    const money = parseAmount(rec['amount'], currency);
    if (money.ok) minor = money.minor;
    else issues.push({ field: 'amount', code: money.code, message: money.message });
  }
  const kind = rec['kind'];
  if (typeof kind === 'string' && (TRANSACTION_KINDS as readonly string[]).includes(kind)) {
    issues.push(...counterpartyIssues(kind as TransactionKind, rec['from_account'] as string | undefined, rec['to_account'] as string | undefined));
  }
  return { issues, ms, minor };
}

/** Maps a zod issue on a transaction record to our `{ field, code, message }`. */
export function zodIssueToFieldIssue(issue: z.core.$ZodIssue, record: Readonly<Record<string, unknown>>): FieldIssue {
  const field = String(issue.path[0] ?? '');
  const custom = (issue as { params?: { code?: RowIssueCode } }).params?.code;
  let code: RowIssueCode;
  if (custom !== undefined) return { field, code: custom, message: issue.message };
  if (record[field] === undefined) code = 'required';
  else if (issue.code === 'invalid_type') code = 'invalid_type';
  else if (issue.code === 'too_small') code = 'required';
  else if (issue.code === 'too_big') code = 'too_long';
  else if (issue.code === 'invalid_value') code = 'invalid_value';
  else code = 'invalid_type';
  return { field, code, message: `${field}: ${issue.message}` };
}

/** Cross-field rule: transfers and withdrawals name the originator, transfers and deposits the beneficiary. */
export function counterpartyIssues(kind: TransactionKind, from: string | undefined, to: string | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (kind !== 'cash_deposit' && from === undefined) {
    issues.push({ field: 'from_account', code: 'required', message: `from_account is required for ${kind}` });
  }
  if (kind !== 'cash_withdrawal' && to === undefined) {
    issues.push({ field: 'to_account', code: 'required', message: `to_account is required for ${kind}` });
  }
  return issues;
}

type Record18 = { [K in TransactionColumn]?: string | undefined } & { kind: TransactionKind };

/** Builds the normalized transaction from checked fields (shared by both paths); code-valued cells are shared copies (see string-pool.ts). */
export function buildTransaction(rec: Record18, timestamp: number, amount: number, attributes?: Record<string, string>): Transaction {
  const t: { -readonly [K in keyof Transaction]?: Transaction[K] } = {
    id: rec.id as string,
    timestamp,
    amount,
    currency: canonicalCode(rec.currency as string),
    kind: canonicalCode(rec.kind) as TransactionKind,
  };
  if (rec.channel !== undefined) t.channel = canonicalCode(rec.channel) as Channel;
  if (rec.from_account !== undefined) t.fromAccount = rec.from_account;
  if (rec.from_name !== undefined) t.fromName = rec.from_name;
  if (rec.from_country !== undefined) t.fromCountry = canonicalCode(rec.from_country);
  if (rec.from_institution !== undefined) t.fromInstitution = rec.from_institution;
  if (rec.to_account !== undefined) t.toAccount = rec.to_account;
  if (rec.to_name !== undefined) t.toName = rec.to_name;
  if (rec.to_country !== undefined) t.toCountry = canonicalCode(rec.to_country);
  if (rec.to_institution !== undefined) t.toInstitution = rec.to_institution;
  if (rec.conductor !== undefined) t.conductor = rec.conductor;
  if (rec.location !== undefined) t.location = rec.location;
  if (rec.location_country !== undefined) t.locationCountry = canonicalCode(rec.location_country);
  if (rec.reference !== undefined) t.reference = rec.reference;
  if (attributes !== undefined) t.attributes = attributes;
  return t as Transaction;
}

/**
 * Validates one canonical record with the zod schema and returns the transaction or every issue.
 * For bulk input prefer the readers in `tidewatch/ingest`, which use a measured fast path that
 * a property test proves equivalent to this function. Never throws: every problem of the record
 * is listed (each bad field, then the timestamp, amount and counterparty checks of the fields that
 * passed), and a value that is not a record object (`null`, an array, a string) is one
 * `malformed_row` issue.
 * @category Schema
 * @example parseTransaction({ id: 'T1', timestamp: '2025-03-01T09:30:00Z', amount: '9500.00', currency: 'AUD', kind: 'cash_deposit', to_account: 'A1' })
 */
export function parseTransaction(record: unknown, options: TransactionParseOptions = {}): RecordResult<Transaction> {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    const got = record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record;
    return { ok: false, issues: [{ field: '', code: 'malformed_row', message: `expected a record object, got ${got}` }] };
  }
  const result = TransactionRecordSchema.safeParse(record);
  const rec = record as Readonly<Record<string, unknown>>;
  // The cross-field checks run on every field that passed its own check, so all problems of a
  // record are reported together (the schema's transform would stop at the first failing field).
  const cross = crossFieldIssues(rec, options);
  if (result.success && cross.issues.length === 0) return { ok: true, value: buildTransaction(result.data, cross.ms as number, cross.minor as number) };
  const issues = result.success ? [] : result.error.issues.map((i) => zodIssueToFieldIssue(i, rec));
  return { ok: false, issues: [...issues, ...cross.issues] };
}
