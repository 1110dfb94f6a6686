import type { AccountLabel } from '../backtest/label-metrics.js';
import { ConfigError } from '../_internal/config-error.js';
import type { RowIssue } from '../schema/issues.js';
import { canonicalHeader, cleanCell } from './records.js';
import { csvRows } from './sources.js';

/**
 * Reads a labels CSV (`account,label[,typology]`; other columns such as `role` or `case_id` are
 * ignored) for `compareConfigs` and `tidewatch compare --labels`. `label` is `0` or `1`; a row
 * without an account or with another label is reported, not thrown; a repeated account keeps the
 * last row.
 * @param path the CSV file
 * @returns the labels and the rows that could not be used
 * @category Ingest
 * @example const { labels } = await readLabels('labels.csv');
 */
export async function readLabels(path: string): Promise<{ labels: AccountLabel[]; issues: RowIssue[] }> {
  const labels = new Map<string, AccountLabel>();
  const issues: RowIssue[] = [];
  let columns: { account: number; label: number; typology: number } | undefined;
  for await (const batch of csvRows(path)) {
    for (const raw of batch) {
      if (!('cells' in raw)) continue;
      if (columns === undefined) {
        const headers = raw.cells.map(canonicalHeader);
        columns = { account: headers.indexOf('account'), label: headers.indexOf('label'), typology: headers.indexOf('typology') };
        if (columns.account < 0 || columns.label < 0) throw new ConfigError('invalid_config', `${path}: a labels file needs the columns account and label (found ${headers.join(', ')})`);
        continue;
      }
      const account = cleanCell(raw.cells[columns.account] ?? '');
      const label = cleanCell(raw.cells[columns.label] ?? '');
      if (raw.error !== undefined || account === undefined || (label !== '0' && label !== '1')) {
        issues.push({ row: raw.row, field: account === undefined ? 'account' : 'label', code: raw.error === undefined ? 'invalid_value' : 'malformed_row', message: raw.error ?? 'needs an account and a label of 0 or 1' });
        continue;
      }
      const typology = columns.typology < 0 ? undefined : cleanCell(raw.cells[columns.typology] ?? '');
      labels.set(account, { account, label: label === '1' ? 1 : 0, ...(typology === undefined ? {} : { typology }) });
    }
  }
  return { labels: [...labels.values()], issues };
}
