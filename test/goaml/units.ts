import type { GoamlAccount, GoamlParty, Transaction } from '../../src/index.js';

/** The reporting bank of the unit fixtures (a Sri Lankan BIC, so it fits both schemas). */
export const BANK = { id: 7, name: 'Tidewater Bank PLC', institution: 'TDWBLKLX', branch: 'Colombo Fort' } as const;

/** The holder, with every KYC field both profiles need. */
export const HOLDER: GoamlParty = {
  party: 'P1', name: 'Siti Nurhaliza', firstName: 'Siti', lastName: 'Nurhaliza', gender: 'F', birthdate: '1990-04-01', birthPlace: 'Medan',
  country: 'ID', nationality: 'ID', residence: 'LK', phone: '+94 77 123 4567', address: '12 Galle Road, Kollupitiya', city: 'Colombo',
  document: 'N1234567', occupation: 'Garment worker', taxRegNumber: 'T', sourceOfWealth: 'Salary',
};
/** A walk-in conductor. */
export const CONDUCTOR: GoamlParty = { party: 'P2', name: 'Ravi Kumar', country: 'LK' };

/** The holder's account at the reporting bank, with the account-level KYC fields. */
export function ownAccount(overrides: Partial<GoamlAccount> = {}): GoamlAccount {
  return {
    account: 'ACC001', party: 'P1', type: 'personal', openedAt: Date.UTC(2024, 0, 15), institution: BANK.institution, country: 'LK',
    branch: 'Colombo Fort', statusCode: 'ACTV', accountTypeCode: 'SAVG', ...overrides,
  };
}

/** Four transactions touching A1: cash in (with a conductor), transfer abroad, cash out, transfer in from another bank. */
export function unitTransactions(currency: string, amount = 950_000): Transaction[] {
  const t = Date.UTC(2025, 2, 1, 2, 30);
  return [
    { id: 'T1', timestamp: t, amount, currency, kind: 'cash_deposit', channel: 'branch', toAccount: 'ACC001', toName: 'Siti Nurhaliza', toInstitution: BANK.institution, toCountry: 'LK', conductor: 'P2', location: 'FORT-01', locationCountry: 'LK', reference: 'savings' },
    { id: 'T2', timestamp: t + 3_600_000, amount, currency, kind: 'transfer', channel: 'online', fromAccount: 'ACC001', fromName: 'Siti Nurhaliza', fromInstitution: BANK.institution, fromCountry: 'LK', toAccount: 'BD0099', toName: 'Abdul Karim', toInstitution: 'BKSHBDDH', toCountry: 'BD' },
    { id: 'T3', timestamp: t + 7_200_000, amount, currency, kind: 'cash_withdrawal', channel: 'atm', fromAccount: 'ACC001', fromName: 'Siti Nurhaliza', fromInstitution: BANK.institution, fromCountry: 'LK', location: 'ATM-7', locationCountry: 'LK' },
    { id: 'T4', timestamp: t + 10_800_000, amount, currency, kind: 'transfer', channel: 'mobile', fromAccount: 'X77', fromName: 'Nimal Perera', fromInstitution: 'CCEYLKLX', fromCountry: 'LK', toAccount: 'ACC001', toName: 'Siti Nurhaliza', toInstitution: BANK.institution, toCountry: 'LK' },
  ];
}
