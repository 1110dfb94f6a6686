import type { Alert } from '../scoring/alert.js';
import { candidateRecords, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity } from './packed-candidates.js';
import { HOPS, edgeRef, hopAt, hopCandidatesOf, hopEdges, hopTable, hopsBetween, isHopRecord, type Hop } from './hop-table.js';
import { structureAlert, type Structure } from './layering-alert.js';
import type { NetworkConfig } from './network.js';
import { compareText as cmp } from '../_internal/compare-text.js';

/** Longest round-tripping cycle searched for, in hops (accounts on the cycle). @category Engine */
export const LAYERING_MAX_CYCLE_HOPS = 8;
/** Fewest intermediaries between one source and one sink for a scatter-gather. @category Engine */
export const LAYERING_MIN_INTERMEDIARIES = 5;
/** Most paths explored from one start account in the cycle search (a bound on work, reported in each hit's facts: 10,000 made the AMLSim 20K scan ten times slower, 1,000 finds every dev-run cycle). @category Engine */
export const LAYERING_MAX_PATHS_PER_START = 1_000;
/** Longest time from the first to the last transaction of a cycle or scatter-gather (30 days). @category Engine */
export const LAYERING_MAX_SPAN_MS = 30 * 86_400_000;
/** Fewest accounts on a round-tripping cycle (two accounts paying each other back is a loan, not layering). @category Engine */
export const LAYERING_MIN_CYCLE_HOPS = 5;
/** Fewest new senders and new recipients of a gather-scatter hub. @category Engine */
export const LAYERING_MIN_FAN = 3;
/** Least share of the gathered money a gather-scatter hub pays on to its new recipients. @category Engine */
export const LAYERING_MIN_PASSED_SHARE = 0.25;
/** Most a gather-scatter hub pays on, as a share of what it gathered (beyond it, it spends a balance). @category Engine */
export const LAYERING_MAX_PASSED_SHARE = 1.5;
/**
 * Least share of a structure's hop accounts with settled relations (a counterparty seen twice in
 * the hop rule's lookback). Where every counterparty of every account is one-off (data with a
 * handful of transfers per account), new counterparties carry no signal and chance cycles and
 * hubs abound. @category Engine
 */
export const LAYERING_MIN_SETTLED_SHARE = 0.5;
/**
 * Least share of a run's hop accounts with settled relations for newness to mean something in that
 * run at all. Below it (the AMLSim 20K sample: 4 %, against 39 % on the dev run and 70 % on the
 * scenario bank) the run's own counterparty churn is the norm: cycles need settled accounts
 * ({@link LAYERING_MIN_SETTLED_SHARE}) and gather-scatter hubs are not formed. @category Engine
 */
export const LAYERING_MIN_RUN_SETTLED_SHARE = 0.2;
/** Fewest hop accounts in a run for its churn ({@link LAYERING_MIN_RUN_SETTLED_SHARE}) to be judged at all. @category Engine */
export const LAYERING_MIN_RUN_SAMPLE = 100;

