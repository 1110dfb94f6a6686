/**
 * tidewatch/ingest — Node readers and writers: streaming CSV, NDJSON and JSON ingestion with
 * per-row issues, goAML report files, column mappings and presets, and formula-safe CSV output.
 * @packageDocumentation
 */
export { ingestTransactions, type IngestOptions, type IngestSummary, type TransactionBatch } from './ingest-transactions.js';
export type { IngestFormat, IngestSource } from './sources.js';
export { ColumnMappingSchema, fixedDecimals, loadMapping, mappingPresets, type ColumnMapping } from './mapping.js';
export { readAccounts, readParties, type ReferenceSummary } from './read-reference.js';
export { readLabels } from './read-labels.js';
export { readGoamlAccounts, readGoamlParties } from './read-kyc.js';
export { escapeFormula, transactionToRecord, writeCsv, writeJson, writeNdjson, writeTransactionsCsv, type TextSink } from './writers.js';
export { AccountRecordSchema, ACCOUNT_COLUMNS } from '../schema/account.js';
export { PartyRecordSchema, PARTY_COLUMNS } from '../schema/party.js';
export { createBatchScanner, scanStream, type BatchScanner, type StreamScanOptions, type StreamScanResult } from './scan-stream.js';
export { createRowOrder, type InputOrderStats, type RowOrder, type RowOrderOptions } from './row-order.js';
