/**
 * Pattern-level evaluation on an AMLSim run in the newer output schema (../shared/datasets/amlsim-dev3k):
 * transactions.csv (tran_id, orig_acct, bene_acct, base_amt, tran_timestamp), accounts.csv (acct_id,
 * bank_id) and alert_accounts.csv (alert_id, alert_type, acct_id, is_sar). Used by
 * examples/evaluate-amlsim.ts when the data directory holds alert_accounts.csv.
 *
 * Reading: every row is a USD transfer (base_amt, 2 decimals, exact), channel online, between the
 * accounts' banks (from_institution / to_institution = bank_id), at its UTC timestamp. No names,
 * addresses or countries are given to the engine (AMLSim's are generated and would link unrelated
 * accounts by common US surnames).
 *
 * Metrics: a SAR pattern is found when any of its member accounts carries an at-threshold alert
 * (network alerts count for every member account); account precision = alerted accounts inside any
 * SAR pattern / all alerted accounts. Non-SAR look-alike patterns (same shape, lawful) are reported
 * as the share of them touched by an alert.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert, Transaction } from '../src/index.js';
import { parseCsvRecords } from './scenarios/csv.js';

/** One AMLSim alert pattern: its typology, SAR flag and member accounts. */
export interface AmlsimPattern {
  readonly id: string;
  readonly type: string;
  readonly sar: boolean;
  readonly accounts: readonly string[];
}

/** Transactions and pattern labels of an AMLSim run in the newer schema. */
export function loadAmlsimRun(dir: string): { transactions: Transaction[]; patterns: AmlsimPattern[]; accounts: number } {
  const bank = new Map<string, string>();
  for (const r of parseCsvRecords(readFileSync(join(dir, 'accounts.csv'), 'utf8'))) bank.set(r.acct_id as string, r.bank_id as string);
  const transactions: Transaction[] = [];
  for (const r of parseCsvRecords(readFileSync(join(dir, 'transactions.csv'), 'utf8'))) {
    const [whole, frac = ''] = (r.base_amt as string).split('.');
    const amount = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
    const from = r.orig_acct as string;
    const to = r.bene_acct as string;
    const fromBank = bank.get(from);
    const toBank = bank.get(to);
    transactions.push({
      id: `A${r.tran_id as string}`, timestamp: Date.parse(r.tran_timestamp as string), amount, currency: 'USD', kind: 'transfer', channel: 'online',
      fromAccount: from, toAccount: to,
      ...(fromBank === undefined ? {} : { fromInstitution: fromBank }),
      ...(toBank === undefined ? {} : { toInstitution: toBank }),
    });
  }
  const byId = new Map<string, { type: string; sar: boolean; accounts: string[] }>();
  for (const r of parseCsvRecords(readFileSync(join(dir, 'alert_accounts.csv'), 'utf8'))) {
    const p = byId.get(r.alert_id as string) ?? { type: r.alert_type as string, sar: r.is_sar === 'True', accounts: [] };
    p.accounts.push(r.acct_id as string);
    byId.set(r.alert_id as string, p);
  }
  const patterns = [...byId].map(([id, p]) => ({ id, ...p })).sort((a, b) => Number(a.id) - Number(b.id));
  return { transactions, patterns, accounts: bank.size };
}

/** Per-typology pattern recall, look-alike touch rate and account precision at a score threshold. */
export function patternMetrics(alerts: readonly Alert[], patterns: readonly AmlsimPattern[], threshold: number, accountsOf: (a: Alert) => string[]) {
  const alerted = new Set<string>();
  for (const a of alerts) if (a.score >= threshold) for (const acc of accountsOf(a)) alerted.add(acc);
  const sarAccounts = new Set(patterns.filter((p) => p.sar).flatMap((p) => p.accounts));
  const byType: Record<string, { sar: number; found: number; lookalikes: number; lookalikesTouched: number }> = {};
  for (const p of patterns) {
    const g = (byType[p.type] ??= { sar: 0, found: 0, lookalikes: 0, lookalikesTouched: 0 });
    const hit = p.accounts.some((a) => alerted.has(a));
    if (p.sar) { g.sar++; if (hit) g.found++; } else { g.lookalikes++; if (hit) g.lookalikesTouched++; }
  }
  let inside = 0;
  for (const a of alerted) if (sarAccounts.has(a)) inside++;
  return { alertedAccounts: alerted.size, insideSar: inside, accountPrecision: alerted.size === 0 ? 0 : inside / alerted.size, byType };
}
