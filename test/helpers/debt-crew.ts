// The debt collector's fixture shared by the collector-variant tests: five newly arrived workers of
// unrelated families paid by one employer, three of whom pay AGENT full monthly series.
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, transfer } from './builders.js';
import { rawHitsOf } from './raw-hits.js';

export const D = 24;
export const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
export const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);
export const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const NAMES = ['Rafiqul Mondal', 'Jahangir Sikder', 'Nazmul Howlader', 'Kamrul Bhuiyan', 'Shafiqul Sarder'];
/** Newly arrived workers of unrelated families, each opened `10 + i` days before day 0. */
export const crew = NAMES.map((name, i) => ({
  account: { account: `W${i}`, party: `P-W${i}`, type: 'personal', openedAt: at(-(10 + i) * D), country: 'MY' } satisfies Account,
  party: { party: `P-W${i}`, name, country: 'BD', address: `No. ${i + 3}, Jalan Mawar ${i + 1}, Johor Bahru` } satisfies Party,
}));
export const wages = (to: string) => monthly(4, 0).map((d) => transfer('EMP', to, 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** W0–W2 pay AGENT four monthly instalments of MYR 500, 600 and 700 (days 60–152): the collector's full series. */
export const FULL: Transaction[] = [0, 1, 2].flatMap((i) => [
  ...wages(`W${i}`),
  ...monthly(4, 60 + i).map((d) => transfer(`W${i}`, 'AGENT', 50_000 + 10_000 * i, d * D + 5, myr({ toName: 'Shahidul Agent' }))),
]);
/** AGENT's collector-variant hits of `debt_repayment` over `txs` (in time order), with the employer and the given accounts and parties. */
export const agentHits = (txs: Transaction[], parties: Party[], accounts: Account[]) =>
  rawHitsOf([debtRepayment()], [...txs].sort((a, b) => a.timestamp - b.timestamp), { profile: MY_LIKE, accounts: [EMPLOYER, ...accounts], parties })
    .filter((h) => h.entity.id === 'AGENT' && h.variant === 'collector');
