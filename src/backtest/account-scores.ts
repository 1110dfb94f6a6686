import type { Account } from '../schema/reference-data.js';
import type { Alert } from '../scoring/alert.js';

/**
 * Each account's score: the highest score of the alerts that name it — an account alert its
 * account, a party alert every account the party holds (from the accounts reference data), a
 * network alert every member account (party members: all their accounts). The mapping of
 * `examples/evaluate.ts`, so figures agree with it.
 * @param alerts alerts of one run, at any score
 * @param accounts the accounts reference data (for party → accounts)
 * @returns account id → highest mapped score
 * @category Backtest
 * @example const scores = accountScores(scan(txs, { jurisdiction: 'MY', minScore: 0 }).alerts, accounts);
 */
export function accountScores(alerts: Iterable<Alert>, accounts: Iterable<Account> = []): Map<string, number> {
  const accountsOfParty = new Map<string, string[]>();
  for (const a of accounts) {
    if (a.party === undefined) continue;
    const list = accountsOfParty.get(a.party);
    if (list === undefined) accountsOfParty.set(a.party, [a.account]);
    else list.push(a.account);
  }
  const scores = new Map<string, number>();
  const touch = (account: string, score: number): void => {
    if (score > (scores.get(account) ?? -1)) scores.set(account, score);
  };
  const touchRef = (kind: string, id: string, score: number): void => {
    if (kind === 'account') touch(id, score);
    else for (const account of accountsOfParty.get(id) ?? []) touch(account, score);
  };
  for (const alert of alerts) {
    if (alert.entity.kind === 'network') for (const m of alert.members ?? []) touchRef(m.kind, m.id, alert.score);
    else touchRef(alert.entity.kind, alert.entity.id, alert.score);
  }
  return scores;
}
