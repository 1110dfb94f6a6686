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
export { formatMoney, formatMoneyRange } from './schema/format-money.js';
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
export type { EntityKind, EntityRef, EntityWindow, HitFacts, IndicatorFamily, Rule, RuleContext, RuleHit, RuleIncremental, WindowEvent } from './rules/types.js';
export { RULE_FACTORIES, defaultRules, type RuleId } from './rules/default-rules.js';
export { eachRecent, windowEvents, windowSize } from './rules/window-helpers.js';
export { nearThresholdCash, nearThresholdCashOptionsSchema, type NearThresholdCashOptions } from './rules/structuring/near-threshold-cash.js';
export { splitSum, splitSumOptionsSchema, type SplitSumOptions } from './rules/structuring/split-sum.js';
export { cashAboveIncome, cashAboveIncomeOptionsSchema, type CashAboveIncomeOptions } from './rules/structuring/cash-above-income.js';
export { cashRun, cashRunOptionsSchema, type CashRunOptions } from './rules/structuring/cash-run.js';
export { multiLocationCash, multiLocationCashOptionsSchema, type MultiLocationCashOptions } from './rules/structuring/multi-location-cash.js';
export { multiDepositor, multiDepositorOptionsSchema, type MultiDepositorOptions } from './rules/structuring/multi-depositor.js';
export { conductorSpread, conductorSpreadOptionsSchema, type ConductorSpreadOptions } from './rules/structuring/conductor-spread.js';
export {
  transferThresholdAvoidance, transferThresholdAvoidanceOptionsSchema, type TransferThresholdAvoidanceOptions,
} from './rules/structuring/transfer-threshold-avoidance.js';
export { roundAmounts, roundAmountsOptionsSchema, type RoundAmountsOptions } from './rules/context/round-amounts.js';
export { funnelAccount, funnelAccountOptionsSchema, type FunnelAccountOptions } from './rules/flow/funnel-account.js';
export { corridorCollector, corridorCollectorOptionsSchema, type CorridorCollectorOptions } from './rules/flow/corridor-collector.js';
export { fanOut, fanOutOptionsSchema, type FanOutOptions } from './rules/flow/fan-out.js';
export { layeringHop, layeringHopOptionsSchema, type LayeringHopOptions } from './rules/flow/layering-hop.js';
export { fanLeg, fanLegOptionsSchema, type FanLegOptions } from './rules/flow/fan-leg.js';
export { cashSite, cashSiteOf, cashSiteOptionsSchema, type CashSiteOptions } from './rules/debt/cash-site.js';
export { passThrough, passThroughOptionsSchema, type PassThroughOptions } from './rules/flow/pass-through.js';
export { relayAbroad, relayAbroadOptionsSchema, type RelayAbroadOptions } from './rules/flow/relay-abroad.js';
export { cashOutRelay, cashOutRelayOptionsSchema, type CashOutRelayOptions } from './rules/flow/cash-out-relay.js';
export { slowFunnel, slowFunnelOptionsSchema, type SlowFunnelOptions } from './rules/flow/slow-funnel.js';
export { subCollector, subCollectorOptionsSchema, SUB_COLLECTOR_STRENGTH, type SubCollectorOptions } from './rules/flow/sub-collector.js';
export { unlicensedRemitter, unlicensedRemitterOptionsSchema, type UnlicensedRemitterOptions } from './rules/flow/unlicensed-remitter.js';
export { newAccount, newAccountOptionsSchema, type NewAccountOptions } from './rules/context/new-account.js';
export { feeMatch, feeMatchOptionsSchema, type FeeMatchOptions } from './rules/context/fee-match.js';
export { corridorFlow, corridorFlowOptionsSchema, type CorridorFlowOptions } from './rules/context/corridor-flow.js';
export { sailingSeason, sailingSeasonOptionsSchema, type SailingSeasonOptions } from './rules/context/sailing-season.js';
export { hotspotCash, hotspotCashOptionsSchema, type HotspotCashOptions } from './rules/context/hotspot-cash.js';
export { CORRIDOR_FEES, FEE_KINDS, type CorridorFee, type FeeKind } from './domain/fees.js';
export { HOTSPOTS, hotspotMatcher, normalizePlace, type Hotspot, type HotspotMatcher, type HotspotRole } from './domain/hotspots.js';
export { DEFAULT_SAILING_SEASONS, seasonPhase, type MonthDayRange, type SailingSeason, type SeasonPhase } from './domain/season.js';

// Scoring and alerts
export { BAND_FLOORS, bandOf, type Band } from './scoring/bands.js';
export { defineTypology, structuringTypology, typologySchema, type Typology, type TypologyInput } from './scoring/typology.js';
export {
  debtRepaymentTypology, defaultTypologies, layeringTypology, ransomCollectionTypology, smugglingCollectionTypology, unlicensedRemitterTypology,
} from './scoring/default-typologies.js';
export { compileFormula, type FormulaResult } from './scoring/formula.js';
export { FORMULA_CONSTANTS, FORMULA_FUNCTIONS } from './scoring/formula-functions.js';
export { scoreHits, type Contribution, type EntityScore, type ScoredHit } from './scoring/score.js';
export { ALERT_SCHEMA_ID, AlertSchema, type Alert, type AlertHit } from './scoring/alert.js';

