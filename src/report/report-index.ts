import type { Account, Party } from '../schema/reference-data.js';
import type { Transaction } from '../schema/transaction.js';

/** What the report looks transactions and reference data up in, built once per report. */
export interface ReportIndex {
  readonly byId: ReadonlyMap<string, Transaction>;
  /** Transactions by the account on either side, in (time, id) order. */
  readonly byAccount: ReadonlyMap<string, readonly Transaction[]>;
  /** Cash transactions by the party who conducted them, in (time, id) order. */
  readonly byConductor: ReadonlyMap<string, readonly Transaction[]>;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly parties: ReadonlyMap<string, Party>;
  /** The accounts each party holds (accounts.csv `party`), sorted. */
  readonly accountsOfParty: ReadonlyMap<string, readonly string[]>;
}

/**
 * Indexes transactions (by id, by account, by conductor) and reference data for the report.
 * A repeated transaction id keeps the first row, as the engine does.
 * @example const index = indexReportData(transactions, accounts.values(), parties.values());
 */
export function indexReportData(transactions: Iterable<Transaction>, accounts: Iterable<Account> = [], parties: Iterable<Party> = []): ReportIndex {
  const byId = new Map<string, Transaction>();
  const byAccount = new Map<string, Transaction[]>();
  const byConductor = new Map<string, Transaction[]>();
  const push = (map: Map<string, Transaction[]>, key: string | undefined, tx: Transaction): void => {
    if (key === undefined || key === '') return;
    const list = map.get(key);
    if (list === undefined) map.set(key, [tx]);
    else list.push(tx);
  };
  for (const tx of transactions) {
    if (byId.has(tx.id)) continue;
    byId.set(tx.id, tx);
    push(byAccount, tx.fromAccount, tx);
    if (tx.toAccount !== tx.fromAccount) push(byAccount, tx.toAccount, tx);
    push(byConductor, tx.conductor, tx);
  }
  for (const list of byAccount.values()) list.sort(compareTx);
  for (const list of byConductor.values()) list.sort(compareTx);
  const accountMap = new Map<string, Account>();
  const accountsOfParty = new Map<string, string[]>();
  for (const a of accounts) {
    accountMap.set(a.account, a);
    if (a.party !== undefined) {
      const list = accountsOfParty.get(a.party);
      if (list === undefined) accountsOfParty.set(a.party, [a.account]);
      else list.push(a.account);
    }
  }
  for (const list of accountsOfParty.values()) list.sort();
  const partyMap = new Map<string, Party>();
  for (const p of parties) partyMap.set(p.party, p);
  return { byId, byAccount, byConductor, accounts: accountMap, parties: partyMap, accountsOfParty };
}

/**
 * Transactions in (time, id) order, the engine's order.
 * @example transactions.sort(compareTx)
 */
export function compareTx(a: Transaction, b: Transaction): number {
  return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
