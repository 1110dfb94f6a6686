import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFxTable, goamlProfile, goamlToRecords, toGoamlReport, type Transaction } from '../../src/index.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import { alertOn, sampleBank, sampleFx } from './fixtures.js';
import { BANK, CONDUCTOR, HOLDER, ownAccount, unitTransactions } from './units.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-goaml-read-');
let n = 0;
function file(xml: string, name = `r${++n}.xml`, folder = dir): string {
  const p = join(folder, name);
  writeFileSync(p, xml);
  return p;
}
async function read(path: string, options: Parameters<typeof ingestTransactions>[1] = {}) {
  const transactions: Transaction[] = [];
  const summary = await ingestTransactions(path, options, (b) => transactions.push(...b.transactions));
  return { transactions, summary };
}
const byId = (txs: readonly Transaction[]) => [...txs].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('goAML reports read as input', () => {
  test('export then read gives back the same transactions (both profiles, both forms, a foreign currency)', async () => {
    const cases = [
      { profile: goamlProfile('ID'), txs: unitTransactions('IDR'), accounts: [ownAccount({ statusCode: 'AKT', accountTypeCode: 'TPE' })], asNonClient: false },
      { profile: goamlProfile('ID'), txs: unitTransactions('IDR', 1), accounts: [], asNonClient: true },
      { profile: goamlProfile('LK'), txs: unitTransactions('LKR'), accounts: [ownAccount()], asNonClient: false },
      { profile: goamlProfile('LK'), txs: unitTransactions('MYR', 123_456), accounts: [], asNonClient: true },
    ];
    const fx = createFxTable([{ from: 'MYR', to: 'LKR', date: '2025-03-01', rate: '67.25' }]);
    for (const c of cases) {
      const r = toGoamlReport(alertOn(c.txs.map((t) => t.id)), {
        transactions: c.txs, accounts: c.accounts, parties: [HOLDER, CONDUCTOR], reportingEntity: BANK, profile: c.profile, asNonClient: c.asNonClient, fx,
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const { transactions, summary } = await read(file(r.xml));
      expect(summary).toMatchObject({ read: 4, accepted: 4, rejected: 0, duplicates: 0 });
      expect(byId(transactions)).toEqual(byId(c.txs));
    }
  });

  test('the sample bank: every evidence transaction of every report comes back unchanged; repeats count as duplicates', async () => {
    const bank = await sampleBank();
    const out = join(dir, 'sample');
    mkdirSync(out);
    const fx = sampleFx();
    let written = 0;
    for (const alert of bank.alerts) {
      const r = toGoamlReport(alert, { ...bank, reportingEntity: { id: 42, name: 'Tidewater Bank Berhad', institution: 'TDWBMYKL' }, profile: goamlProfile('ID'), fx, asNonClient: true });
      if (r.ok) {
        file(r.xml, `${alert.id}.xml`, out);
        written += r.transactionCount;
      }
    }
    const { transactions, summary } = await read(out);
    expect(summary.rejected).toBe(0);
    expect(summary.read).toBe(written);
    expect(summary.accepted + summary.duplicates).toBe(written);
    expect(transactions.length).toBeGreaterThan(100);
    for (const t of transactions) expect(t).toEqual(bank.transactions.get(t.id));
    expect(summary.issues.every((i) => i.code === 'duplicate_id' && i.file?.endsWith('.xml'))).toBe(true);
    // Local amounts instead: IDR at the report's conversion.
    const local = await read(out, { goamlAmounts: 'local' });
    expect(local.transactions.every((t) => t.currency === 'IDR')).toBe(true);
  }, 120_000);

  test('elements that cannot be mapped are rejected per row, with the <transaction> line, field and code; counts add up', async () => {
    const tx = (id: string, body: string) => `  <transaction>\n    <transactionnumber>${id}</transactionnumber>\n${body}  </transaction>\n`;
    const sides = (from: string, to: string) =>
      `    <t_from><from_funds_code>${from}</from_funds_code><from_account><institution_code>B1</institution_code><account>X1</account></from_account><from_country>ID</from_country></t_from>\n` +
      `    <t_to><to_funds_code>${to}</to_funds_code><to_account><institution_code>B2</institution_code><account>X2</account></to_account><to_country>ID</to_country></t_to>\n`;
    const ok = (amount: string, date = '2025-03-01T09:30:00') => `    <date_transaction>${date}</date_transaction>\n    <transmode_code>TKDN</transmode_code>\n    <amount_local>${amount}</amount_local>\n`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<report>\n  <rentity_id>1</rentity_id>\n  <submission_code>E</submission_code>\n  <report_code>LTKM</report_code>\n' +
      '  <submission_date>2025-03-02T00:00:00</submission_date>\n  <currency_code_local>IDR</currency_code_local>\n' +
      '  <!-- <transaction> in a comment is not a transaction -->\n' +
      tx('G1', ok('1500000.50') + sides('REK', 'REK')) +
      tx('B1', ok('12,5') + sides('REK', 'REK')) +
      tx('B2', ok('100') + sides('UT', 'UT')) +
      tx('B3', ok('100', '2025-02-30T10:00:00') + sides('REK', 'REK')) +
      tx('G1', ok('99') + sides('REK', 'REK')) +
      tx('B4', ok('100.001') + sides('REK', 'REK')) +
      '</report>\n';
    const { transactions, summary } = await read(file(xml));
    // 8 lines per transaction after 8 lines of header and comment: <transaction> lines 9, 17, 25, …
    expect(summary.read).toBe(summary.accepted + summary.rejected + summary.duplicates);
    expect(summary).toMatchObject({ read: 6, accepted: 1, rejected: 4, duplicates: 1 });
    expect(transactions[0]).toEqual({
      id: 'G1', timestamp: Date.UTC(2025, 2, 1, 2, 30), amount: 150_000_050, currency: 'IDR', kind: 'transfer',
      fromAccount: 'X1', fromInstitution: 'B1', fromCountry: 'ID', toAccount: 'X2', toInstitution: 'B2', toCountry: 'ID',
    });
    expect(summary.issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [17, 'amount', 'invalid_amount'],
      [25, 'kind', 'invalid_value'],
      [33, 'timestamp', 'invalid_timestamp'],
      [41, 'id', 'duplicate_id'],
      [49, 'amount', 'amount_precision'],
    ]);
    expect(summary.issues[1]?.message).toMatch(/from_funds_code UT \/ to_funds_code UT/);
  });

  test('unreadable reports are one rejected row each, never a crash', async () => {
    const cases: Array<[string, RegExp]> = [
      ['<report>\n<rentity_id>1</rentity_id>\n<transaction>\n</report>', /not well-formed XML/],
      ['<!DOCTYPE report [<!ENTITY a "aaaa">]><report></report>', /DOCTYPE/],
      ['<root/>', /root element is not <report>/],
      ['<report><currency_code_local>USD</currency_code_local><transaction/></report>', /no goAML profile/],
    ];
    for (const [xml, message] of cases) {
      const { summary } = await read(file(xml));
      expect(summary).toMatchObject({ read: 1, accepted: 0, rejected: 1, duplicates: 0 });
      expect(summary.issues[0]).toMatchObject({ field: '', code: 'malformed_row', message: expect.stringMatching(message) });
    }
    expect(goamlToRecords('<report>\n\n<a></b></report>')[0]).toMatchObject({ row: 3 });
    // An activity report (parties only) holds no transactions.
    expect(goamlToRecords('<report><currency_code_local>IDR</currency_code_local><activity/></report>')).toEqual([]);
  });
});
