import { expect, test } from 'vitest';
import { diffAlerts, GOLDEN_SETS, readGolden } from '../../scripts/golden.js';

/**
 * Registers one test per named golden set: the engine's alerts (`minScore: 0`) must equal the
 * recorded ones (test/golden/<name>.ndjson.gz, written by `npx tsx scripts/golden.ts record` from
 * the engine before the incremental rewrite). A difference lists the alerts only in one of them
 * and the first differing field of changed ones.
 */
export function goldenTests(names: readonly string[]): void {
  for (const name of names) {
    const set = GOLDEN_SETS.find((s) => s.name === name);
    if (set === undefined) throw new Error(`no golden set ${name}`);
    test(`${name}: same alerts as the recorded engine output`, async () => {
      const alerts = await set.run();
      expect(alerts.length).toBeGreaterThan(0);
      expect(diffAlerts(readGolden(name), alerts)).toEqual([]);
    }, 300_000);
  }
}
