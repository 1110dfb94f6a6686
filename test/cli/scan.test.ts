import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCommand } from '../../src/cli/scan.js';
import { schemaCommand } from '../../src/cli/schema.js';
import { validateCommand } from '../../src/cli/validate.js';
import { AlertSchema } from '../../src/scoring/alert.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-cli-');
async function run(command: typeof scanCommand, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}
const DATA = 'examples/data';
const args = (file: string) => [file, '--accounts', `${DATA}/accounts.csv`, '--parties', `${DATA}/parties.csv`, '--jurisdiction', 'MY'];

/** Deterministic shuffle of the data rows, header kept first. */
function shuffledCopy(): string {
  const [header, ...rows] = readFileSync(`${DATA}/transactions.csv`, 'utf8').trimEnd().split('\n');
  let seed = 42;
  for (let i = rows.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
  }
  const p = join(dir, 'shuffled.csv');
  writeFileSync(p, `${header}\n${rows.join('\n')}\n`);
  return p;
}

describe('tidewatch scan', () => {
  test('a shuffled copy gives byte-identical alerts, and two runs are byte-identical', async () => {
    const a = await run(scanCommand, args(`${DATA}/transactions.csv`));
    const b = await run(scanCommand, args(`${DATA}/transactions.csv`));
    const c = await run(scanCommand, args(shuffledCopy()));
    expect(a.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(100);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
  });

  test('alerts validate against the published alert@1 schema, sorted by score', async () => {
    const { stdout } = await run(scanCommand, args(`${DATA}/transactions.csv`));
    const alerts = JSON.parse(stdout) as unknown[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(AlertSchema.safeParse(a).success).toBe(true);
    const scores = alerts.map((a) => (a as { score: number }).score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  test('--min-score, --format csv and ndjson, --rejects', async () => {
    const all = JSON.parse((await run(scanCommand, args(`${DATA}/transactions.csv`))).stdout) as { score: number }[];
    const high = JSON.parse((await run(scanCommand, [...args(`${DATA}/transactions.csv`), '--min-score', '60'])).stdout) as { score: number }[];
    expect(high.every((a) => a.score >= 60)).toBe(true);
    expect(high.length).toBeLessThanOrEqual(all.length);
    const csv = (await run(scanCommand, [...args(`${DATA}/transactions.csv`), '--format', 'csv'])).stdout;
    expect(csv.split('\n')[0]).toMatch(/^alert_id,entity_kind,entity_id,score,band/);
    const nd = (await run(scanCommand, [...args(`${DATA}/transactions.csv`), '--format', 'ndjson'])).stdout.trim().split('\n');
    expect(nd).toHaveLength(all.length);
    // --out writes the same bytes as stdout (the alerts are written in chunks as they are rendered).
    for (const format of ['json', 'ndjson']) {
      const out = join(dir, `alerts.${format}`);
      const printed = await run(scanCommand, [...args(`${DATA}/transactions.csv`), '--format', format]);
      const written = await run(scanCommand, [...args(`${DATA}/transactions.csv`), '--format', format, '--out', out]);
      expect(written.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    }
    const rejects = join(dir, 'rejects.ndjson');
    const r = await run(scanCommand, ['examples/data/hostile.csv', '--jurisdiction', 'MY', '--rejects', rejects]);
    expect(r.code).toBe(0);
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(17);
    expect(r.stderr).toMatch(/20 rows, 3 accepted, 16 rejected, 1 duplicates/);
  });

  test('usage and configuration errors are exit 2 with a message naming the problem', async () => {
    await expect(run(scanCommand, [])).rejects.toThrow(/exactly one/);
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ rules: { split_sum: { minCount: 1 } } }));
    await expect(run(scanCommand, [...args(`${DATA}/transactions.csv`), '--config', cfg])).rejects.toThrow(/rules\.split_sum: minCount/);
    writeFileSync(cfg, JSON.stringify({ rules: { no_such_rule: false } }));
    await expect(run(scanCommand, [...args(`${DATA}/transactions.csv`), '--config', cfg])).rejects.toThrow(/rules\.no_such_rule: unknown rule/);
    await expect(run(scanCommand, [...args(`${DATA}/transactions.csv`), '--jurisdiction', 'ZZ'])).rejects.toThrow(/unknown jurisdiction "ZZ"/);
  });
});

describe('tidewatch validate and schema', () => {
  test('validate prints the counts and issues as JSON', async () => {
    const { code, stdout } = await run(validateCommand, ['examples/data/hostile.csv']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ read: 20, accepted: 3, rejected: 16, duplicates: 1 });
  });

  test('schema prints JSON Schemas for input, alert and config', async () => {
    for (const which of ['input', 'alert', 'config']) {
      const s = JSON.parse((await run(schemaCommand, [which])).stdout) as { type?: string; properties?: Record<string, unknown> };
      expect(s.type).toBe('object');
    }
    const input = JSON.parse((await run(schemaCommand, ['input'])).stdout) as { properties: Record<string, { enum?: string[] }>; required: string[] };
    expect(input.required).toEqual(['id', 'timestamp', 'amount', 'currency', 'kind']);
    expect(input.properties['kind']?.enum).toEqual(['cash_deposit', 'cash_withdrawal', 'transfer']);
  });
});
