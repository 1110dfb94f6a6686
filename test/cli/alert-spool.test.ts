import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { alertChunks } from '../../src/cli/alert-chunks.js';
import { alertsOf } from '../../src/cli/alert-list.js';
import { openAlertSpool } from '../../src/cli/alert-spool.js';
import { compareAlerts } from '../../src/engine/build-alert.js';
import { createSpillDir, removeSpillDir } from '../../src/ingest/spill-runs.js';
import { scan } from '../../src/index.js';
import type { Alert } from '../../src/scoring/alert.js';
import { loadScenario } from '../../examples/scenarios/load.js';

const bank = loadScenario('examples/data');

/** A copy of a real alert with another score, entity and id: the spool must order them as compareAlerts does. */
function variant(base: Alert, score: number, kind: Alert['entity']['kind'], entity: string, id: string): Alert {
  return { ...base, score, band: score >= 90 ? 'critical' : score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low', entity: { kind, id: entity }, id };
}

describe('alert spool: the rounds\u2019 final alerts wait on disk until they are written', () => {
  test('the demo bank\u2019s alerts added in partition-like pieces read back in output order, byte for byte, from a private file', async () => {
    const s = await bank;
    const { alerts } = scan(s.transactions, { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties, minScore: 0 });
    expect(alerts.length).toBeGreaterThan(50);
    const dir = createSpillDir();
    try {
      const spool = openAlertSpool(dir);
      // Added out of order, in three pieces (as partitions and the network stage hand them on).
      spool.add(alerts.filter((_, i) => i % 3 === 2));
      spool.add(alerts.filter((_, i) => i % 3 === 0).reverse());
      spool.add(alerts.filter((_, i) => i % 3 === 1));
      const list = spool.list();
      expect(list.length).toBe(alerts.length);
      expect(list.high).toBe(alerts.filter((a) => a.band === 'high' || a.band === 'critical').length);
      expect(list.high).toBeGreaterThan(0);
      expect(JSON.stringify(alertsOf(list))).toBe(JSON.stringify(alerts));
      expect(alertsOf(list, 5)).toEqual(alerts.slice(0, 5));
      for (const i of [0, 1, alerts.length - 1]) expect(list.json(i)).toBe(JSON.stringify(alerts[i]));
      expect([...alertChunks('ndjson', list)].join('')).toBe([...alertChunks('ndjson', alerts)].join(''));
      expect([...alertChunks('json', list, 4)].join('')).toBe(`${JSON.stringify(alerts.slice(0, 4), null, 2)}\n`);
      const [name] = readdirSync(dir.path);
      expect(statSync(join(dir.path, name as string)).mode & 0o777).toBe(0o600);
      expect(() => list.json(alerts.length)).toThrow(RangeError);
      spool.close();
      spool.close();
      expect(() => list.json(0)).toThrow(/closed/);
      expect(() => spool.add(alerts)).toThrow(/closed/);
    } finally {
      removeSpillDir(dir);
    }
  });

  test('any alerts in any pieces come back in compareAlerts order (ties on score broken by kind, entity, id)', async () => {
    const s = await bank;
    const [base] = scan(s.transactions, { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties }).alerts;
    const key = fc.record({
      score: fc.constantFrom(0, 39, 40, 70, 90, 100),
      kind: fc.constantFrom<Alert['entity']['kind']>('account', 'party', 'network'),
      entity: fc.constantFrom('A', 'B', 'a', 'Ä', 'AB', ''),
    });
    let tiedOnScore = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 4 }), (keys, cuts) => {
        runs++;
        const alerts = keys.map((k, i) => variant(base as Alert, k.score, k.kind, k.entity, `alert-${i}-\u00e9`));
        const expected = [...alerts].sort(compareAlerts);
        if (expected.some((a, i) => i > 0 && (expected[i - 1] as Alert).score === a.score)) tiedOnScore++;
        const dir = createSpillDir();
        try {
          const spool = openAlertSpool(dir);
          let from = 0;
          for (const cut of [...cuts].sort((x, y) => x - y)) {
            spool.add(alerts.slice(from, Math.max(from, cut)));
            from = Math.max(from, cut);
          }
          spool.add(alerts.slice(from));
          const list = spool.list();
          expect(alertsOf(list).map((a) => a.id)).toEqual(expected.map((a) => a.id));
          spool.close();
        } finally {
          removeSpillDir(dir);
        }
      }),
      { numRuns: 150, seed: 34 },
    );
    // The property is about ties: most generated inputs must have alerts of equal score.
    expect(tiedOnScore).toBeGreaterThan(runs / 2);
  });
});
