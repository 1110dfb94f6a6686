import type { JurisdictionProfile } from './types.js';

/**
 * Shipped profiles, from ../shared/domain/RESEARCH.md §b (source keys as in §f). Amounts are
 * integer minor units. `unverified` marks what the research tags [U] or could not confirm.
 * Left out on purpose: Lao PDR (threshold unknown) and the EU and the UK (no bank
 * cash-transaction report). Singapore has no general bank CTR either; its profile is a monitoring
 * reference at the regulated-dealer / cross-border level and is marked unverified.
 */
export const PROFILES: readonly JurisdictionProfile[] = [
  {
    code: 'AU', name: 'Australia (AUSTRAC TTR)', currency: 'AUD', cashThreshold: 1_000_000, thresholdInclusive: true,
    aggregation: 'per_transaction', timeZone: 'Australia/Sydney',
    transferThresholds: [{ scope: 'cash_funded_international', amount: 1_000_000, inclusive: true, name: 'Cash-funded international transfer kept under A$10,000' }],
    effectiveFrom: '2022-07-01', source: 'S8 — AUSTRAC structuring and TTR guidance (each cash transaction assessed separately since 2022)',
    unverified: false, notes: 'Institutions in other states should override timeZone. IFTIs are reported at any amount.',
  },
  {
    code: 'MY', name: 'Malaysia (BNM CTR)', currency: 'MYR', cashThreshold: 2_500_000, thresholdInclusive: true,
    aggregation: 'calendar_day', timeZone: 'Asia/Kuala_Lumpur', transferThresholds: [],
    effectiveFrom: '2019-01-01', source: 'S30 — BNM Cash Threshold Report, RM25,000 and above per account per day', unverified: false,
    notes: 'Press wording says "exceeding"; BNM says "and above" (used).',
  },
  {
    code: 'ID', name: 'Indonesia (PPATK LTKT)', currency: 'IDR', cashThreshold: 50_000_000_000, thresholdInclusive: true,
    aggregation: 'calendar_day', timeZone: 'Asia/Jakarta', transferThresholds: [],
    effectiveFrom: '2010-10-22', source: 'S29 — Law 8/2010, cash transactions ≥ IDR 500 million per day', unverified: false,
    notes: 'International transfer reports (LTKL) apply at any amount.',
  },
  {
    code: 'TH', name: 'Thailand (AMLO)', currency: 'THB', cashThreshold: 200_000_000, thresholdInclusive: true,
    flowReference: 20_000_000,
    aggregation: 'per_transaction', timeZone: 'Asia/Bangkok',
    transferThresholds: [{ scope: 'any', amount: 10_000_000, inclusive: true, name: 'Electronic transfer involving cash (THB 100,000)' }],
    effectiveFrom: '2011-08-26', source: 'S31 — AMLO ministerial regulations 2011', unverified: true,
    notes: 'Aggregation rule not confirmed; later changes not verified. flowReference THB 200,000 (≈ USD 5,600, the MY threshold RM 25,000 at 2024 rates): THB 2,000,000 is about 180 months of a migrant worker\'s wage.',
  },
  {
    code: 'PH', name: 'Philippines (AMLC CTR)', currency: 'PHP', cashThreshold: 50_000_000, thresholdInclusive: false,
    aggregation: 'business_day', timeZone: 'Asia/Manila', transferThresholds: [],
    effectiveFrom: '2021-01-29', source: 'S32 — AMLA as amended (RA 11521), cash > PHP 500,000 within one banking day', unverified: false,
  },
  {
    code: 'SG', name: 'Singapore (no general bank CTR; monitoring reference)', currency: 'SGD', cashThreshold: 2_000_000, thresholdInclusive: false,
    aggregation: 'calendar_day', timeZone: 'Asia/Singapore', transferThresholds: [],
    effectiveFrom: '2019-04-10', source: 'S33 — PSPM Act 2019 (regulated dealers: cash > SGD 20,000, incl. two or more sales in a day); cross-border cash > SGD 20,000',
    unverified: true,
    notes: 'No general bank cash-transaction report was found (STR-based regime). SGD 20,000 per day is the dealer and cross-border level, used here only as a structuring reference; casinos use SGD 10,000 per gaming day.',
  },
  {
    code: 'BD', name: 'Bangladesh (BFIU CTR)', currency: 'BDT', cashThreshold: 100_000_000, thresholdInclusive: true,
    aggregation: 'calendar_day', timeZone: 'Asia/Dhaka', transferThresholds: [],
    effectiveFrom: '2020-06-16', source: 'S34 — BFIU Circular 26, ≥ BDT 1,000,000 deposits or withdrawals per account per day', unverified: false,
    notes: 'Deposits and withdrawals are reported separately (rules keep them apart).',
  },
  {
    code: 'LK', name: 'Sri Lanka (FIU CTR/EFT)', currency: 'LKR', cashThreshold: 100_000_000, thresholdInclusive: false,
    aggregation: 'per_transaction', timeZone: 'Asia/Colombo',
    transferThresholds: [{ scope: 'any', amount: 100_000_000, inclusive: false, name: 'Electronic fund transfer report (> LKR 1,000,000)' }],
    effectiveFrom: '2008-01-01', source: 'S35 — FTRA 2006 and Regulations No. 1 of 2008', unverified: false,
    notes: 'Aggregation not confirmed.',
  },
  {
    code: 'VN', name: 'Viet Nam (large-value transaction report)', currency: 'VND', cashThreshold: 400_000_000, thresholdInclusive: true,
    aggregation: 'calendar_day', timeZone: 'Asia/Ho_Chi_Minh',
    transferThresholds: [
      { scope: 'international', amount: 100_000, currency: 'USD', inclusive: true, name: 'International EFT report (USD 1,000)' },
      { scope: 'domestic', amount: 500_000_000, inclusive: true, name: 'Domestic EFT report (VND 500 million)' },
    ],
    effectiveFrom: '2023-12-01', source: 'S36 — Decision 11/2023/QD-TTg; Circular 09/2023', unverified: false,
  },
  {
    code: 'KH', name: 'Cambodia (CAFIU CTR)', currency: 'USD', cashThreshold: 1_000_000, thresholdInclusive: false,
    aggregation: 'calendar_day', timeZone: 'Asia/Phnom_Penh', transferThresholds: [],
    effectiveFrom: '2020-06-27', source: 'S37 — CAFIU FAQ, > USD 10,000 (KHR 40 million), single or linked within one day', unverified: false,
    notes: 'The threshold is stated in USD; KHR transactions need an FX table.',
  },
  {
    code: 'MM', name: 'Myanmar (CTR)', currency: 'MMK', cashThreshold: 10_000_000_000, thresholdInclusive: true,
    aggregation: 'per_transaction', timeZone: 'Asia/Yangon', transferThresholds: [],
    effectiveFrom: '2004-01-01', source: 'S38 — Central Bank Instruction 1/2004, MMK 100 million and above', unverified: true,
    notes: 'Current rule to verify; a secondary source cites "MMK 100 million or USD 10,000".',
  },
  {
    code: 'BN', name: 'Brunei (CTR)', currency: 'BND', cashThreshold: 1_500_000, thresholdInclusive: false,
    aggregation: 'per_transaction', timeZone: 'Asia/Brunei', transferThresholds: [],
    effectiveFrom: '2012-01-01', source: 'S39 — Criminal Asset Recovery Order 2012 (press)', unverified: true,
    notes: 'Currency given as "$" or "US$" by different sources; BND assumed.',
  },
  {
    code: 'TL', name: 'Timor-Leste (BCTL CTR)', currency: 'USD', cashThreshold: 1_000_000, thresholdInclusive: true,
    aggregation: 'per_transaction', timeZone: 'Asia/Dili',
    transferThresholds: [{ scope: 'any', amount: 250_000, inclusive: true, name: 'Money-transfer operator cash transaction (USD 2,500)' }],
    effectiveFrom: '2017-08-25', source: 'S40 — BCTL Instruction 05/2017; Instruction 01/2013 for MTOs', unverified: false,
  },
  {
    code: 'NZ', name: 'New Zealand (Prescribed Transaction Reports)', currency: 'NZD', cashThreshold: 1_000_000, thresholdInclusive: true,
    aggregation: 'per_transaction', timeZone: 'Pacific/Auckland',
    transferThresholds: [{ scope: 'international', amount: 100_000, inclusive: true, name: 'International wire report (NZD 1,000)' }],
    effectiveFrom: '2017-11-01', source: 'S41 — AML/CFT Act prescribed transaction reports', unverified: false,
  },
  {
    code: 'IN', name: 'India (FIU-IND CTR)', currency: 'INR', cashThreshold: 100_000_000, thresholdInclusive: false,
    aggregation: 'calendar_month', timeZone: 'Asia/Kolkata',
    transferThresholds: [{ scope: 'international', amount: 50_000_000, inclusive: false, name: 'Cross-border wire transfer report (> INR 5 lakh)' }],
    effectiveFrom: '2013-01-01', source: 'S42 — PML Rules 2005 as amended: integrally connected cash in a month > INR 10 lakh', unverified: false,
    notes: 'Items under INR 50,000 may be omitted from the CTR itself.',
  },
  {
    code: 'PK', name: 'Pakistan (FMU CTR)', currency: 'PKR', cashThreshold: 200_000_000, thresholdInclusive: true,
    aggregation: 'per_transaction', timeZone: 'Asia/Karachi', transferThresholds: [],
    effectiveFrom: '2020-01-01', source: 'S43 — FMU guidance ("2 million or above"); Circular 01/2025 says "exceeding"', unverified: false,
  },
  {
    code: 'US', name: 'United States (FinCEN CTR)', currency: 'USD', cashThreshold: 1_000_000, thresholdInclusive: false,
    aggregation: 'business_day', timeZone: 'America/New_York',
    transferThresholds: [{ scope: 'any', amount: 300_000, inclusive: true, name: 'Funds-transfer record-keeping (USD 3,000)' }],
    effectiveFrom: '2011-03-01', source: 'S44 — 31 CFR 1010.311/.313 and 1010.410', unverified: false,
    notes: 'Business day per institution; set timeZone to the institution\'s zone. No holiday calendar unless given.',
  },
  {
    code: 'CA', name: 'Canada (FINTRAC LCTR)', currency: 'CAD', cashThreshold: 1_000_000, thresholdInclusive: true,
    aggregation: 'static_24h', timeZone: 'America/Toronto',
    transferThresholds: [{ scope: 'international', amount: 1_000_000, inclusive: true, name: 'Electronic funds transfer report (CAD 10,000)' }],
    effectiveFrom: '2021-06-01', source: 'S13 — FINTRAC 24-hour rule guidance', unverified: false,
    notes: 'The static 24-hour window starts at local midnight unless the institution defines another start.',
  },
];
