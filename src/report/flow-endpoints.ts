import type { Transaction } from '../schema/transaction.js';
import type { ReportIndex } from './report-index.js';

/**
 * The two ends of a transaction as graph node keys: accounts `a:<id>`, parties `p:<id>` (who
 * conducted cash), and cash points `c:in:<location>` / `c:out:<location>` when no conductor is
 * named. A cash deposit runs from its conductor (or the cash point) to the account; a withdrawal
 * from the account to its conductor (or the cash point).
 * @example flowEndpoints(tx) // { from: 'p:P123', to: 'a:MY001' }
 */
export function flowEndpoints(tx: Transaction): { readonly from: string; readonly to: string } {
  switch (tx.kind) {
    case 'cash_deposit':
      return { from: tx.conductor !== undefined ? `p:${tx.conductor}` : `c:in:${tx.location ?? ''}`, to: `a:${tx.toAccount ?? ''}` };
    case 'cash_withdrawal':
      return { from: `a:${tx.fromAccount ?? ''}`, to: tx.conductor !== undefined ? `p:${tx.conductor}` : `c:out:${tx.location ?? ''}` };
    default:
      return { from: `a:${tx.fromAccount ?? ''}`, to: `a:${tx.toAccount ?? ''}` };
  }
}

/** How a node is labelled: a name, the identifier, and a country when known. */
export interface NodeLabel {
  readonly name: string;
  readonly id: string;
  readonly country?: string;
}

/**
 * Labels a node key from the reference data first (party name, account country), then from the
 * names and countries written on the transactions.
 * @example nodeLabel('a:MY001', index, tx) // { name: 'Ali bin Abu', id: 'MY001', country: 'MY' }
 */
export function nodeLabel(key: string, index: ReportIndex, seenOn: Transaction | undefined): NodeLabel {
  if (key.startsWith('a:')) {
    const id = key.slice(2);
    const account = index.accounts.get(id);
    const party = account?.party === undefined ? undefined : index.parties.get(account.party);
    const fromSide = seenOn?.fromAccount === id;
    const name = party?.name ?? (fromSide ? seenOn?.fromName : seenOn?.toName) ?? 'unnamed account';
    const country = account?.country ?? (fromSide ? seenOn?.fromCountry : seenOn?.toCountry) ?? party?.country;
    return country === undefined ? { name, id } : { name, id, country };
  }
  if (key.startsWith('p:')) {
    const id = key.slice(2);
    const party = index.parties.get(id);
    const country = party?.country;
    const name = party?.name ?? 'unnamed person';
    return country === undefined ? { name, id } : { name, id, country };
  }
  const out = key.startsWith('c:out:');
  const location = key.slice(out ? 6 : 5);
  const country = seenOn?.locationCountry;
  const name = out ? 'Cash out' : 'Cash in';
  const id = location === '' ? 'location not given' : location;
  return country === undefined ? { name, id } : { name, id, country };
}
