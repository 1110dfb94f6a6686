import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main as scanAndReport } from '../../examples/04-scan-and-report.js';
import { main as investigate } from '../../examples/05-investigate-account.js';
import { main as draftStr } from '../../examples/06-draft-str.js';
import { main as compare } from '../../examples/07-compare-configs.js';

const dir = mkdtempSync(join(tmpdir(), 'tidewatch-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const collect = (): { lines: string[]; out: (l: string) => void } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l) };
};

describe('examples for analysts', () => {
  test('04-scan-and-report: a report with one case per alert and the alerts as JSON', async () => {
    const { lines, out } = collect();
    const r = await scanAndReport(join(dir, '04'), out);
    expect(r.alerts).toBe(31);
    expect(r.cases).toBe(31);
    const html = readFileSync(r.report, 'utf8');
    expect(html).toContain('MY7550985');
    expect(JSON.parse(readFileSync(r.alertsFile, 'utf8'))).toHaveLength(31);
    expect(lines[1]).toBe(`open ${r.report} in a browser: the top case is account MY3563283 (score 100)`);
  });

  test('05-investigate-account: holder, alerts, counterparties and a timeline that add up', async () => {
    const { lines, out } = collect();
    const r = await investigate('MY7550985', out);
    expect(r.holder).toBe('Mohammad Anwar Rahman');
    expect(r.alerts).toEqual(['1717e8b92b1481800a9d0aa8447', '1488f8d3637bff9cf1ed8561b0e']);
    expect([r.senders, r.recipients]).toEqual([31, 12]);
    expect([r.inflow, r.outflow]).toEqual([30_996_772, 26_171_050]);
    expect(lines[0]).toBe('account MY7550985 held by Mohammad Anwar Rahman (P1360040), opened 2024-07-05');
    expect(lines).toContain('  2024-10-21    8  in MYR 0.00         out MYR 102,140.00');
    expect(lines.filter((l) => /^ {2}\d{4}-\d\d-\d\d /.test(l))).toHaveLength(r.days);
  });

  test('06-draft-str: a goAML draft of the strongest account alert, amounts in IDR', async () => {
    const { lines, out } = collect();
    const r = await draftStr(join(dir, '06'), out);
    expect(r.issues).toEqual([]);
    expect(r.transactions).toBe(20);
    const xml = readFileSync(r.file as string, 'utf8');
    expect(xml).toContain('<report_code>LTKM</report_code>');
    expect(xml).toContain('<rentity_id>1234</rentity_id>');
    expect(xml).toContain('<currency_code_local>IDR</currency_code_local>');
    expect(lines[0]).toMatch(/^alert 14688084d604eb8535d88abbeaa \(account MY3563283, score 100\) → .*: 20 transactions$/);
  });

  test('07-compare-configs: what B changes, alert counts and labelled precision on both sides', async () => {
    const { lines, out } = collect();
    const r = await compare(out);
    expect([r.alertsA, r.alertsB, r.onlyA, r.onlyB]).toEqual([31, 19, 12, 0]);
    expect(r.differences).toEqual(['minimum score 40 → 50', 'near_threshold_cash: beta 0.9 → 0.95', 'round_amounts: disabled in B']);
    expect(lines.find((l) => l.startsWith('precision'))).toMatch(/1\.00\s+1\.00$/);
  });
});

test('the examples wrote only inside the folders they were given', () => {
  expect(existsSync(join(dir, '04', 'report.html'))).toBe(true);
});
