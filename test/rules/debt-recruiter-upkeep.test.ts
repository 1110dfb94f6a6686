import { describe, expect, test } from 'vitest';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { RECRUITER_NAME, UPKEEP_REF, addressedAsKin } from '../../src/rules/_payments.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// Issue 14 (session 38): instalments to a recruitment agency by its name are MS-DEBT-01's own
// subject, not a lawful company payee; upkeep words ("for home", "family support") read as
// family remittances in the kinship-reference discount.

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const worker: { account: Account; party: Party } = {
  account: { account: 'W1', party: 'P-W1', type: 'personal', openedAt: at(-21 * D), country: 'MY' },
  party: { party: 'P-W1', name: 'Rafiqul Islam Mondal', country: 'BD', address: 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru' },
};
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);
const wages = (days: number[]) => days.map((d) => transfer('EMP', 'W1', 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** `refs` cycle over the instalments. */
const series = (to: string, days: number[], toName: string, refs: readonly string[] = [''], extra: Partial<Transaction> = {}) =>
  days.map((d, i) => transfer('W1', to, 80_000, d * D + 5, myr({ toName, reference: refs[i % refs.length] as string, ...extra })));
/** The payer's hit at its newest instalment (the whole series), as a one-element list; empty when none. */
function payerHit(txs: Transaction[], extraAccounts: Account[] = []) {
  const hits = rawHitsOf([debtRepayment()], txs, { profile: MY_LIKE, accounts: [EMPLOYER, ...extraAccounts, worker.account], parties: [worker.party] });
  return hits.filter((h) => h.entity.id === 'W1').slice(-1);
}

describe('debt_repayment payer variant: a recruitment agency as the payee', () => {
  const agency = 'Wawasan Indah Recruitment Agency Sdn Bhd';

  test('four monthly instalments to a recruitment agency: not discounted as a company, and stronger than to an unnamed person', () => {
    const recruiter = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), agency, ['ansuran'])]);
    const person = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), 'Lim Ah Kow', ['ansuran'])]);
    const company = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), 'Wawasan Indah Trading Sdn Bhd', ['ansuran'])]);
    expect(recruiter).toHaveLength(1);
    expect(recruiter[0]?.facts['recruiterPayee']).toBe(true);
    expect(recruiter[0]?.facts['discount']).toBeUndefined();
    expect(recruiter[0]?.reason).toContain(`to an unrelated domestic account (${agency}: a recruitment or labour-supply agency by its name)`);
    expect(recruiter[0]!.strength).toBeCloseTo(person[0]!.strength + 0.1, 6);
    expect(company[0]?.facts['discount']).toContain('payee_company');
    expect(company[0]?.facts['recruiterPayee']).toBeUndefined();
    // weight 55 × strength ≥ 40: the payer's own series reaches the alert threshold.
    expect(recruiter[0]!.strength).toBeGreaterThanOrEqual(0.73);
  });

  test('a business account named as a labour supplier is not discounted as a business payee', () => {
    const biz: Account = { account: 'AG', type: 'business', country: 'MY' };
    const supplier = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), 'Pacific Crown Labour Supply Sdn Bhd')], [biz]);
    const shop = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), 'Pacific Crown Trading Sdn Bhd')], [biz]);
    expect(supplier[0]?.facts['discount']).toBeUndefined();
    expect(shop[0]?.facts['discount']).toContain('payee_business');
  });

  test('boundary: two instalments to a recruiter are still no series; three are', () => {
    expect(payerHit([...wages([0, 30]), ...series('AG', monthly(2), agency)])).toHaveLength(0);
    expect(payerHit([...wages([0, 30, 60]), ...series('AG', monthly(3), agency)])).toHaveLength(1);
  });

  test('look-alike: a bill to a recruiter keeps the biller discount; a licensed remitter stays a remitter', () => {
    const bill = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), agency, ['bill 0617916058'])]);
    expect(bill[0]?.facts['discount']).toContain('payee_lender_or_biller');
    expect(bill[0]?.facts['recruiterPayee']).toBeUndefined();
    const msb = payerHit([...wages(monthly(4, 0)), ...series('AG', monthly(4), 'Manpower Remit Sdn Bhd')], [{ account: 'AG', type: 'msb' }]);
    expect(msb[0]?.facts['discount']).toContain('payee_msb');
  });

  test('the lexicon: recruitment agencies and labour suppliers, not payroll or other companies', () => {
    for (const n of ['ASIA SOUTHERN MANPOWER CO., LTD.', 'UNITED METRO RECRUITMENT AGENCY CO., LTD.', 'PACIFIC CROWN LABOUR SUPPLY PTY LTD', 'PT Sinar Tenaga Kerja', 'Agensi Pekerjaan Maju']) {
      expect(RECRUITER_NAME.test(n)).toBe(true);
    }
    for (const n of ['Eastern Everbright HR Outsourcing Sdn Bhd', 'Tenaga Nasional Berhad', 'Premier Southern Bakery Co., Ltd.']) expect(RECRUITER_NAME.test(n)).toBe(false);
  });
});

