/**
 * The person and account elements of a goAML transaction side (`t_person`, `t_person_my_client`,
 * `t_account`, `t_account_my_client`), each built in schema order, with the exact list of
 * mandatory elements the data could not fill.
 */
import type { GoamlAccount, GoamlParty } from './kyc.js';
import type { GoamlProfile } from './profile.js';
import { goamlDateTime } from './local-time.js';
import { clip, lettersOnly } from './text.js';
import type { XmlElement } from './xml.js';
import { element } from './xml.js';

/** What a form builder returns: the element, or the mandatory fields the data lacks. */
export interface Form {
  readonly value: XmlElement;
  /** Mandatory elements that could not be filled (empty when the element is complete). */
  readonly missing: string[];
  /** Values changed to fit the schema (name patterns). */
  readonly notes: string[];
  /** Values present but not acceptable to the schema, with why. */
  readonly invalid?: string[];
}

/** Why an institution identifier or account number cannot be written, if it cannot. */
function idProblems(profile: GoamlProfile, institution: string | undefined, accountId: string): string[] {
  const out: string[] = [];
  if (institution !== undefined && profile.institutionIdPattern !== undefined && !new RegExp(profile.institutionIdPattern).test(institution)) {
    out.push(`${profile.institutionIdElement} "${clip(institution, 40)}" does not match the schema's pattern ${profile.institutionIdPattern}`);
  }
  if (accountId.length > 50) out.push('account number longer than 50 characters');
  else if (profile.accountPattern !== undefined && !new RegExp(profile.accountPattern).test(accountId)) {
    out.push(`the account number does not match the schema's pattern ${profile.accountPattern}`);
  }
  return out;
}

/** `*_funds_comment` when the person who brought or took the cash is not recorded and the account holder is named instead. */
export const CASH_HOLDER_NOTE = 'person handling the cash not recorded; the account holder is named';

/** Prefix of a `t_conductor`'s `comments` carrying the conductor's party id. */
export const PARTY_COMMENT = 'party ';

/** The reporting institution as it appears in its own customers' accounts. */
export interface Institution {
  readonly name?: string;
  readonly id?: string;
}

/** Splits a full name: first name = all words but the last, last name = the last word (explicit columns win). */
export function nameParts(party: GoamlParty | undefined, fallbackName: string | undefined): { first?: string; last?: string } {
  if (party?.lastName !== undefined) return party.firstName === undefined ? { last: party.lastName } : { first: party.firstName, last: party.lastName };
  const name = (party?.name ?? fallbackName)?.trim();
  if (name === undefined || name === '') return {};
  const words = name.split(/\s+/);
  const last = words.pop() as string;
  return words.length === 0 ? { last } : { first: words.join(' '), last };
}

function names(profile: GoamlProfile, party: GoamlParty | undefined, fallbackName: string | undefined, notes: string[]): { first?: string; last?: string } {
  const parts = nameParts(party, fallbackName);
  if (!profile.asciiOnly) {
    return { ...(parts.first === undefined ? {} : { first: clip(parts.first, 100) }), ...(parts.last === undefined ? {} : { last: clip(parts.last, 100) }) };
  }
  // Sri Lanka: ASCII letters only; the last name is one word.
  const fit = (v: string | undefined, oneWord: boolean): string | undefined => {
    if (v === undefined) return undefined;
    let out = lettersOnly(v);
    if (oneWord) out = out.replace(/ /g, '');
    if (out !== v) notes.push(`a ${oneWord ? 'last' : 'first'} name was reduced to ASCII letters to fit the schema's name pattern`);
    return out.length >= 2 ? clip(out, 100) : undefined;
  };
  const first = fit(parts.first, false);
  const last = fit(parts.last, true);
  return { ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) };
}

/**
 * The document number, except under ASCII-restricted schemas: Sri Lanka 2.0 writes its pattern as
 * `^[A-Za-z0-9]{3,}$`, and in XSD regular expressions `^` and `$` are literal characters, so no
 * real number can match; the element is optional and left out there.
 */
function idNumber(profile: GoamlProfile, document: string | undefined): string | undefined {
  if (document === undefined || profile.asciiOnly) return undefined;
  return clip(document, 255);
}

/**
 * A non-client person (`t_person`): names and nationality, and (for a conductor) the party id
 * in `comments`. `missing` names first/last name when the profile requires them and none is known.
 */
export function person(profile: GoamlProfile, party: GoamlParty | undefined, fallbackName: string | undefined, withPartyId = false): Form {
  const notes: string[] = [];
  const n = names(profile, party, fallbackName, notes);
  const missing: string[] = [];
  if (profile.personFirstNameRequired && n.first === undefined) missing.push('first_name');
  if (n.last === undefined) missing.push('last_name');
  const nationality = party?.nationality ?? party?.country;
  return {
    value: element([
      ['first_name', n.first],
      ['last_name', n.last],
      ['nationality1', nationality],
      ['comments', withPartyId && party !== undefined ? `${PARTY_COMMENT}${party.party}` : undefined],
    ]),
    missing,
    notes,
  };
}

