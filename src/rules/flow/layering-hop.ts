import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { scanGuardOpt } from '../options.js';
import { counterpartiesOf, counterpartyCounts, transfersWith, type CounterpartyCounts } from '../_counterparty-counts.js';
import { DAY_MS, atLeastShare, eachRecent, hitOf, isTradeAccount, newest } from '../_lib.js';
import { isOrganisation } from '../_payments.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';

/**
 * Options of {@link layeringHop} (MS-LAY-01…03; all labelled defaults, tuned on the AMLSim dev run
 * and the project's own scenario seeds).
 * @category Rules
 * @example layeringHopOptionsSchema.parse({ pairDays: 21 })
 */
export const layeringHopOptionsSchema = z.strictObject({
  /** Most days between a new inflow and a new outflow for them to form one hop (either order: layering schedules need not be time-ordered). AMLSim cycles and scatter-gathers span 2–4 weeks. */
  pairDays: z.number().int().min(1).max(90).default(30),
  /** A counterparty is new when it has exactly one transfer with the account in that direction within this many days (three months). */
  lookbackDays: z.number().int().min(1).max(365).default(90),
  /** Most new senders and most new recipients in the pair window; beyond it the account is a busy payee or payer, not a transit account (bounds the hits per event to `maxNew`). */
  maxNew: z.number().int().min(1).max(20).default(6),
  /**
   * Least counterparties the account has seen at least twice in one direction within the lookback:
   * newness is judged against the account's own settled relations. Where every counterparty is
   * one-off (data whose accounts have a handful of transfers each), a new one says nothing.
   */
  minKnown: z.number().int().min(0).max(20).default(0),
  /**
   * Days an account opened before it was first seen (accounts.csv `opened_at`) must have been
   * observed before a hop can be judged: at the start of the data every counterparty looks new.
   * Accounts opened since, or of unknown age, are judged at once (a little over a month).
   */
  minHistoryDays: z.number().int().min(0).max(365).default(35),
  /**
   * Least size of a hop's leg relative to the account's own transfers, as a share of its mean transfer
   * in that direction within the lookback (0.15). Small change among friends and coworkers (splitting a
   * meal, a fuel top-up) is no money in transit; the floor follows each account's own scale, not a
   * cash threshold, so it holds for 100-dollar layering as for 10,000-ringgit collections.
   */
  minShareOfMean: z.number().min(0).max(1).default(0.15),
  /** Most events of the pair window read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); such an account is not judged. */
  maxScan: scanGuardOpt(10, 10_000),
});

/** Options accepted by {@link layeringHop}. @category Rules @example const o: LayeringHopOptions = { pairDays: 21 }; */
export type LayeringHopOptions = z.input<typeof layeringHopOptionsSchema>;
type Options = z.output<typeof layeringHopOptionsSchema>;

/** @internal Counterparty → transfers with the account within the lookback, per direction, and how many of them repeat (see {@link CounterpartyCounts}). */
export type LayeringHopState = CounterpartyCounts;

type Edge = WindowEvent & { counterparty: string };
const isEdge = (e: WindowEvent): e is Edge => e.kind === 'transfer' && e.counterparty !== undefined && e.counterparty !== '';

const ID = 'layering_hop';
const INDICATORS = ['MS-LAY-01', 'MS-LAY-02', 'MS-LAY-03'] as const;

/**
 * Layering hops (MS-LAY-01 cycles, MS-LAY-02 scatter-gather, MS-LAY-03 gather-scatter): an
 * account that, within `pairDays`, both received from a new sender and paid a new recipient — new
 * meaning a single transfer with that counterparty in that direction within `lookbackDays`, judged
 * only on an account with at least `minKnown` settled (repeated) relations of its own and, for an
 * account older than the data, after `minHistoryDays` of observation. Amounts are not compared
 * (layering schedules change them at will). Each (sender, recipient) pair involving the newest event
 * is one hit of **strength 0**: evidence, not a score. The engine does not emit an alert whose hits
 * all have strength 0; the network stage (`src/engine/layering.ts`) joins hops into round-tripping
 * cycles, scatter-gathers and gather-scatter hubs, and only those alert. Business, NGO, government
 * and remitter accounts, and accounts missing from accounts.csv when it is given (seen only through
 * our customers), are not judged. Bounds: one count per counterparty in the lookback; an evaluation
 * reads at most `maxScan` events of the last `pairDays`, and only when the newest event is a new
 * counterparty; at most `maxNew` hits per event.
 * @category Rules
 * @example const rule = layeringHop({ pairDays: 21 });
 */