describe('debt_repayment: upkeep references read as family remittances', () => {
  const abroad = (refs: readonly string[]) => payerHit([...wages(monthly(6, 0)), ...series('BD-R', monthly(6), 'Abdul Kuddus Talukder', refs, { toCountry: 'BD', channel: 'remitter' })]);

  test('look-alike: remittances home ("for home", "family support") are discounted as kinship references', () => {
    const plain = abroad(['', 'personal']);
    const home = abroad(['for home', 'family support', 'personal']);
    expect(home[0]?.facts['discount']).toContain('kinship_references');
    expect(home[0]!.strength).toBeCloseTo(plain[0]!.strength / 2, 6);
  });

  test('boundary: a third of the references is enough (2 of 6), fewer (1 of 6) is not', () => {
    expect(abroad(['home', '', '']).at(0)?.facts['discount']).toContain('kinship_references');
    expect(abroad(['home', '', '', '', '', '']).at(0)?.facts['discount']).toBeUndefined();
  });

  test('debt words and cover words ("family", "personal") are not upkeep', () => {
    for (const r of ['kisti', 'family', 'personal', 'pay', 'gift']) expect(addressedAsKin(r)).toBe(false);
    for (const r of ['for home', 'home', 'family support', 'support', 'ibu']) expect(addressedAsKin(r)).toBe(true);
    expect(UPKEEP_REF.test('homework')).toBe(false);
  });
});

describe('debt_repayment collector variant: upkeep references', () => {
  const names = ['Rafiqul Mondal', 'Jahangir Sikder', 'Nazmul Howlader'];
  const crew = names.map((n, i) => ({
    account: { account: `W${i}`, party: `P-W${i}`, type: 'personal' as const, openedAt: at(-(10 + i) * D), country: 'MY' },
    party: { party: `P-W${i}`, name: n, country: 'BD' },
  }));
  const collect = (ref: string) =>
    crew.flatMap((c, i) => [
      ...monthly(4, 0).map((d) => transfer('EMP', c.account.account, 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' }))),
      ...monthly(4, 1 + i).map((d) => transfer(c.account.account, 'AGENT', 50_000 + 10_000 * i, d * D + 5, myr({ toName: 'Shahidul Agent', reference: ref }))),
    ]);
  const collector = (ref: string) =>
    rawHitsOf([debtRepayment()], collect(ref), { profile: MY_LIKE, accounts: [EMPLOYER, ...crew.map((c) => c.account)], parties: crew.map((c) => c.party) })
      .filter((h) => h.entity.id === 'AGENT')
      .slice(-1);

  test('look-alike: payers sending "family support" to one account read as kin: discounted', () => {
    const plain = collector('personal');
    const upkeep = collector('family support');
    expect(plain[0]?.facts['discount']).toBeUndefined();
    expect(upkeep[0]?.facts['discount']).toContain('kinship_references');
    expect(upkeep[0]!.strength).toBeCloseTo(plain[0]!.strength * 0.4, 6);
  });
});
