/**
 * 09 · Integrators — read a bank's own CSV layout through a column mapping.
 *
 *   npx tsx examples/09-map-csv-layout.ts [work-folder]          # default .tmp/examples/09
 *
 * Core banking exports rarely use tidewatch's column names. This example writes the demo bank
 * in such a layout — its own column names, local day-first times without an offset, type codes
 * instead of kinds, branch codes to prefix — then reads it back through a mapping (renames,
 * constants and a fixed set of transforms; no expressions are evaluated) and checks that the
 * scan gives exactly the alerts of the canonical file. The same mapping as a JSON file is what
 * `tidewatch scan export.csv --mapping bank-mapping.json` takes; `tidewatch validate` reports
 * every row the mapping leaves invalid. docs/mappings.md lists every transform.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAmount, scan, type Transaction } from 'tidewatch';
import { ingestTransactions, type ColumnMapping } from 'tidewatch/ingest';
import { isMain, loadBank } from './load-bank.js';

/** How the (imaginary) core banking system names and codes things. */
const KIND_CODES = { cash_deposit: 'CSH-DEP', cash_withdrawal: 'CSH-WDL', transfer: 'TRF' } as const;

/** The mapping from that layout to tidewatch's columns. */
export const BANK_MAPPING: ColumnMapping = {
  description: 'Core banking export: day-first local times (Asia/Kuala_Lumpur), type codes, branch codes without the bank prefix.',
  columns: {
    id: 'TxnRef', amount: 'Amt', currency: 'Ccy', channel: 'Chnl',
    from_account: 'DrAcct', from_name: 'DrName', from_country: 'DrCtry', from_institution: 'DrBank',
    to_account: 'CrAcct', to_name: 'CrName', to_country: 'CrCtry', to_institution: 'CrBank',
    conductor: 'Depositor', location_country: 'BranchCtry', reference: 'Narrative',
  },
  transforms: {
    timestamp: { op: 'date_format', from: 'PostedAt', pattern: 'dd/MM/yyyy HH:mm:ss', zone: 'Asia/Kuala_Lumpur' },
    kind: { op: 'map', from: 'TxnType', values: { 'CSH-DEP': 'cash_deposit', 'CSH-WDL': 'cash_withdrawal', TRF: 'transfer' } },
    location: { op: 'prefix', from: 'Branch', value: 'TDWB-' },
  },
};

const HEADER = ['TxnRef', 'PostedAt', 'Amt', 'Ccy', 'TxnType', 'Chnl', 'DrAcct', 'DrName', 'DrCtry', 'DrBank', 'CrAcct', 'CrName', 'CrCtry', 'CrBank', 'Depositor', 'Branch', 'BranchCtry', 'Narrative'];

/** Writes the demo bank in the bank's layout, reads it through the mapping, compares the scans. */
export async function main(workDir = join('.tmp', 'examples', '09'), out: (line: string) => void = console.log): Promise<{ read: number; accepted: number; rejected: number; sameAlerts: boolean }> {
  const bank = await loadBank();
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, 'bank-export.csv');
  writeFileSync(file, [HEADER.join(','), ...bank.transactions.map(toBankRow)].join('\n') + '\n');
  writeFileSync(join(workDir, 'bank-mapping.json'), `${JSON.stringify(BANK_MAPPING, null, 2)}\n`);
  out(`wrote ${file}; first row: ${toBankRow(bank.transactions[0] as Transaction)}`);

  const mapped: Transaction[] = [];
  const summary = await ingestTransactions(file, { mapping: BANK_MAPPING }, (batch) => mapped.push(...batch.transactions));
  out(`read ${summary.read}: ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.duplicates} duplicates`);

  const options = { jurisdiction: 'MY', accounts: [...bank.accounts.values()], parties: [...bank.parties.values()] };
  const viaMapping = scan(mapped, options).alerts;
  const canonical = scan(bank.transactions, options).alerts;
  const sameAlerts = JSON.stringify(viaMapping) === JSON.stringify(canonical);
  out(`alerts through the mapping: ${viaMapping.length}; from the canonical file: ${canonical.length}; identical: ${sameAlerts}`);
  return { read: summary.read, accepted: summary.accepted, rejected: summary.rejected, sameAlerts };
}

/** One transaction in the bank's layout (CSV-quoted where needed). */
function toBankRow(t: Transaction): string {
  const local = new Date(t.timestamp + 8 * 3_600_000).toISOString(); // Malaysia is UTC+8 all year
  const posted = `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 19)}`;
  const amount = formatAmount(t.amount, t.currency); // exact: minor units back to "9500.00"
  const cells = [
    t.id, posted, amount, t.currency, KIND_CODES[t.kind], t.channel,
    t.fromAccount, t.fromName, t.fromCountry, t.fromInstitution, t.toAccount, t.toName, t.toCountry, t.toInstitution,
    t.conductor, t.location?.replace(/^TDWB-/, ''), t.locationCountry, t.reference,
  ];
  return cells.map((c) => (c === undefined ? '' : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

if (isMain(import.meta.url)) await main(process.argv[2]);

/* Expected output (the bundled demo bank):
wrote .tmp/examples/09/bank-export.csv; first row: TX00000001,01/10/2024 03:27:30,50.00,MYR,TRF,online,MY0113938,Karthik Nair,MY,TDWBMYKL,MY7428313,Persatuan Kebajikan Harapan Pelarian,MY,TDWBMYKL,,,,sadaqah
read 5124: 5124 accepted, 0 rejected, 0 duplicates
alerts through the mapping: 30; from the canonical file: 30; identical: true
*/
