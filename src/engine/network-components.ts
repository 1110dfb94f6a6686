// The graph step of network alerts: which members form one network (see networkAlerts in network.ts).

/** A link between two nodes (a hit's entity and one of its `related` refs, or an account and its holder). */
export interface Edge {
  readonly a: number;
  readonly b: number;
  /** Seen from both ends: the other end's own money-flow evidence names this end too (holder links: always). */
  readonly confirmed: boolean;
  /** An employer's payroll link (see `isPayrollLink`): a component it holds together is split over its confirmed links, whatever its size. */
  readonly payroll?: boolean;
}

/**
 * Connected components of the members (union-find over the edges), each a list of indexes into
 * `members` in ascending order. A component with more than `maxMembers` members (a payroll's
 * fan-out or a string of ransom-sized transfers between background accounts joining a case to
 * dozens of bystanders) is not dropped outright: it is split again over its confirmed links only —
 * those seen from both ends, such as a debt collector naming its payers while each payer's own
 * series names the collector. A part that stays too large even then (a dormitory) raises nothing.
 * A component that holds an employer's payroll link (`payroll`: workers sharing an employer, not a
 * money trail) is split so too, whatever its size: only links seen from both ends keep it together.
 * Deterministic: parts are ordered by their smallest member index.
 */
export function components(nodeCount: number, edges: readonly Edge[], members: readonly number[], maxMembers: number): number[][] {
  const parent = Array.from({ length: nodeCount }, (_, i) => i);
  const find = (n: number): number => {
    let x = n;
    while (parent[x] !== x) {
      const up = parent[parent[x] as number] as number;
      parent[x] = up; // path halving
      x = up;
    }
    return x;
  };
  const split = (es: readonly Edge[], ms: readonly number[]): { members: number[]; edges: Edge[] }[] => {
    for (const e of es) {
      parent[e.a] = e.a;
      parent[e.b] = e.b;
    }
    for (const k of ms) parent[members[k] as number] = members[k] as number;
    for (const e of es) {
      const ra = find(e.a);
      const rb = find(e.b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    const parts = new Map<number, { members: number[]; edges: Edge[] }>();
    for (const k of ms) {
      const root = find(members[k] as number);
      const p = parts.get(root);
      if (p === undefined) parts.set(root, { members: [k], edges: [] });
      else p.members.push(k);
    }
    for (const e of es) parts.get(find(e.a))?.edges.push(e);
    return [...parts.values()];
  };
  const out: number[][] = [];
  for (const part of split(edges, members.map((_, k) => k))) {
    if (part.members.length <= maxMembers && !part.edges.some((e) => e.payroll === true)) out.push(part.members);
    else for (const p of split(part.edges.filter((e) => e.confirmed), part.members)) if (p.members.length <= maxMembers) out.push(p.members);
  }
  return out.sort((x, y) => (x[0] as number) - (y[0] as number));
}
