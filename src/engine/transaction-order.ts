import type { Transaction } from '../schema/transaction.js';

/** Orders transactions by time, then id: the one total order batch and stream share. */
export function compareTransactions(a: Transaction, b: Transaction): number {
  return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
