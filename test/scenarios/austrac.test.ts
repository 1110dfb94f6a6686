import { describe, expect, test } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { jurisdiction } from '../../src/jurisdictions/index.js';
import type { Transaction } from '../../src/schema/transaction.js';

/**
 * The AUSTRAC cases of RESEARCH §d (#1, #2, #14, #15) as readable scenarios under the shipped
 * Australian profile (A$10,000, each cash transaction separately). Amounts in cents.
 */
const AU = jurisdiction('AU');
const DAY = 86_400_000;
const T0 = Date.UTC(2019, 0, 7, 0); // a Monday, 11:00 in Sydney
let n = 0;
const tx = (t: Omit<Transaction, 'id' | 'currency'> & { id?: string }): Transaction => ({ id: t.id ?? `X${++n}`, currency: 'AUD', ...t });
const rulesOf = (txs: Transaction[], entity: string) =>
  [...new Set(scan(txs, { jurisdiction: AU, minScore: 0 }).alerts.filter((a) => a.entity.id === entity).flatMap((a) => a.hits.map((h) => h.rule)))].sort();

describe('AUSTRAC case studies', () => {
  test('#14 — 28 cash deposits of A$9,500, often two a day, over five years: near-threshold and split-sum', () => {
    const txs = Array.from({ length: 28 }, (_, i) => tx({
      timestamp: T0 + Math.floor(i / 2) * 65 * DAY + (i % 2) * 3 * 3_600_000, amount: 950_000, kind: 'cash_deposit', toAccount: 'CARD-1', channel: 'branch',
    }));
    expect(rulesOf(txs, 'CARD-1')).toEqual(['near_threshold_cash', 'split_sum']);
    const alert = scan(txs, { jurisdiction: AU }).alerts.find((a) => a.entity.id === 'CARD-1');
    expect(alert?.band).toBe('medium'); // one indicator family: never high on its own
    expect(alert?.hits.every((h) => !/\bstructuring\b(?! pattern)/.test(h.reason))).toBe(true);
  });

  test('#2 — father and son: withdrawals at three branches on one day and cash-funded transfers to Indonesia just under A$10,000', () => {
    const txs = [
      tx({ timestamp: T0, amount: 900_000, kind: 'cash_withdrawal', fromAccount: 'SON', location: 'BR-PERTH' }),
      tx({ timestamp: T0 + 2 * 3_600_000, amount: 850_000, kind: 'cash_withdrawal', fromAccount: 'SON', location: 'BR-CANNINGTON' }),
      tx({ timestamp: T0 + 4 * 3_600_000, amount: 920_000, kind: 'cash_withdrawal', fromAccount: 'SON', location: 'BR-JOONDALUP' }),
      ...[0, 1, 2, 3].map((d) => tx({
        timestamp: T0 + (d + 1) * DAY, amount: 880_000 + d * 25_000, kind: 'transfer', channel: 'remitter', fromAccount: 'SON', fromCountry: 'AU', toAccount: `ID-${d}`, toCountry: 'ID',
      })),
    ];
    expect(rulesOf(txs, 'SON')).toEqual(expect.arrayContaining(['multi_location_cash', 'transfer_threshold_avoidance', 'near_threshold_cash']));
  });

  test('#15 — cash-paid transfers all under A$10,000 from several locations on the same day', () => {
    const txs = [0, 1, 2, 3].map((i) => tx({
      timestamp: T0 + i * 2 * 3_600_000, amount: 940_000 + i * 10_000, kind: 'transfer', channel: 'agent', fromAccount: 'ALIAS-7', fromCountry: 'AU',
      toAccount: 'CO-SUPPLIER', toCountry: 'CO', location: `AGENT-${i}`,
    }));
    expect(rulesOf(txs, 'ALIAS-7')).toContain('transfer_threshold_avoidance');
  });

  // #1 — the boat syndicate facilitator (RESEARCH §d row 1, [P] S6): 28 transfers of A$100–5,000
  // over five years through remitters to Indonesia, some marked "gift"/"personal"; two reportable
  // cash deposits (> A$37,000 in two months) and four large withdrawals at different branches.
  const case1 = () => {
    const transfers = Array.from({ length: 28 }, (_, i) => tx({
      timestamp: T0 + i * 65 * DAY, amount: 10_000 + ((i * 17_300) % 490_000), kind: 'transfer', channel: 'remitter', fromAccount: 'FAC-1', fromCountry: 'AU',
      toAccount: `ID-R${i % 5}`, toCountry: 'ID', reference: i % 3 === 0 ? 'gift' : 'personal',
    }));
    const cash = [
      tx({ timestamp: T0 + 10 * DAY, amount: 1_900_000, kind: 'cash_deposit', toAccount: 'FAC-1' }),
      tx({ timestamp: T0 + 50 * DAY, amount: 1_850_000, kind: 'cash_deposit', toAccount: 'FAC-1' }),
      ...[0, 1, 2, 3].map((i) => tx({ timestamp: T0 + (100 + i * 80) * DAY, amount: 1_425_000, kind: 'cash_withdrawal', fromAccount: 'FAC-1', location: `BR-${i}` })),
    ];
    return [...transfers, ...cash];
  };
  const indicatorsOf = (txs: Transaction[], entity: string) =>
    [...new Set(scan(txs, { jurisdiction: AU, minScore: 0 }).alerts.filter((a) => a.entity.id === entity).flatMap((a) => a.hits.flatMap((h) => h.indicators)))].sort();

  test('#1 — the reportable cash is not cash structuring: no near-threshold, split-sum or multi-location hit', () => {
    // Both deposits and all four withdrawals were reported (TTRs); threshold-avoidance rules on cash must stay quiet.
    expect(rulesOf(case1(), 'FAC-1').filter((r) => ['near_threshold_cash', 'split_sum', 'multi_location_cash', 'multi_depositor'].includes(r))).toEqual([]);
  });

  // KNOWN GAP (issue 16): RESEARCH maps this case to MS-STR-04, MS-PT-01, MS-CASH-01, MS-AMT-01,
  // MS-MEMO-01 and MS-GEO-01; today no rule fires on it at all, so all six are missing.
  // What is known: STR-04 (transfer_threshold_avoidance) looks at transfers just under A$10,000,
  // not at A$100–5,000 pieces; CASH-01 (hotspot_cash) needs a location near a departure point,
  // which the case does not give; AMT-01 (round_amounts) needs whole A$100s, which these amounts
  // are not; MEMO-01 has no rule (nothing reads payment references yet). Why PT-01 (pass_through)
  // and GEO-01 (corridor_flow) stay quiet on cash in and transfers to Indonesia months apart has not
  // been investigated. `test.fails` keeps the expectation honest: it starts failing — and must
  // become a plain test — once all six fire.
  test.fails('#1 — known gap: should raise STR-04, PT-01, CASH-01, AMT-01, MEMO-01 and GEO-01 (RESEARCH §d)', () => {
    expect(indicatorsOf(case1(), 'FAC-1')).toEqual(expect.arrayContaining(['MS-STR-04', 'MS-PT-01', 'MS-CASH-01', 'MS-AMT-01', 'MS-MEMO-01', 'MS-GEO-01']));
  });
});
