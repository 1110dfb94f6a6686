import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, type LoadedScenario } from '../../examples/scenarios/load.js';
import { scan } from '../../src/engine/scan.js';
import type { Alert } from '../../src/scoring/alert.js';
import { matchPackages } from '../../src/share/match-packages.js';
import { normaliseAccount } from '../../src/share/normalise.js';
import { shareAlerts } from '../../src/share/share-alerts.js';
import { createShareKey, type ShareKey } from '../../src/share/share-key.js';
import { SharedAlertPackageSchema, sharedAlertJsonSchema, type SharedAlertPackage } from '../../src/share/shared-alert.js';
import { tempDir } from '../helpers/temp-dir.js';

const key = (byte: number) => createShareKey(new Uint8Array(32).fill(byte));
const dir = tempDir('tidewatch-share-');
const banks: Record<'a' | 'b', { s: LoadedScenario; alerts: readonly Alert[] }> = {} as never;
let k1: ShareKey;
let k2: ShareKey;
let pkgA: SharedAlertPackage;
let pkgB: SharedAlertPackage;

const share = (bank: 'a' | 'b', k: ShareKey) =>
  shareAlerts(banks[bank].alerts, k, { accounts: banks[bank].s.accounts, parties: banks[bank].s.parties, institution: `Bank ${bank.toUpperCase()}` });

beforeAll(async () => {
  // Two banks from the demo bank: its own accounts dealt by the last digit of the account number.
  execFileSync(process.execPath, ['--import', 'tsx', 'examples/split-bank.ts', 'examples/data', dir], { stdio: 'pipe' });
  for (const bank of ['a', 'b'] as const) {
    const s = await loadScenario(join(dir, `bank-${bank}`));
    banks[bank] = { s, alerts: scan(s.transactions, { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties }).alerts };
  }
  [k1, k2] = [await key(1), await key(2)];
  [pkgA, pkgB] = [await share('a', k1), await share('b', k1)];
}, 120_000);

describe('tidewatch/shared-alert@1 packages', () => {
  test('validate against the published schema, record the key id, and are deterministic', async () => {
    for (const p of [pkgA, pkgB]) expect(SharedAlertPackageSchema.safeParse(p).success).toBe(true);
    expect(pkgA.keyId).toBe(k1.id);
    expect(pkgA.alerts).toHaveLength(banks.a.alerts.length);
    expect(JSON.stringify(await share('a', await key(1)))).toBe(JSON.stringify(pkgA));
    expect(readFileSync('docs/schema/shared-alert-1.json', 'utf8')).toBe(`${JSON.stringify(sharedAlertJsonSchema(), null, 2)}\n`);
  });

  test('no identifier, name, memo, transaction id, party id or exact amount from the input appears anywhere in a package', () => {
    for (const bank of ['a', 'b'] as const) {
      const { s } = banks[bank];
      // Blank what a package may hold — hashes (random-looking text in which a short digit string could
      // "occur" by chance), the fixed vocabulary (rule, typology and indicator ids, which contain everyday
      // memo words such as "payment"), and the power-of-ten amount bounds — after checking each is only that.
      const kept = new Set<string>();
      const VOCABULARY = /^([a-z_]+|MS-[A-Z]+-\d+|\d{4}-W\d{2}|MYR|MY|Bank [AB]|k1-[0-9a-f]{16}|HMAC-SHA-256|tidewatch\/(shared-alert|normalise)@1)$/;
      const scrubbed = JSON.stringify(JSON.parse(JSON.stringify(bank === 'a' ? pkgA : pkgB), (k, v: unknown) => {
        if (typeof v === 'string') {
          if ((k === 'ref' || k === 'hash') && /^[A-Za-z0-9_-]{43}$/.test(v)) return '#';
          expect(v).toMatch(VOCABULARY);
          kept.add(v);
          return '#';
        }
        if (typeof v === 'number') {
          if (k === 'min' || k === 'max') {
            expect(String(v)).toMatch(/^(0|10*)$/);
            return 0;
          }
          expect(v).toBeLessThanOrEqual(100); // scores
        }
        return v;
      }));
      const plaintext = new Set<string>();
      const add = (v: string | number | undefined) => {
        if (v === undefined) return;
        const t = String(v).trim();
        if (t.length >= 4) plaintext.add(t);
      };
      for (const t of s.transactions) {
        for (const v of [t.id, t.fromAccount, t.toAccount, t.fromName, t.toName, t.reference, t.conductor, t.location]) add(v);
        add(t.amount); // exact minor units
        add((t.amount / 100).toFixed(2)); // as written (MYR)
      }
      for (const a of s.accounts) [a.account, a.party].forEach(add);
      for (const p of s.parties) [p.party, p.name, p.phone, p.document, p.address, p.occupation].forEach(add);
      for (const a of banks[bank].alerts) { add(a.id); add(a.entity.id); for (const h of a.hits) add(h.reason); }
      expect(plaintext.size).toBeGreaterThan(1000);
      const leaks = [...plaintext].filter((v) => scrubbed.includes(JSON.stringify(v).slice(1, -1)));
      expect(leaks).toEqual([]);
      expect([...kept].filter((v) => plaintext.has(v))).toEqual([]);
    }
  });

  test('coarse amounts are power-of-ten ranges; dates are ISO weeks', () => {
    const amounts = [...pkgA.alerts, ...pkgB.alerts].flatMap((a) => (a.amount === undefined ? [] : [a.amount]));
    expect(amounts.length).toBeGreaterThan(0);
    for (const a of amounts) expect(a.max === 1 ? a.min === 0 : a.max === a.min * 10 && /^10*$/.test(String(a.min))).toBe(true);
  });
});

