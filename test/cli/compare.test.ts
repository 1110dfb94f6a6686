import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareCommand } from '../../src/cli/compare.js';
import { configCommand } from '../../src/cli/config.js';
import { resolveScanConfig } from '../../src/engine/config-file.js';
import { scan } from '../../src/engine/scan.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-compare-');
async function run(command: typeof compareCommand, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}
const DATA = 'examples/data';

describe('tidewatch config --print', () => {
  test('prints every rule and typology; loaded back it gives the defaults\' config hash', async () => {
    const { code, stdout } = await run(configCommand, ['--print']);
    expect(code).toBe(0);
    const file = JSON.parse(stdout) as { rules: Record<string, unknown>; typologies: { id: string }[] };
    expect(Object.keys(file.rules)).toHaveLength(31);
    expect(file.typologies.map((t) => t.id)).toContain('smuggling_collection');
    const r = resolveScanConfig(file);
    expect(scan([], { jurisdiction: 'MY', rules: r.rules, typologies: r.typologies }).configHash).toBe(scan([], { jurisdiction: 'MY' }).configHash);
  });

  test('--jurisdiction is checked and written; without --print it is a usage error', async () => {
    expect(JSON.parse((await run(configCommand, ['--print', '--jurisdiction', 'au'])).stdout)).toMatchObject({ jurisdiction: 'AU' });
    await expect(run(configCommand, [])).rejects.toThrow(/--print/);
  });
});

describe('tidewatch compare', () => {
  test('--format json lists onlyA, onlyB and changed; stderr reports the cost of one ingestion and two passes', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, (await run(configCommand, ['--print'])).stdout);
    const cfg = JSON.parse(readFileSync(a, 'utf8')) as { rules: Record<string, unknown> };
    cfg.rules['round_amounts'] = false;
    writeFileSync(b, JSON.stringify(cfg));
    const args = [`${DATA}/transactions.csv`, '--config', a, '--config', b, '--accounts', `${DATA}/accounts.csv`, '--parties', `${DATA}/parties.csv`, '--jurisdiction', 'MY'];
    const r = await run(compareCommand, [...args, '--format', 'json', '--labels', `${DATA}/labels.csv`]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { onlyA: unknown[]; onlyB: unknown[]; changed: { reasons: string[] }[]; differences: string[]; a: { metrics?: unknown } };
    expect(out.differences).toEqual(['round_amounts: disabled in B']);
    expect(out.changed.length).toBeGreaterThan(0);
    expect(out.changed.every((c) => c.reasons.some((x) => x.startsWith('round_amounts: does not fire under B (disabled in B)')))).toBe(true);
    expect(Array.isArray(out.onlyA) && Array.isArray(out.onlyB)).toBe(true);
    expect(out.a.metrics).toBeDefined();
    expect(r.stderr).toMatch(/one ingestion \d+\.\d\d s \+ two engine passes \d+\.\d\d s/);
    const text = await run(compareCommand, args);
    expect(text.stdout).toContain('B differs from A:\n  - round_amounts: disabled in B');
    const html = await run(compareCommand, [...args, '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>/);
  });

  test('usage errors: one --config, an unknown format', async () => {
    await expect(run(compareCommand, [`${DATA}/transactions.csv`, '--config', 'x.json'])).rejects.toThrow(/--config twice/);
    await expect(run(compareCommand, [`${DATA}/transactions.csv`, '--config', 'x.json', '--config', 'y.json', '--format', 'xml'])).rejects.toThrow(/unknown --format/);
  });
});
