import type { Alert } from '../scoring/alert.js';
import { DAY_MS } from '../rules/_lib.js';
import { compareText as cmp } from '../_internal/compare-text.js';
import type { AlertLinks } from './alert-links.js';
import { HOPS, isHopRecord } from './hop-table.js';
import { structureAlert } from './layering-alert.js';
import { LAYERING_MAX_SPAN_MS, LAYERING_MIN_FAN, runChurned } from './layering.js';
import { candidateRecords, type NetworkCandidate } from './network-candidate.js';
import type { NetworkConfig } from './network.js';
import { candidateEntity, readCandidateLinks } from './packed-candidates.js';
import { CORRIDOR_FLOW_RULE, type HopLump } from './paymasters.js';

// A corridor collector and its paymaster as a network in their own right (RESEARCH §a.1 MS-FUN-02
// with MS-FAN-01 one hop removed; MS-LAY-03 gather-scatter split over two accounts). The collector
// gathers journey fees from payers new to it and passes the takings on in one lump to an account new
// to it; that account pays the lump on within days to new recipients, the boat owner abroad among
// them. Neither account need score on its own: the collector's fee payers are context (fee_match,
// corridor_flow), the paymaster's one lump is no burst. Together they are the case.

/**
 * The rules whose hits name a collector's fee or corridor payers: `fee_match` (fee-sized payments),
 * `corridor_collector` (MS-FUN-02) and `corridor_flow` (corridor counterparties). @internal
 */
export const FEE_PAYER_RULES: readonly string[] = ['fee_match', 'corridor_collector', CORRIDOR_FLOW_RULE];

/** A collector and paymaster pair read from their hops: the gathering, the lump and the dispersal. @internal */
export interface CollectorPair {
  /** The collector's account. */
  readonly collector: string;
  /** The new senders whose payments the collector passed on in the lump, one hop each (in time order). */
  readonly gather: readonly { readonly from: string; readonly tx: string; readonly amount: number; readonly ts: number }[];
  /** How many of the senders the collector's fee or corridor hits name (see {@link FEE_PAYER_RULES}). */
  readonly feePayers: number;
  /** The paymaster's lump (its account, the transfers paid on; see `hopLumps`). */
  readonly lump: HopLump;
}

/** What {@link collectorPairOf} reads of the collector: its hop records and its alert's hits. @internal */
export interface PairCollector {
  readonly hops: readonly Record<string, unknown>[];
  readonly alert: AlertLinks;
}

/**
 * The pair a paymaster's lump makes with its source, if it does: the source's own hops show at
 * least {@link LAYERING_MIN_FAN} distinct new senders whose money it passed on in that very lump
 * (the hop's payment out is the lump's transfer, the receipt no later and within
 * {@link LAYERING_MAX_SPAN_MS}); at least one of those senders is named by one of the source's fee or
 * corridor hits ({@link FEE_PAYER_RULES}: the collection is of fees or along the corridor); and at
 * least one of the paymaster's recipients is its own corridor counterparty abroad (`lump.corridor`:
 * the dispersal goes into the corridor). A savings pot, a family whip-round passed to whoever pays
 * the bills, an employer's float: their payers are not fee or corridor payers, their recipients not
 * counterparties along a corridor.
 * @internal
 * @example const pair = collectorPairOf(lump, { hops, alert });
 */
export function collectorPairOf(lump: HopLump, source: PairCollector): CollectorPair | undefined {
  if (lump.corridor === 0) return undefined;
  const collector = lump.source.replace('account:', '');
  const gather = new Map<string, { from: string; tx: string; amount: number; ts: number }>();
  for (const r of source.hops) {
    if (!isHopRecord(r) || r.to !== lump.account || r.outTx !== lump.inTx || r.from === lump.account || r.from === collector) continue;
    const ts = Number(r['inTs']);
    if (!(ts <= lump.inTs && lump.inTs - ts <= LAYERING_MAX_SPAN_MS)) continue;
    const prev = gather.get(r.from);
    if (prev === undefined || ts < prev.ts || (ts === prev.ts && cmp(r.inTx, prev.tx) < 0)) gather.set(r.from, { from: r.from, tx: r.inTx, amount: Number(r['inAmount']), ts });
  }
  if (gather.size < LAYERING_MIN_FAN) return undefined;
  const named = new Set<string>();
  for (const h of source.alert.hits) {
    if (!FEE_PAYER_RULES.includes(h.rule) || !(h.strength > 0)) continue;
    for (const r of h.related ?? []) if (r.kind === 'account') named.add(r.id);
  }
  const feePayers = [...gather.keys()].filter((s) => named.has(s)).length;
  if (feePayers === 0) return undefined;
  const list = [...gather.values()].sort((a, b) => a.ts - b.ts || cmp(a.tx, b.tx));
  return { collector, gather: list, feePayers, lump };
}

/**
 * Corridor collector and paymaster pairs as network alerts ({@link collectorPairOf} over every
 * paymaster lump of the run's hop evidence, `hopLumps`): one alert per pair, its members the
 * collector and the paymaster with their holders' other accounts, its path the senders' payments,
 * the lump and the transfers paid on (scored as a gather-scatter, MS-LAY-03: 0.8 × 60 = 48).
 * Personal accounts only (hops are not kept for trade accounts; `hopLumps` leaves them out). Not
 * formed in a run whose counterparty churn is its norm (`runChurned`), nor where one network alert
 * already lists both accounts at the pair's score or more (`covered`), nor where the whole took longer than
 * {@link LAYERING_MAX_SPAN_MS}. Pure and deterministic (pairs by collector, then paymaster).
 * @param candidates entity alerts of one run with their evidence records (any order; all scores)
 * @param lumps the run's paymaster lumps by source (`hopLumpIndex` over the same candidates)
 * @param config the engine configuration the alerts were built with
 * @param covered whether a network alert already formed lists both accounts at the given score or more
 * @returns network alerts, ordered by entity id
 * @internal
 * @example const pairs = collectorPairAlerts(evidence, hopLumpIndex(evidence, accounts).lumps, config, coveredBy(alerts));
 */
