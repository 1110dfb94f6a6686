/**
 * Loads a scenario directory (transactions.csv, accounts.csv, parties.csv, labels.csv) for the
 * evaluation scripts.
 *
 * Transactions, accounts and parties are read with the library's own readers (`tidewatch/ingest`:
 * `ingestTransactions`, `readAccounts`, `readParties`); labels with a local CSV parse. A local
 * reader (`checkTransactionRecord` row by row) is kept for `{ local: true }`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTransactionRecord, type Transaction } from '../../src/index.js';
import type { Account, AccountType, Party } from '../../src/schema/reference-data.js';
import { ingestTransactions, readAccounts as ingestAccounts, readParties as ingestParties } from '../../src/ingest/index.js';
import { parseCsvRecords } from './csv.js';

export interface LabelRow {
  readonly account: string;
  readonly label: 0 | 1;
  readonly typology: string;
  readonly role: string;
  readonly caseId: string;
}

export interface LoadedScenario {
  readonly transactions: Transaction[];
  readonly rejected: Array<{ row: number; issues: string }>;
  readonly accounts: Account[];
  readonly parties: Party[];
  readonly labels: Map<string, LabelRow>;
  readonly manifest?: { options?: { jurisdiction?: string } };
  readonly reader: 'tidewatch/ingest' | 'local';
}

const ACCOUNT_TYPES = new Set(['personal', 'business', 'msb', 'ngo', 'government']);

export function readAccounts(text: string): Account[] {
  return parseCsvRecords(text).map((r) => {
    const a: { -readonly [K in keyof Account]?: Account[K] } = { account: r.account as string };
    if (r.party !== undefined) a.party = r.party;
    if (r.type !== undefined && ACCOUNT_TYPES.has(r.type)) a.type = r.type as AccountType;
    if (r.opened_at !== undefined) {
      const ms = Date.parse(r.opened_at);
      if (Number.isFinite(ms)) a.openedAt = ms;
    }
    if (r.institution !== undefined) a.institution = r.institution;
    if (r.country !== undefined) a.country = r.country;
    return a as Account;
  });
}

export function readParties(text: string): Party[] {
  return parseCsvRecords(text).map((r) => {
    const p: { -readonly [K in keyof Party]?: Party[K] } = { party: r.party as string };
    for (const [col, key] of [['name', 'name'], ['country', 'country'], ['phone', 'phone'], ['address', 'address'], ['document', 'document'], ['occupation', 'occupation'], ['declared_monthly_income', 'declaredMonthlyIncome']] as const) {
      const v = r[col];
      if (v !== undefined) (p as Record<string, string>)[key] = v;
    }
    return p as Party;
  });
}

export function readLabels(text: string): Map<string, LabelRow> {
  const out = new Map<string, LabelRow>();
  for (const r of parseCsvRecords(text)) {
    out.set(r.account as string, { account: r.account as string, label: r.label === '1' ? 1 : 0, typology: r.typology ?? '', role: r.role ?? '', caseId: r.case_id ?? '' });
  }
  return out;
}

export function readTransactionsLocal(text: string): { transactions: Transaction[]; rejected: Array<{ row: number; issues: string }> } {
  const transactions: Transaction[] = [];
  const rejected: Array<{ row: number; issues: string }> = [];
  parseCsvRecords(text).forEach((rec, i) => {
    const r = checkTransactionRecord(rec);
    if (r.ok) transactions.push(r.value);
    else rejected.push({ row: i + 2, issues: r.issues.map((x) => `${x.field}:${x.code}`).join(' ') });
  });
  return { transactions, rejected };
}

/** Transactions through the library's streaming reader (`tidewatch/ingest`). */
async function readTransactions(path: string): Promise<{ transactions: Transaction[]; rejected: Array<{ row: number; issues: string }>; reader: 'tidewatch/ingest' | 'local' }> {
  const transactions: Transaction[] = [];
  const summary = await ingestTransactions(path, {}, (b) => { for (const t of b.transactions) transactions.push(t); });
  const byRow = new Map<number, string[]>();
  for (const i of summary.issues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), `${i.field}:${i.code}`]);
  return { transactions, rejected: [...byRow].map(([row, issues]) => ({ row, issues: issues.join(' ') })), reader: 'tidewatch/ingest' };
}

export async function loadScenario(dir: string, options: { local?: boolean } = {}): Promise<LoadedScenario> {
  const opt = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  const tx = options.local === true ? { ...readTransactionsLocal(opt('transactions.csv')), reader: 'local' as const } : await readTransactions(join(dir, 'transactions.csv'));
  const manifestText = opt('manifest.json');
  const accounts = options.local === true || !existsSync(join(dir, 'accounts.csv')) ? readAccounts(opt('accounts.csv')) : [...(await ingestAccounts(join(dir, 'accounts.csv'))).accounts.values()];
  const parties = options.local === true || !existsSync(join(dir, 'parties.csv')) ? readParties(opt('parties.csv')) : [...(await ingestParties(join(dir, 'parties.csv'))).parties.values()];
  return {
    transactions: tx.transactions,
    rejected: tx.rejected,
    accounts,
    parties,
    labels: readLabels(opt('labels.csv')),
    ...(manifestText === '' ? {} : { manifest: JSON.parse(manifestText) as { options?: { jurisdiction?: string } } }),
    reader: tx.reader,
  };
}
