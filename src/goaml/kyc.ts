import * as z from 'zod';
import { isCountryCode } from '../schema/countries.js';
import type { Account, Party } from '../schema/reference-data.js';

/**
 * A party with the know-your-customer fields that goAML's `t_person_my_client` needs on top of
 * `parties.csv`'s canonical columns (read from extra columns of the same file, see
 * {@link GOAML_PARTY_COLUMNS}). `name` is split into first and last name when these are absent.
 * @category goAML
 */
export interface GoamlParty extends Party {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly gender?: 'M' | 'F' | 'O';
  /** `YYYY-MM-DD`. */
  readonly birthdate?: string;
  readonly birthPlace?: string;
  /** ISO 3166-1 alpha-2; defaults to `country`. */
  readonly nationality?: string;
  /** ISO 3166-1 alpha-2 country of residence (also the country of the address). */
  readonly residence?: string;
  readonly city?: string;
  readonly taxRegNumber?: string;
  readonly sourceOfWealth?: string;
}

/**
 * An account with the fields `t_account_my_client` needs on top of `accounts.csv` (extra
 * columns, see {@link GOAML_ACCOUNT_COLUMNS}). Codes are the FIU's own.
 * @category goAML
 */
export interface GoamlAccount extends Account {
  readonly branch?: string;
  /** ISO 4217 currency of the account; defaults to the transaction's. */
  readonly currency?: string;
  /** The FIU's `account_status_type` code (AKT, ACTV …). */
  readonly statusCode?: string;
  /** The FIU's `account_type` code; else the profile's `accountTypes[type]`. */
  readonly accountTypeCode?: string;
}

const text = z.string().min(1).max(255).optional();
const country = z.string().refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 code', params: { code: 'invalid_country' } }).optional();

/** Extra columns of parties.csv read for goAML, in CSV spelling. @category goAML */
export const GOAML_PARTY_COLUMNS = [
  'first_name', 'last_name', 'gender', 'birthdate', 'birth_place', 'nationality', 'residence', 'city', 'tax_reg_number', 'source_of_wealth',
] as const;
/** Extra columns of accounts.csv read for goAML, in CSV spelling. @category goAML */
export const GOAML_ACCOUNT_COLUMNS = ['branch', 'currency', 'status_code', 'account_type_code'] as const;

/**
 * The goAML KYC columns of a parties.csv row (all optional); merge the result into the
 * canonical {@link Party}.
 * @category goAML
 */
export const GoamlPartyKycSchema = z
  .object({
    first_name: text, last_name: text,
    gender: z.enum(['M', 'F', 'O']).optional(),
    birthdate: z.iso.date().optional(),
    birth_place: text, nationality: country, residence: country, city: text, tax_reg_number: text, source_of_wealth: text,
  })
  .transform((r) => {
    const out: { -readonly [K in keyof GoamlParty]?: GoamlParty[K] } = {};
    if (r.first_name !== undefined) out.firstName = r.first_name;
    if (r.last_name !== undefined) out.lastName = r.last_name;
    if (r.gender !== undefined) out.gender = r.gender;
    if (r.birthdate !== undefined) out.birthdate = r.birthdate;
    if (r.birth_place !== undefined) out.birthPlace = r.birth_place;
    if (r.nationality !== undefined) out.nationality = r.nationality;
    if (r.residence !== undefined) out.residence = r.residence;
    if (r.city !== undefined) out.city = r.city;
    if (r.tax_reg_number !== undefined) out.taxRegNumber = r.tax_reg_number;
    if (r.source_of_wealth !== undefined) out.sourceOfWealth = r.source_of_wealth;
    return out;
  });

/**
 * The goAML columns of an accounts.csv row (all optional); merge the result into the canonical
 * {@link Account}.
 * @category goAML
 */
export const GoamlAccountKycSchema = z
  .object({ branch: text, currency: z.string().regex(/^[A-Z]{3}$/).optional(), status_code: text, account_type_code: text })
  .transform((r) => {
    const out: { -readonly [K in keyof GoamlAccount]?: GoamlAccount[K] } = {};
    if (r.branch !== undefined) out.branch = r.branch;
    if (r.currency !== undefined) out.currency = r.currency;
    if (r.status_code !== undefined) out.statusCode = r.status_code;
    if (r.account_type_code !== undefined) out.accountTypeCode = r.account_type_code;
    return out;
  });
