import { describe, expect, test } from 'vitest';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, hitsOf, transfer, withdrawal } from '../helpers/builders.js';

// The worker variant names the one account that paid every diverted wage (`facts.employer`): the
// network stage gathers an employer's diverted workers by it (src/engine/wage-employers.ts).

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const accounts: Account[] = [
  { account: 'EMP', type: 'business', country: 'MY' },
  { account: 'EMP2', type: 'business', country: 'MY' },
  { account: 'W1', party: 'P-W1', type: 'personal', country: 'MY' },
  { account: 'AGENT', party: 'P-AGENT', type: 'personal', country: 'MY' },
];
const parties: Party[] = [
  { party: 'P-W1', name: 'Hla Myint', country: 'MM', address: 'Hostel Pekerja Mutiara, Lot 88, Jalan Perindustrian 5, Sungai Petani' },
  { party: 'P-AGENT', name: 'Thura Aung', country: 'MM', address: 'No. 3, Jalan Mawar 1, Sungai Petani' },
];
const wage = (from: string, day: number): Transaction => transfer(from, 'W1', 150_000, day * D, myr({ reference: 'GAJI', fromName: 'Mutiara Plantation Sdn Bhd' }));
const run = (txs: Transaction[]) => hitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts, parties }).filter((h) => h.entity.id === 'W1');

describe('wage_diversion worker variant: the employer that paid the diverted wages', () => {
  test('positive: every diverted wage paid by one account names it, by transfer to the agent or in cash', () => {
    const toAgent = [0, 30, 60].flatMap((d) => [wage('EMP', d), transfer('W1', 'AGENT', 120_000, d * D + 5, myr({ toName: 'Thura Aung' }))]);
    expect(run(toAgent)[0]?.facts['employer']).toBe('EMP');
    const cash = [0, 30, 60, 90].flatMap((d) => [wage('EMP', d), withdrawal('W1', 135_000, d * D + 3, { currency: 'MYR' })]);
    expect(run(cash)[0]?.facts['employer']).toBe('EMP');
  });

  test('negative: wages from two payers name no employer', () => {
    const txs = [0, 30, 60].flatMap((d, i) => [wage(i === 1 ? 'EMP2' : 'EMP', d), transfer('W1', 'AGENT', 120_000, d * D + 5, myr({ toName: 'Thura Aung' }))]);
    const [hit] = run(txs);
    expect(hit?.facts['cycles']).toBe(3);
    expect(hit?.facts['employer']).toBeUndefined();
  });
});