describe('matching packages', () => {
  test('the same key links the two banks, through the account numbers of a labelled case', async () => {
    const { matches, skipped } = matchPackages([{ name: 'bank-a', package: pkgA }, { name: 'bank-b', package: pkgB }]);
    expect(skipped).toEqual([]);
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) expect(m.sides.map((s) => s.package)).toEqual(['bank-a', 'bank-b']);
    // Which identifier linked them: hash every labelled case account and look for it.
    const labels = new Map([...banks.a.s.labels, ...banks.b.s.labels]);
    const caseAccounts = new Map<string, string>();
    for (const [account, l] of labels) if (l.label === 1) caseAccounts.set(await k1.hash(`account:${normaliseAccount(account)}`), account);
    const linked = matches.flatMap((m) => m.identifiers).filter((i) => i.kind === 'account' && caseAccounts.has(i.hash));
    expect(linked.length).toBeGreaterThan(0);
    const typologies = matches.flatMap((m) => m.sides.flatMap((s) => s.typologies));
    expect(typologies).toContain('smuggling_collection');
    expect(JSON.stringify(matchPackages([{ name: 'bank-a', package: pkgA }, { name: 'bank-b', package: pkgB }]))).toBe(JSON.stringify({ packages: matchPackages([{ name: 'bank-a', package: pkgA }, { name: 'bank-b', package: pkgB }]).packages, skipped, matches }));
  });

  test('a different key matches nothing, even when its package claims the same key id', async () => {
    const other = await share('b', k2);
    expect(other.keyId).not.toBe(pkgA.keyId);
    const byId = matchPackages([{ name: 'bank-a', package: pkgA }, { name: 'bank-b', package: other }]);
    expect(byId.matches).toEqual([]);
    expect(byId.skipped.map((s) => s.name).sort()).toEqual(['bank-a', 'bank-b']);
    const forged = matchPackages([{ name: 'bank-a', package: pkgA }, { name: 'bank-b', package: { ...other, keyId: pkgA.keyId } }]);
    expect(forged.matches).toEqual([]);
  });

  test('with a key id given, packages under another key are skipped with the reason', () => {
    const r = matchPackages([{ name: 'bank-a', package: pkgA }, { name: 'bank-b', package: pkgB }], { keyId: k2.id });
    expect(r.matches).toEqual([]);
    expect(r.skipped[0]?.reason).toMatch(/^made under key k1-[0-9a-f]{16}, not k1-[0-9a-f]{16}: hashes under different keys never match$/);
  });
});