/** A customer (`t_person_my_client`) with every KYC element the profile's schema makes mandatory. */
export function personMyClient(profile: GoamlProfile, party: GoamlParty | undefined): Form {
  const notes: string[] = [];
  if (party === undefined) return { value: {}, missing: ['party (the account names no holder found in the parties data)'], notes };
  const n = names(profile, party, undefined, notes);
  const need = new Set<string>(profile.requiredPersonFields);
  const missing: string[] = [];
  const check = (field: string, value: unknown): void => {
    if (value === undefined && need.has(field)) missing.push(field);
  };
  const gender = party.gender === undefined ? undefined : profile.genders[party.gender];
  const nationality = party.nationality ?? party.country;
  const phone = party.phone?.replace(/\D/g, '');
  check('gender', gender);
  check('first_name', n.first);
  if (n.last === undefined) missing.push('last_name');
  check('birthdate', party.birthdate);
  check('birth_place', party.birthPlace);
  check('nationality1', nationality);
  check('residence', party.residence);
  check('phones', phone === '' ? undefined : phone);
  const hasAddress = party.address !== undefined && party.city !== undefined && party.residence !== undefined;
  if (need.has('address') || party.address !== undefined) {
    if (party.address === undefined) missing.push('addresses/address/address');
    if (party.city === undefined) missing.push('addresses/address/city');
    if (party.residence === undefined && !missing.includes('residence')) missing.push('addresses/address/country_code (residence)');
  }
  check('occupation', party.occupation);
  check('tax_reg_number', party.taxRegNumber);
  check('source_of_wealth', party.sourceOfWealth);
  const value = element([
    ['gender', gender],
    ['first_name', n.first],
    ['last_name', n.last],
    ['birthdate', party.birthdate === undefined ? undefined : `${party.birthdate}T00:00:00`],
    ['birth_place', party.birthPlace === undefined ? undefined : clip(party.birthPlace, 255)],
    ['id_number', idNumber(profile, party.document)],
    ['nationality1', nationality],
    ['residence', party.residence],
    ['phones', phone === undefined || phone === '' ? undefined : { phone: element([
      ['tph_contact_type', profile.contactType],
      ['tph_communication_type', profile.communicationType],
      ['tph_number', clip(phone, 50)],
    ]) }],
    ['addresses', hasAddress ? { address: element([
      ['address_type', profile.contactType],
      ['address', clip(party.address as string, 255)],
      ['city', clip(party.city as string, 255)],
      ['country_code', party.residence],
    ]) } : {}],
    ['occupation', party.occupation === undefined ? undefined : clip(party.occupation, 255)],
    ['tax_reg_number', party.taxRegNumber],
    ['source_of_wealth', party.sourceOfWealth === undefined ? undefined : clip(party.sourceOfWealth, 255)],
  ]);
  return { value, missing, notes };
}

/**
 * A counterparty account (`t_account`): institution, account number and the name on it.
 * `missing` names the institution identifier when neither the transaction nor the accounts data has one.
 */
export function account(profile: GoamlProfile, id: string, institution: Institution, name: string | undefined): Form {
  const missing: string[] = [];
  if (institution.id === undefined) missing.push(profile.institutionIdElement);
  const institutionName = institution.name ?? institution.id;
  if (profile.accountInstitutionNameRequired && institutionName === undefined) missing.push('institution_name');
  return {
    value: element([
      ['institution_name', institutionName === undefined ? undefined : clip(institutionName, 255)],
      [profile.institutionIdElement, institution.id],
      ['account', id],
      ['account_name', name === undefined ? undefined : clip(name, 255)],
    ]),
    missing,
    notes: [],
    invalid: idProblems(profile, institution.id, id),
  };
}

/** The reporting institution's own account (`t_account_my_client`) with its holder as signatory. */
export function accountMyClient(
  profile: GoamlProfile,
  acc: GoamlAccount,
  holder: GoamlParty | undefined,
  institution: Institution,
  currency: string,
  name: string | undefined,
): Form {
  const need = new Set<string>(profile.requiredAccountFields);
  const missing: string[] = [];
  if (institution.name === undefined) missing.push('institution_name (--entity name)');
  if (institution.id === undefined) missing.push(`${profile.institutionIdElement} (--entity institutionCode or swift)`);
  const accountType = acc.accountTypeCode ?? (acc.type === undefined ? undefined : profile.accountTypes[acc.type]);
  const check = (field: string, value: unknown): void => {
    if (value === undefined && need.has(field)) missing.push(field);
  };
  check('branch', acc.branch);
  check('client_number', acc.party);
  check('personal_account_type', accountType);
  check('opened', acc.openedAt);
  check('status_code', acc.statusCode);
  let signatory: XmlElement | undefined;
  if (acc.type !== undefined && acc.type !== 'personal') {
    missing.push(`signatory (a ${acc.type} account's holder is an entity: t_entity_my_client is not generated; use --as-non-client)`);
  } else {
    const holderForm = personMyClient(profile, holder);
    for (const m of holderForm.missing) missing.push(`signatory/t_person/${m}`);
    signatory = element([['is_primary', '1'], ['t_person', holderForm.value], ['role', profile.holderRole]]);
  }
  return {
    value: element([
      ['institution_name', institution.name === undefined ? undefined : clip(institution.name, 255)],
      [profile.institutionIdElement, institution.id],
      ['branch', acc.branch],
      ['account', acc.account],
      ['currency_code', acc.currency ?? currency],
      ['account_name', name === undefined ? undefined : clip(name, 255)],
      ['client_number', acc.party === undefined ? undefined : clip(acc.party, 30)],
      ['personal_account_type', accountType],
      ['signatory', signatory],
      ['opened', acc.openedAt === undefined ? undefined : goamlDateTime(acc.openedAt, profile.timeZone)],
      ['status_code', acc.statusCode],
    ]),
    missing,
    notes: [],
    invalid: idProblems(profile, institution.id, acc.account),
  };
}
