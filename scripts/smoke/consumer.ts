// Type-checked (never run) in the scratch project with module/moduleResolution nodenext. The
// scratch package.json has "type": "module", so this file resolves the "import" conditions
// (dist/*.d.ts). Only long-stable names are used here; test/package/types.test-d.ts goes deeper.
import { parseAmount, parseInstant, parseTransaction, type Transaction } from 'tidewatch';
import * as ingest from 'tidewatch/ingest';

const amount = parseAmount('9500.10', 'USD');
if (amount.ok) {
  const minor: number = amount.minor;
  void minor;
} else {
  const message: string = amount.message;
  void message;
}

const instant = parseInstant('2025-03-01T09:30:00Z');
export const ms: number | undefined = instant.ok ? instant.ms : undefined;

const parsed = parseTransaction({ id: 'T1', timestamp: '2025-03-01T09:30:00Z', amount: '1.00', currency: 'USD', kind: 'cash_deposit' });
if (parsed.ok) {
  const tx: Transaction = parsed.value;
  const minor: number = tx.amount;
  // @ts-expect-error amount is a number; an unused directive here means the types resolved to `any`.
  const wrong: string = tx.amount;
  void minor, wrong;
}

// 'tidewatch/ingest' must have typed exports of its own.
type IngestExport = keyof typeof ingest;
export const ingestHasExports: [IngestExport] extends [never] ? 'tidewatch/ingest has no typed exports' : true = true;
