import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { reportCommand } from '../../src/cli/report.js';
import { scanCommand } from '../../src/cli/scan.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-report-cli-');
async function run(command: typeof scanCommand, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}
const DATA = 'examples/data';
const REF = ['--accounts', `${DATA}/accounts.csv`, '--parties', `${DATA}/parties.csv`];

describe('tidewatch report', () => {
  test('the report of saved alerts (JSON or NDJSON) is byte-identical to scan --format html', async () => {
    const json = await run(scanCommand, [`${DATA}/transactions.csv`, ...REF, '--jurisdiction', 'MY']);
    const html = await run(scanCommand, [`${DATA}/transactions.csv`, ...REF, '--jurisdiction', 'MY', '--format', 'html']);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    const alerts = JSON.parse(json.stdout) as unknown[];
    writeFileSync(join(dir, 'alerts.json'), json.stdout);
    writeFileSync(join(dir, 'alerts.ndjson'), alerts.map((a) => `${JSON.stringify(a)}\n`).join(''));
    const fromJson = await run(reportCommand, [join(dir, 'alerts.json'), '--transactions', `${DATA}/transactions.csv`, ...REF]);
    expect(fromJson.code).toBe(0);
    expect(fromJson.stdout).toBe(html.stdout);
    const out = join(dir, 'report.html');
    const fromNd = await run(reportCommand, [join(dir, 'alerts.ndjson'), '--transactions', `${DATA}/transactions.csv`, ...REF, '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(html.stdout);
    expect(fromNd.stderr).toMatch(new RegExp(`report of ${alerts.length} alerts written to .*report\\.html \\(\\d+ kB\\)`));
  });

  test('usage errors name the problem: no --transactions, a file that is not alert@1', async () => {
    await expect(run(reportCommand, [])).rejects.toThrow(/exactly one alerts file/);
    writeFileSync(join(dir, 'one.ndjson'), '{"schema":"tidewatch/alert@1"}\n');
    await expect(run(reportCommand, [join(dir, 'one.ndjson')])).rejects.toThrow(/needs --transactions/);
    await expect(run(reportCommand, [join(dir, 'one.ndjson'), '--transactions', `${DATA}/hostile.csv`])).rejects.toThrow(/one\.ndjson line 1 is not a tidewatch\/alert@1 alert: id/);
    writeFileSync(join(dir, 'bad.json'), '[{');
    await expect(run(reportCommand, [join(dir, 'bad.json'), '--transactions', `${DATA}/hostile.csv`])).rejects.toThrow(/neither a JSON array nor NDJSON/);
  });
});
