/**
 * Splits one generated bank into two banks, for trying `tidewatch share` and `tidewatch match`:
 *
 *   npx tsx examples/split-bank.ts examples/data /tmp/banks
 *
 * The reporting bank's own accounts (accounts.csv, institution of the most accounts) are dealt
 * to bank A or bank B by the last digit of the account number (even → A, odd → B); each bank
 * keeps the transactions that touch one of its own accounts, the accounts.csv rows of its own
 * accounts and of the billers, the parties.csv rows of its own customers and of the walk-in
 * conductors of its cash, and the labels of the accounts it sees. A case whose collector banks
 * with A and whose payers bank with B is then seen, in part, by both — as when a collector in one
 * country is paid from another. Writes <out>/bank-a/ and <out>/bank-b/. Deterministic.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine, parseCsv } from './scenarios/csv.js';

const [dir, out] = process.argv.slice(2);
if (dir === undefined || out === undefined) {
  process.stderr.write('usage: npx tsx examples/split-bank.ts <scenario-dir> <out-dir>\n');
  process.exit(2);
}

const table = (name: string): { header: string[]; rows: string[][] } => {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, name), 'utf8')).filter((r) => r.length > 1 || (r[0] ?? '') !== '');
  return { header: header ?? [], rows };
};
const col = (t: { header: string[] }, name: string): number => t.header.indexOf(name);

const accounts = table('accounts.csv');
const parties = table('parties.csv');
const transactions = table('transactions.csv');
const labels = table('labels.csv');

const institutions = new Map<string, number>();
for (const r of accounts.rows) institutions.set(r[col(accounts, 'institution')] ?? '', (institutions.get(r[col(accounts, 'institution')] ?? '') ?? 0) + 1);
const home = [...institutions].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const bankOf = (account: string): 'a' | 'b' => (Number(account.replace(/\D/g, '').slice(-1) || '0') % 2 === 0 ? 'a' : 'b');
const own = new Map<string, 'a' | 'b'>();
for (const r of accounts.rows) if (r[col(accounts, 'institution')] === home) own.set(r[col(accounts, 'account')] as string, bankOf(r[col(accounts, 'account')] as string));

for (const bank of ['a', 'b'] as const) {
  const mine = (account: string | undefined): boolean => account !== undefined && own.get(account) === bank;
  const txs = transactions.rows.filter((r) => mine(r[col(transactions, 'from_account')]) || mine(r[col(transactions, 'to_account')]));
  const seen = new Set<string>();
  const conductors = new Set<string>();
  for (const r of txs) {
    seen.add(r[col(transactions, 'from_account')] ?? '');
    seen.add(r[col(transactions, 'to_account')] ?? '');
    conductors.add(r[col(transactions, 'conductor')] ?? '');
  }
  const acc = accounts.rows.filter((r) => mine(r[col(accounts, 'account')]) || r[col(accounts, 'institution')] !== home);
  const holders = new Set(acc.map((r) => r[col(accounts, 'party')] ?? ''));
  const pty = parties.rows.filter((r) => holders.has(r[col(parties, 'party')] ?? '') || conductors.has(r[col(parties, 'party')] ?? ''));
  const lab = labels.rows.filter((r) => seen.has(r[col(labels, 'account')] ?? ''));
  const target = join(out, `bank-${bank}`);
  mkdirSync(target, { recursive: true });
  const write = (name: string, t: { header: string[] }, rows: string[][]): void => {
    writeFileSync(join(target, name), [csvLine(t.header), ...rows.map((r) => csvLine(r))].join('\n') + '\n');
  };
  write('transactions.csv', transactions, txs);
  write('accounts.csv', accounts, acc);
  write('parties.csv', parties, pty);
  write('labels.csv', labels, lab);
  process.stderr.write(`bank ${bank}: ${txs.length} transactions, ${acc.length} accounts, ${pty.length} parties, ${lab.length} labelled accounts -> ${target}\n`);
}
