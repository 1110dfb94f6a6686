import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { matchCommand } from '../../src/cli/match.js';
import { schemaCommand } from '../../src/cli/schema.js';
import { shareCommand } from '../../src/cli/share.js';
import { scan } from '../../src/engine/scan.js';
import { SharedAlertPackageSchema } from '../../src/share/shared-alert.js';
import { deposit, MY_LIKE, transfer } from '../helpers/builders.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-share-cli-');
async function run(command: typeof shareCommand, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}

/** A collector C9 paid by six unrelated senders, seen by two banks (senders 1–3 at one, 4–6 at the other). */
function alertsOf(senders: number[]) {
  const txs = senders.map((i) => transfer(`S${i}`, 'C9', 300_000 + i, i * 5, { id: `t${i}`, currency: 'MYR', fromName: `Sender ${i}` }));
  txs.push(deposit('C9', 2_400_000, 40, { id: 'cash', currency: 'MYR' }), deposit('C9', 2_400_000, 41, { id: 'cash2', currency: 'MYR' }));
  return scan(txs, { jurisdiction: MY_LIKE, minScore: 0 }).alerts.filter((a) => a.entity.kind !== 'network');
}

/**
 * The package's text values that name a raw identifier of the fixture (C9, S1–S6, the senders'
 * names). Keyed hashes are left out: they are random base64url text, which can contain "C9" by
 * chance (a fresh key each run made the earlier whole-file regex fail now and then).
 */
function leakedIds(value: unknown): string[] {
  if (typeof value === 'string') return /^[A-Za-z0-9_-]{40,}$/.test(value) || !/\b(C9|S[1-6])\b|Sender/.test(value) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(leakedIds);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [...leakedIds(k), ...leakedIds(v)]);
  return [];
}

describe('tidewatch share and match', () => {
  test('a new key, two packages, a match on the shared account; another key matches nothing', async () => {
    const key = join(dir, 'fiu.key');
    expect((await run(shareCommand, ['--new-key', key])).code).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    await expect(run(shareCommand, ['--new-key', key])).rejects.toThrow(/never overwritten/);
    const other = join(dir, 'other.key');
    await run(shareCommand, ['--new-key', other]);
    for (const [bank, senders] of [['a', [1, 2, 3]], ['b', [4, 5, 6]]] as const) {
      const alerts = alertsOf([...senders]);
      expect(alerts.some((a) => a.entity.id === 'C9')).toBe(true);
      writeFileSync(join(dir, `alerts-${bank}.json`), JSON.stringify(alerts));
      const r = await run(shareCommand, [join(dir, `alerts-${bank}.json`), '--key-file', key, '--out', join(dir, `${bank}.json`), '--institution', `Bank ${bank}`]);
      expect(r.code).toBe(0);
      expect(SharedAlertPackageSchema.safeParse(JSON.parse(readFileSync(join(dir, `${bank}.json`), 'utf8'))).success).toBe(true);
      expect(leakedIds(JSON.parse(readFileSync(join(dir, `${bank}.json`), 'utf8')))).toEqual([]);
      // The check itself: a raw id in text or as a key is found, a hash that happens to contain "C9" is not.
      expect(leakedIds({ reason: 'account C9 paid', S4: 1, ref: 'ErC9p8y-h6d13bpl7dFCEkMUvGNlJ9BxGNHmvQhKIvk' })).toEqual(['account C9 paid', 'S4']);
    }
    const m = await run(matchCommand, [join(dir, 'a.json'), join(dir, 'b.json'), '--key-file', key, '--format', 'json']);
    const result = JSON.parse(m.stdout) as { matches: { identifiers: { kind: string }[]; sides: { package: string }[] }[] };
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]?.identifiers.map((i) => i.kind)).toEqual(['account']);
    expect(result.matches[0]?.sides.map((s) => s.package)).toEqual(['a.json', 'b.json']);
    expect((await run(matchCommand, [join(dir, 'a.json'), join(dir, 'b.json')])).stdout).toContain('match 1: a.json ↔ b.json — linked by account');

    await run(shareCommand, [join(dir, 'alerts-b.json'), '--key-file', other, '--out', join(dir, 'b-other.json')]);
    const none = await run(matchCommand, [join(dir, 'a.json'), join(dir, 'b-other.json'), '--format', 'json']);
    expect(JSON.parse(none.stdout)).toMatchObject({ matches: [] });
    expect(none.stderr).toMatch(/skipped .*the only package under key/);
    const wrongKey = await run(matchCommand, [join(dir, 'a.json'), join(dir, 'b.json'), '--key-file', other, '--format', 'json']);
    expect(JSON.parse(wrongKey.stdout)).toMatchObject({ matches: [] });
    expect(wrongKey.stderr).toMatch(/hashes under different keys never match/);
  });

  test('usage errors: no key, not alerts, one package; schema shared-alert', async () => {
    await expect(run(shareCommand, ['x.json'])).rejects.toThrow(/--key-file/);
    writeFileSync(join(dir, 'bad.json'), '[{"schema":"nope"}]');
    await run(shareCommand, ['--new-key', join(dir, 'k2')]);
    await expect(run(shareCommand, [join(dir, 'bad.json'), '--key-file', join(dir, 'k2')])).rejects.toThrow(/not a tidewatch\/alert@1 alert/);
    await expect(run(matchCommand, ['a.json'])).rejects.toThrow(/at least two/);
    const schema = JSON.parse((await run(schemaCommand, ['shared-alert'])).stdout) as { properties: { schema: { const: string } } };
    expect(schema.properties.schema.const).toBe('tidewatch/shared-alert@1');
  });
});
