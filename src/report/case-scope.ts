import type { Alert } from '../scoring/alert.js';
import type { Transaction } from '../schema/transaction.js';
import { compareTx, type ReportIndex } from './report-index.js';

const DAY_MS = 86_400_000;

/** The transactions one case is drawn from. */
export interface CaseScope {
  /** Node keys of the alerted side: accounts `a:<id>` and parties `p:<id>` (a network's members). */
  readonly inside: ReadonlySet<string>;
  /** Transactions cited by the alert's hits and found in the transactions file, in (time, id) order. */
  readonly evidence: readonly Transaction[];
  readonly evidenceIds: ReadonlySet<string>;
  /** Cited ids that are not in the transactions file. */
  readonly missing: readonly string[];
  /** Evidence plus the other transactions of the inside accounts and parties in the alert's period (context). */
  readonly flows: readonly Transaction[];
  /** For each evidence id, the rules of the hits citing it, in hit order. */
  readonly citedBy: ReadonlyMap<string, readonly string[]>;
  /** Earliest hit-window start and latest hit-window end (epoch ms). */
  readonly period: { readonly from: number; readonly to: number };
}

/**
 * The scope of one alert's case: its entity (or a network's members) as node keys, the evidence
 * its hits cite, and the entity's other flows in the period as grey context. A party stands for
 * itself (cash it conducted) and for the accounts it holds.
 * @example const scope = caseScope(alert, indexReportData(transactions));
 */
export function caseScope(alert: Alert, index: ReportIndex): CaseScope {
  const inside = new Set<string>();
  const addEntity = (kind: 'account' | 'party', id: string): void => {
    if (kind === 'account') inside.add(`a:${id}`);
    else {
      inside.add(`p:${id}`);
      for (const account of index.accountsOfParty.get(id) ?? []) inside.add(`a:${account}`);
    }
  };
  if (alert.entity.kind === 'network') for (const m of alert.members ?? []) addEntity(m.kind, m.id);
  else addEntity(alert.entity.kind, alert.entity.id);

  const citedBy = new Map<string, string[]>();
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const hit of alert.hits) {
    from = Math.min(from, Date.parse(hit.window.from));
    to = Math.max(to, Date.parse(hit.window.to));
    for (const id of hit.transactionIds) {
      const rules = citedBy.get(id);
      if (rules === undefined) citedBy.set(id, [hit.rule]);
      else if (!rules.includes(hit.rule)) rules.push(hit.rule);
    }
  }
  if (!Number.isFinite(from)) {
    from = Date.parse(alert.firstSeen);
    to = Date.parse(alert.lastSeen);
  }
  const evidence: Transaction[] = [];
  const missing: string[] = [];
  for (const id of citedBy.keys()) {
    const tx = index.byId.get(id);
    if (tx === undefined) missing.push(id);
    else evidence.push(tx);
  }
  evidence.sort(compareTx);
  missing.sort();

  // Context: the inside side's other transactions from a day before the first window to a day after the last.
  const seen = new Set<string>(evidence.map((t) => t.id));
  const flows: Transaction[] = [...evidence];
  const lo = from - DAY_MS;
  const hi = to + DAY_MS;
  for (const key of inside) {
    const list = key.startsWith('a:') ? index.byAccount.get(key.slice(2)) : index.byConductor.get(key.slice(2));
    for (const tx of list ?? []) {
      if (tx.timestamp < lo || tx.timestamp > hi || seen.has(tx.id)) continue;
      seen.add(tx.id);
      flows.push(tx);
    }
  }
  flows.sort(compareTx);
  return { inside, evidence, evidenceIds: new Set(evidence.map((t) => t.id)), missing, flows, citedBy, period: { from, to } };
}
