import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadEngineOptions } from '../../src/cli/engine-inputs.js';
import { compareAlerts } from '../../src/engine/build-alert.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import { resolveConfig, type EngineConfig } from '../../src/engine/config.js';
import { reportedNetworkAlerts } from '../../src/engine/network.js';
import { scan } from '../../src/engine/scan.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import { createPartitionMonitor, type PartitionCheckpoint } from '../../src/nats/partition-monitor.js';
import { createRouter } from '../../src/engine/route.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { Alert } from '../../src/scoring/alert.js';

const inputs = { jurisdiction: 'MY', accounts: 'examples/data/accounts.csv', parties: 'examples/data/parties.csv' };

async function rows(file: string): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await ingestTransactions(file, {}, (b) => { for (const t of b.transactions) txs.push(t); });
  return txs;
}

/** Routes `txs` (in order) to `count` partition monitors, checkpointing and restoring each every `every` positions, and merges as the network stage and collect do. */
function routed(config: EngineConfig, txs: readonly Transaction[], count: number, every: number): { alerts: Alert[]; ticks: number; evicted: number; copies: number } {
  const router = createRouter(config, count);
  const inbox: Transaction[][] = Array.from({ length: count }, () => []);
  let ticks = 0;
  let copies = 0;
  for (const tx of txs) {
    const r = router.route(tx);
    if ('rejection' in r) throw new Error(r.rejection.message);
    if (r.tick) ticks++;
    for (const p of r.partitions) {
      inbox[p]?.push(tx);
      copies++;
    }
  }
  const alerts: Alert[] = [];
  const candidates: Alert[] = [];
  let evicted = 0;
  for (let index = 0; index < count; index++) {
    let m = createPartitionMonitor(config, { index, count });
    for (const tx of inbox[index] ?? []) {
      const step = m.apply(tx);
      evicted += step.alerts.length;
      alerts.push(...step.alerts);
      if (m.next() % every === 0) {
        const saved = JSON.parse(JSON.stringify(m.checkpoint({ sequence: m.next() }))) as PartitionCheckpoint;
        m = createPartitionMonitor(config, { index, count }, { checkpoint: saved });
      }
    }
    const end = m.finish();
    alerts.push(...end.alerts);
    candidates.push(...end.candidates);
  }
  for (const a of reportedNetworkAlerts(candidates, config, config.minScore)) alerts.push(a);
  return { alerts: alerts.sort(compareAlerts), ticks, evicted, copies };
}

describe('routing to partitions (no broker): the partition monitors merged equal scan()', async () => {
  const demo = (await rows('examples/data/transactions.csv')).sort(compareTransactions);
  const options = await loadEngineOptions(inputs);
  const config = resolveConfig(options);

  test('the demo bank on 3 partitions, each restored from a JSON checkpoint every 1,500 positions: entity and network alerts', () => {
    const whole = scan(demo, options);
    expect(whole.alerts.some((a) => a.entity.kind === 'network')).toBe(true);
    const r = routed(config, demo, 3, 1500);
    expect(JSON.stringify(r.alerts)).toBe(JSON.stringify(whole.alerts));
    // Routed, not broadcast: each transaction reaches the partitions of its entities (≤ 3), not all.
    expect(r.copies).toBeLessThan(demo.length * 2);
  });

  test('16 months on 300 sparse partitions: the routed sweep clock keeps evictions where one engine has them', async () => {
    // Without the sweep transactions sent to every partition this case differs (an entity of a
    // quiet partition would be evicted at its partition's next transaction instead of the shared sweep).
    const dir = mkdtempSync(join(tmpdir(), 'tidewatch-route-'));
    try {
      const { generate } = (await import('../../bench/generate.mjs' as string)) as { generate: (o: object) => Promise<unknown> };
      await generate({ rows: 6000, accounts: 1500, days: 400, out: join(dir, 'g.csv') });
      const txs = [...demo, ...(await rows(join(dir, 'g.csv')))].sort(compareTransactions);
      const whole = scan(txs, options);
      const r = routed(config, txs, 300, 1_000_000);
      expect(r.ticks).toBeGreaterThanOrEqual(5);
      expect(r.evicted).toBeGreaterThan(0);
      expect(JSON.stringify(r.alerts)).toBe(JSON.stringify(whole.alerts));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a checkpoint of another partition or configuration is refused', () => {
    const saved = createPartitionMonitor(config, { index: 0, count: 2 }).checkpoint();
    expect(() => createPartitionMonitor(config, { index: 1, count: 2 }, { checkpoint: saved })).toThrow(/partition 0\/2, not 1\/2/);
    expect(() => createPartitionMonitor(resolveConfig({ ...options, minScore: 1 }), { index: 0, count: 2 }, { checkpoint: saved })).toThrow(/config hash differs/);
  });
});
