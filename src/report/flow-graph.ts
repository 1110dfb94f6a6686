import type { Transaction } from '../schema/transaction.js';
import type { CaseScope } from './case-scope.js';
import { flowEndpoints, nodeLabel, type NodeLabel } from './flow-endpoints.js';
import type { ReportIndex } from './report-index.js';

/** Where a node sits: senders left, the alerted side in the middle, recipients right. */
export type FlowRole = 'sender' | 'entity' | 'recipient';

/** One node of a case's money-flow graph. */
export interface FlowNode {
  /** Unique within the graph: `<role>|<key>`; a counterparty that both pays and is paid appears once per side. */
  readonly id: string;
  /** The node key (`a:<account>`, `p:<party>`, `c:in:<location>`, `c:out:<location>`), or `others` for a grouped tail. */
  readonly key: string;
  readonly role: FlowRole;
  readonly label: NodeLabel;
  /** Total in the graph's main currency over all the node's edges (minor units), and the transaction count. */
  readonly amount: number;
  readonly count: number;
  /** Whether any of its transactions is evidence. */
  readonly evidence: boolean;
  /** For a grouped tail: how many counterparties it stands for. */
  readonly grouped?: number;
}

/** Transactions from one node to another in one currency, added up. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly amount: number;
  readonly count: number;
  /** How many of them are evidence (the rest is context: the entity's other flows in the period). */
  readonly evidenceCount: number;
}

/** A case's money-flow graph, before layout. */
export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** The most frequent currency: node totals and edge widths are in it. */
  readonly currency: string;
  /** Counterparties folded into the "others" node of each side (0 when none). */
  readonly grouped: { readonly senders: number; readonly recipients: number };
}

/** Options of {@link buildFlowGraph}. */
export interface FlowGraphOptions {
  /** Most counterparty nodes per side, the "others" node included; default 12. */
  readonly maxCounterparties?: number;
}

interface Acc {
  amount: number;
  count: number;
  evidenceCount: number;
}

/**
 * Aggregates a case's flows into a graph: one edge per (from, to, currency) with total, count and
 * evidence count. Counterparties beyond `maxCounterparties` per side (those without evidence and
 * with the smallest totals first) are folded into one "N other senders/recipients" node, so a hub
 * with 500 counterparties stays readable.
 * @example const graph = buildFlowGraph(caseScope(alert, index), index, { maxCounterparties: 12 });
 */
