/**
 * The report's stylesheet (one inline `<style>`, allowed by its hash in the page's CSP). System
 * fonts only; colour never carries meaning alone (bands are also written, cash and transfers have
 * different marks); a print stylesheet starts each case on a new page, hides the controls, and
 * prints what the filter shows, with folded evidence unfolded.
 */
export const REPORT_CSS = `
:root{--ink:#1d2329;--muted:#5b6670;--line:#d5dbe0;--bg:#fff;--soft:#f4f6f8;--ev:#c2410c;--cx:#a3acb5;--in:#0f766e;--out:#b45309;--int:#6d28d9;--critical:#9f1239;--high:#c2410c;--medium:#a16207;--low:#4b5563}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg);margin:0}
header.top{background:#102a43;color:#fff;padding:14px 24px}
header.top h1{margin:0;font-size:20px}
header.top p{margin:4px 0 0;color:#c7d3de}
nav.toc{padding:6px 24px;background:var(--soft);border-bottom:1px solid var(--line)}
nav.toc a{margin-right:14px}
main{padding:0 24px 40px;max-width:1400px}
h2{font-size:18px;margin:28px 0 8px}
h3{font-size:15px;margin:18px 0 6px;color:#243b53}
h4{margin:8px 0 4px;font-size:14px}
a{color:#1d4ed8}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{border-collapse:collapse;font-size:12.5px}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--soft);position:sticky;top:0}
td.num,th.num{text-align:right}
.scroll{overflow:auto;max-height:70vh}
.band{display:inline-block;min-width:2.2em;padding:0 5px;border-radius:3px;color:#fff;text-align:center;font-weight:600;background:var(--low)}
.band.critical{background:var(--critical)}.band.high{background:var(--high)}.band.medium{background:var(--medium)}
.disclaimer{border-left:4px solid #64748b;background:var(--soft);padding:6px 10px;font-style:italic}
.warn{color:#9f1239}
.note{color:var(--muted);font-size:12.5px}
.cols{display:flex;flex-wrap:wrap;gap:12px 48px}
.facts{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:0;align-self:start}
.facts dt{color:var(--muted)}.facts dd{margin:0;word-break:break-all}
ul.bands{list-style:none;padding:0;display:flex;gap:14px}
.controls{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0;padding:8px;background:var(--soft);border:1px solid var(--line)}
.controls output{margin-left:auto;color:var(--muted)}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.reason{color:var(--muted)}
#alert-table{table-layout:fixed;width:100%;min-width:1150px}
#alert-table th:nth-child(1){width:3.2em}#alert-table th:nth-child(2){width:4.6em}#alert-table th:nth-child(3){width:5.4em}#alert-table th:nth-child(4){width:15em}
#alert-table th:nth-child(5),#alert-table th:nth-child(6){width:13em}#alert-table th:nth-child(7),#alert-table th:nth-child(8){width:6.6em}
#alert-table th:nth-child(9){width:3.6em}#alert-table th:nth-child(10){width:5.6em}#alert-table td{overflow-wrap:anywhere}
td.rules{font-size:11.5px}
[hidden]{display:none!important}
.case{border-top:3px solid var(--line);margin-top:36px;content-visibility:auto;contain-intrinsic-size:auto 1800px}
.case.compact{margin-top:16px;contain-intrinsic-size:auto 220px}.case.compact h2{font-size:15px}
.case.band-critical{border-color:var(--critical)}.case.band-high{border-color:var(--high)}.case.band-medium{border-color:var(--medium)}
.case .meta{color:var(--muted)}
figure{margin:0 0 6px;overflow:auto;border:1px solid var(--line);background:#fff;padding:4px}
figcaption{font-size:12px;color:var(--muted);padding:2px 4px}
.fig-tools{text-align:right}
svg.flow,svg.timeline{max-width:100%;height:auto;display:block}
.zoomed svg.flow{max-width:none}
svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
svg .colhead{font-weight:600;fill:var(--muted)}
.node rect{fill:#fff;stroke:#8a96a3;stroke-width:1}
.node.entity rect{fill:#e0ecff;stroke:#1e3a8a;stroke-width:2}
.node.evidence:not(.entity) rect{stroke:var(--ev);stroke-width:1.6}
.node.others rect{fill:var(--soft);stroke-dasharray:4 3}
.node .l0{font-weight:600}.node .l1,.node .l2{fill:var(--muted);font-size:10.5px}
.edge path{fill:none;stroke:var(--cx);stroke-opacity:.75}
.edge.evidence path{stroke:var(--ev);stroke-opacity:.8}
.arrow.ev path{fill:var(--ev)}.arrow.cx path{fill:var(--cx)}
.elabel{font-size:10.5px;paint-order:stroke;stroke:#fff;stroke-width:3px}
.edge:hover path{stroke-opacity:1}
.timeline .axis{stroke:#8a96a3}
.timeline .tick,.timeline .lane-label{fill:var(--muted);font-size:10.5px}
.timeline .window{fill:#64748b;fill-opacity:.12}
.timeline .lane{fill:#94a3b8}
.timeline .threshold{stroke:#9f1239;stroke-dasharray:6 4;stroke-width:1.5}
.timeline .threshold-label{fill:#9f1239;font-weight:600}
.tx.in{fill:var(--in)}.tx.out{fill:var(--out)}.tx.internal,.tx.other{fill:var(--int)}
.key{display:inline-block;width:18px;height:4px;vertical-align:middle;margin-left:8px}
.key.ev{background:var(--ev)}.key.cx{background:var(--cx)}.key.in{background:var(--in)}.key.out{background:var(--out)}.key.internal{background:var(--int)}
.score-bar .track{fill:var(--soft)}
.score-bar text{fill:#fff;font-weight:600}.score-bar .total{fill:var(--ink);font-size:13px}
.seg rect,.swatch{fill:#1e40af;background:#1e40af}
.s1 rect,.swatch.s1{fill:#0f766e;background:#0f766e}.s2 rect,.swatch.s2{fill:#b45309;background:#b45309}.s3 rect,.swatch.s3{fill:#6d28d9;background:#6d28d9}
.s4 rect,.swatch.s4{fill:#be123c;background:#be123c}.s5 rect,.swatch.s5{fill:#4d7c0f;background:#4d7c0f}.s6 rect,.swatch.s6{fill:#0369a1;background:#0369a1}.s7 rect,.swatch.s7{fill:#57534e;background:#57534e}
.swatch{display:inline-block;width:10px;height:10px;margin-right:5px}
table.contrib{margin-top:6px}
.histogram rect{fill:var(--low)}.histogram .medium rect{fill:var(--medium)}.histogram .high rect{fill:var(--high)}.histogram .critical rect{fill:var(--critical)}
.histogram .tick{fill:var(--muted)}.histogram .axis{stroke:#8a96a3}
ol.hits{padding-left:22px}.hit{margin-bottom:10px}.hit p{margin:2px 0}
.ind{color:var(--muted)}.reason{max-width:70em}
.hitfacts{display:flex;flex-wrap:wrap;gap:0 14px;margin:2px 0;font-size:12px;color:var(--muted)}
.hitfacts dt{font-weight:600}.hitfacts dt::after{content:":"}.hitfacts dd{margin:0 0 0 4px}
.related{font-size:12px;color:var(--muted)}
.next ul{margin:2px 0 8px}
footer{color:var(--muted);font-size:12px;padding:12px 24px;border-top:1px solid var(--line)}
@media print{
  body{font-size:11px}
  nav.toc,.controls,.fig-tools{display:none!important}
  header.top{background:none;color:#000;padding:0}header.top p{color:#333}
  .scroll{overflow:visible;max-height:none}
  .case{break-before:page;content-visibility:visible}
  figure{break-inside:avoid;overflow:visible}
  .zoomed svg.flow{max-width:100%}
  th{position:static}
  a{color:inherit;text-decoration:none}
}
`;
