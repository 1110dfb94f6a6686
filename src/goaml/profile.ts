import * as z from 'zod';
import { parseOptions } from '../_internal/config-error.js';
import { isTimeZone } from '../_internal/zone.js';
import { isCountryCode } from '../schema/countries.js';
import { currencyExponent } from '../schema/currencies.js';
import { CHANNELS, TRANSACTION_KINDS } from '../schema/transaction.js';

const code = z.string().min(1).max(50);

/** One line of a code table: the first line whose conditions all hold gives the code. */
const codeRuleSchema = z.object({
  kind: z.enum(TRANSACTION_KINDS).optional(),
  channel: z.enum(CHANNELS).optional(),
  /** Transfers only: `international` when the two sides' countries differ. */
  scope: z.enum(['domestic', 'international']).optional(),
  code,
});

/** The elements of a `*_my_client` person that a profile's schema makes mandatory. */
export const PERSON_KYC_FIELDS = [
  'gender', 'first_name', 'last_name', 'birthdate', 'birth_place', 'nationality1', 'residence', 'phones', 'address', 'occupation',
  'tax_reg_number', 'source_of_wealth',
] as const;
/** The elements of a `t_account_my_client` that a profile's schema makes mandatory. */
export const ACCOUNT_KYC_FIELDS = ['branch', 'currency_code', 'client_number', 'personal_account_type', 'signatory', 'opened', 'status_code'] as const;

/**
 * Schema of a goAML FIU profile (element rules and code lists as data). The shipped Indonesian and
 * Sri Lankan profiles are instances; for FIUs whose schemas are not public, write one in JSON
 * with the FIU's own codes and load it with {@link defineGoamlProfile}.
 * @category goAML
 */
export const goamlProfileSchema = z.object({
  id: z.string().min(1).max(32),
  name: z.string().min(1).max(200),
  /** The goAML schema version the profile was checked against. */
  schemaVersion: z.string().min(1).max(32),
  /** `report_code` of a suspicious-transaction report (LTKM, STR, …). */
  reportCode: code,
  submissionCode: z.enum(['E', 'M']).default('E'),
  /** `currency_code_local`: amounts are reported in this currency. */
  currency: z.string().refine((c) => currencyExponent(c) !== undefined, 'not an ISO 4217 code'),
  /** Country whose transfers count as domestic. */
  country: z.string().refine(isCountryCode, 'not an ISO 3166-1 alpha-2 code'),
  /** IANA zone in which `date_transaction` and other dates are written (goAML dates carry no offset). */
  timeZone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  /** Largest `rentity_id` the schema accepts (Sri Lanka: three digits). */
  rentityIdMax: z.number().int().positive().optional(),
  /** Which element identifies an institution inside an account (Sri Lanka allows only `swift`). */
  institutionIdElement: z.enum(['institution_code', 'swift']),
  /** Pattern an institution identifier must match (Sri Lanka: a SWIFT BIC or a 4-digit code). */
  institutionIdPattern: z.string().refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, 'not a regular expression').optional(),
  /** Pattern an account number must match (Sri Lanka: 3–50 of letters, digits, `| _ / -`). */
  accountPattern: z.string().refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, 'not a regular expression').optional(),
  transactionDescriptionRequired: z.boolean(),
  reportIndicatorsRequired: z.boolean(),
  /** Transmode code table, first match wins; the last line should have no conditions. */
  transmodes: z.array(codeRuleSchema).min(1),
  /** Funds code table for the side where the money is cash (from side of a deposit, to side of a withdrawal). */
  cashFunds: code,
  /** Funds code table for account sides, first match wins. */
  accountFunds: z.array(codeRuleSchema).min(1),
  /** tidewatch indicator id (`MS-STR-01`) → the FIU's indicator codes. */
  indicators: z.record(z.string(), z.array(code)).default({}),
  /** Indicator written when no hit's indicator maps and the schema makes indicators mandatory. */
  indicatorFallback: code.optional(),
  /** `address_type` and `tph_contact_type` used for a customer's own address and phone. */
  contactType: code,
  /** `tph_communication_type` for the phone on file. */
  communicationType: code,
  /** `role` of the account holder in `signatory` (omitted when absent; Sri Lanka requires it). */
  holderRole: code.optional(),
  /** `gender` codes for the KYC column values `M` / `F` / `O`. */
  genders: z.partialRecord(z.enum(['M', 'F', 'O']), code).default({ M: 'M', F: 'F' }),
  /** Account type (`personal`, `business`, …) → `personal_account_type`, unless the account data names the FIU code itself. */
  accountTypes: z.record(z.string(), code).default({}),
  /** Mandatory person elements of `t_person_my_client` in this schema. */
  requiredPersonFields: z.array(z.enum(PERSON_KYC_FIELDS)),
  /** Mandatory account elements of `t_account_my_client` in this schema. */
  requiredAccountFields: z.array(z.enum(ACCOUNT_KYC_FIELDS)),
  /** Whether a non-client `t_person` needs `first_name` (Sri Lanka) or only `last_name`. */
  personFirstNameRequired: z.boolean(),
  /**
   * Whether the schema restricts text to ASCII patterns (Sri Lanka: names of letters only, reason
   * and comments in printable ASCII, document numbers alphanumeric); values are then reduced to fit
   * and every change is reported.
   */
  asciiOnly: z.boolean().default(false),
  /** Whether a non-client `t_account` needs `institution_name`. */
  accountInstitutionNameRequired: z.boolean(),
});

/** A goAML FIU profile. @category goAML */
export type GoamlProfile = z.output<typeof goamlProfileSchema>;
/** A goAML FIU profile as written in JSON (defaults not yet applied). @category goAML */
export type GoamlProfileInput = z.input<typeof goamlProfileSchema>;
/** One line of a transmode or funds code table. @category goAML */
export type GoamlCodeRule = z.output<typeof codeRuleSchema>;

/**
 * Validates a goAML profile (for instance parsed from a JSON file); throws `ConfigError` naming
 * every bad key.
 * @param input - the profile, typically `JSON.parse` of a file
 * @returns the profile with defaults applied
 * @category goAML
 * @example const nz = defineGoamlProfile(JSON.parse(readFileSync('nz-fiu.json', 'utf8')));
 */
export function defineGoamlProfile(input: unknown): GoamlProfile {
  return parseOptions(goamlProfileSchema, input, 'goAML profile', 'invalid_config');
}
