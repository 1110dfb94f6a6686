/**
 * tidewatch — find the money trails of people smuggling in transaction data.
 * The pure core: schemas, exact money and time, jurisdiction profiles, rules, engine, scoring.
 * No I/O and no clock; readers and writers live in `tidewatch/ingest`.
 * @packageDocumentation
 */

export { VERSION } from './version.js';
export { ConfigError, type ConfigErrorCode } from './_internal/config-error.js';

// Schema, money, time
export { currencyCodes, currencyExponent } from './schema/currencies.js';
export { isCountryCode } from './schema/countries.js';
export { formatAmount, parseAmount, type AmountIssueCode, type AmountResult } from './schema/money.js';
export { formatInstant, parseInstant, type InstantResult, type TimestampIssueCode } from './schema/time.js';
export type { FieldIssue, RecordResult, RowIssue, RowIssueCode } from './schema/issues.js';
export {
  CHANNELS, TRANSACTION_COLUMNS, TRANSACTION_KINDS, TransactionRecordSchema, parseTransaction, transactionSchema,
  type Channel, type Transaction, type TransactionColumn, type TransactionKind, type TransactionParseOptions, type TransactionRecord,
} from './schema/transaction.js';
export { checkTransactionRecord } from './schema/transaction-fast-path.js';
export { ACCOUNT_TYPES, type Account, type AccountType, type Party } from './schema/reference-data.js';

// Jurisdictions and domain data
export type { AggregationUnit, JurisdictionProfile, TransferScope, TransferThreshold } from './jurisdictions/types.js';
export {
  createFxTable, defineJurisdiction, jurisdiction, jurisdictionCodes, jurisdictionProfileSchema, localDay, parseFxCsv, unitBounds, unitKey,
  type FxRate, type FxTable, type JurisdictionProfileInput,
} from './jurisdictions/index.js';
export { CORRIDOR_ROLES, hasRole, isCorridorCountry, type CorridorRole } from './domain/corridors.js';

// Rules
export type { EntityKind, EntityRef, EntityWindow, HitFacts, IndicatorFamily, Rule, RuleContext, RuleHit, WindowEvent } from './rules/types.js';
export { RULE_FACTORIES, defaultRules, type RuleId } from './rules/default-rules.js';
export { nearThresholdCash, nearThresholdCashOptionsSchema, type NearThresholdCashOptions } from './rules/near-threshold-cash.js';
export { splitSum, splitSumOptionsSchema, type SplitSumOptions } from './rules/split-sum.js';
export { multiLocationCash, multiLocationCashOptionsSchema, type MultiLocationCashOptions } from './rules/multi-location-cash.js';
export { multiDepositor, multiDepositorOptionsSchema, type MultiDepositorOptions } from './rules/multi-depositor.js';
export { conductorSpread, conductorSpreadOptionsSchema, type ConductorSpreadOptions } from './rules/conductor-spread.js';
export {
  transferThresholdAvoidance, transferThresholdAvoidanceOptionsSchema, type TransferThresholdAvoidanceOptions,
} from './rules/transfer-threshold-avoidance.js';
export { roundAmounts, roundAmountsOptionsSchema, type RoundAmountsOptions } from './rules/round-amounts.js';
export { funnelAccount, funnelAccountOptionsSchema, type FunnelAccountOptions } from './rules/funnel-account.js';
export { corridorCollector, corridorCollectorOptionsSchema, type CorridorCollectorOptions } from './rules/corridor-collector.js';
export { fanOut, fanOutOptionsSchema, type FanOutOptions } from './rules/fan-out.js';
export { passThrough, passThroughOptionsSchema, type PassThroughOptions } from './rules/pass-through.js';
export { unlicensedRemitter, unlicensedRemitterOptionsSchema, type UnlicensedRemitterOptions } from './rules/unlicensed-remitter.js';
export { newAccount, newAccountOptionsSchema, type NewAccountOptions } from './rules/new-account.js';
export { feeMatch, feeMatchOptionsSchema, type FeeMatchOptions } from './rules/fee-match.js';
export { corridorFlow, corridorFlowOptionsSchema, type CorridorFlowOptions } from './rules/corridor-flow.js';
export { sailingSeason, sailingSeasonOptionsSchema, type SailingSeasonOptions } from './rules/sailing-season.js';
export { hotspotCash, hotspotCashOptionsSchema, type HotspotCashOptions } from './rules/hotspot-cash.js';
export { CORRIDOR_FEES, FEE_KINDS, type CorridorFee, type FeeKind } from './domain/fees.js';
export { HOTSPOTS, hotspotMatcher, normalizePlace, type Hotspot, type HotspotMatcher, type HotspotRole } from './domain/hotspots.js';
export { DEFAULT_SAILING_SEASONS, seasonPhase, type MonthDayRange, type SailingSeason, type SeasonPhase } from './domain/season.js';

// Scoring and alerts
export { BAND_FLOORS, bandOf, type Band } from './scoring/bands.js';
export { defineTypology, structuringTypology, typologySchema, type Typology, type TypologyInput } from './scoring/typology.js';
export {
  debtRepaymentTypology, defaultTypologies, ransomCollectionTypology, smugglingCollectionTypology, unlicensedRemitterTypology,
} from './scoring/default-typologies.js';
export { compileFormula } from './scoring/formula.js';
export { scoreHits, type Contribution, type EntityScore } from './scoring/score.js';
export { ALERT_SCHEMA_ID, AlertSchema, type Alert, type AlertHit } from './scoring/alert.js';

// Reports
export { ALERT_CSV_COLUMNS, alertRows } from './report/alert-rows.js';
export { renderHtmlReport, type HtmlReportMeta } from './report/html.js';
export { DEFAULT_MAX_CASES, renderReport, type RenderReportOptions, type ReportInput } from './report/render-report.js';
export type { CaseSectionOptions } from './report/case-section.js';
export type { RowCounts } from './report/overview.js';

// Engine
export { scan, type ScanResult } from './engine/scan.js';
export {
  DEFAULT_MAX_NETWORK_MEMBERS, DEFAULT_MIN_LINK_STRENGTH, DEFAULT_MIN_MEMBER_SCORE, isNetworkCandidate, networkAlerts, type NetworkConfig, type NetworkOptions,
} from './engine/network.js';
export { createMonitor, type LateArrival, type Monitor, type MonitorStats, type MonitorUpdate } from './engine/monitor.js';
export type { EngineOptions, FxConverter, MonitorCheckpoint, MonitorOptions } from './engine/options.js';
export type { EngineRejection } from './engine/core.js';
export { jsonSchema, type PublishedSchema } from './engine/json-schemas.js';
export { ScanConfigSchema, resolveScanConfig, type ResolvedScanConfig, type ScanConfig } from './engine/config-file.js';
