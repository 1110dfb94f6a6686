import * as z from 'zod';

/** The alert schema id; bumped only with a migration note. @category Alerts */
export const ALERT_SCHEMA_ID = 'tidewatch/alert@1';

const isoInstant = z.iso.datetime({ offset: false });

/**
 * `tidewatch/alert@1` (DESIGN §7) as a zod schema; the published JSON Schema is generated from
 * it (`tidewatch schema alert`).
 * @category Alerts
 */
export const AlertSchema = z.object({
  schema: z.literal(ALERT_SCHEMA_ID),
  id: z.string().meta({ description: 'Deterministic hash of the entity and the evidence that first raised it' }),
  entity: z.object({ kind: z.enum(['account', 'party', 'network']), id: z.string() }),
  score: z.number().int().min(0).max(100),
  band: z.enum(['low', 'medium', 'high', 'critical']),
  typologies: z.array(z.object({
    id: z.string(),
    score: z.number().int().min(0).max(100),
    error: z.string().optional()
      .meta({ description: 'Why this typology could not be scored for this entity (its formula had no finite value); the typology then counts 0. Absent normally.' }),
  })),
  contributions: z.array(
    z.object({
      rule: z.string(),
      typology: z.string(),
      weight: z.number(),
      strength: z.number().min(0).max(1),
      points: z.number().int().min(0).max(100),
    }),
  ),
  hits: z.array(
    z.object({
      rule: z.string(),
      indicators: z.array(z.string()),
      strength: z.number().min(0).max(1),
      window: z.object({ from: isoInstant, to: isoInstant }),
      transactionIds: z.array(z.string()),
      transactionCount: z.number().int().min(1),
      reason: z.string(),
      facts: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
      related: z.array(z.object({ kind: z.enum(['account', 'party']), id: z.string() })).optional()
        .meta({ description: 'Other entities this hit ties to the alerted entity (a collector\'s payers, people sharing an identifier); absent when none. Network alerts are formed from these links.' }),
    }),
  ),
  members: z.array(z.object({ kind: z.enum(['account', 'party']), id: z.string() })).optional()
    .meta({ description: 'For network alerts: the linked accounts and parties' }),
  firstSeen: isoInstant,
  lastSeen: isoInstant,
  engine: z.object({
    version: z.string(),
    config: z.string().meta({ description: 'Hash of the effective configuration' }),
    jurisdiction: z.string(),
    asOf: isoInstant.optional(),
    jurisdictionUnverified: z.literal(true).optional()
      .meta({ description: 'Present when the jurisdiction profile is marked unverified (its threshold or aggregation rule could not be confirmed from the regulator): re-check it before relying on threshold-based hits' }),
  }),
});

/** An alert in the `tidewatch/alert@1` shape. @category Alerts */
export type Alert = z.output<typeof AlertSchema>;
/** One explained hit inside an alert. @category Alerts */
export type AlertHit = Alert['hits'][number];
