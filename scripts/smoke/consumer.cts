// Type-checked (never run) in the scratch project with module nodenext. A .cts file is CommonJS,
// so these imports resolve the "require" conditions (dist/*.d.cts).
import { parseAmount, parseTransaction, type Transaction } from 'tidewatch';
import ingest = require('tidewatch/ingest');

const amount = parseAmount('9500.10', 'USD');
export const minor: number | undefined = amount.ok ? amount.minor : undefined;

const parsed = parseTransaction({ id: 'T1', timestamp: '2025-03-01T09:30:00Z', amount: '1.00', currency: 'USD', kind: 'cash_deposit' });
if (parsed.ok) {
  const tx: Transaction = parsed.value;
  // @ts-expect-error amount is a number; an unused directive here means the types resolved to `any`.
  const wrong: string = tx.amount;
  void wrong;
}

type IngestExport = keyof typeof ingest;
export const ingestHasExports: [IngestExport] extends [never] ? 'tidewatch/ingest has no typed exports' : true = true;
