import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { createMonitor } from '../../src/engine/monitor.js';
import type { MonitorOptions } from '../../src/engine/options.js';
import { scan } from '../../src/engine/scan.js';
import { createFxTable } from '../../src/jurisdictions/fx.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, deposit } from '../helpers/builders.js';

/**
 * Issue 16, point 2: checkpoints can no longer be restored into the wrong world. Before: the config
 * hash left out accounts, parties and lateness, so a checkpoint restored without reference data was
 * accepted; a second monitor from the README's options (`accounts.values()`) silently got no
 * reference data; a malformed checkpoint threw `TypeError: s.pending is not iterable`.
 */

// Near-threshold deposits into accounts that are licensed remitters (msb) or personal: the account
// type changes the strength, so results depend on the reference data.
const txs: Transaction[] = Array.from({ length: 40 }, (_, i) => deposit(`R${i % 4}`, 950_000, i * 3, { id: `d${i}` }));
const accounts: Map<string, Account> = new Map(
  [0, 1, 2, 3].map((i) => [`R${i}`, { account: `R${i}`, party: `P${i}`, type: i % 2 === 0 ? 'msb' : 'business' }]),
);
const base = { jurisdiction: AU_LIKE, minScore: 0, latenessMs: 3_600_000 } as const;

const errorOf = (f: () => unknown): ConfigError => {
  try {
    f();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('checkpoint fingerprint', () => {
  const withAccounts: MonitorOptions = { ...base, accounts: [...accounts.values()] };
  const first = createMonitor(withAccounts);
  const before = first.push(txs.slice(0, 20));
  const checkpoint = JSON.parse(JSON.stringify(first.checkpoint()));

  test('the results do depend on the reference data (the premise of this test)', () => {
    expect(JSON.stringify(scan(txs, withAccounts).alerts)).not.toBe(JSON.stringify(scan(txs, base).alerts));
  });

  test('restored without the reference data: checkpoint_mismatch naming accounts', () => {
    const e = errorOf(() => createMonitor({ ...base, checkpoint }));
    expect(e.code).toBe('checkpoint_mismatch');
    expect(e.message).toMatch(/accounts: 0 here, 4 in the checkpoint; pass the same reference data/);
  });

  test('other reference records of the same count, another lateness, other FX rates: each is named', () => {
    const other = [...accounts.values()].map((a) => ({ ...a, type: 'personal' as const }));
    expect(errorOf(() => createMonitor({ ...withAccounts, accounts: other, checkpoint })).message).toMatch(/accounts: 4 here, 4 in the checkpoint \(same count, different records\)/);
    expect(errorOf(() => createMonitor({ ...withAccounts, latenessMs: 60_000, checkpoint })).message).toMatch(/latenessMs: 60000 here, 3600000 in the checkpoint/);
    const fx = createFxTable([{ from: 'USD', to: 'AUD', date: '2025-03-01', rate: '1.5' }]);
    expect(errorOf(() => createMonitor({ ...withAccounts, fx, checkpoint })).message).toMatch(/fx: FX table .* here, no FX table in the checkpoint/);
    expect(errorOf(() => createMonitor({ ...withAccounts, minScore: 10, checkpoint })).message).toMatch(/config: .*config hash differs/);
  });

  test('restored into the same world it continues exactly', () => {
    const resumed = createMonitor({ ...withAccounts, checkpoint });
    const whole = createMonitor(withAccounts);
    const latest = (updates: { alerts: readonly Alert[] }[]) => {
      const byId = new Map<string, Alert>();
      for (const u of updates) for (const a of u.alerts) byId.set(a.id, a);
      return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
    };
    const expected = latest([whole.push(txs), whole.flush()]);
    expect(expected.length).toBeGreaterThan(0);
    expect(latest([before, resumed.push(txs.slice(20)), resumed.flush()])).toEqual(expected);
  });

  test('a checkpoint without a fingerprint (older tidewatch) is refused as invalid_checkpoint', () => {
    const { fingerprint: _, ...old } = checkpoint;
    expect(errorOf(() => createMonitor({ ...withAccounts, checkpoint: old })).code).toBe('invalid_checkpoint');
  });
});

describe('malformed checkpoints are a typed error, never a TypeError', () => {
  const opts: MonitorOptions = { ...base, accounts: [...accounts.values()] };
  const m = createMonitor(opts);
  m.push(txs);
  const good = JSON.parse(JSON.stringify(m.checkpoint()));

  /** Sets (or with DELETE removes) the value at a path of a JSON document. */
  const DELETE = Symbol('delete');
  const setAt = (doc: unknown, path: (string | number)[], value: unknown): void => {
    let o = doc as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (value === DELETE) delete o[last];
    else o[last] = value;
  };

  test.each([
    ['pending is not iterable', ['state', 'pending'], 5, /state\.pending: not an array/],
    ['state missing', ['state'], DELETE, /state: not an object/],
    ['a pending transaction with a string amount', ['state', 'pending', 0, 'amount'], '9500', /pending\[0\]: not a valid transaction/],
    ['an event index out of range', ['state', 'core', 'entities', 0, 'events'], [9999], /events: not indexes/],
    ['not a checkpoint at all', ['format'], 'json', /not a tidewatch\/checkpoint@1/],
  ] as const)('%s', (_name, path, value, message) => {
    const bad = structuredClone(good);
    expect(good.state.pending.length).toBeGreaterThan(0);
    setAt(bad, [...path], value);
    const e = errorOf(() => createMonitor({ ...opts, checkpoint: bad }));
    expect(e.code).toBe('invalid_checkpoint');
    expect(e.message).toMatch(message);
  });

  test('any value at any path: either restores or throws ConfigError', () => {
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]): void => {
      paths.push(path);
      if (v !== null && typeof v === 'object' && path.length < 7) for (const [k, x] of Object.entries(v as object).slice(0, 4)) walk(x, [...path, k]);
    };
    walk(good, []);
    const junk = fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, 'x', [], {}, [[1, 2]], { length: 3 });
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), junk, (path, value) => {
        const bad = structuredClone(good);
        setAt(bad, path, value);
        try {
          createMonitor({ ...opts, checkpoint: bad });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reference data given as an iterator is read once and shared', () => {
  test('two monitors from the same options (accounts.values()) give the same alerts', () => {
    const options: MonitorOptions = { ...base, accounts: accounts.values() };
    const run = () => {
      const m = createMonitor(options);
      return JSON.stringify([m.push(txs), m.flush()].flatMap((u) => u.alerts));
    };
    const expected = JSON.stringify((() => {
      const m = createMonitor({ ...base, accounts: [...accounts.values()] });
      return [m.push(txs), m.flush()].flatMap((u) => u.alerts);
    })());
    expect(run()).toBe(expected);
    expect(run()).toBe(expected);
  });

  test('scan twice with one generator of parties and accounts', () => {
    function* gen() {
      yield* accounts.values();
    }
    const options = { ...base, accounts: gen() };
    expect(JSON.stringify(scan(txs, options))).toBe(JSON.stringify(scan(txs, options)));
    expect(scan(txs, options).alerts).toEqual(scan(txs, { ...base, accounts: [...accounts.values()] }).alerts);
  });
});
