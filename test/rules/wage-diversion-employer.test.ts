import { describe, expect, test } from 'vitest';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { CREW_ACCOUNTS, CREW_PARTIES, D, myr } from '../helpers/wage-crew-fixture.js';
import { MY_LIKE, hitsOf, transfer, withdrawal } from '../helpers/builders.js';

// The worker variant names the one account that paid every diverted wage (`facts.employer`): the
// network stage gathers an employer's diverted workers by it (src/engine/wage-employers.ts).

const wage = (from: string, day: number): Transaction => transfer(from, 'W1', 150_000, day * D, myr({ reference: 'GAJI', fromName: 'Mutiara Plantation Sdn Bhd' }));
const run = (txs: Transaction[]) => hitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts: CREW_ACCOUNTS, parties: CREW_PARTIES }).filter((h) => h.entity.id === 'W1');

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