export function collectorPairAlerts(candidates: readonly NetworkCandidate[], lumps: ReadonlyMap<string, readonly HopLump[]>, config: NetworkConfig, covered: (a: string, b: string, score: number) => boolean): Alert[] {
  if (candidates.length === 0 || runChurned(candidates)) return [];
  const sources = new Set<string>();
  for (const [source, list] of lumps) if (list.some((l) => l.corridor > 0)) sources.add(source.replace('account:', ''));
  if (sources.size === 0) return [];
  // The candidates of the sources and of their paymasters (an account's closed case and its later one both).
  const byAccount = new Map<string, NetworkCandidate[]>();
  const wanted = new Set(sources);
  for (const [source, list] of lumps) if (sources.has(source.replace('account:', ''))) for (const l of list) wanted.add(l.account);
  for (const c of candidates) {
    const e = candidateEntity(c);
    if (e.kind !== 'account' || !wanted.has(e.id)) continue;
    const list = byAccount.get(e.id);
    if (list === undefined) byAccount.set(e.id, [c]);
    else list.push(c);
  }
  const pairs: CollectorPair[] = [];
  for (const id of [...sources].sort(cmp)) {
    const own = byAccount.get(id) ?? [];
    if (own.length === 0) continue;
    const hops = own.flatMap((c) => candidateRecords(c, HOPS) as Record<string, unknown>[]);
    const links = own.map(readCandidateLinks);
    const alert: AlertLinks = { entity: { kind: 'account', id }, score: Math.max(...links.map((a) => a.score)), hits: links.flatMap((a) => a.hits) };
    const list = [...(lumps.get(`account:${id}`) ?? [])].sort((a, b) => cmp(a.account, b.account) || a.inTs - b.inTs);
    for (const l of list) {
      if (l.account === id) continue;
      const pair = collectorPairOf(l, { hops, alert });
      if (pair !== undefined) pairs.push(pair);
    }
  }
  const out: Alert[] = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    const s = pairStructure(p);
    if (s.to - s.from > LAYERING_MAX_SPAN_MS) continue;
    const alert = structureAlert(s, byAccount, config);
    if (alert === undefined || seen.has(alert.entity.id) || covered(p.collector, p.lump.account, alert.score)) continue;
    seen.add(alert.entity.id);
    out.push(alert);
  }
  return out.sort((a, b) => cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
}

/** The structure of a pair as the layering alert states it: its two accounts, its path and the sentence. */
function pairStructure(p: CollectorPair) {
  const l = p.lump;
  const lines = [
    ...p.gather.map((g) => `${g.from} → ${p.collector} (${g.tx})`),
    `${p.collector} → ${l.account} (${l.inTx})`,
    ...l.out.map((o) => `${l.account} → ${o.to} (${o.tx})`),
  ];
  const times = [...p.gather.map((g) => g.ts), l.inTs, ...l.out.map((o) => o.ts)];
  const from = Math.min(...times);
  const to = Math.max(...times);
  const days = Math.max(1, Math.round((to - from) / DAY_MS));
  const reason =
    `Possible corridor collector and paymaster: ${p.collector} was paid by ${p.gather.length} new senders (${p.feePayers} of them fee or corridor payers) ` +
    `and passed ${l.inAmount} on in one lump to ${l.account}, new to it, which paid ${Math.round(l.share * 100)} % of it on to ${l.out.length} new recipients ` +
    `(${l.corridor} of them its corridor counterparties abroad) within ${days} days: ${lines.join('; ')}.`;
  return {
    kind: 'gather_scatter' as const,
    accounts: [p.collector, l.account],
    lines,
    ids: [...p.gather.map((g) => g.tx), l.inTx, ...l.out.map((o) => o.tx)],
    from,
    to,
    reason,
    facts: { structure: 'collector_paymaster', accounts: 2, senders: p.gather.length, feePayers: p.feePayers, recipients: l.out.length, corridorRecipients: l.corridor, share: Math.round(l.share * 1000) / 1000, days },
  };
}

/**
 * Whether one of `alerts` lists both accounts as members at `score` or more: the pair is in a case
 * already (a collector's component network with its paymaster, paymasters.ts). @internal
 * @example const covered = coveredBy(networkAlerts)('C1', 'P1', 48);
 */
export function coveredBy(alerts: readonly Alert[]): (a: string, b: string, score: number) => boolean {
  let byMember: Map<string, number[]> | undefined;
  return (a, b, score) => {
    if (byMember === undefined) {
      byMember = new Map();
      alerts.forEach((alert, i) => {
        for (const m of alert.members ?? []) {
          if (m.kind !== 'account') continue;
          const list = (byMember as Map<string, number[]>).get(m.id);
          if (list === undefined) (byMember as Map<string, number[]>).set(m.id, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      });
    }
    const of = byMember.get(b);
    return (byMember.get(a) ?? []).some((i) => (alerts[i] as Alert).score >= score && of !== undefined && of.includes(i));
  };
}
