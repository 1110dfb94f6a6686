/**
 * Regular payment series (MS-DEBT-01): instalments merged from payments a few days apart, and the
 * longest recent run whose intervals sit near 7, 14 or 30 days with low variation in interval
 * and amount. Internal to the debt rules.
 */
import type { EntityWindow, WindowEvent } from './types.js';
import { DAY_MS } from './_lib.js';
import { cv, median } from './_payments.js';
import type { ScanGuard } from './scan-guard.js';

/** One instalment: payments to the same payee within `mergeDays` of the first, summed. */
export interface Instalment {
  readonly ts: number;
  readonly amount: number;
  readonly events: readonly WindowEvent[];
}

/** What makes a series regular. */
export interface SeriesCriteria {
  readonly minPayments: number;
  readonly periods: readonly number[];
  readonly periodToleranceDays: number;
  readonly maxIntervalCv: number;
  readonly maxAmountCv: number;
  readonly mergeDays: number;
}

/** A regular series and its statistics. */
export interface SeriesFit {
  readonly instalments: readonly Instalment[];
  readonly period: number;
  readonly medianIntervalDays: number;
  readonly intervalCv: number;
  readonly amountCv: number;
  readonly minAmount: number;
  readonly maxAmount: number;
  readonly total: number;
}

/** Longest runs examined (the newest instalments); keeps the fit O(n²) on a small n. */
const MAX_INSTALMENTS = 30;

/** Merges payments (oldest first) into instalments. */
export function instalmentsOf(events: readonly WindowEvent[], mergeDays: number): Instalment[] {
  const out: { ts: number; amount: number; events: WindowEvent[] }[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last !== undefined && e.ts - last.ts <= mergeDays * DAY_MS) {
      last.amount += e.amount;
      last.events.push(e);
    } else {
      out.push({ ts: e.ts, amount: e.amount, events: [e] });
    }
  }
  return out;
}

/**
 * The longest run of instalments ending with the newest that is regular, or `undefined`. Trying
 * shorter runs tolerates a series that began irregularly (a late start). A missed instalment is
 * not the end of a debt (MS-DEBT-01; RESEARCH §a.2 missed and late payments): an interval of two
 * periods (± the tolerance) counts as two cycles, one of them missed, as long as no
 * more than a third of the run's intervals are such gaps — a payee paid every other cycle has a
 * longer period, not missed instalments.
 */
export function fitSeries(all: readonly Instalment[], c: SeriesCriteria): SeriesFit | undefined {
  const inst = all.length > MAX_INSTALMENTS ? all.slice(all.length - MAX_INSTALMENTS) : all;
  for (let start = 0; start + c.minPayments <= inst.length; start++) {
    const run = inst.slice(start);
    const raw = intervalDays(run);
    // The intervals as they are first; only when they do not fit, with missed instalments counted as gaps.
    const best = cadence(raw, c, () => raw) ?? cadence(raw, c, (p) => cycles(raw, p, c.periodToleranceDays));
    if (best === undefined) continue;
    const amountCv = cv(run.map((x) => x.amount));
    if (amountCv > c.maxAmountCv) continue;
    return fitOf(run, best.period, best.med, best.cv, amountCv);
  }
  return undefined;
}

/** @internal Days between consecutive instalments. */
export function intervalDays(run: readonly Instalment[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < run.length; i++) out.push(((run[i] as Instalment).ts - (run[i - 1] as Instalment).ts) / DAY_MS);
  return out;
}

/** @internal The {@link SeriesFit} of `run` at the period and interval figures found, with its amounts' spread (`amountCv`, already tested) and range. */
export function fitOf(run: readonly Instalment[], period: number, medianIntervalDays: number, intervalCv: number, amountCv: number): SeriesFit {
  const amounts = run.map((x) => x.amount);
  return {
    instalments: run, period, medianIntervalDays, intervalCv, amountCv,
    minAmount: Math.min(...amounts), maxAmount: Math.max(...amounts), total: amounts.reduce((s, x) => s + x, 0),
  };
}

/** The period nearest the median of its intervals (as `intervalsFor` gives them, within the tolerance), when their CV is within bounds; else `undefined`. */
function cadence(raw: readonly number[], c: SeriesCriteria, intervalsFor: (period: number) => number[] | undefined): { period: number; med: number; cv: number } | undefined {
  let best: { period: number; med: number; intervals: number[] } | undefined;
  for (const p of c.periods) {
    const intervals = intervalsFor(p);
    if (intervals === undefined || intervals.length !== raw.length) continue;
    const med = median(intervals);
    if (Math.abs(med - p) <= c.periodToleranceDays && (best === undefined || Math.abs(med - p) < Math.abs(best.med - best.period))) best = { period: p, med, intervals };
  }
  if (best === undefined) return undefined;
  const v = cv(best.intervals);
  return v > c.maxIntervalCv ? undefined : { period: best.period, med: best.med, cv: v };
}

/**
 * The intervals (days) per cycle of `period`: one of two periods within the tolerance
 * (|interval − 2·period| ≤ tolerance, and not itself within the tolerance of one period) is
 * halved, a missed instalment. `undefined` when more than a third of the
 * intervals are such gaps.
 */
function cycles(intervals: readonly number[], period: number, toleranceDays: number): number[] | undefined {
  let missed = 0;
  const out = intervals.map((iv) => {
    if (Math.abs(iv - 2 * period) > toleranceDays || Math.abs(iv - period) <= toleranceDays) return iv;
    missed++;
    return iv / 2;
  });
  return missed * 3 > intervals.length ? undefined : out;
}

/** The events of a fit, oldest first. */
export function fitEvents(fit: SeriesFit): WindowEvent[] {
  return fit.instalments.flatMap((i) => i.events);
}

/** Longest gap (ms) a regular run can have between instalments: 2.5 × the longest period plus tolerance. */
export function maxGapMs(c: Pick<SeriesCriteria, 'periods' | 'periodToleranceDays'>): number {
  return 2.5 * (Math.max(...c.periods) + c.periodToleranceDays) * DAY_MS;
}

/**
 * The payments (oldest first) of the run that ends with the window's newest event, matched by
 * `same`: scans back and stops at `from`, once no match was seen for `gapMs` (a longer gap cannot
 * belong to a regular run), or at the scan guard (then marked reached).
 */
export function recentRun(window: EntityWindow, from: number, gapMs: number, guard: ScanGuard, same: (e: WindowEvent) => boolean): WindowEvent[] {
  const { events, start } = window;
  const out: WindowEvent[] = [];
  let lastMatch = (events[events.length - 1] as WindowEvent).ts;
  for (let i = events.length - 1, n = 0; i >= start; i--, n++) {
    const e = events[i] as WindowEvent;
    if (e.ts < from || lastMatch - e.ts > gapMs) break;
    if (n === guard.limit) {
      guard.reached = true;
      break;
    }
    if (same(e)) {
      out.push(e);
      lastMatch = e.ts;
    }
  }
  return out.reverse();
}
