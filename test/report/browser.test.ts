/// <reference lib="dom" />
/**
 * The case report in a real browser: Debian's Chromium driven by playwright-core, one launch for
 * the file. Fails (never skips) when Chromium is missing: `.ci/run` installs it.
 * Screenshots go to .tmp/artifacts/report/ for a person to look at. (The DOM lib above types the
 * callbacks that run in the page.)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanCommand } from '../../src/cli/scan.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { tempDir } from '../helpers/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const DATA = 'examples/data';
const ARTIFACTS = resolve('.tmp/artifacts/report');
const dir = tempDir('tidewatch-report-');

let browser: Browser;
/** The demo report, opened once (the tests below take turns on it and leave it as they found it). */
let demo: { page: Page; problems: string[]; requests: string[] };
let demoUrl: string;
let demoAlerts: number;
let hostileUrl: string;

async function scanToHtml(args: string[], out: string): Promise<number> {
  let stderr = '';
  const code = await scanCommand.run([...args, '--format', 'html', '--out', out], { stdout: () => undefined, stderr: (s) => { stderr += s; }, isTTY: false });
  expect(code).toBe(0);
  return Number(/; (\d+) alerts/.exec(stderr)?.[1] ?? Number.NaN);
}

/** Opens a report and records everything the page does that it should not. */
async function open(url: string, viewport = { width: 1300, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForLoadState('load');
  const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  return { page, problems: [...problems, ...violations.map((v) => `CSP violation: ${v}`)], requests };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does this)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const demoFile = join(dir, 'demo.html');
  demoAlerts = await scanToHtml([`${DATA}/transactions.csv`, '--accounts', `${DATA}/accounts.csv`, '--parties', `${DATA}/parties.csv`, '--jurisdiction', 'MY'], demoFile);
  demoUrl = pathToFileURL(demoFile).href;
  const hostile = join(dir, 'hostile.html');
  await scanToHtml(['test/report/data/hostile-names.csv', '--jurisdiction', 'MY'], hostile);
  hostileUrl = pathToFileURL(hostile).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  demo = await open(demoUrl);
}, 120_000);

afterAll(async () => {
  await demo?.page.close();
  await browser?.close();
});

