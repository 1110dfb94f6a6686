import { esc } from './escape.js';
import { clip, money, shortMoney } from './format.js';
import type { FlowEdge, FlowGraph, FlowNode } from './flow-graph.js';

const NODE_W = 196;
const NODE_H = 44;
const V_GAP = 10;
const COL_GAP = 150;
const PAD = 16;
/** Most columns the alerted side (a network's members) is spread over. */
const MAX_ENTITY_LAYERS = 3;

interface Placed {
  readonly node: FlowNode;
  readonly x: number;
  readonly y: number;
}

/**
 * Draws a flow graph as an inline SVG, layered left to right: senders, the alerted side (a
 * network's members over up to three columns, by longest path of the flows between them), then
 * recipients. Arrows show direction, stroke width grows with the square root of the amount,
 * evidence edges are coloured and context edges grey; nodes carry name, identifier, country,
 * total and count. Every edge and node carries `data-*` attributes (keys, minor-unit amounts) for
 * scripts and tests, and a `<title>` with the exact figures.
 * @param uid - unique per document (marker ids)
 * @example flowSvg(buildFlowGraph(scope, index), 'c1')
 */
export function flowSvg(graph: FlowGraph, uid: string): string {
  const layers = entityLayers(graph);
  const entityCols = Math.max(1, ...[...layers.values()].map((l) => l + 1));
  const columns: FlowNode[][] = Array.from({ length: entityCols + 2 }, () => []);
  for (const n of graph.nodes) {
    const col = n.role === 'sender' ? 0 : n.role === 'recipient' ? entityCols + 1 : 1 + (layers.get(n.id) ?? 0);
    columns[col]?.push(n);
  }
  // Alerted side by throughput; counterparties next to the node they deal with most, then by amount.
  const position = new Map<string, number>();
  for (const col of columns.slice(1, entityCols + 1)) {
    col.sort(byAmount);
    col.forEach((n, i) => position.set(n.id, i));
  }
  const partner = mainPartner(graph.edges);
  for (const col of [columns[0], columns[entityCols + 1]]) {
    col?.sort((a, b) => tail(a) - tail(b) || (position.get(partner.get(a.id) ?? '') ?? 0) - (position.get(partner.get(b.id) ?? '') ?? 0) || byAmount(a, b));
  }
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const height = PAD * 2 + tallest * (NODE_H + V_GAP) - V_GAP + 14;
  const width = PAD * 2 + columns.length * NODE_W + (columns.length - 1) * COL_GAP;
  const placed = new Map<string, Placed>();
  columns.forEach((col, c) => {
    const top = PAD + 14 + ((tallest - col.length) * (NODE_H + V_GAP)) / 2;
    col.forEach((node, i) => placed.set(node.id, { node, x: PAD + c * (NODE_W + COL_GAP), y: top + i * (NODE_H + V_GAP) }));
  });

  const maxAmount = Math.max(1, ...graph.edges.filter((e) => e.currency === graph.currency).map((e) => e.amount));
  const edges = [...graph.edges]
    .sort((a, b) => Number(a.evidenceCount > 0) - Number(b.evidenceCount > 0) || b.amount - a.amount)
    .map((e) => edgeSvg(e, placed, maxAmount, graph.currency, uid))
    .join('');
  const heads = [
    columns[0]?.length ? header(PAD, 'Senders') : '',
    header(PAD + NODE_W + COL_GAP, columns.length > 3 ? 'Alerted network' : 'Alerted entity'),
    columns[entityCols + 1]?.length ? header(PAD + (entityCols + 1) * (NODE_W + COL_GAP), 'Recipients') : '',
  ].join('');
  const nodes = [...placed.values()].map((p) => nodeSvg(p, graph.currency)).join('');
  const marker = (kind: string) =>
    `<marker id="${uid}-${kind}" class="arrow ${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z"/></marker>`;
  return (
    `<svg class="flow" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${Math.ceil(height)}" width="${width}" height="${Math.ceil(height)}" role="img" aria-label="Money-flow graph">` +
    `<defs>${marker('ev')}${marker('cx')}</defs>${heads}<g class="edges">${edges}</g><g class="nodes">${nodes}</g></svg>`
  );
}

function header(x: number, text: string): string {
  return `<text class="colhead" x="${x}" y="${PAD + 2}">${esc(text)}</text>`;
}

function nodeSvg(p: Placed, currency: string): string {
  const n = p.node;
  const lines = [n.label.name, n.grouped === undefined ? [n.label.id, n.label.country].filter(Boolean).join(' · ') : n.evidence ? 'grouped, evidence among them' : 'grouped: smallest, no evidence', `${shortMoney(n.amount, currency)} · ${n.count} tx`];
  const total = money(n.amount, currency);
  const title = `${n.label.name} — ${n.label.id}${n.label.country === undefined ? '' : ` (${n.label.country})`}: ${total} in ${n.count} transactions`;
  const cls = `node ${n.role}${n.evidence ? ' evidence' : ''}${n.grouped === undefined ? '' : ' others'}`;
  return (
    `<g class="${cls}" data-node="${esc(n.key)}" data-role="${n.role}" data-amount="${n.amount}" data-count="${n.count}"${n.grouped === undefined ? '' : ` data-grouped="${n.grouped}"`}>` +
    `<title>${esc(title)}</title><rect x="${p.x}" y="${p.y.toFixed(1)}" width="${NODE_W}" height="${NODE_H}" rx="4"/>` +
    lines
      .map((line, i) => `<text class="l${i}" x="${p.x + 7}" y="${(p.y + 14 + i * 13).toFixed(1)}">${esc(clip(line.trim(), i === 0 ? 25 : 31))}</text>`)
      .join('') +
    '</g>'
  );
}

