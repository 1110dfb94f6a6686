import type { Alert, AlertHit } from '../../src/scoring/alert.js';
import type { Transaction } from '../../src/schema/transaction.js';

const T0 = Date.UTC(2025, 2, 3, 1, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A transaction at `hours` after a fixed origin (minor units, MYR). */
export function tx(id: string, hours: number, amount: number, fields: Partial<Transaction>): Transaction {
  return { id, timestamp: T0 + hours * 3_600_000, amount, currency: 'MYR', kind: 'transfer', ...fields };
}

/** A hit citing `txs`, its window spanning them. */
export function hit(rule: string, txs: readonly Transaction[], extra: Partial<AlertHit> = {}): AlertHit {
  const times = txs.map((t) => t.timestamp);
  const lo = times.reduce((m, t) => Math.min(m, t), T0);
  const hi = times.reduce((m, t) => Math.max(m, t), T0);
  return {
    rule,
    indicators: ['MS-TEST-01'],
    strength: 0.8,
    window: { from: iso(lo), to: iso(hi) },
    transactionIds: txs.map((t) => t.id),
    transactionCount: Math.max(1, txs.length),
    reason: `Possible ${rule} pattern.`,
    facts: { count: txs.length },
    ...extra,
  };
}

/** A valid alert@1 alert; contributions add up to `score` unless given. */
export function alert(entity: Alert['entity'], hits: readonly AlertHit[], extra: Partial<Alert> = {}): Alert {
  const score = extra.score ?? 60;
  return {
    schema: 'tidewatch/alert@1',
    id: `id-${entity.kind}-${entity.id}`,
    entity,
    score,
    band: score >= 90 ? 'critical' : score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low',
    typologies: [{ id: 'smuggling_collection', score }],
    contributions: [
      { rule: hits[0]?.rule ?? 'funnel_account', typology: 'smuggling_collection', weight: 60, strength: 0.8, points: score - 10 },
      { rule: 'round_amounts', typology: 'smuggling_collection', weight: 0.1, strength: 1, points: 10 },
    ],
    hits: [...hits],
    firstSeen: hits[0]?.window.from ?? iso(T0),
    lastSeen: hits[0]?.window.to ?? iso(T0),
    engine: { version: '0.1.0', config: 'cfg', jurisdiction: 'MY' },
    ...extra,
  };
}

/** A collector `HUB` paid by `n` senders (S1…Sn, S1 largest), paying out to three recipients; the first `evidence` senders are cited. */
export function hub(n: number, evidence = 5): { transactions: Transaction[]; alert: Alert } {
  const transactions: Transaction[] = [];
  for (let i = 1; i <= n; i++) transactions.push(tx(`IN${i}`, i / 10, 100_000 + (n - i) * 100, { fromAccount: `S${i}`, fromName: `Sender ${i}`, fromCountry: 'BD', toAccount: 'HUB', toName: 'Hub Holder' }));
  for (let i = 1; i <= 3; i++) transactions.push(tx(`OUT${i}`, 60 + i, 5_000_000, { fromAccount: 'HUB', toAccount: `R${i}`, toName: `Recipient ${i}`, toCountry: 'ID' }));
  const cited = [...transactions.slice(n - evidence, n), ...transactions.slice(n)];
  return { transactions, alert: alert({ kind: 'account', id: 'HUB' }, [hit('funnel_account', cited)]) };
}
