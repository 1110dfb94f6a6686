/**
 * Shared by the numbered examples: reads a bank export (transactions.csv, accounts.csv,
 * parties.csv) with `tidewatch/ingest`, exactly as `03-api-scan.ts` shows step by step.
 * Defaults to the bundled demo bank in examples/data.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Account, Party, Transaction } from 'tidewatch';
import { ingestTransactions, readAccounts, readParties, type IngestSummary } from 'tidewatch/ingest';

/** The bundled demo bank: a synthetic Malaysian bank, 1 Oct – 29 Dec 2024 (examples/data/README.md). */
export const DEMO_BANK: string = fileURLToPath(new URL('./data', import.meta.url));

/** A bank export read into memory. */
export interface Bank {
  readonly transactions: Transaction[];
  readonly accounts: Map<string, Account>;
  readonly parties: Map<string, Party>;
  readonly summary: IngestSummary;
}

/** Reads `transactions.csv`, `accounts.csv` and `parties.csv` from a folder. */
export async function loadBank(dir: string = DEMO_BANK): Promise<Bank> {
  const transactions: Transaction[] = [];
  const summary = await ingestTransactions(join(dir, 'transactions.csv'), {}, (batch) => {
    for (const tx of batch.transactions) transactions.push(tx);
  });
  const { accounts } = await readAccounts(join(dir, 'accounts.csv'));
  const { parties } = await readParties(join(dir, 'parties.csv'));
  return { transactions, accounts, parties, summary };
}

/** True when the module is the script node/tsx was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
