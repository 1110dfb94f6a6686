import type { JurisdictionProfile } from '../../src/jurisdictions/types.js';
import type { Rule, RuleHit } from '../../src/rules/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import type { Alert } from '../../src/scoring/alert.js';
import { defineTypology } from '../../src/scoring/typology.js';

/** A per-transaction regime like Australia's: cash ≥ A$10,000 reportable, no aggregation. */
export const AU_LIKE: JurisdictionProfile = {
  code: 'AU',
  name: 'Test Australia',
  currency: 'AUD',
  cashThreshold: 1_000_000,
  thresholdInclusive: true,
  aggregation: 'per_transaction',
  timeZone: 'Australia/Sydney',
  transferThresholds: [{ scope: 'cash_funded_international', amount: 1_000_000, inclusive: true, name: 'Cash-funded international transfer' }],
  effectiveFrom: '2022-07-01',
  source: 'test',
  unverified: false,
};

/** A calendar-day regime like Malaysia's: cash ≥ RM 25,000 per account per day. */
export const MY_LIKE: JurisdictionProfile = {
  code: 'MY',
  name: 'Test Malaysia',
  currency: 'MYR',
  cashThreshold: 2_500_000,
  thresholdInclusive: true,
  aggregation: 'calendar_day',
  timeZone: 'Asia/Kuala_Lumpur',
  transferThresholds: [],
  effectiveFrom: '2019-01-01',
  source: 'test',
  unverified: false,
};

let seq = 0;
const T0 = Date.UTC(2025, 2, 3, 1, 0, 0); // Monday 2025-03-03 01:00Z

/** Hours after the fixed test origin, as epoch ms. */
export const at = (hours: number): number => T0 + Math.round(hours * 3_600_000);

/** A cash deposit into `account`. Amount in minor units. */
export function deposit(account: string, amount: number, hours: number, extra: Partial<Transaction> = {}): Transaction {
  return { id: extra.id ?? `D${++seq}`, timestamp: at(hours), amount, currency: 'AUD', kind: 'cash_deposit', toAccount: account, ...extra };
}

/** A cash withdrawal from `account`. */
export function withdrawal(account: string, amount: number, hours: number, extra: Partial<Transaction> = {}): Transaction {
  return { id: extra.id ?? `W${++seq}`, timestamp: at(hours), amount, currency: 'AUD', kind: 'cash_withdrawal', fromAccount: account, ...extra };
}

/** A transfer between accounts. */
export function transfer(from: string, to: string, amount: number, hours: number, extra: Partial<Transaction> = {}): Transaction {
  return { id: extra.id ?? `T${++seq}`, timestamp: at(hours), amount, currency: 'AUD', kind: 'transfer', fromAccount: from, toAccount: to, ...extra };
}

export interface RunOptions {
  readonly profile?: JurisdictionProfile;
  readonly accounts?: Account[];
  readonly parties?: Party[];
}

/** Runs rules through the real engine and returns every hit (as alert hits with their entity). */
export function hitsOf(rules: Rule[], txs: Transaction[], options: RunOptions = {}): (RuleHit & { transactionCount: number })[] {
  const typology = defineTypology({ id: 'test', name: 'test', weights: Object.fromEntries(rules.map((r) => [r.id, 1])) });
  const { alerts } = scan(txs, {
    jurisdiction: options.profile ?? AU_LIKE,
    rules,
    typologies: [typology],
    minScore: 0,
    accounts: options.accounts ?? [],
    parties: options.parties ?? [],
  });
  // Entity alerts only: network alerts repeat their members' hits.
  return alerts.filter((a) => a.entity.kind !== 'network').flatMap((a) =>
    a.hits.map((h) => ({
      rule: h.rule,
      indicators: h.indicators,
      entity: a.entity,
      strength: h.strength,
      window: { from: Date.parse(h.window.from), to: Date.parse(h.window.to) },
      transactionIds: h.transactionIds,
      transactionCount: h.transactionCount,
      reason: h.reason,
      facts: h.facts,
    })),
  );
}

/**
 * Streaming against batch: the transactions in time order through a monitor, one push each (no
 * lateness), the latest version of every alert id after flush, and `scan()`'s alerts — both sorted
 * by id, for `expect(streamed).toEqual(batch)`.
 */
export function streamedAndBatch(txs: readonly Transaction[], jurisdiction: JurisdictionProfile): { streamed: Alert[]; batch: Alert[] } {
  const ordered = [...txs].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1));
  const monitor = createMonitor({ jurisdiction, minScore: 0, latenessMs: 0 });
  const latest = new Map<string, Alert>();
  for (const tx of ordered) for (const a of monitor.push(tx).alerts) latest.set(a.id, a);
  for (const a of monitor.flush().alerts) latest.set(a.id, a);
  const byId = (list: readonly Alert[]): Alert[] => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { streamed: byId([...latest.values()]), batch: byId(scan(ordered, { jurisdiction, minScore: 0 }).alerts) };
}
