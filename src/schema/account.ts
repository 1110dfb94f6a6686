import * as z from 'zod';
import { isCountryCode } from './countries.js';
import { ACCOUNT_TYPES, type Account } from './reference-data.js';
import { parseInstant } from './time.js';

const text = z.string().min(1).max(200);

/**
 * One row of `accounts.csv` (canonical columns `account, party, type, opened_at, institution,
 * country`), normalized to {@link Account}. `opened_at` is an ISO date (read as UTC midnight) or instant.
 * @category Schema
 */
export const AccountRecordSchema = z
  .object({
    account: text,
    party: text.optional(),
    type: z.enum(ACCOUNT_TYPES).optional(),
    opened_at: z.string().optional(),
    institution: text.optional(),
    country: z.string().refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 code', params: { code: 'invalid_country' } }).optional(),
  })
  .transform((r, ctx): Account => {
    const out: { -readonly [K in keyof Account]?: Account[K] } = { account: r.account };
    if (r.party !== undefined) out.party = r.party;
    if (r.type !== undefined) out.type = r.type;
    if (r.opened_at !== undefined) {
      const t = parseInstant(/^\d{4}-\d{2}-\d{2}$/.test(r.opened_at) ? `${r.opened_at}T00:00:00Z` : r.opened_at);
      if (t.ok) out.openedAt = t.ms;
      else ctx.addIssue({ code: 'custom', path: ['opened_at'], message: t.message, params: { code: 'invalid_date' } });
    }
    if (r.institution !== undefined) out.institution = r.institution;
    if (r.country !== undefined) out.country = r.country;
    return out as Account;
  });

/** The canonical columns of accounts.csv. @category Schema */
export const ACCOUNT_COLUMNS = ['account', 'party', 'type', 'opened_at', 'institution', 'country'] as const;
