#!/usr/bin/env node
// Size and speed of the case report at 10,000 alerts (issue 11): bytes, time to render, and in
// Chromium the time to first contentful paint, to load, and to filter the list.
//
//   npm run build && node bench/report.mjs [--alerts 10000] [--max-cases N] [--dist dist]
//
// The alerts are the demo bank's (examples/data), repeated with distinct alert ids until there are
// --alerts of them, so the cases have the demo's sizes (median ~30 kB in full). Needs
// /usr/bin/chromium. Writes bench/data/report-<n>.html (git-ignored) and bench/results/report-<n>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { alerts: { type: 'string' }, 'max-cases': { type: 'string' }, dist: { type: 'string' } } });
const n = Number(values.alerts ?? 10_000);
const maxCases = values['max-cases'] === undefined ? undefined : Number(values['max-cases']);
const dist = pathToFileURL(resolve(values.dist ?? 'dist')).href;
const tw = await import(`${dist}/index.js`);
const ingest = await import(`${dist}/ingest.js`);

const transactions = [];
await ingest.ingestTransactions('examples/data/transactions.csv', {}, (b) => transactions.push(...b.transactions));
const { accounts } = await ingest.readAccounts('examples/data/accounts.csv');
const { parties } = await ingest.readParties('examples/data/parties.csv');
const { alerts: demo } = tw.scan(transactions, { jurisdiction: tw.jurisdiction('MY'), accounts: accounts.values(), parties: parties.values() });
const alerts = Array.from({ length: n }, (_, i) => {
  const a = demo[i % demo.length];
  return { ...a, id: `${a.id}-${i}` };
});

const t0 = performance.now();
const html = tw.renderReport({ alerts, transactions, accounts: accounts.values(), parties: parties.values() }, { ...(maxCases === undefined ? {} : { maxCases }), source: 'examples/data/transactions.csv' });
const renderMs = performance.now() - t0;
mkdirSync('bench/data', { recursive: true });
const file = resolve(`bench/data/report-${n}.html`);
writeFileSync(file, html);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
const t1 = performance.now();
await page.goto(pathToFileURL(file).href, { timeout: 600_000 });
const gotoMs = performance.now() - t1;
const timing = await page.evaluate(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return { firstContentfulPaintMs: Math.round(fcp?.startTime ?? -1), domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd), loadMs: Math.round(nav.loadEventEnd) };
});
const t2 = performance.now();
await page.selectOption('#filters select[name="typology"]', 'debt_repayment');
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
const filterMs = performance.now() - t2;
await browser.close();

const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0] * 10) / 10 },
  alerts: n,
  fullCases: Math.min(n, maxCases ?? tw.DEFAULT_MAX_CASES),
  bytes: Buffer.byteLength(html),
  renderMs: Math.round(renderMs),
  chromium: { ...timing, gotoMs: Math.round(gotoMs), filterByTypologyMs: Math.round(filterMs) },
  demoReportBytes: Buffer.byteLength(tw.renderReport({ alerts: demo, transactions, accounts: accounts.values(), parties: parties.values() })),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/report-${n}.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