describe('the case report in Chromium', () => {
  test('the demo report loads with no console errors, no CSP violations and no requests but itself; style and script both ran', async () => {
    const { page, problems, requests } = demo;
    expect(problems).toEqual([]);
    expect(requests).toEqual([demoUrl]);
    // The CSP let the inline style (computed colours) and the inline script (it unhides the filters) through.
    expect(await page.$eval('header.top', (h) => getComputedStyle(h).backgroundColor)).toBe('rgb(16, 42, 67)');
    expect(await page.isVisible('#filters')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png') });
  });

  test('one case per alert, each with a money-flow graph that has the alerted side and at least one edge', async () => {
    const { page } = demo;
    expect(demoAlerts).toBeGreaterThan(5);
    expect(await page.locator('#alert-table tbody tr').count()).toBe(demoAlerts);
    const graphs = await page.$$eval('section.case', (cases) =>
      cases.map((c) => ({ id: c.id, graphs: c.querySelectorAll('svg.flow').length, entities: c.querySelectorAll('svg.flow .node.entity').length, edges: c.querySelectorAll('svg.flow .edge').length })),
    );
    expect(graphs).toHaveLength(demoAlerts);
    for (const g of graphs) {
      expect(g.graphs, g.id).toBe(1);
      expect(g.entities, g.id).toBeGreaterThan(0);
      expect(g.edges, g.id).toBeGreaterThan(0);
    }
  });

  test('the corridor collector of case C001 (labels.csv) is drawn with its payments to the boat owners and the supplier, amounts exact', async () => {
    const transactions: Transaction[] = [];
    await ingestTransactions(`${DATA}/transactions.csv`, {}, (b) => transactions.push(...b.transactions));
    const paid = (to: string) => transactions.filter((t) => t.fromAccount === 'MY7550985' && t.toAccount === to);
    const { page } = demo;
    await page.setViewportSize({ width: 1300, height: 3000 }); // tall: cases off screen are not painted (content-visibility)
    const row = page.locator('#alert-table tbody tr[data-entity="MY7550985"]');
    const caseId = await row.getAttribute('data-case');
    const graph = page.locator(`#${caseId} svg.flow`);
    await expect(graph.locator('.node.entity[data-node="a:MY7550985"]').count()).resolves.toBe(1);
    for (const to of ['1759286810', '7317602060', '1365796957']) {
      const edge = graph.locator(`.edge[data-from="a:MY7550985"][data-to="a:${to}"]`);
      expect(await edge.count(), to).toBe(1);
      expect(Number(await edge.getAttribute('data-amount')), to).toBe(paid(to).reduce((s, t) => s + t.amount, 0));
      expect(Number(await edge.getAttribute('data-count')), to).toBe(paid(to).length);
      expect(await edge.getAttribute('class'), to).toBe('edge evidence');
    }
    const section = page.locator(`#${caseId}`);
    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200); // content-visibility: paint the case before the screenshot
    await section.locator('figure.flowfig').screenshot({ path: join(ARTIFACTS, 'case-flow.png') });
    await section.screenshot({ path: join(ARTIFACTS, 'case.png') });
    await page.setViewportSize({ width: 1300, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test('filtering by typology hides the other alerts and their cases; sorting reorders the list', async () => {
    const { page, problems } = demo;
    await page.selectOption('#filters select[name="typology"]', 'debt_repayment');
    const rows = await page.$$eval('#alert-table tbody tr', (trs) => trs.map((r) => ({ hidden: (r as HTMLElement).hidden, typologies: (r as HTMLElement).dataset.typologies ?? '', id: (r as HTMLElement).dataset.case ?? '' })));
    const shown = rows.filter((r) => !r.hidden);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(rows.length);
    for (const r of rows) expect(r.hidden).toBe(!r.typologies.split(' ').includes('debt_repayment'));
    const hiddenCases = await page.$$eval('section.case', (cs) => cs.filter((c) => (c as HTMLElement).hidden).map((c) => c.id));
    expect(hiddenCases.sort()).toEqual(rows.filter((r) => r.hidden).map((r) => r.id).sort());
    expect(await page.textContent('#shown')).toBe(`${shown.length} of ${rows.length} alerts shown`);

    await page.selectOption('#filters select[name="typology"]', '');
    await page.fill('#filters input[name="entity"]', 'MY7550985');
    expect(await page.locator('#alert-table tbody tr:not([hidden])').count()).toBe(1);
    await page.fill('#filters input[name="entity"]', '');

    await page.click('#alert-table th button[data-sort="entity"]');
    const entities = await page.$$eval('#alert-table tbody tr', (trs) => trs.map((r) => (r as HTMLElement).dataset.entity ?? ''));
    expect(entities).toEqual([...entities].sort());
    await page.click('#alert-table th button[data-sort="score"]');
    const scores = await page.$$eval('#alert-table tbody tr', (trs) => trs.map((r) => Number((r as HTMLElement).dataset.score)));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(problems).toEqual([]);
  });

  test('hostile names render as text: no element, handler or dialog comes from the data', async () => {
    const { page, problems, requests } = await open(hostileUrl);
    expect(problems).toEqual([]);
    expect(requests).toEqual([hostileUrl]);
    expect(await page.locator('img, iframe, b, textarea, script').count()).toBe(1); // the report's own script
    expect(await page.textContent('section.case h2 code')).toBe('"><img src=x onerror=alert(1)>');
    const text = await page.textContent('section.case');
    for (const s of ["<script>alert('id')</script>", '<script>alert(2)</script>', '</textarea><svg onload=alert(3)>', '<b>BR-1</b>', 'Bob" onmouseover="alert(7)', '${alert(8)}']) expect(text).toContain(s);
    expect(await page.$$eval('*', (els) => els.flatMap((e) => Array.from(e.attributes).filter((a) => a.name.startsWith('on')).map((a) => a.name)))).toEqual([]);
    await page.close();
  });

  test('without JavaScript the report is complete: list, cases, graphs and timeline show; the filter form stays hidden', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await page.goto(hostileUrl);
    expect(await page.isVisible('#filters')).toBe(false);
    expect(await page.isVisible('#alert-table')).toBe(true);
    expect(await page.locator('section.case svg.flow .edge').count()).toBeGreaterThan(0);
    expect(await page.isVisible('section.case svg.timeline')).toBe(true);
    expect(await page.isVisible('section.case table.evidence')).toBe(true);
    await context.close();
  });

  test('print: controls hidden, each case on a new page, folded evidence unfolded; a PDF comes out', async () => {
    const { page } = demo;
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#filters')).toBe(false);
    expect(await page.$eval('section.case', (c) => getComputedStyle(c).breakBefore)).toBe('page');
    expect(await page.$$eval('details', (ds) => ds.length > 0 && ds.every((d) => !(d as HTMLDetailsElement).open))).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.$$eval('details', (ds) => ds.every((d) => (d as HTMLDetailsElement).open))).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    // A PDF of the (one-case) hostile report: the demo's 27 cases would take a minute on a busy machine.
    const { page: small } = await open(hostileUrl);
    const pdf = await small.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await small.close();
  });
});
