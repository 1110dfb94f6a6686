import { describe, expect, test } from 'vitest';
import { loadEngineOptions } from '../../src/cli/engine-inputs.js';
import { compareAlerts } from '../../src/engine/build-alert.js';
import { compareTransactions, resolveConfig } from '../../src/engine/core.js';
import { networkAlerts } from '../../src/engine/network.js';
import { scan } from '../../src/engine/scan.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import { createPartitionMonitor, type PartitionCheckpoint } from '../../src/nats/partition-monitor.js';
import { createRouter } from '../../src/nats/route.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { Alert } from '../../src/scoring/alert.js';

const inputs = { jurisdiction: 'MY', accounts: 'examples/data/accounts.csv', parties: 'examples/data/parties.csv' };

async function demoRows(): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await ingestTransactions('examples/data/transactions.csv', {}, (b) => { for (const t of b.transactions) txs.push(t); });
  return txs.sort(compareTransactions);
}

describe('routing to partitions (no broker): the partitions merged equal scan()', async () => {
  const txs = await demoRows();
  const options = await loadEngineOptions(inputs);
  const config = resolveConfig(options);
  const whole = scan(txs, options);

  test.each([1, 2, 4, 7])('%i partitions, each restored from a JSON checkpoint every 700 transactions', (count) => {
    expect(whole.alerts.some((a) => a.entity.kind === 'network')).toBe(true);
    const router = createRouter(config, count);
    const inbox: Transaction[][] = Array.from({ length: count }, () => []);
    let ticks = 0;
    let routed = 0;
    for (const tx of txs) {
      const r = router.route(tx);
      if ('rejection' in r) throw new Error(r.rejection.message);
      if (r.tick) ticks++;
      for (const p of r.partitions) {
        inbox[p]?.push(tx);
        routed++;
      }
    }
    // Routing, not broadcasting: far fewer copies than count × rows once there are several partitions.
    if (count > 1) expect(routed).toBeLessThan(txs.length * Math.min(count, 2.2));
    expect(ticks).toBeGreaterThan(0);
    const alerts: Alert[] = [];
    const candidates: Alert[] = [];
    for (let index = 0; index < count; index++) {
      let m = createPartitionMonitor(config, { index, count });
      for (const tx of inbox[index] ?? []) {
        for (const a of m.apply(tx).alerts) alerts.push(a);
        if (m.next() % 700 === 0) {
          const saved = JSON.parse(JSON.stringify(m.checkpoint({ sequence: m.next() }))) as PartitionCheckpoint;
          m = createPartitionMonitor(config, { index, count }, { checkpoint: saved });
        }
      }
      const end = m.finish();
      alerts.push(...end.alerts);
      candidates.push(...end.candidates);
    }
    for (const a of networkAlerts(candidates, config)) if (a.score >= config.minScore) alerts.push(a);
    alerts.sort(compareAlerts);
    expect(JSON.stringify(alerts)).toBe(JSON.stringify(whole.alerts));
  });

  test('a checkpoint of another partition or configuration is refused', () => {
    const m = createPartitionMonitor(config, { index: 0, count: 2 });
    const saved = m.checkpoint();
    expect(() => createPartitionMonitor(config, { index: 1, count: 2 }, { checkpoint: saved })).toThrow(/partition 0\/2, not 1\/2/);
    const other = resolveConfig({ ...options, minScore: 1 });
    expect(() => createPartitionMonitor(other, { index: 0, count: 2 }, { checkpoint: saved })).toThrow(/config hash differs/);
  });
});
