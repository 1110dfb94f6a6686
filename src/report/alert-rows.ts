import type { Alert } from '../scoring/alert.js';

/** Columns of the alert CSV export, in order. @category Reports */
export const ALERT_CSV_COLUMNS = [
  'alert_id', 'entity_kind', 'entity_id', 'score', 'band', 'typologies', 'rules', 'indicators',
  'first_seen', 'last_seen', 'transactions', 'top_reason', 'members', 'config',
] as const;

/**
 * Flattens alerts into one plain row each for CSV or spreadsheet export (the CSV writer escapes
 * formula-like cells). Transaction ids are counted, not listed: use JSON for the evidence.
 * @category Reports
 * @example writeCsv(alertRows(alerts), ALERT_CSV_COLUMNS, process.stdout)
 */
export function alertRows(alerts: readonly Alert[]): Record<(typeof ALERT_CSV_COLUMNS)[number], string>[] {
  return alerts.map((a) => ({
    alert_id: a.id,
    entity_kind: a.entity.kind,
    entity_id: a.entity.id,
    score: String(a.score),
    band: a.band,
    typologies: a.typologies.map((t) => `${t.id}:${t.score}`).join(' '),
    rules: [...new Set(a.hits.map((h) => h.rule))].join(' '),
    indicators: [...new Set(a.hits.flatMap((h) => h.indicators))].sort().join(' '),
    first_seen: a.firstSeen,
    last_seen: a.lastSeen,
    transactions: String(new Set(a.hits.flatMap((h) => h.transactionIds)).size),
    top_reason: a.hits[0]?.reason ?? '',
    members: (a.members ?? []).map((m) => `${m.kind}:${m.id}`).join(' '),
    config: a.engine.config,
  }));
}