// Reports
export { ALERT_CSV_COLUMNS, alertRows } from './report/alert-rows.js';
export { renderHtmlReport, type HtmlReportMeta } from './report/html.js';
export { DEFAULT_MAX_CASES, renderReport, type RenderReportOptions, type ReportInput } from './report/render-report.js';
export type { CaseSectionOptions } from './report/case-section.js';
export type { RowCounts } from './report/overview.js';

// goAML reports (DESIGN §10)
export {
  ACCOUNT_KYC_FIELDS, PERSON_KYC_FIELDS, defineGoamlProfile, goamlProfileSchema, type GoamlCodeRule, type GoamlProfile, type GoamlProfileInput,
} from './goaml/profile.js';
export { goamlProfile, goamlProfileIds } from './goaml/profiles.js';
export {
  GOAML_ACCOUNT_COLUMNS, GOAML_PARTY_COLUMNS, GoamlAccountKycSchema, GoamlPartyKycSchema, type GoamlAccount, type GoamlParty,
} from './goaml/kyc.js';
export {
  toGoamlReport, type GoamlIssue, type GoamlIssueCode, type GoamlReportOptions, type GoamlReportResult, type GoamlReportingEntity,
} from './goaml/report.js';
export { goamlReason } from './goaml/reason.js';
export { goamlDateTime } from './goaml/local-time.js';
export { goamlToRecords, type GoamlReadOptions, type GoamlRow } from './goaml/read.js';

// Engine
export { scan, type ScanResult } from './engine/scan.js';
export { mergePartitionScans, scanPartition, type PartitionScan } from './engine/partitioned-scan.js';
export type { NetworkCandidate } from './engine/network-candidate.js';
export { partitionOf, type Partition } from './engine/partition.js';
export {
  DEFAULT_MAX_NETWORK_MEMBERS, DEFAULT_MIN_LINK_STRENGTH, DEFAULT_MIN_MEMBER_SCORE, hasLayeringEvidence, isNetworkCandidate, isReported, networkAlerts, reportedAlert, type NetworkConfig, type NetworkOptions,
} from './engine/network.js';
export { createMonitor, type LateArrival, type Monitor, type MonitorStats, type MonitorUpdate } from './engine/monitor.js';
export type { CheckpointFingerprint, EngineOptions, FxConverter, MonitorCheckpoint, MonitorOptions } from './engine/options.js';
export type { EngineRejection } from './engine/rejection.js';
export { checkTransaction, type InvalidTransaction, type TransactionRejection } from './engine/validate-input.js';
export { jsonSchema, type PublishedSchema } from './engine/json-schemas.js';
export { ScanConfigSchema, resolveScanConfig, type ResolvedScanConfig, type ScanConfig } from './engine/config-file.js';

// Backtest: two configurations over the same transactions
export {
  compareConfigs, type AlertBrief, type ChangedAlert, type CompareConfigsOptions, type ComparisonSide, type ConfigComparison, type OneSidedAlert,
} from './backtest/compare-configs.js';
export { configDifferences, explainChange, type ComparedConfig } from './backtest/explain-change.js';
export { labelMetrics, rankingMetrics, type AccountLabel, type LabelMetrics, type RankingMetrics, type TypologyMetrics } from './backtest/label-metrics.js';
export { accountScores } from './backtest/account-scores.js';
export { comparisonRows, type ComparisonRow } from './backtest/comparison-table.js';
export { formatComparison, type FormatComparisonOptions } from './backtest/format-comparison.js';
export { defaultConfigFile, type DefaultConfigFileOptions } from './backtest/default-config.js';
export { renderComparisonHtml } from './report/comparison-html.js';

// Sharing: pseudonymised alert packages between FIUs
export { MIN_SHARE_KEY_BYTES, createShareKey, hmacSha256, newShareKeyFile, parseShareKey, type ShareKey } from './share/share-key.js';
export { NORMALISATION_VERSION, normaliseAccount, normaliseDocument, normaliseName, normalisePhone, type IdentifierKind } from './share/normalise.js';
export {
  SHARED_ALERT_SCHEMA_ID, SharedAlertPackageSchema, SharedAlertSchema, sharedAlertJsonSchema,
  type SharedAlert, type SharedAlertPackage, type SharedEntity, type SharedIdentifier,
} from './share/shared-alert.js';
export { shareAlerts, type ShareAlertsOptions } from './share/share-alerts.js';
export {
  matchPackages, type MatchPackagesOptions, type MatchResult, type MatchRole, type MatchSide, type MatchedAlert, type NamedPackage, type PackageMatch,
} from './share/match-packages.js';
export { formatMatches } from './share/format-matches.js';
export { isoWeek } from './share/iso-week.js';
