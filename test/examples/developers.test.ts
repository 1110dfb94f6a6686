import { describe, expect, test } from 'vitest';
import { main as customRule, sameAmountInflows } from '../../examples/01-custom-rule.js';
import { feeCollectionTypology, main as customTypology } from '../../examples/02-custom-typology.js';
import { main as apiScan } from '../../examples/03-api-scan.js';

// The developers' examples, run on the bundled demo bank; each assertion is on what the example
// really prints or returns, so a change that breaks an example fails here.
const collect = (): { lines: string[]; out: (l: string) => void } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l) };
};

describe('examples for developers', () => {
  test('01-custom-rule: the incremental rule fires on the fee collectors, its sentences quote money as the shipped rules do', async () => {
    const { lines, out } = collect();
    const r = await customRule(out);
    expect(r.hits).toBe(11);
    expect(r.accounts).toEqual(expect.arrayContaining(['MY6243529', 'MY5984072', 'MY9608756']));
    expect(lines.at(-1)).toBe('same_amount_inflows: 11 hits on 5 accounts');
    expect(lines).toContain('MY9608756  2024-11-04  Possible fee-collection pattern: 8 payments of exactly MYR 450.00 from 8 different senders within 7 days.  (8 transactions)');
    const rule = sameAmountInflows();
    expect(rule.incremental?.horizonsMs).toEqual([rule.windowMs]);
  });

  test('02-custom-typology: the typology scores beside the defaults and leads where its rules carry the alert', async () => {
    const { lines, out } = collect();
    const r = await customTypology(out);
    expect(r.alerted.map((a) => [a.account, a.score])).toEqual([['MY5984072', 69], ['MY6243529', 100], ['MY7328899', 68], ['MY7550985', 59], ['MY7743720', 57], ['MY7035579', 63]]);
    expect(lines).toContain('MY7035579  fee_collection 63  (alert 63 medium, led by fee_collection)  from: fee_match, funnel_account, same_amount_inflows');
    // Where a default typology reads more (MY5984072: slow_funnel's collector, 100), it leads.
    expect(lines).toContain('MY5984072  fee_collection 69  (alert 100 critical, led by smuggling_collection)  from: fee_match, funnel_account, same_amount_inflows');
    expect(feeCollectionTypology().threshold).toBe(45);
  });

  test('03-api-scan: every row accounted for, alerts by band, the strongest first', async () => {
    const { lines, out } = collect();
    const r = await apiScan(undefined, out);
    expect(r.read).toBe(5124);
    expect(r.accepted).toBe(5124);
    expect(lines.slice(0, 3)).toEqual([
      'rows: 5124 read = 5124 accepted + 0 rejected + 0 duplicates',
      'volume: MYR 16,681,738.79 in 5124 transactions',
      'alerts: 31 (12 critical, 3 high, 16 medium, 0 low)',
    ]);
    expect(lines[3]).toMatch(/^100 critical account MY3563283: Possible slow-funnel pattern: /);
    expect(lines[4]).toMatch(/^100 critical account MY5193811: Possible profile mismatch: /);
  });
});
