import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scanCommand } from '../../src/cli/scan.js';
import { scan } from '../../src/engine/scan.js';
import { jurisdiction } from '../../src/jurisdictions/index.js';
import { AlertSchema } from '../../src/scoring/alert.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Issue 16, point 5: unverified jurisdiction profiles say so at run time, and a currency mismatch
 * without --fx says how to fix it. Before: the [U] mark lived only in the profile data, and
 * transactions in another currency were counted as "not convertible" with no way forward.
 */
const dir = tempDir('tidewatch-warn-');
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await scanCommand.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}
const csv = (name: string, currency: string, amount: string, n = 4): string => {
  const rows = Array.from({ length: n }, (_, i) => `T${i},2025-03-0${i + 1}T02:00:00Z,${amount},${currency},cash_deposit,ACC1`);
  const p = join(dir, name);
  writeFileSync(p, `id,timestamp,amount,currency,kind,to_account\n${rows.join('\n')}\n`);
  return p;
};

describe('unverified jurisdiction profiles', () => {
  test('TH is marked unverified in the research: the CLI warns on stderr and every alert carries the flag', async () => {
    expect(jurisdiction('TH').unverified).toBe(true);
    const { code, stdout, stderr } = await run([csv('th.csv', 'THB', '1950000.00'), '--jurisdiction', 'TH', '--min-score', '0']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: the TH profile is unverified \(S31 .*\); check its threshold and aggregation/);
    const alerts = JSON.parse(stdout) as unknown[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(a).toMatchObject({ engine: { jurisdiction: 'TH', jurisdictionUnverified: true } });
      expect(AlertSchema.safeParse(a).success).toBe(true);
    }
  });

  test('a verified profile: no warning, no flag', async () => {
    const { stdout, stderr } = await run([csv('my.csv', 'MYR', '24000.00'), '--jurisdiction', 'MY', '--min-score', '0']);
    expect(stderr).not.toMatch(/unverified/);
    for (const a of JSON.parse(stdout) as { engine: object }[]) expect(a.engine).not.toHaveProperty('jurisdictionUnverified');
  });

  test('the library flags it too', () => {
    const txs = [0, 1, 2].map((i) => ({ id: `t${i}`, timestamp: Date.UTC(2025, 2, 3, i), amount: 195_000_000, currency: 'THB', kind: 'cash_deposit' as const, toAccount: 'A' }));
    const { alerts } = scan(txs, { jurisdiction: 'TH', minScore: 0 });
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.engine.jurisdictionUnverified === true)).toBe(true);
  });
});

describe('a currency mismatch says how to fix it', () => {
  test('USD transactions under MY without --fx: how many, which currency, and the --fx option', async () => {
    const { code, stderr } = await run([csv('usd.csv', 'USD', '9000.00'), '--jurisdiction', 'MY']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/4 in USD not evaluated: they are not in MYR, the jurisdiction's currency; pass --fx rates\.csv \(columns from,to,date,rate, e\.g\. USD,MYR,2025-03-01,4\.4725\)/);
  });

  test('with an --fx table that lacks the dates: says to add them', async () => {
    const fx = join(dir, 'fx.csv');
    writeFileSync(fx, 'from,to,date,rate\nUSD,MYR,2024-01-01,4.5\n');
    const { stderr } = await run([csv('usd2.csv', 'USD', '9000.00'), '--jurisdiction', 'MY', '--fx', fx]);
    expect(stderr).toMatch(/4 in USD not evaluated: the --fx table has no rate to MYR within 7 days of their dates/);
  });
});
