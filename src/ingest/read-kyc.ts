import * as z from 'zod';
import { GOAML_ACCOUNT_COLUMNS, GOAML_PARTY_COLUMNS, GoamlAccountKycSchema, GoamlPartyKycSchema, type GoamlAccount, type GoamlParty } from '../goaml/kyc.js';
import { ACCOUNT_COLUMNS, AccountRecordSchema } from '../schema/account.js';
import { PARTY_COLUMNS, PartyRecordSchema } from '../schema/party.js';
import { readReference, type ReferenceSummary } from './read-reference.js';

/** Canonical schema and goAML KYC columns of one row, validated together: issues of both are reported. */
function combined<A extends object, B extends object>(base: z.ZodType<A>, kyc: z.ZodType<B>): z.ZodType<A & B> {
  return z.record(z.string(), z.string()).transform((record, ctx) => {
    const a = base.safeParse(record);
    const b = kyc.safeParse(record);
    for (const issue of [...(a.success ? [] : a.error.issues), ...(b.success ? [] : b.error.issues)]) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: (issue as { params?: unknown }).params ?? {} });
    }
    return a.success && b.success ? { ...a.data, ...b.data } : z.NEVER;
  }) as unknown as z.ZodType<A & B>;
}

/**
 * Reads `accounts.csv` with the goAML columns (`branch, currency, status_code, account_type_code`)
 * that the `t_account_my_client` form needs, on top of the canonical ones.
 * @category goAML
 * @example const { accounts } = await readGoamlAccounts('accounts.csv');
 */
export async function readGoamlAccounts(path: string): Promise<{ accounts: Map<string, GoamlAccount>; summary: ReferenceSummary }> {
  const { values, summary } = await readReference(path, [...ACCOUNT_COLUMNS, ...GOAML_ACCOUNT_COLUMNS], combined(AccountRecordSchema, GoamlAccountKycSchema), (a) => a.account);
  return { accounts: values, summary };
}

/**
 * Reads `parties.csv` with the goAML KYC columns (`first_name, last_name, gender, birthdate,
 * birth_place, nationality, residence, city, tax_reg_number, source_of_wealth`) that the
 * `t_person_my_client` form needs, on top of the canonical ones.
 * @category goAML
 * @example const { parties } = await readGoamlParties('parties.csv');
 */
export async function readGoamlParties(path: string): Promise<{ parties: Map<string, GoamlParty>; summary: ReferenceSummary }> {
  const { values, summary } = await readReference(path, [...PARTY_COLUMNS, ...GOAML_PARTY_COLUMNS], combined(PartyRecordSchema, GoamlPartyKycSchema), (p) => p.party);
  return { parties: values, summary };
}
