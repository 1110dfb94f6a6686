import * as z from 'zod';
import { isCountryCode } from './countries.js';
import type { Party } from './reference-data.js';

const text = z.string().min(1).max(200);

/**
 * One row of `parties.csv` (canonical columns `party, name, country, phone, address, document,
 * occupation, declared_monthly_income`), normalized to {@link Party}.
 * @category Schema
 */
export const PartyRecordSchema = z
  .object({
    party: text,
    name: text.optional(),
    country: z.string().refine(isCountryCode, { message: 'not an ISO 3166-1 alpha-2 code', params: { code: 'invalid_country' } }).optional(),
    phone: text.optional(),
    address: z.string().min(1).max(500).optional(),
    document: text.optional(),
    occupation: text.optional(),
    declared_monthly_income: z.string().regex(/^\d+(\.\d+)?$/, 'a plain positive decimal').optional(),
  })
  .transform((r): Party => {
    const out: { -readonly [K in keyof Party]?: Party[K] } = { party: r.party };
    if (r.name !== undefined) out.name = r.name;
    if (r.country !== undefined) out.country = r.country;
    if (r.phone !== undefined) out.phone = r.phone;
    if (r.address !== undefined) out.address = r.address;
    if (r.document !== undefined) out.document = r.document;
    if (r.occupation !== undefined) out.occupation = r.occupation;
    if (r.declared_monthly_income !== undefined) out.declaredMonthlyIncome = r.declared_monthly_income;
    return out as Party;
  });

/** The canonical columns of parties.csv. @category Schema */
export const PARTY_COLUMNS = ['party', 'name', 'country', 'phone', 'address', 'document', 'occupation', 'declared_monthly_income'] as const;
