import { describe, expect, test } from 'vitest';
import { caseScope } from '../../src/report/case-scope.js';
import { buildFlowGraph } from '../../src/report/flow-graph.js';
import { flowSvg } from '../../src/report/flow-svg.js';
import { indexReportData } from '../../src/report/report-index.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { alert, hit, hub, tx } from './fixtures.js';

describe('buildFlowGraph', () => {
  test('a hub with 500 senders keeps 12 nodes a side: the evidence first, the rest folded into "others" with totals intact', () => {
    const { transactions, alert: a } = hub(500, 5);
    const index = indexReportData(transactions);
    const graph = buildFlowGraph(caseScope(a, index), index);
    const senders = graph.nodes.filter((n) => n.role === 'sender');
    expect(senders).toHaveLength(12);
    const others = senders.find((n) => n.key === 'others');
    expect(others?.grouped).toBe(489);
    expect(graph.grouped).toEqual({ senders: 489, recipients: 0 });
    // The five cited senders (the smallest amounts) are kept ahead of larger context senders.
    for (const s of ['S496', 'S497', 'S498', 'S499', 'S500']) expect(senders.some((n) => n.key === `a:${s}`)).toBe(true);
    // The remaining six places go to the largest senders.
    for (const s of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']) expect(senders.some((n) => n.key === `a:${s}`)).toBe(true);
    const inflow = graph.edges.filter((e) => e.to === 'entity|a:HUB').reduce((s, e) => s + e.amount, 0);
    expect(inflow).toBe(transactions.filter((t) => t.toAccount === 'HUB').reduce((s, t) => s + t.amount, 0));
    expect(graph.edges.find((e) => e.from === 'sender|others')?.count).toBe(489);
    expect(graph.edges.find((e) => e.from === 'sender|others')?.evidenceCount).toBe(0);
  });

  test('evidence edges are marked, context edges are not; cash points and conductors become nodes', () => {
    const t: Transaction[] = [
      tx('A', 1, 950_000, { kind: 'cash_deposit', toAccount: 'X', conductor: 'P9', location: 'BR-1' }),
      tx('B', 2, 940_000, { kind: 'cash_deposit', toAccount: 'X', location: 'BR-2' }),
      tx('C', 3, 500_000, { kind: 'cash_withdrawal', fromAccount: 'X', location: 'ATM-7' }),
      tx('D', 4, 10_000, { fromAccount: 'X', toAccount: 'Y' }),
    ];
    const index = indexReportData(t);
    const graph = buildFlowGraph(caseScope(alert({ kind: 'account', id: 'X' }, [hit('near_threshold_cash', t.slice(0, 2))]), index), index);
    const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);
    expect(edge('sender|p:P9', 'entity|a:X')).toMatchObject({ amount: 950_000, count: 1, evidenceCount: 1 });
    expect(edge('sender|c:in:BR-2', 'entity|a:X')).toMatchObject({ amount: 940_000, evidenceCount: 1 });
    expect(edge('entity|a:X', 'recipient|c:out:ATM-7')).toMatchObject({ amount: 500_000, evidenceCount: 0 });
    expect(edge('entity|a:X', 'recipient|a:Y')).toMatchObject({ amount: 10_000, evidenceCount: 0 });
  });

  test('a 25-member network: every member drawn, flows between members labelled, members spread over at most three columns', () => {
    const t: Transaction[] = [];
    const members = Array.from({ length: 25 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
    members.forEach((m, i) => {
      t.push(tx(`F${i}`, i, 200_000 + i * 1000, { fromAccount: `EXT${i}`, fromName: `Payer ${i}`, toAccount: m }));
      if (i > 0) t.push(tx(`L${i}`, 30 + i, 100_000, { fromAccount: members[i - 1] as string, toAccount: m })); // a chain of 24 links
    });
    const a = alert({ kind: 'network', id: 'net-1' }, [hit('funnel_account', t)], { members: members.map((id) => ({ kind: 'account' as const, id })) });
    const index = indexReportData(t);
    const graph = buildFlowGraph(caseScope(a, index), index);
    expect(graph.nodes.filter((n) => n.role === 'entity')).toHaveLength(25);
    expect(graph.edges.filter((e) => e.from.startsWith('entity|') && e.to.startsWith('entity|'))).toHaveLength(24);
    const svg = flowSvg(graph, 'n1');
    const xs = new Set([...svg.matchAll(/<g class="node entity[^"]*" data-node="a:M\d+"[^>]*><title>[^<]*<\/title><rect x="(\d+)"/g)].map((m) => m[1]));
    expect(xs.size).toBeGreaterThan(1);
    expect(xs.size).toBeLessThanOrEqual(3);
    expect(svg.match(/class="elabel"/g)).toHaveLength(24);
    expect(svg).toContain('data-from="a:M01" data-to="a:M02" data-amount="100000"');
  });

  test('a party stands for the cash it conducted and the accounts it holds', () => {
    const t = [
      tx('A', 1, 900_000, { kind: 'cash_deposit', toAccount: 'OTHER', conductor: 'P1' }),
      tx('B', 2, 300_000, { fromAccount: 'OWN', toAccount: 'Z' }),
    ];
    const index = indexReportData(t, [{ account: 'OWN', party: 'P1' }], [{ party: 'P1', name: 'Ana' }]);
    const graph = buildFlowGraph(caseScope(alert({ kind: 'party', id: 'P1' }, [hit('conductor_spread', t)]), index), index);
    expect(graph.nodes.filter((n) => n.role === 'entity').map((n) => n.key).sort()).toEqual(['a:OWN', 'p:P1']);
    expect(graph.nodes.find((n) => n.key === 'p:P1')?.label.name).toBe('Ana');
    expect(graph.nodes.find((n) => n.key === 'a:OWN')?.label.name).toBe('Ana');
  });
});
