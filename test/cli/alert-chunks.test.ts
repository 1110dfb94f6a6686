import { describe, expect, test } from 'vitest';
import { alertChunks } from '../../src/cli/alert-chunks.js';
import { scan } from '../../src/index.js';
import type { Alert } from '../../src/scoring/alert.js';
import { loadScenario } from '../../examples/scenarios/load.js';

/** Alerts of the bundled sample data, repeated until their NDJSON passes several chunk sizes. */
let cached: Promise<Alert[]> | undefined;
const manyAlerts = (): Promise<Alert[]> => (cached ??= repeatedAlerts());
async function repeatedAlerts(): Promise<Alert[]> {
  const data = await loadScenario('examples/data');
  const { alerts } = await scan(data.transactions, { jurisdiction: 'MY', accounts: data.accounts, parties: data.parties });
  const out: Alert[] = [];
  while (out.reduce((n, a) => n + JSON.stringify(a).length, 0) < 3.5 * 2 ** 20) out.push(...alerts);
  return out;
}

describe('alertChunks', () => {
  test('NDJSON and JSON chunks join to exactly one JSON.stringify of the alerts, in pieces of about a megabyte', async () => {
    const alerts = await manyAlerts();
    const nd = [...alertChunks('ndjson', alerts)];
    const json = [...alertChunks('json', alerts)];
    expect(nd.length).toBeGreaterThanOrEqual(3);
    expect(json.length).toBeGreaterThanOrEqual(3);
    // A chunk is handed on once it reaches a megabyte: it overshoots by less than its last alert's text.
    const largest = Math.max(...alerts.map((a) => `  ${JSON.stringify(a, null, 2).replaceAll('\n', '\n  ')},\n`.length));
    for (const chunk of [...nd.slice(0, -1), ...json.slice(0, -1)]) expect(chunk.length).toBeLessThan(2 ** 20 + largest);
    expect(nd.join('')).toBe(alerts.map((a) => `${JSON.stringify(a)}\n`).join(''));
    expect(json.join('')).toBe(`${JSON.stringify(alerts, null, 2)}\n`);
  });

  test('no alerts and one alert', async () => {
    const [one] = await manyAlerts();
    expect([...alertChunks('ndjson', [])].join('')).toBe('');
    expect([...alertChunks('json', [])].join('')).toBe(`${JSON.stringify([], null, 2)}\n`);
    expect([...alertChunks('json', [one as Alert])].join('')).toBe(`${JSON.stringify([one], null, 2)}\n`);
    expect([...alertChunks('ndjson', [one as Alert])].join('')).toBe(`${JSON.stringify(one)}\n`);
  });
});