/**
 * Layering structures over the hop evidence of entity alerts (MS-LAY-01 round-tripping cycles,
 * MS-LAY-02 scatter-gather, MS-LAY-03 gather-scatter): each account's `layering_hop` hits say
 * "received from X (tx), paid Y (tx)" with X and Y counterparties new to it. Between two hop
 * accounts there is an edge A→B when A's hop paid B or B's hop was paid by A. A cycle is a closed
 * walk of {@link LAYERING_MIN_CYCLE_HOPS}…{@link LAYERING_MAX_CYCLE_HOPS} such edges over distinct
 * accounts; a scatter-gather is at least {@link LAYERING_MIN_INTERMEDIARIES} hop accounts each paid
 * by one source and then paying one sink (neither a non-personal account); a gather-scatter is one
 * hop account's clean gather phase then scatter phase (see `gatherScatter`). Each must happen within
 * {@link LAYERING_MAX_SPAN_MS}. In a run of at least {@link LAYERING_MIN_RUN_SAMPLE} hop accounts of
 * which fewer than {@link LAYERING_MIN_RUN_SETTLED_SHARE} have a settled relation, cycles need
 * {@link LAYERING_MIN_SETTLED_SHARE} of their accounts settled and gather-scatters are not formed. Each structure raises one network alert (layering-alert.ts) whose members are its
 * accounts, scored on the layering evidence alone. Pure, deterministic (depends on the set of
 * alerts, not their order) and bounded: the cycle search explores at most
 * {@link LAYERING_MAX_PATHS_PER_START} paths per start account. Structures whose member set equals
 * a network alert in `taken` are skipped.
 * @param candidates entity alerts of one run with their evidence records (any order; all scores)
 * @param config the engine configuration the alerts were built with
 * @param taken entity ids of network alerts already formed
 * @returns network alerts, ordered by entity id
 * @category Engine
 * @example const layered = layeringAlerts(candidates, config, new Set());
 */
