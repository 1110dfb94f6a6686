/** How a regulation adds up cash transactions toward its reporting threshold (DESIGN §3). */
export type AggregationUnit =
  | 'per_transaction'
  | 'business_day'
  | 'calendar_day'
  | 'rolling_24h'
  | 'static_24h'
  | 'calendar_month';

/** What a transfer threshold applies to. */
export type TransferScope = 'international' | 'domestic' | 'cash_funded_international' | 'any';

/** A record-keeping or reporting threshold for transfers (not cash), e.g. US USD 3,000. */
export interface TransferThreshold {
  readonly scope: TransferScope;
  /** Integer minor units of the profile currency (or of `currency` when given). */
  readonly amount: number;
  /** Currency of `amount` when it differs from the profile's (Viet Nam's USD 1,000 EFT report). */
  readonly currency?: string;
  /** `true` when the obligation starts at the amount (≥), `false` when above it (>). */
  readonly inclusive: boolean;
  /** Short name of the report or record, e.g. "Funds-transfer record-keeping". */
  readonly name: string;
}

/**
 * A jurisdiction's cash-reporting regime as tidewatch needs it, with its source
 * (../shared/domain/RESEARCH.md §b). Amounts are integer minor units of `currency`.
 * @category Jurisdictions
 */
export interface JurisdictionProfile {
  /** ISO 3166-1 alpha-2 code, or a custom code for a user profile. */
  readonly code: string;
  readonly name: string;
  readonly currency: string;
  /** Cash reporting threshold T in minor units of `currency`. */
  readonly cashThreshold: number;
  /** `true` when reporting starts at T (≥ T), `false` when above it (> T). */
  readonly thresholdInclusive: boolean;
  /**
   * The amount, in minor units of `currency`, that the money floors of the flow, debt and context
   * rules scale with (their `…ShareOfThreshold` options: funnel_account, pass_through, relay_abroad,
   * cash_out_relay, third_party_payer, unlicensed_remitter, wage_diversion, new_account, fee_match,
   * hotspot_cash); `cashThreshold` when omitted. Those floors were set against thresholds of about
   * USD 6,000–10,000 (MY, AU, US); where the cash threshold stands far above local wages and
   * smuggling fees, a collector's whole book stays under them. The structuring rules and
   * fan_out's burst of two or more payments (Q = T, MS-FAN-01) always read `cashThreshold`;
   * fan_out's one lump paid on abroad reads this reference.
   */
  readonly flowReference?: number;
  readonly aggregation: AggregationUnit;
  /** IANA time zone in which calendar units (business day, month) are counted. */
  readonly timeZone: string;
  readonly transferThresholds: readonly TransferThreshold[];
  /** ISO date (YYYY-MM-DD) from which this regime applies. */
  readonly effectiveFrom: string;
  /** Source key(s) and document, as in RESEARCH §f. */
  readonly source: string;
  /** Marked [U] in the research: to be re-verified before relying on it. */
  readonly unverified: boolean;
  readonly notes?: string;
}
