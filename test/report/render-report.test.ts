import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { renderReport } from '../../src/report/render-report.js';
import { REPORT_HASHES } from '../../src/report/report-csp.js';
import { REPORT_SCRIPT } from '../../src/report/report-script.js';
import { REPORT_CSS } from '../../src/report/report-style.js';
import type { Alert } from '../../src/scoring/alert.js';
import { alert, hit, hub, tx } from './fixtures.js';

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>", '&amp;</title><script>x</script>'];

/** Everything the data can name, made hostile: names, ids, references, facts, rule and typology ids. */
function hostileReport(): string {
  const [a = '', b = '', c = '', d = ''] = HOSTILE;
  const t = [
    tx(a, 1, 950_000, { kind: 'cash_deposit', toAccount: b, toName: c, conductor: d, location: a, locationCountry: 'MY', reference: b }),
    tx(`${b}2`, 2, 400_000, { fromAccount: b, fromName: c, toAccount: c, toName: a, toCountry: 'ID', reference: d }),
  ];
  const alerts: Alert[] = [
    alert({ kind: 'account', id: b }, [hit(c, t, { reason: a, facts: { [b]: d, threshold: 1_000_000 }, indicators: [d], related: [{ kind: 'account', id: a }] })], {
      typologies: [{ id: d, score: 60 }],
      engine: { version: '0.1.0', config: a, jurisdiction: b },
    }),
    alert({ kind: 'network', id: a }, [hit('funnel_account', t)], { members: [{ kind: 'account', id: b }, { kind: 'party', id: d }], typologies: [{ id: 'constructor', score: 60 }] }),
  ];
  return renderReport({ alerts, transactions: t, accounts: [{ account: b, party: d }], parties: [{ party: d, name: a, country: 'MY' }] }, { title: c, source: b });
}

describe('renderReport', () => {
  test('the CSP hashes are those of the inline style and script, the only ones on the page', () => {
    expect(`${REPORT_HASHES.style} ${REPORT_HASHES.script}`, 'update src/report/report-csp.ts').toBe(`${sha256(REPORT_CSS)} ${sha256(REPORT_SCRIPT)}`);
    const html = hostileReport();
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
  });

  test('every hostile value is escaped: no element, attribute or script comes from the data', () => {
    const html = hostileReport();
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img|<svg onload/);
    // Every tag is the renderer's: with quoted values removed, none has an event handler or a style attribute.
    const tags = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
    expect(tags.filter((t) => /\s(on[a-z]+|style)=/i.test(t))).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html.match(/<\/title>/g)?.length).toBe(html.match(/<title>/g)?.length);
    // A typology named like an Object.prototype member gets the generic checks, not a crash.
    expect(html).toContain('data-typology="constructor"');
  });

  test('self-contained: nothing refers outside the file', () => {
    const { transactions, alert: a } = hub(40);
    const html = renderReport({ alerts: [a], transactions });
    const urls = [...html.matchAll(/(?:src|href|action|xlink:href)="([^"]*)"/g)].map((m) => m[1]);
    expect(urls.every((u) => u?.startsWith('#'))).toBe(true);
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|url\((?!#)|@import|@font-face/);
  });

  test('one case per alert, each with graph, timeline, contributions adding up to the score, hits, evidence and next checks', () => {
    const { transactions, alert: a } = hub(30);
    const b = alert({ kind: 'account', id: 'R1' }, [hit('pass_through', transactions.slice(-2))], { score: 45, typologies: [{ id: 'structuring', score: 45 }] });
    const html = renderReport({ alerts: [a, b], transactions });
    const cases = html.split('<section class="case').slice(1);
    expect(cases).toHaveLength(2);
    for (const [i, section] of cases.entries()) {
      const score = [a, b][i]?.score;
      expect(section).toContain('<svg class="flow"');
      expect(section).toContain('<svg class="timeline"');
      const points = [...section.matchAll(/data-points="(\d+)"/g)].reduce((s, m) => s + Number(m[1]), 0);
      expect(points).toBe(score);
      expect(section).toContain(`= ${score}</text>`);
      expect(section).toContain('<ol class="hits"><li class="hit"');
      expect(section).toContain('<table class="evidence">');
      expect(section).toContain('signals for analyst review, not findings');
    }
    expect(cases[0]).toContain('Possible smuggling-fee collection');
    expect(cases[1]).toContain('Possible structuring');
  });

  test('beyond maxCases, alerts get a summary case: header and first reasons, no graph', () => {
    const { transactions, alert: a } = hub(30);
    const b = alert({ kind: 'account', id: 'R1' }, [hit('pass_through', transactions.slice(-2)), hit('a', []), hit('b', []), hit('c', [])], { score: 45 });
    const cases = renderReport({ alerts: [a, b], transactions }, { maxCases: 1 }).split('<section class="case').slice(1);
    expect(cases).toHaveLength(2);
    expect(cases[0]).toContain('<svg class="flow"');
    expect(cases[1]).toMatch(/^ compact/);
    expect(cases[1]).not.toContain('<svg');
    expect(cases[1]).toContain('draws its first 1 cases in full');
    expect(cases[1]).toContain('<li><strong>pass_through</strong> Possible pass_through pattern. (2 transactions)</li>');
    expect(cases[1]).toContain('<li>… 1 more hits</li>');
  });

  test('contributions that do not add up to the score are called out, not hidden', () => {
    const { transactions, alert: a } = hub(10);
    const html = renderReport({ alerts: [{ ...a, score: 75 }], transactions });
    expect(html).toContain('The contributions add up to 60, not to the score 75');
  });

  test('the threshold line is drawn when a hit names one; cited ids missing from the file are listed', () => {
    const t = [tx('A', 1, 950_000, { kind: 'cash_deposit', toAccount: 'X' }), tx('B', 30, 960_000, { kind: 'cash_deposit', toAccount: 'X' })];
    const html = renderReport({ alerts: [alert({ kind: 'account', id: 'X' }, [hit('near_threshold_cash', t, { facts: { threshold: 1_000_000 }, transactionIds: ['A', 'B', 'GONE'] })])], transactions: t });
    expect(html).toContain('class="threshold"');
    expect(html).toContain('reporting threshold MYR 10,000.00');
    expect(html).toContain('1 cited transactions are not in the transactions file: <code>GONE</code>');
  });

  test('pure: the same input gives the same bytes, and no alerts give a report that says so', () => {
    const { transactions, alert: a } = hub(20);
    expect(renderReport({ alerts: [a], transactions })).toBe(renderReport({ alerts: [a], transactions: new Set(transactions) }));
    expect(renderReport({ alerts: [], transactions: [] })).toContain('No alerts at or above the minimum score.');
  });
});

test('a hub with 150,000 evidence transactions renders: timeline thinned to 2,000 marks, evidence table capped', () => {
  const { transactions, alert: a } = hub(150_000, 150_000);
  const html = renderReport({ alerts: [a], transactions });
  expect(html).toContain('every 76th of 150003 transactions drawn');
  expect(html.match(/<(circle|rect) class="tx /g)?.length).toBeLessThanOrEqual(2000);
  expect(html).toContain('149703 more evidence transactions are not shown');
});