export function layeringAlerts(candidates: readonly NetworkCandidate[], config: NetworkConfig, taken: ReadonlySet<string> = new Set()): Alert[] {
  // Hops as columns, accounts numbered in id order (hop-table.ts): every alert of an account with
  // hops brings them (a closed case and the later one both); each account's hops are one run.
  const t = hopTable(candidates);
  if (t.count === 0) return [];
  const { names } = t;
  // Edges between hop accounts: A → B when A's hop paid B (new to A) or B's hop was paid by A (new
  // to B); the other side may have known its counterparty before, or had more than maxNew new ones.
  const isHop = new Uint8Array(names.length);
  // Accounts with settled relations of their own: against them a new counterparty means something.
  const settled = new Uint8Array(names.length);
  for (let h = 0; h < t.count; h++) {
    isHop[t.account[h] as number] = 1;
    if (t.known[h] === 1) settled[t.account[h] as number] = 1;
  }
  const hopAccounts = isHop.reduce((n, x) => n + x, 0);
  const settledAccounts = settled.reduce((n, x) => n + x, 0);
  const settledEnough = (accounts: readonly string[], share = LAYERING_MIN_SETTLED_SHARE): boolean => {
    const judged = accounts.map((a) => t.numberOf(a) as number).filter((a) => isHop[a] === 1);
    return judged.length > 0 && judged.filter((a) => settled[a] === 1).length >= share * judged.length;
  };
  const churned = isChurned(hopAccounts, settledAccounts);
  const edges = hopEdges(t, isHop);
  const structures: { kind: Structure; accounts: string[]; lines: string[]; ids: string[]; from: number; to: number }[] = [];
  const seen = new Set<string>();
  const add = (kind: Structure, accounts: string[], lines: string[], ids: string[], times: number[]): void => {
    const key = [...accounts].sort().join('\u0000');
    if (seen.has(key) || Math.max(...times) - Math.min(...times) > LAYERING_MAX_SPAN_MS ) return;
    // In a run where most hop accounts have no settled relation at all (every counterparty one-off),
    // newness carries no signal: cycles must run through settled accounts, and a gather-scatter —
    // one hub's view of counterparties new to it, the run's norm — is no evidence.
    if (churned && (kind === 'gather_scatter' || (kind === 'cycle' && !settledEnough(accounts)))) return;
    seen.add(key);
    structures.push({ kind, accounts, lines, ids, from: Math.min(...times), to: Math.max(...times) });
  };
  // Cycles: start at each account, visit only larger numbers (each cycle once, from its smallest member).
  for (const cycle of cyclesOf(names.length, (a) => edges.to.subarray(edges.start[a], edges.start[a + 1]))) {
    const steps = cycle.map((a, i) => {
      const to = cycle[(i + 1) % cycle.length] as number;
      const ref = edgeRef(edges, a, to);
      const hop = hopAt(t, ref >> 1);
      return (ref & 1) === 0 ? { from: a, to, tx: hop.outTx, ts: hop.outTs } : { from: a, to, tx: hop.inTx, ts: hop.inTs };
    });
    const lines = steps.map((e) => `${names[e.from] as string} → ${names[e.to] as string} (${e.tx})`);
    add('cycle', cycle.map((a) => names[a] as string), lines, [...new Set(steps.map((e) => e.tx))], steps.map((e) => e.ts));
  }
  const institutional = (id: string): boolean => {
    const type = config.context.accounts.get(id)?.type;
    return type !== undefined && type !== 'personal';
  };
  // Scatter-gather: hop accounts sharing one source and one sink. The hops through an intermediary
  // (paid in by the source first, then paid on to the sink), ordered by source, sink and their
  // order in the table: each (source, sink) pair is one run, without a key or a list per hop.
  const through: number[] = [];
  for (let i = 0; i < t.count; i++) {
    if (t.from[i] !== t.to[i] && t.forward[i] === 1) through.push(i);
  }
  through.sort((x, y) => (t.from[x] as number) - (t.from[y] as number) || (t.to[x] as number) - (t.to[y] as number) || x - y);
  for (let i = 0; i < through.length; ) {
    const first = through[i] as number;
    const list: number[] = [];
    for (; i < through.length; i++) {
      const h = through[i] as number;
      if (t.from[h] !== t.from[first] || t.to[h] !== t.to[first]) break;
      if (!list.some((x) => t.account[x] === t.account[h])) list.push(h);
    }
    if (list.length < LAYERING_MIN_INTERMEDIARIES) continue;
    const source = names[t.from[first] as number] as string;
    const sink = names[t.to[first] as number] as string;
    // A government, business, NGO or remitter paying many (benefits, payroll) and a biller or shop
    // paid by many are the lawful shape of this: such a source or sink makes no scatter-gather.
    if (institutional(source) || institutional(sink)) continue;
    const mids = list.sort((a, b) => (t.account[a] as number) - (t.account[b] as number)).map((h) => hopAt(t, h));
    const lines = mids.map((h) => `${source} → ${h.account} (${h.inTx}) → ${sink} (${h.outTx})`);
    add('scatter_gather', [source, ...mids.map((h) => h.account), sink], lines, mids.flatMap((h) => [h.inTx, h.outTx]), mids.flatMap((h) => [h.inTs, h.outTs]));
  }
  // Gather-scatter: one hop account paid by several new senders that then paid several new
  // recipients. Each account's hops are one run of the table, in account order; a hub with fewer
  // than LAYERING_MIN_FAN senders or recipients in all is passed over without reading its hops.
  for (let i = 0; i < t.count; ) {
    const hub = t.account[i] as number;
    let j = i + 1;
    while (j < t.count && t.account[j] === hub) j++;
    if (distinctAtLeast(t.from, i, j, LAYERING_MIN_FAN) && distinctAtLeast(t.to, i, j, LAYERING_MIN_FAN)) {
      const gs = gatherScatter(names[hub] as string, hopsBetween(t, i, j));
      if (gs !== undefined) add('gather_scatter', gs.accounts, gs.lines, gs.ids, gs.times);
    }
    i = j;
  }
  const out: Alert[] = [];
  const byAccount = { get: (id: string) => hopCandidatesOf(t, id) };
  for (const s of structures) {
    const alert = structureAlert(s, byAccount, config);
    if (alert !== undefined && !taken.has(alert.entity.id)) out.push(alert);
  }
  return out.sort((a, b) => cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
}

/** Whether `column[from … to − 1]` holds at least `n` distinct values. */
function distinctAtLeast(column: Int32Array, from: number, to: number, n: number): boolean {
  if (to - from < n) return false;
  const values = new Set<number>();
  for (let i = from; i < to && values.size < n; i++) values.add(column[i] as number);
  return values.size >= n;
}

/**
 * The round-tripping cycles of the hop graph `next` (account → accounts it paid), in the order of
 * a depth-first search from each account in id order that visits only larger ids and follows
 * successors in id order: each cycle once, from its smallest member, of
 * {@link LAYERING_MIN_CYCLE_HOPS}…{@link LAYERING_MAX_CYCLE_HOPS} distinct accounts. The search from
 * one start stops after {@link LAYERING_MAX_PATHS_PER_START} successors examined. Accounts are
 * numbered in id order (so a number comparison is the id comparison) and successors kept as arrays
 * of numbers: on the 1M-row bench file this search over about 150k hop accounts took 14 s with
 * string ids, sets and maps.
 * @internal
 */
export function layeringCycles(next: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const names = new Set<string>();
  for (const [from, succ] of next) {
    names.add(from);
    for (const to of succ.keys()) names.add(to);
  }
  const ids = [...names].sort();
  const rank = new Map<string, number>();
  ids.forEach((id, i) => rank.set(id, i));
  // Successors of each account by number, ascending (= in id order); none for accounts that paid no hop.
  const successors: Int32Array[] = new Array<Int32Array>(ids.length);
  const none = new Int32Array(0);
  for (let i = 0; i < ids.length; i++) {
    const succ = next.get(ids[i] as string);
    successors[i] = succ === undefined ? none : Int32Array.from([...succ.keys()].map((to) => rank.get(to) as number)).sort();
  }
  return cyclesOf(ids.length, (a) => successors[a] as Int32Array).map((cycle) => cycle.map((a) => ids[a] as string));
}

/**
 * The search of {@link layeringCycles} over accounts numbered 0 … count − 1 in id order, whose
 * successors (ascending) `successorsOf` gives: the cycles as lists of account numbers.
 */
function cyclesOf(count: number, successorsOf: (account: number) => Int32Array): number[][] {
  const onPath = new Uint8Array(count);
  const path = new Int32Array(LAYERING_MAX_CYCLE_HOPS);
  const out: number[][] = [];
  for (let start = 0; start < count; start++) {
    if (successorsOf(start).length === 0) continue;
    let explored = 0;
    let depth = 1;
    path[0] = start;
    onPath[start] = 1;
    // Examines the successors of `node` (the path's last account); false once the search from this start is spent.
    const walk = (node: number): boolean => {
      const succ = successorsOf(node);
      for (let k = 0; k < succ.length; k++) {
        const to = succ[k] as number;
        if (++explored > LAYERING_MAX_PATHS_PER_START) return false;
        if (to === start && depth >= LAYERING_MIN_CYCLE_HOPS) {
          out.push(Array.from(path.subarray(0, depth)));
          continue;
        }
        if (to <= start || onPath[to] === 1 || depth >= LAYERING_MAX_CYCLE_HOPS) continue;
        path[depth++] = to;
        onPath[to] = 1;
        const more = walk(to);
        onPath[to] = 0;
        depth--;
        if (!more) return false;
      }
      return true;
    };
    walk(start);
    onPath[start] = 0;
  }
  return out;
}

/** Whether a run's hop accounts are churned: enough of them judged and too few with a settled relation. */
function isChurned(hopAccounts: number, settled: number): boolean {
  return hopAccounts >= LAYERING_MIN_RUN_SAMPLE && settled < LAYERING_MIN_RUN_SETTLED_SHARE * hopAccounts;
}

/**
 * Whether a run's counterparty churn is its norm ({@link LAYERING_MIN_RUN_SETTLED_SHARE} over at
 * least {@link LAYERING_MIN_RUN_SAMPLE} hop accounts), judged on the `layering_hop` evidence of its
 * entity alerts. Where every account sees its counterparties once, a new or a dedicated
 * counterparty is the norm and no evidence: the network stage forms no gather-scatter and no fan.
 * @param candidates entity alerts of one run with their evidence records (any order)
 * @returns true when the run is churned
 * @category Engine
 * @example if (!runChurned(candidates)) formFans();
 */
export function runChurned(candidates: readonly NetworkCandidate[]): boolean {
  const hopAccounts = new Set<string>();
  const settled = new Set<string>();
  // The accounts and settled relations hopsOf reads, without ordering or copying the hops.
  for (const c of candidates) {
    const entity = candidateEntity(c);
    if (entity.kind !== 'account') continue;
    for (const r of candidateRecords(c, HOPS)) {
      if (!isHopRecord(r)) continue;
      hopAccounts.add(entity.id);
      if (typeof r['known'] === 'number' && r['known'] > 0) settled.add(entity.id);
    }
  }
  return isChurned(hopAccounts.size, settled.size);
}

/**
 * The gather-scatter of one hub from its hops, if any (accounts: the hub and where it sent the
 * money; the senders — payers who may be customers or victims, like a smuggler's fee-paying
 * clients — are in the path and its transaction ids, not members): two clean phases within
 * {@link LAYERING_MAX_SPAN_MS} — at least {@link LAYERING_MIN_FAN} distinct new senders paid in with
 * no new recipient paid between them, then at least as many distinct new recipients were paid with
 * no new sender in between, {@link LAYERING_MIN_PASSED_SHARE}…{@link LAYERING_MAX_PASSED_SHARE} of
 * what was gathered: money gathered and then passed on, not a household's or trader's interleaved
 * comings and goings. The first such split in time is taken.
 */
function gatherScatter(hub: string, list: readonly Hop[]): { accounts: string[]; lines: string[]; ids: string[]; times: number[] } | undefined {
  type Leg = { dir: 'in' | 'out'; who: string; tx: string; ts: number; amount: number };
  const legs = new Map<string, Leg>();
  for (const h of list) {
    if (!legs.has(`in:${h.from}`)) legs.set(`in:${h.from}`, { dir: 'in', who: h.from, tx: h.inTx, ts: h.inTs, amount: h.inAmount });
    if (!legs.has(`out:${h.to}`)) legs.set(`out:${h.to}`, { dir: 'out', who: h.to, tx: h.outTx, ts: h.outTs, amount: h.outAmount });
  }
  // Time order; on one day, gathering before scattering (a day carries no order within it).
  const seq = [...legs.values()].sort((x, y) => x.ts - y.ts || (x.dir === y.dir ? cmp(x.tx, y.tx) : x.dir === 'in' ? -1 : 1));
  for (let i = 0; i < seq.length; ) {
    // A run of gathers, then the run of scatters that follows it.
    let j = i;
    while (j < seq.length && (seq[j] as Leg).dir === 'in') j++;
    let k = j;
    while (k < seq.length && (seq[k] as Leg).dir === 'out') k++;
    const outs = seq.slice(j, k);
    const lastOut = outs[outs.length - 1];
    const ins = lastOut === undefined ? [] : seq.slice(i, j).filter((x) => lastOut.ts - x.ts <= LAYERING_MAX_SPAN_MS);
    if (ins.length >= LAYERING_MIN_FAN && outs.length >= LAYERING_MIN_FAN) {
      const inSum = ins.reduce((t, x) => t + x.amount, 0);
      const outSum = outs.reduce((t, x) => t + x.amount, 0);
      if (outSum >= LAYERING_MIN_PASSED_SHARE * inSum && outSum <= LAYERING_MAX_PASSED_SHARE * inSum) {
        const both = [...ins, ...outs];
        const lines = both.map((x) => (x.dir === 'in' ? `${x.who} → ${hub} (${x.tx})` : `${hub} → ${x.who} (${x.tx})`));
        return { accounts: [hub, ...outs.map((x) => x.who)], lines, ids: both.map((x) => x.tx), times: both.map((x) => x.ts) };
      }
    }
    i = k > i ? k : i + 1;
  }
  return undefined;
}
