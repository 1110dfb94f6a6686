import type { ComparisonSide, ConfigComparison } from './compare-configs.js';

/** One row of the side-by-side comparison table: a label and the figure under A and under B. @category Backtest */
export interface ComparisonRow {
  readonly label: string;
  readonly a: string;
  readonly b: string;
}

const ratio = (x: number): string => x.toFixed(2);
const rate = (n: number, d: number): string => (d === 0 ? '–' : `${n}/${d}`);

/**
 * The side-by-side figures of a comparison as rows (alerts, per band, per typology, and with
 * labels precision, recall, AP and per labelled typology recall, AP and the look-alike alert
 * rate), for the text and HTML renderings.
 * @param c a comparison from {@link compareConfigs}
 * @returns the rows, in display order
 * @category Backtest
 * @example for (const r of comparisonRows(cmp)) console.log(r.label, r.a, r.b);
 */
export function comparisonRows(c: ConfigComparison): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const row = (label: string, f: (s: ComparisonSide) => string): void => {
    rows.push({ label, a: f(c.a), b: f(c.b) });
  };
  row('config hash', (s) => s.configHash);
  row('minimum score', (s) => String(s.minScore));
  row('alerts', (s) => String(s.alerts));
  for (const band of ['critical', 'high', 'medium', 'low'] as const) row(`  ${band}`, (s) => String(s.byBand[band]));
  const typologies = [...new Set([...Object.keys(c.a.byTypology), ...Object.keys(c.b.byTypology)])].sort();
  for (const t of typologies) row(`  typology ${t}`, (s) => String(s.byTypology[t] ?? 0));
  const ma = c.a.metrics;
  const mb = c.b.metrics;
  if (ma !== undefined && mb !== undefined) {
    row('labelled accounts flagged', (s) => `${s.metrics?.flagged ?? 0} (${s.metrics?.truePositives ?? 0} true)`);
    row('precision', (s) => ratio(s.metrics?.precision ?? 0));
    row('recall', (s) => ratio(s.metrics?.recall ?? 0));
    row('average precision', (s) => ratio(s.metrics?.averagePrecision ?? 0));
    for (const t of ma.byTypology) {
      const tb = mb.byTypology.find((x) => x.typology === t.typology);
      const name = t.typology === '' ? '(no typology)' : t.typology;
      if (t.positives > 0) {
        rows.push({ label: `  ${name}: recall`, a: rate(t.flaggedPositives, t.positives), b: rate(tb?.flaggedPositives ?? 0, tb?.positives ?? 0) });
        rows.push({ label: `  ${name}: AP`, a: ratio(t.averagePrecision), b: ratio(tb?.averagePrecision ?? 0) });
      }
      if (t.negatives > 0) rows.push({ label: `  ${name}: label-0 flagged`, a: rate(t.flaggedNegatives, t.negatives), b: rate(tb?.flaggedNegatives ?? 0, tb?.negatives ?? 0) });
    }
  }
  return rows;
}
