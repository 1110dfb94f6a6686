import { createFxTable, scan, type Alert, type FxRate, type Transaction } from '../../src/index.js';
import { ingestTransactions, readGoamlAccounts, readGoamlParties } from '../../src/ingest/index.js';
import type { GoamlAccount, GoamlParty } from '../../src/goaml/kyc.js';

/** The bundled sample bank (examples/data, MYR) and its alerts. */
export async function sampleBank(): Promise<{
  transactions: Map<string, Transaction>; accounts: Map<string, GoamlAccount>; parties: Map<string, GoamlParty>; alerts: Alert[];
}> {
  const transactions = new Map<string, Transaction>();
  await ingestTransactions('examples/data/transactions.csv', {}, (b) => {
    for (const t of b.transactions) transactions.set(t.id, t);
  });
  const { accounts } = await readGoamlAccounts('examples/data/accounts.csv');
  const { parties } = await readGoamlParties('examples/data/parties.csv');
  const { alerts } = scan([...transactions.values()], { jurisdiction: 'MY', accounts: accounts.values(), parties: parties.values() });
  return { transactions, accounts, parties, alerts: [...alerts] };
}

/** MYR → IDR and MYR → LKR every five days over the sample bank's quarter (exact decimals). */
export function sampleFx(): ReturnType<typeof createFxTable> {
  const rates: FxRate[] = [];
  for (let day = Date.UTC(2024, 8, 25); day < Date.UTC(2025, 0, 10); day += 5 * 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    rates.push({ from: 'MYR', to: 'IDR', date, rate: '3512.5' }, { from: 'MYR', to: 'LKR', date, rate: '67.25' });
  }
  return createFxTable(rates);
}

/** A minimal alert whose one hit cites the given transactions. */
export function alertOn(transactionIds: readonly string[], indicators: readonly string[] = ['MS-STR-01'], entity = 'A1'): Alert {
  return {
    schema: 'tidewatch/alert@1',
    id: `alert-${entity}`,
    entity: { kind: 'account', id: entity },
    score: 66,
    band: 'medium',
    typologies: [{ id: 'structuring', score: 66 }],
    contributions: [{ rule: 'near_threshold_cash', typology: 'structuring', weight: 45, strength: 1, points: 66 }],
    hits: [{
      rule: 'near_threshold_cash', indicators: [...indicators], strength: 1,
      window: { from: '2025-03-01T00:00:00.000Z', to: '2025-03-02T00:00:00.000Z' },
      transactionIds: [...transactionIds], transactionCount: transactionIds.length,
      reason: 'Possible structuring pattern: 2 cash deposits just under the threshold.', facts: { count: 2, totalMinor: 1_900_000, unitAvoiding: true },
    }],
    firstSeen: '2025-03-01T00:00:00.000Z',
    lastSeen: '2025-03-02T00:00:00.000Z',
    engine: { version: '0.1.0', config: 'test', jurisdiction: 'ID' },
  };
}
