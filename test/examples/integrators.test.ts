import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main as stream } from '../../examples/08-stream-with-checkpoints.js';
import { BANK_MAPPING, main as mapLayout } from '../../examples/09-map-csv-layout.js';

const dir = mkdtempSync(join(tmpdir(), 'tidewatch-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const collect = (): { lines: string[]; out: (l: string) => void } => {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l) };
};

describe('examples for integrators', () => {
  test('08-stream-with-checkpoints: a crash and a restore from the saved offset give exactly the batch alerts', async () => {
    const { lines, out } = collect();
    const r = await stream(join(dir, '08'), 3_100, out);
    expect(r).toEqual({ published: 31, equalToBatch: true, restoredFrom: 3_000, replayed: 100, late: 0 });
    expect(lines).toEqual([
      'consumer 1 read offsets 0–3099, then stopped without warning',
      'consumer 2 restored the checkpoint at offset 3000 and read 3000–5123 (100 replayed)',
      'published 31 alerts; batch scan: 31; identical: true; late arrivals: 0',
    ]);
    const saved = JSON.parse(readFileSync(join(dir, '08', 'consumer-state.json'), 'utf8')) as { next: number; checkpoint: { format: string } };
    expect(saved.next).toBe(5_000);
    expect(saved.checkpoint.format).toBe('tidewatch/checkpoint@1');
  });

  test('09-map-csv-layout: the bank layout read through the mapping gives the canonical alerts', async () => {
    const { lines, out } = collect();
    const r = await mapLayout(join(dir, '09'), out);
    expect(r).toEqual({ read: 5124, accepted: 5124, rejected: 0, sameAlerts: true });
    expect(lines[0]).toContain('TX00000001,01/10/2024 03:27:30,50.00,MYR,TRF,online,');
    expect(JSON.parse(readFileSync(join(dir, '09', 'bank-mapping.json'), 'utf8'))).toEqual(BANK_MAPPING);
  });
});
