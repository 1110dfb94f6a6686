import * as z from 'zod';

/** The package schema id; bumped only with a migration note. @category Sharing */
export const SHARED_ALERT_SCHEMA_ID = 'tidewatch/shared-alert@1';

const hash = z.string().regex(/^[A-Za-z0-9_-]{43}$/).meta({ description: 'HMAC-SHA-256 under the package key, base64url without padding' });
const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/).meta({ description: 'ISO 8601 week (UTC), e.g. 2024-W41' });

const identifier = z.object({
  kind: z.enum(['account', 'document', 'phone', 'name']),
  hash: hash.meta({ description: 'Keyed hash of "<kind>:<normalised value>"; names corroborate but never link alone' }),
});

const sharedEntity = z.object({
  kind: z.enum(['account', 'party']),
  ref: hash.meta({ description: 'Keyed hash of the entity: for an account the same as its account identifier; for a party an opaque local reference' }),
  identifiers: z.array(identifier),
});

/**
 * One pseudonymised alert: typologies, indicator ids, score, band, a coarse amount and ISO weeks,
 * and keyed hashes of the entity's identifiers and of the entities it links to. No plaintext
 * identifier, name, memo, reason text or exact amount.
 * @category Sharing
 */
export const SharedAlertSchema = z.object({
  ref: hash.meta({ description: 'Keyed hash of the alert id: stable across packages of the same key, meaningless without the alerting institution' }),
  entity: z.object({
    kind: z.enum(['account', 'party', 'network']),
    ref: hash,
    identifiers: z.array(identifier),
  }),
  score: z.number().int().min(0).max(100),
  band: z.enum(['low', 'medium', 'high', 'critical']),
  typologies: z.array(z.object({ id: z.string(), score: z.number().int().min(0).max(100) })),
  rules: z.array(z.string()),
  indicators: z.array(z.string()),
  amount: z
    .object({
      currency: z.string().length(3),
      min: z.number().int().min(0).meta({ description: 'Lower bound (major units, inclusive) of the decade holding the largest evidence total' }),
      max: z.number().int().min(1).meta({ description: 'Upper bound (major units, exclusive)' }),
    })
    .optional()
    .meta({ description: 'Coarse amount: the power-of-ten range of the largest total behind a hit; absent when no hit states one' }),
  weeks: z.object({ first: isoWeek, last: isoWeek }),
  links: z.array(sharedEntity).meta({ description: 'Entities the hits tie to this one (payers, recipients, people sharing an identifier), hashed' }),
  members: z.array(sharedEntity).optional().meta({ description: 'Network alerts: the member accounts and parties, hashed' }),
});

/**
 * `tidewatch/shared-alert@1`: a package of pseudonymised alerts one institution or FIU hands
 * to another (`tidewatch share`, `tidewatch match`).
 * @category Sharing
 */
export const SharedAlertPackageSchema = z.object({
  schema: z.literal(SHARED_ALERT_SCHEMA_ID),
  keyId: z.string().regex(/^k1-[0-9a-f]{16}$/).meta({ description: 'Identifies the HMAC key (a MAC of a fixed string), for rotation; packages match only under the same key id' }),
  hash: z.literal('HMAC-SHA-256'),
  normalisation: z.literal('tidewatch/normalise@1'),
  source: z.object({
    jurisdiction: z.string().meta({ description: 'The jurisdiction profile the alerts were scored under' }),
    institution: z.string().optional().meta({ description: 'The sharing institution or FIU, as it chooses to name itself' }),
  }),
  period: z.object({ first: isoWeek, last: isoWeek }).optional(),
  alerts: z.array(SharedAlertSchema),
});

/** One pseudonymised alert. @category Sharing */
export type SharedAlert = z.output<typeof SharedAlertSchema>;
/** A `tidewatch/shared-alert@1` package. @category Sharing */
export type SharedAlertPackage = z.output<typeof SharedAlertPackageSchema>;
/** A hashed entity inside a shared alert (a link or a member). @category Sharing */
export type SharedEntity = SharedAlert['links'][number];
/** A hashed identifier. @category Sharing */
export type SharedIdentifier = SharedEntity['identifiers'][number];

/**
 * The JSON Schema (draft 2020-12) of `tidewatch/shared-alert@1`, generated from its zod schema;
 * committed as docs/schema/shared-alert-1.json (`tidewatch schema shared-alert`).
 * @returns the JSON Schema document
 * @category Sharing
 * @example const schema = sharedAlertJsonSchema();
 */
export function sharedAlertJsonSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(SharedAlertPackageSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://github.com/tidewatch/tidewatch/blob/main/docs/schema/shared-alert-1.json', title: 'tidewatch shared-alert', ...json };
}
