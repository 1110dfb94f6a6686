import type { ConfigComparison, OneSidedAlert } from './compare-configs.js';
import { comparisonRows } from './comparison-table.js';

/** Options of {@link formatComparison}. @category Backtest */
export interface FormatComparisonOptions {
  /** Most entities listed per section (only A, only B, changed); default 50. All are counted. */
  readonly limit?: number;
}

const entity = (e: { kind: string; id: string }): string => `${e.kind} ${e.id}`;

/**
 * A comparison as plain text for a terminal: the side-by-side table, the configuration
 * differences, then the entities alerted only under A, only under B and changed, each with its
 * reasons.
 * @param c a comparison from {@link compareConfigs}
 * @param options how many entities to list per section
 * @returns the text, ending in a newline
 * @category Backtest
 * @example process.stdout.write(formatComparison(compareConfigs(txs, a, b, { jurisdiction: 'MY' })));
 */
export function formatComparison(c: ConfigComparison, options: FormatComparisonOptions = {}): string {
  const limit = options.limit ?? 50;
  const rows = comparisonRows(c);
  const w0 = Math.max(...rows.map((r) => r.label.length), 10);
  const w1 = Math.max(...rows.map((r) => r.a.length), 1);
  const w2 = Math.max(...rows.map((r) => r.b.length), 1);
  const out: string[] = [];
  out.push(`${''.padEnd(w0)}  ${'A'.padStart(w1)}  ${'B'.padStart(w2)}`);
  for (const r of rows) out.push(`${r.label.padEnd(w0)}  ${r.a.padStart(w1)}  ${r.b.padStart(w2)}`);
  out.push('', `${c.transactions} transactions; entities alerted under both and unchanged: ${c.unchanged}`);
  out.push('', c.differences.length === 0 ? 'B is the same configuration as A.' : 'B differs from A:');
  for (const d of c.differences) out.push(`  - ${d}`);
  const oneSided = (title: string, list: readonly OneSidedAlert[], other: 'A' | 'B'): void => {
    out.push('', `${title} (${list.length})`);
    for (const x of list.slice(0, limit)) {
      const was = x.other === null ? `no hit under ${other}` : `${x.other.score} under ${other}`;
      out.push(`  ${entity(x.entity)}: ${x.alert.score} ${x.alert.band} [${x.alert.rules.join(', ')}]; ${was}`);
      for (const r of x.reasons) out.push(`      ${r}`);
    }
    if (list.length > limit) out.push(`  … ${list.length - limit} more`);
  };
  oneSided('only under A', c.onlyA, 'B');
  oneSided('only under B', c.onlyB, 'A');
  out.push('', `changed (${c.changed.length})`);
  for (const x of c.changed.slice(0, limit)) {
    out.push(`  ${entity(x.entity)}: ${x.a.score} ${x.a.band} → ${x.b.score} ${x.b.band}; rules [${x.a.rules.join(', ')}] → [${x.b.rules.join(', ')}]`);
    for (const r of x.reasons) out.push(`      ${r}`);
  }
  if (c.changed.length > limit) out.push(`  … ${c.changed.length - limit} more`);
  return `${out.join('\n')}\n`;
}