export function layeringHop(options: LayeringHopOptions = {}): Rule<typeof ID, LayeringHopState> {
  const o = parseOptions(layeringHopOptionsSchema, options, ID);
  const pairMs = o.pairDays * DAY_MS;
  return {
    id: ID,
    indicators: INDICATORS,
    // Evidence for the network stage: corroborates nothing and scores nothing on its own.
    family: 'context',
    entities: ['account'],
    windowMs: Math.max(o.lookbackDays, o.pairDays) * DAY_MS,
    options: o,
    description: 'Layering hop: an account that received from a new sender and paid a new recipient within weeks (evidence joined into cycles, scatter-gathers and gather-scatter hubs by the network stage).',
    // Shared with fan_leg when their lookbacks agree (one state per account).
    incremental: counterpartyCounts(o.lookbackDays * DAY_MS),
    evaluate: (window, context, s) => evaluate(window, context, s, o, pairMs),
  };
}

function evaluate(window: EntityWindow, context: RuleContext, s: LayeringHopState, o: Options, pairMs: number): RuleHit[] {
  const e = newest(window);
  if (!isEdge(e) || counterpartiesOf(s, 'in') === 0 || counterpartiesOf(s, 'out') === 0 || s.known < o.minKnown) return [];
  if (isTradeAccount(window)) return [];
  // With reference data, an account missing from it is another institution's customer seen only
  // through ours: every counterparty it has among our customers looks new.
  if (context.accounts.size > 0 && window.account === undefined) return [];
  if (transfersWith(s, e.counterparty, e.direction) !== 1) return [];
  const firstSeen = window.expiredTs ?? (window.events[window.start] as WindowEvent).ts;
  const openedAt = window.account?.openedAt;
  if (openedAt !== undefined && openedAt < firstSeen - DAY_MS && e.ts - firstSeen < o.minHistoryDays * DAY_MS) return [];
  // Legs of at least minShareOfMean of the account's mean transfer that way (exact: amount·n ≥ share·sum).
  // A salary or benefit paid in by an employer or agency, a bill paid to a company: trade, not transit.
  const leg = (x: Edge): boolean =>
    atLeastShare(x.amount * (x.direction === 'in' ? s.nIn : s.nOut), x.direction === 'in' ? s.sumIn : s.sumOut, o.minShareOfMean) &&
    !isOrganisation({ key: x.counterparty, account: x.counterparty, ...(x.counterpartyName === undefined ? {} : { name: x.counterpartyName }) }, context);
  // The newest event's own leg first: it depends on nothing the scan below finds.
  if (!leg(e)) return [];
  // The new senders and recipients of the last pairDays (newest first; one event each). More than
  // maxNew either way (a busy payee or payer) or more than maxScan events settle it: no hit, so the
  // scan stops there rather than reading the rest of a hub's month.
  const newIn: Edge[] = [];
  const newOut: Edge[] = [];
  let read = 0;
  let settled = false;
  eachRecent(window, e.ts - pairMs + 1, (x) => {
    if (++read > o.maxScan) {
      settled = true;
      return false;
    }
    if (!isEdge(x) || transfersWith(s, x.counterparty, x.direction) !== 1) return;
    const list = x.direction === 'in' ? newIn : newOut;
    list.push(x);
    if (list.length > o.maxNew) {
      settled = true;
      return false;
    }
  });
  if (settled || newIn.length === 0 || newOut.length === 0) return [];
  const ins = e.direction === 'in' ? [e] : newIn.reverse().filter(leg);
  const outs = e.direction === 'out' ? [e] : newOut.reverse().filter(leg);
  const hits: RuleHit[] = [];
  for (const a of ins) {
    for (const b of outs) {
      if (a.counterparty === b.counterparty) continue;
      const facts: HopFacts = { from: a.counterparty, to: b.counterparty, inTx: a.id, outTx: b.id, inAmount: a.amount, outAmount: b.amount, inTs: a.ts, outTs: b.ts, known: s.known };
      hits.push(hitOf({ id: ID, indicators: INDICATORS }, window, [a, b], 0, hopReason(facts), facts, `${a.counterparty}>${b.counterparty}`));
    }
  }
  return hits;
}

/**
 * @internal The facts of a layering hop (a strength-0 `layering_hop` hit): received from `from`
 * (transaction `inTx`), paid `to` (`outTx`), both new to the account; `known` is how many settled
 * relations the account had. The engine keeps a hop as these facts alone (see `src/engine/hops.ts`).
 */
export type HopFacts = {
  readonly from: string;
  readonly to: string;
  readonly inTx: string;
  readonly outTx: string;
  readonly inAmount: number;
  readonly outAmount: number;
  readonly inTs: number;
  readonly outTs: number;
  readonly known: number;
};

/** @internal Indicators of a layering hop. */
export const HOP_INDICATORS = INDICATORS;

/** @internal The sentence of a layering hop, from its facts alone. */
export function hopReason(f: HopFacts): string {
  return `Layering hop: from new sender ${f.from} (${f.inTx}) to new recipient ${f.to} (${f.outTx}).`;
}