export function buildFlowGraph(scope: CaseScope, index: ReportIndex, options: FlowGraphOptions = {}): FlowGraph {
  const max = Math.max(2, options.maxCounterparties ?? 12);
  const currency = mainCurrency(scope.flows);
  const firstSeen = new Map<string, Transaction | undefined>();
  const raw = new Map<string, Acc & { from: string; to: string; currency: string }>();
  for (const tx of scope.flows) {
    const ends = flowEndpoints(tx);
    const fromIn = scope.inside.has(ends.from);
    const toIn = scope.inside.has(ends.to);
    if (!fromIn && !toIn) continue;
    const from = fromIn ? `entity|${ends.from}` : `sender|${ends.from}`;
    const to = toIn ? `entity|${ends.to}` : `recipient|${ends.to}`;
    if (!firstSeen.has(from)) firstSeen.set(from, tx);
    if (!firstSeen.has(to)) firstSeen.set(to, tx);
    const key = `${from}\u0000${to}\u0000${tx.currency}`;
    const e = raw.get(key) ?? { from, to, currency: tx.currency, amount: 0, count: 0, evidenceCount: 0 };
    e.amount += tx.amount;
    e.count += 1;
    if (scope.evidenceIds.has(tx.id)) e.evidenceCount += 1;
    raw.set(key, e);
  }
  // Alerted nodes with no flows in the file still appear (a party known only from accounts.csv).
  // (A party whose accounts are drawn is left out when it moved nothing itself: its name is on them.)
  for (const key of scope.inside) {
    if (firstSeen.has(`entity|${key}`)) continue;
    if (key.startsWith('p:') && (index.accountsOfParty.get(key.slice(2)) ?? []).some((a) => firstSeen.has(`entity|a:${a}`))) continue;
    firstSeen.set(`entity|${key}`, undefined);
  }

  const totals = new Map<string, Acc>();
  for (const e of raw.values()) {
    for (const id of [e.from, e.to]) {
      const t = totals.get(id) ?? { amount: 0, count: 0, evidenceCount: 0 };
      if (e.currency === currency) t.amount += e.amount;
      t.count += e.count;
      t.evidenceCount += e.evidenceCount;
      totals.set(id, t);
    }
  }
  const keep = new Set<string>();
  const grouped = { senders: 0, recipients: 0 };
  for (const role of ['sender', 'recipient'] as const) {
    const side = [...firstSeen.keys()].filter((id) => id.startsWith(`${role}|`));
    side.sort((a, b) => rank(totals.get(b)) - rank(totals.get(a)) || ((totals.get(b)?.amount ?? 0) - (totals.get(a)?.amount ?? 0)) || (a < b ? -1 : 1));
    const kept = side.length <= max ? side : side.slice(0, max - 1);
    for (const id of kept) keep.add(id);
    grouped[role === 'sender' ? 'senders' : 'recipients'] = side.length - kept.length;
  }
  const fold = (id: string): string => (id.startsWith('entity|') || keep.has(id) ? id : `${id.slice(0, id.indexOf('|'))}|others`);

  const edges = new Map<string, FlowEdge & Acc>();
  for (const e of raw.values()) {
    const from = fold(e.from);
    const to = fold(e.to);
    const key = `${from}\u0000${to}\u0000${e.currency}`;
    const f = edges.get(key) ?? { from, to, currency: e.currency, amount: 0, count: 0, evidenceCount: 0 };
    f.amount += e.amount;
    f.count += e.count;
    f.evidenceCount += e.evidenceCount;
    edges.set(key, f);
  }
  const nodeTotals = new Map<string, Acc>();
  for (const e of edges.values()) {
    for (const id of [e.from, e.to]) {
      const t = nodeTotals.get(id) ?? { amount: 0, count: 0, evidenceCount: 0 };
      if (e.currency === currency) t.amount += e.amount;
      t.count += e.count;
      t.evidenceCount += e.evidenceCount;
      nodeTotals.set(id, t);
    }
  }
  const nodes: FlowNode[] = [];
  for (const [id, tx] of firstSeen) {
    if (!id.startsWith('entity|') && !keep.has(id)) continue;
    nodes.push(makeNode(id, nodeTotals.get(id), nodeLabel(id.slice(id.indexOf('|') + 1), index, tx)));
  }
  if (grouped.senders > 0) nodes.push(makeNode('sender|others', nodeTotals.get('sender|others'), { name: `${grouped.senders} other senders`, id: 'grouped' }, grouped.senders));
  if (grouped.recipients > 0) nodes.push(makeNode('recipient|others', nodeTotals.get('recipient|others'), { name: `${grouped.recipients} other recipients`, id: 'grouped' }, grouped.recipients));
  return { nodes, edges: [...edges.values()].map(({ from, to, currency: c, amount, count, evidenceCount }) => ({ from, to, currency: c, amount, count, evidenceCount })), currency, grouped };
}

function makeNode(id: string, t: Acc | undefined, label: NodeLabel, groupedCount?: number): FlowNode {
  const bar = id.indexOf('|');
  const node: FlowNode = {
    id,
    key: id.slice(bar + 1),
    role: id.slice(0, bar) as FlowRole,
    label,
    amount: t?.amount ?? 0,
    count: t?.count ?? 0,
    evidence: (t?.evidenceCount ?? 0) > 0,
  };
  return groupedCount === undefined ? node : { ...node, grouped: groupedCount };
}

/** Evidence first: a counterparty in the evidence outranks any amount of context. */
function rank(t: Acc | undefined): number {
  return (t?.evidenceCount ?? 0) > 0 ? 1 : 0;
}

function mainCurrency(flows: readonly Transaction[]): string {
  const counts = new Map<string, number>();
  for (const tx of flows) counts.set(tx.currency, (counts.get(tx.currency) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const [c, k] of counts) if (k > n || (k === n && c < best)) [best, n] = [c, k];
  return best === '' ? 'XXX' : best;
}
