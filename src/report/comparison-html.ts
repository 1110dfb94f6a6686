import type { ConfigComparison, OneSidedAlert } from '../backtest/compare-configs.js';
import { comparisonRows } from '../backtest/comparison-table.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/**
 * A comparison of two configurations as one self-contained HTML page (no scripts, no external
 * resources, every value escaped): the side-by-side table, the configuration differences, and
 * the entities only in A, only in B and changed with their reasons.
 * @param c a comparison from {@link compareConfigs}
 * @param title the page title
 * @returns the HTML document
 * @category Reports
 * @example fs.writeFileSync('compare.html', renderComparisonHtml(cmp));
 */
export function renderComparisonHtml(c: ConfigComparison, title = 'tidewatch: configuration A vs B'): string {
  const rows = comparisonRows(c)
    .map((r) => `<tr><th>${esc(r.label.trim())}</th><td>${esc(r.a)}</td><td>${esc(r.b)}</td></tr>`)
    .join('\n');
  const reasons = (list: readonly string[]): string => `<ul>${list.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`;
  const oneSided = (list: readonly OneSidedAlert[], other: string): string =>
    list
      .map((x) => `<li><code>${esc(`${x.entity.kind} ${x.entity.id}`)}</code> ${x.alert.score} ${esc(x.alert.band)} [${esc(x.alert.rules.join(', '))}]; ${x.other === null ? `no hit under ${other}` : `${x.other.score} under ${other}`}${reasons(x.reasons)}</li>`)
      .join('\n');
  const changed = c.changed
    .map((x) => `<li><code>${esc(`${x.entity.kind} ${x.entity.id}`)}</code> ${x.a.score} ${esc(x.a.band)} → ${x.b.score} ${esc(x.b.band)}${reasons(x.reasons)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2em .6em;text-align:right}th{text-align:left;font-weight:normal}code{font-size:13px}li ul{color:#444}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>${c.transactions} transactions; entities alerted under both and unchanged: ${c.unchanged}. Signals for analyst review, not determinations.</p>
<table><thead><tr><th></th><th>A</th><th>B</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>How B differs from A</h2>
${c.differences.length === 0 ? '<p>Same configuration.</p>' : reasons(c.differences)}
<h2>Only under A (${c.onlyA.length})</h2><ul>
${oneSided(c.onlyA, 'B')}
</ul>
<h2>Only under B (${c.onlyB.length})</h2><ul>
${oneSided(c.onlyB, 'A')}
</ul>
<h2>Changed (${c.changed.length})</h2><ul>
${changed}
</ul>
</body></html>
`;
}