function edgeSvg(e: FlowEdge, placed: ReadonlyMap<string, Placed>, maxAmount: number, currency: string, uid: string): string {
  const a = placed.get(e.from);
  const b = placed.get(e.to);
  if (a === undefined || b === undefined) return '';
  const width = e.currency === currency ? 1.2 + 9 * Math.sqrt(e.amount / maxAmount) : 1.2;
  const y1 = a.y + NODE_H / 2;
  const y2 = b.y + NODE_H / 2;
  let d: string;
  let mid: { x: number; y: number };
  if (b.x > a.x) {
    const x1 = a.x + NODE_W;
    const x2 = b.x - 2;
    const dx = (x2 - x1) / 2;
    d = `M${x1},${y1.toFixed(1)}C${x1 + dx},${y1.toFixed(1)} ${x2 - dx},${y2.toFixed(1)} ${x2},${y2.toFixed(1)}`;
    mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
  } else {
    // Same column or backwards: loop out to the right and come back into the target's right side.
    const x1 = a.x + NODE_W;
    const x2 = b.x + NODE_W + 2;
    const bulge = 40 + Math.min(60, Math.abs(y2 - y1) / 4);
    d = `M${x1},${y1.toFixed(1)}C${x1 + bulge},${y1.toFixed(1)} ${x2 + bulge},${y2.toFixed(1)} ${x2},${y2.toFixed(1)}`;
    mid = { x: Math.max(x1, x2) + bulge * 0.75, y: (y1 + y2) / 2 };
  }
  const kind = e.evidenceCount > 0 ? 'ev' : 'cx';
  const title = `${a.node.label.name} → ${b.node.label.name}: ${money(e.amount, e.currency)} in ${e.count} transactions (${e.evidenceCount} evidence)`;
  const internal = a.node.role === 'entity' && b.node.role === 'entity';
  const label = internal ? `<text class="elabel" x="${mid.x.toFixed(1)}" y="${(mid.y - 3).toFixed(1)}">${esc(`${shortMoney(e.amount, e.currency)} · ${e.count}`)}</text>` : '';
  return (
    `<g class="edge ${kind === 'ev' ? 'evidence' : 'context'}" data-from="${esc(a.node.key)}" data-to="${esc(b.node.key)}" data-amount="${e.amount}" data-currency="${esc(e.currency)}" data-count="${e.count}" data-evidence="${e.evidenceCount}">` +
    `<title>${esc(title)}</title><path d="${d}" stroke-width="${width.toFixed(1)}" marker-end="url(#${uid}-${kind})"/>${label}</g>`
  );
}

/** Columns of the alerted side: longest path over the flows between its nodes (cycles broken by DFS), compressed to three. */
function entityLayers(graph: FlowGraph): Map<string, number> {
  const ids = graph.nodes.filter((n) => n.role === 'entity').map((n) => n.id).sort();
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) if (e.from !== e.to && out.has(e.from) && out.has(e.to)) out.get(e.from)?.push(e.to);
  for (const list of out.values()) list.sort();
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const dag = new Map<string, string[]>(ids.map((id) => [id, []]));
  const visit = (id: string): void => {
    state.set(id, 1);
    for (const next of out.get(id) ?? []) {
      if (state.get(next) === 1) continue; // back edge: drawn, but not layered
      dag.get(id)?.push(next);
      if (state.get(next) === undefined) visit(next);
    }
    state.set(id, 2);
    order.push(id);
  };
  for (const id of ids) if (state.get(id) === undefined) visit(id);
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of order.reverse()) for (const next of dag.get(id) ?? []) depth.set(next, Math.max(depth.get(next) ?? 0, (depth.get(id) ?? 0) + 1));
  const deepest = Math.max(0, ...depth.values());
  if (deepest < MAX_ENTITY_LAYERS) return depth;
  return new Map([...depth].map(([id, d]) => [id, Math.round((d * (MAX_ENTITY_LAYERS - 1)) / deepest)]));
}

function mainPartner(edges: readonly FlowEdge[]): Map<string, string> {
  const best = new Map<string, { id: string; amount: number }>();
  for (const e of edges) {
    for (const [self, other] of [[e.from, e.to], [e.to, e.from]] as const) {
      const b = best.get(self);
      if (b === undefined || e.amount > b.amount) best.set(self, { id: other, amount: e.amount });
    }
  }
  return new Map([...best].map(([k, v]) => [k, v.id]));
}

function byAmount(a: FlowNode, b: FlowNode): number {
  return b.amount - a.amount || (a.id < b.id ? -1 : 1);
}

/** The grouped tail goes last in its column. */
function tail(n: FlowNode): number {
  return n.grouped === undefined ? 0 : 1;
}
