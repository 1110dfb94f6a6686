/**
 * 05 · Analysts — look into one account: its alerts, who paid it, whom it paid, and when.
 *
 *   npx tsx examples/05-investigate-account.ts [account]        # default MY7550985
 *
 * Prints the account's holder, every alert that names it (its own, its party's, networks it is
 * a member of) with their leading reasons, its counterparties on each side by total, and a
 * day-by-day timeline of money in and out, dates in the jurisdiction's time zone. The HTML
 * report (04) draws the same as a graph and a timeline; this is the raw material behind them.
 * Amounts are summed as written: the demo bank is all MYR (convert others with an FX table: docs/jurisdictions-and-fx.md).
 */
import { formatMoney, jurisdiction, localDay, scan, type Transaction } from 'tidewatch';
import { isMain, loadBank } from './load-bank.js';

interface Side { name: string; count: number; total: number }

/** Investigates one account of the demo bank. */
export async function main(account = 'MY7550985', out: (line: string) => void = console.log): Promise<{
  holder: string | undefined; alerts: string[]; senders: number; recipients: number; days: number; inflow: number; outflow: number;
}> {
  const bank = await loadBank();
  const profile = jurisdiction('MY');
  const money = (minor: number): string => formatMoney(minor, profile.currency);
  const holderParty = bank.accounts.get(account)?.party;
  const holder = holderParty === undefined ? undefined : bank.parties.get(holderParty)?.name;
  out(`account ${account}${holder === undefined ? '' : ` held by ${holder} (${holderParty})`}, opened ${opened(bank.accounts.get(account)?.openedAt)}`);

  // Alerts about it: its own, its holder's, and networks it is a member of.
  const { alerts } = scan(bank.transactions, { jurisdiction: profile, accounts: bank.accounts.values(), parties: bank.parties.values() });
  const mine = alerts.filter((a) =>
    (a.entity.kind === 'account' && a.entity.id === account) ||
    (a.entity.kind === 'party' && a.entity.id === holderParty) ||
    (a.members ?? []).some((m) => (m.kind === 'account' && m.id === account) || (m.kind === 'party' && m.id === holderParty)));
  for (const a of mine) out(`alert ${a.id}  ${a.score} ${a.band}  ${a.entity.kind} ${a.entity.id}: ${a.hits[0]?.reason ?? ''}`);

  // Its flows: every transaction where it is on either side.
  const txs = bank.transactions.filter((t) => t.fromAccount === account || t.toAccount === account);
  const senders = new Map<string, Side>();
  const recipients = new Map<string, Side>();
  const byDay = new Map<number, { in: number; out: number; n: number }>();
  for (const t of txs) {
    const incoming = t.toAccount === account;
    const other = incoming ? sideKey(t, 'from') : sideKey(t, 'to');
    const sides = incoming ? senders : recipients;
    const s = sides.get(other.key) ?? { name: other.name, count: 0, total: 0 };
    s.count++;
    s.total += t.amount;
    sides.set(other.key, s);
    const day = localDay(profile, t.timestamp);
    const d = byDay.get(day) ?? { in: 0, out: 0, n: 0 };
    if (incoming) d.in += t.amount; else d.out += t.amount;
    d.n++;
    byDay.set(day, d);
  }
  const top = (m: Map<string, Side>): string[] =>
    [...m.entries()].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1)).slice(0, 8)
      .map(([key, s]) => `  ${key.padEnd(16)} ${s.name.padEnd(28)} ${String(s.count).padStart(3)} × ${money(s.total)}`);
  const inflow = [...senders.values()].reduce((s, x) => s + x.total, 0);
  const outflow = [...recipients.values()].reduce((s, x) => s + x.total, 0);
  out(`paid in by ${senders.size} counterparties (cash counts as one), ${money(inflow)}, largest first:`);
  for (const line of top(senders)) out(line);
  out(`paid out to ${recipients.size} counterparties, ${money(outflow)}:`);
  for (const line of top(recipients)) out(line);
  out(`timeline (${profile.timeZone}): day, transactions, in, out`);
  for (const [day, d] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    out(`  ${new Date(day * 86_400_000).toISOString().slice(0, 10)}  ${String(d.n).padStart(3)}  in ${money(d.in).padEnd(16)} out ${money(d.out)}`);
  }
  return { holder, alerts: mine.map((a) => a.id), senders: senders.size, recipients: recipients.size, days: byDay.size, inflow, outflow };
}

/** The other side of a transaction: its account (or `cash` / conductor for cash) and name. */
function sideKey(t: Transaction, side: 'from' | 'to'): { key: string; name: string } {
  const acct = side === 'from' ? t.fromAccount : t.toAccount;
  const name = side === 'from' ? t.fromName : t.toName;
  if (acct !== undefined) return { key: acct, name: name ?? '' };
  return { key: t.kind === 'cash_deposit' ? 'cash in' : 'cash out', name: t.conductor === undefined ? '' : `conductor ${t.conductor}` };
}

function opened(ms: number | undefined): string {
  return ms === undefined ? 'date unknown' : new Date(ms).toISOString().slice(0, 10);
}

if (isMain(import.meta.url)) await main(process.argv[2]);

/* Expected output (the bundled demo bank), beginning:
account MY7550985 held by Mohammad Anwar Rahman (P1360040), opened 2024-07-05
alert 1717e8b92b1481800a9d0aa8447  99 critical  account MY7550985: Possible fan-out pattern: MYR 115,459.22 paid in by 17 payments, …
alert 1488f8d3637bff9cf1ed8561b0e  40 medium  party P1360040: Possible structuring pattern: cash withdrawals at 3 different locations on the same day, …
paid in by 31 counterparties (cash counts as one), MYR 309,967.72, largest first:
  8737742908120728 SHAHNAZ AKTER                  8 × MYR 58,100.00
  …
paid out to 12 counterparties, MYR 261,710.50:
  cash out                                        7 × MYR 76,000.00
  1759286810       PT Wawasan Eastern Boat Services   2 × MYR 62,200.00
  …
timeline (Asia/Kuala_Lumpur): day, transactions, in, out
  2024-10-03    1  in MYR 2,189.20     out MYR 0.00
  …
  2024-10-21    8  in MYR 0.00         out MYR 102,140.00
  …
*/
