import { ConfigError } from '../_internal/config-error.js';
import { defineGoamlProfile, type GoamlProfile, type GoamlProfileInput } from './profile.js';

/**
 * Indonesia, PPATK goAML 4.0.2 (schema of 9 Dec 2019). Codes are taken from the schema's
 * enumerations: LTKM (suspicious transaction report), UT (cash) / REK (account) / CEK (cheque)
 * funds, SETOR / TARIK / TKDN / TKLN transmodes. PPATK's indicator codes (AAA001 …) carry no
 * meaning in the schema, so the indicator table is empty: supply it (`indicators`) from PPATK's list.
 */
const INDONESIA: GoamlProfileInput = {
  id: 'ID',
  name: 'Indonesia, PPATK (goAML 4.0.2)',
  schemaVersion: '4.0.2',
  reportCode: 'LTKM',
  currency: 'IDR',
  country: 'ID',
  timeZone: 'Asia/Jakarta',
  institutionIdElement: 'institution_code',
  transactionDescriptionRequired: false,
  reportIndicatorsRequired: false,
  transmodes: [
    { kind: 'cash_deposit', code: 'SETOR' },
    { kind: 'cash_withdrawal', code: 'TARIK' },
    { kind: 'transfer', scope: 'international', code: 'TKLN' },
    { code: 'TKDN' },
  ],
  cashFunds: 'UT',
  accountFunds: [{ channel: 'cheque', code: 'CEK' }, { code: 'REK' }],
  contactType: 'R',
  communicationType: 'MOB',
  genders: { M: 'M', F: 'F' },
  requiredPersonFields: [
    'gender', 'last_name', 'birthdate', 'birth_place', 'nationality1', 'residence', 'phones', 'occupation', 'tax_reg_number', 'source_of_wealth',
  ],
  requiredAccountFields: ['branch', 'currency_code', 'client_number', 'personal_account_type', 'signatory', 'opened', 'status_code'],
  personFirstNameRequired: false,
  accountInstitutionNameRequired: false,
};

/**
 * Sri Lanka, Financial Intelligence Unit, goAML schema 2.0. STR report code; the transmode is the
 * channel (BRCH, ATM, INTR, MOAP, AGNT, POS …); CASH / ELEC / CHEQ funds; `transaction_description`
 * and `report_indicators` are mandatory (OTH when no indicator maps); institutions are named by
 * SWIFT code only.
 */
const SRI_LANKA: GoamlProfileInput = {
  id: 'LK',
  name: 'Sri Lanka, FIU (goAML schema 2.0)',
  schemaVersion: '2.0',
  reportCode: 'STR',
  currency: 'LKR',
  country: 'LK',
  timeZone: 'Asia/Colombo',
  rentityIdMax: 999,
  institutionIdElement: 'swift',
  institutionIdPattern: '^([A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?|[0-9]{4})$',
  accountPattern: '^[A-Za-z0-9|_/\\-]{3,50}$',
  transactionDescriptionRequired: true,
  reportIndicatorsRequired: true,
  transmodes: [
    { channel: 'branch', code: 'BRCH' },
    { channel: 'atm', code: 'ATM' },
    { channel: 'cdm', code: 'ATM' },
    { channel: 'online', code: 'INTR' },
    { channel: 'mobile', code: 'MOAP' },
    { channel: 'agent', code: 'AGNT' },
    { channel: 'card', code: 'POS' },
    { kind: 'cash_deposit', code: 'BRCH' },
    { kind: 'cash_withdrawal', code: 'BRCH' },
    { code: 'OTH' },
  ],
  cashFunds: 'CASH',
  accountFunds: [{ channel: 'cheque', code: 'CHEQ' }, { code: 'ELEC' }],
  indicatorFallback: 'OTH',
  contactType: 'PRVT',
  communicationType: 'MOPH',
  holderRole: 'ACHLD',
  genders: { M: 'M', F: 'F', O: 'O' },
  requiredPersonFields: ['first_name', 'last_name', 'nationality1', 'residence', 'address', 'occupation'],
  requiredAccountFields: ['branch', 'currency_code', 'personal_account_type', 'signatory', 'status_code'],
  personFirstNameRequired: true,
  asciiOnly: true,
  accountInstitutionNameRequired: true,
};

let shipped: Map<string, GoamlProfile> | undefined;

/**
 * Ids of the shipped goAML profiles (`ID`, `LK`).
 * @category goAML
 * @example goamlProfileIds() // ['ID', 'LK']
 */
export function goamlProfileIds(): string[] {
  return ['ID', 'LK'];
}

/**
 * A shipped goAML FIU profile by id (case-insensitive): `ID` (PPATK 4.0.2) or `LK` (FIU Sri Lanka
 * 2.0). Other FIUs: write a profile in JSON and pass it through {@link defineGoamlProfile}.
 * @param id - `ID` or `LK`
 * @returns the profile
 * @category goAML
 * @example goamlProfile('ID').reportCode // 'LTKM'
 */
export function goamlProfile(id: string): GoamlProfile {
  if (shipped === undefined) shipped = new Map([INDONESIA, SRI_LANKA].map((p) => [p.id, defineGoamlProfile(p)]));
  const found = shipped.get(id.toUpperCase());
  if (found === undefined) throw new ConfigError('invalid_config', `unknown goAML profile "${id}"; shipped: ${goamlProfileIds().join(', ')}, or a profile JSON file`);
  return found;
}
