import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';

/** Hours in a day, for the wage tests' `day * D` timestamps. */
export const D = 24;
/** A domestic MYR transfer's fields, with `extra` on top. */
export const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
/** Two employers, a worker W1 and its agent, all in MY. */
export const CREW_ACCOUNTS: Account[] = [
  { account: 'EMP', type: 'business', country: 'MY' },
  { account: 'EMP2', type: 'business', country: 'MY' },
  { account: 'W1', party: 'P-W1', type: 'personal', country: 'MY' },
  { account: 'AGENT', party: 'P-AGENT', type: 'personal', country: 'MY' },
];
/** The worker (a hostel address) and its agent (a house), both from MM: no kinship between them. */
export const CREW_PARTIES: Party[] = [
  { party: 'P-W1', name: 'Hla Myint', country: 'MM', address: 'Hostel Pekerja Mutiara, Lot 88, Jalan Perindustrian 5, Sungai Petani' },
  { party: 'P-AGENT', name: 'Thura Aung', country: 'MM', address: 'No. 3, Jalan Mawar 1, Sungai Petani' },
];
