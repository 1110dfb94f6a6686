import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestTransactions, readAccounts, readParties } from '../../src/ingest/index.js';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../examples/scenarios/csv.js';
import { generateScenario, type Scenario } from '../../examples/scenarios/index.js';
import { ACCOUNT_TYPES, CHANNELS, TRANSACTION_COLUMNS, checkTransactionRecord, isCountryCode, parseInstant, parseTransaction } from '../../src/index.js';

const mid = generateScenario({ seed: 11, accounts: 900, days: 120, jurisdiction: 'MY' });

function tables(s: Scenario) {
  return {
    tx: parseCsvRecords(s.files['transactions.csv']),
    accounts: parseCsvRecords(s.files['accounts.csv']),
    parties: parseCsvRecords(s.files['parties.csv']),
    labels: parseCsvRecords(s.files['labels.csv']),
  };
}
const t = tables(mid);

describe('scenario generator', () => {
  it('is deterministic: the same seed gives identical bytes, another seed a different world', () => {
    const again = generateScenario({ seed: 11, accounts: 900, days: 120, jurisdiction: 'MY' });
    for (const name of Object.keys(mid.files) as Array<keyof Scenario['files']>) expect(again.files[name]).toBe(mid.files[name]);
    const other = generateScenario({ seed: 12, accounts: 900, days: 120, jurisdiction: 'MY' });
    expect(other.files['transactions.csv']).not.toBe(mid.files['transactions.csv']);
  });

  it('writes transactions.csv in the canonical schema (every row accepted by the library)', () => {
    const header = parseCsv(mid.files['transactions.csv'].split('\n')[0] as string)[0];
    expect(header).toEqual([...TRANSACTION_COLUMNS]);
    const ids = new Set<string>();
    for (const rec of t.tx) {
      const r = checkTransactionRecord(rec);
      if (!r.ok) throw new Error(`rejected ${JSON.stringify(rec)}: ${JSON.stringify(r.issues)}`);
      expect(ids.has(rec.id as string)).toBe(false);
      ids.add(rec.id as string);
      expect(rec.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(rec.amount).toMatch(/^\d+\.\d{2}$/);
      expect(rec.currency).toBe('MYR');
      expect((CHANNELS as readonly string[]).includes(rec.channel as string)).toBe(true);
      if (rec.kind === 'transfer') expect(rec.from_country !== undefined && rec.to_country !== undefined).toBe(true);
      if (rec.kind !== 'transfer') expect(rec.location_country).toBe('MY');
    }
    // The zod path agrees on a sample.
    for (const rec of t.tx.filter((_, i) => i % 97 === 0)) expect(parseTransaction(rec).ok).toBe(true);
    expect(t.tx.length).toBeGreaterThan(10_000);
  });

  it('is read without a single rejected row by tidewatch/ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidewatch-scenario-'));
    try {
      for (const [name, text] of Object.entries(mid.files)) writeFileSync(join(dir, name), text);
      let n = 0;
      const tx = await ingestTransactions(join(dir, 'transactions.csv'), {}, (b) => { n += b.transactions.length; });
      expect(tx.rejected).toBe(0);
      expect(tx.duplicates).toBe(0);
      expect(n).toBe(t.tx.length);
      const acc = await readAccounts(join(dir, 'accounts.csv'));
      expect(acc.summary.rejected).toBe(0);
      expect(acc.accounts.size).toBe(t.accounts.length);
      const par = await readParties(join(dir, 'parties.csv'));
      expect(par.summary.rejected).toBe(0);
      expect(par.parties.size).toBe(t.parties.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes consistent accounts.csv and parties.csv', () => {
    const parties = new Set(t.parties.map((p) => p.party));
    expect(parties.size).toBe(t.parties.length);
    for (const a of t.accounts) {
      expect((ACCOUNT_TYPES as readonly string[]).includes(a.type as string)).toBe(true);
      expect(parties.has(a.party as string)).toBe(true);
      expect(isCountryCode(a.country as string)).toBe(true);
      if (a.opened_at !== undefined) expect(parseInstant(a.opened_at).ok).toBe(true);
    }
    for (const p of t.parties) {
      expect(isCountryCode(p.country as string)).toBe(true);
      if (p.declared_monthly_income !== undefined) expect(p.declared_monthly_income).toMatch(/^\d+\.\d{2}$/);
    }
    for (const rec of t.tx) if (rec.conductor !== undefined) expect(parties.has(rec.conductor)).toBe(true);
    // Every movement touches one of the bank's own accounts (that is all a bank can see).
    const ownIds = new Set(t.accounts.filter((a) => a.opened_at !== undefined).map((a) => a.account as string));
    for (const rec of t.tx) expect(ownIds.has(rec.from_account ?? '') || ownIds.has(rec.to_account ?? '')).toBe(true);
    // No movement touches an own account before it was opened.
    const opened = new Map(t.accounts.filter((a) => a.opened_at !== undefined).map((a) => [a.account as string, Date.parse(a.opened_at as string)]));
    for (const rec of t.tx) {
      const ts = Date.parse(rec.timestamp as string);
      for (const acc of [rec.from_account, rec.to_account]) if (acc !== undefined && opened.has(acc)) expect(ts).toBeGreaterThanOrEqual(opened.get(acc) as number);
    }
  });

  it('labels every account exactly once (accounts.csv and every account in transactions)', () => {
    const labelled = t.labels.map((l) => l.account as string);
    expect(new Set(labelled).size).toBe(labelled.length);
    const expected = new Set<string>(t.accounts.map((a) => a.account as string));
    for (const rec of t.tx) for (const acc of [rec.from_account, rec.to_account]) if (acc !== undefined) expected.add(acc);
    expect(new Set(labelled)).toEqual(expected);
    for (const l of t.labels) {
      expect(['0', '1']).toContain(l.label);
      expect(l.typology).toBeDefined();
      expect(l.role).toBeDefined();
      if (l.label === '1') expect(l.case_id).toMatch(/^C\d{3}-/);
    }
  });

  it('contains every injected case type and the look-alikes', () => {
    const positives = new Set(t.labels.filter((l) => l.label === '1').map((l) => l.typology));
    for (const typ of ['corridor_collector', 'fan_out', 'funnel_collector', 'pass_through', 'debt_repayment_collector', 'debt_repayment_payer', 'wage_diversion', 'ransom_collector', 'structuring', 'unlicensed_remitter']) {
      expect(positives, typ).toContain(typ);
    }
    const negatives = new Set(t.labels.filter((l) => l.label === '0').map((l) => l.typology));
    for (const typ of ['background', 'lookalike_family_remittance', 'lookalike_rosca', 'lookalike_landlord', 'lookalike_payroll', 'lookalike_msb', 'lookalike_ngo', 'lookalike_cash_business', 'lookalike_migrant_worker', 'lookalike_travel_agency']) {
      expect(negatives, typ).toContain(typ);
    }
    expect(t.labels.some((l) => l.role === 'victim_family' && l.label === '0')).toBe(true);
    // Every case id has at least one network account that moved money.
    const moved = new Set<string>();
    for (const rec of t.tx) for (const acc of [rec.from_account, rec.to_account]) if (acc !== undefined) moved.add(acc);
    const cases = new Set(t.labels.filter((l) => l.label === '1').map((l) => l.case_id));
    for (const c of cases) expect(t.labels.some((l) => l.case_id === c && l.label === '1' && moved.has(l.account as string)), c).toBe(true);
  });

  it('builds the default world at the intended scale in a few seconds', () => {
    const t0 = performance.now();
    const s = generateScenario({ seed: 7, accounts: 3000, days: 180, jurisdiction: 'MY' });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(15_000);
    expect(s.summary.transactions).toBeGreaterThan(50_000);
    expect(s.summary.transactions).toBeLessThan(150_000);
    expect(s.summary.ownAccounts).toBeGreaterThan(2700);
    expect(s.summary.ownAccounts).toBeLessThan(3300);
    const rate = s.summary.positivesOwn / s.summary.ownAccounts;
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.06);
  });

  it.each(['AU', 'ID', 'TH'])('generates a valid world for %s', (code) => {
    const s = generateScenario({ seed: 5, accounts: 300, days: 60, jurisdiction: code });
    const recs = parseCsvRecords(s.files['transactions.csv']);
    expect(recs.length).toBeGreaterThan(1000);
    for (const rec of recs) expect(checkTransactionRecord(rec).ok).toBe(true);
    expect(s.summary.positivesOwn).toBeGreaterThan(0);
  });

  it('bundled demo data is the generator output for seed 42, 120 accounts, 90 days, MY', () => {
    const demo = generateScenario({ seed: 42, accounts: 120, days: 90, jurisdiction: 'MY' });
    const dir = new URL('../../examples/data/', import.meta.url);
    for (const name of ['transactions.csv', 'accounts.csv', 'parties.csv', 'labels.csv'] as const) {
      expect(readFileSync(new URL(name, dir), 'utf8'), name).toBe(demo.files[name]);
    }
  });
});
