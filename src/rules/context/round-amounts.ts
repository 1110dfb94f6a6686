import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { currencyExponent } from '../../schema/currencies.js';
import type { EntityWindow, Rule, RuleHit, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS, eachRecent, hitOf, newest, ratio } from '../_lib.js';
import { countOpt, ratioOpt } from '../options.js';

/** Rounding units in major units per currency (RESEARCH §a.1 MS-AMT-01, proposed). */
const DEFAULT_UNITS: Readonly<Record<string, number>> = {
  THB: 1000, BDT: 1000, LKR: 1000, PHP: 1000, INR: 1000, PKR: 1000,
  IDR: 100_000, VND: 100_000, KHR: 100_000, LAK: 100_000, MMK: 100_000,
};

/** Options of {@link roundAmounts}. @category Rules */
export const roundAmountsOptionsSchema = z.object({
  windowDays: z.number().min(1).max(365).default(30),
  minCount: countOpt(2, 1000, 5),
  minShare: ratioOpt(0.5, 1, 0.8),
  /** Round unit in major units per currency; currencies not listed use `defaultUnit`. */
  units: z.record(z.string().length(3), z.number().int().positive()).default({ ...DEFAULT_UNITS }),
  defaultUnit: z.number().int().positive().default(100),
  /** Most recent transactions the share is measured over. */
  sampleSize: z.number().int().min(5).max(1000).default(50),
});
/** @category Rules */
export type RoundAmountsOptions = z.input<typeof roundAmountsOptionsSchema>;

const ID = 'round_amounts';
const INDICATORS = ['MS-AMT-01'] as const;

/**
 * MS-AMT-01: a strong preference for round amounts. A context signal only: it amplifies other
 * hits in scoring and never raises an alert alone (people naturally send round sums).
 * @category Rules
 * @example const rule = roundAmounts({ minShare: 0.9 });
 */
export function roundAmounts(options: RoundAmountsOptions = {}): Rule<typeof ID> {
  const o = parseOptions(roundAmountsOptionsSchema, options, ID);
  const windowMs = o.windowDays * DAY_MS;
  const isRound = roundTest(o);
  const rule: Rule<typeof ID, RoundSample> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account'],
    windowMs,
    options: o,
    description: 'Context: most amounts are round figures.',
    incremental: roundSample(windowMs, o.sampleSize, isRound),
    evaluate: (window, _context, state) => evaluate(window, state, o, isRound, rule),
  };
  return rule as Rule<typeof ID>;
}

type Options = z.output<typeof roundAmountsOptionsSchema>;

/** Whether an event's amount is a whole number of its currency's round unit. */
function roundTest(o: Options): (e: WindowEvent) => boolean {
  return (e) => {
    const currency = e.tx.currency;
    const exponent = currencyExponent(currency) ?? 2;
    return e.tx.amount % ((o.units[currency] ?? o.defaultUnit) * 10 ** exponent) === 0;
  };
}

/** Bits of the sample ring per array word (small integers stay unboxed). */
const WORD_BITS = 30;

/**
 * The round flags of the newest `sampleSize` events in the window, as a bit ring: `len` flags from
 * `head` on (the oldest first), `round` of them set, and `n` events in the window in all. The share
 * the rule reads is `round / len`, so an evaluation no longer re-reads up to `sampleSize` events.
 */
interface RoundSample {
  n: number;
  len: number;
  head: number;
  round: number;
  bits: number[];
}

function bitAt(s: RoundSample, i: number): number {
  return ((s.bits[Math.floor(i / WORD_BITS)] as number) >> i % WORD_BITS) & 1;
}

function dropOldest(s: RoundSample, size: number): void {
  s.round -= bitAt(s, s.head);
  s.head = (s.head + 1) % size;
  s.len--;
}

/**
 * The incremental sample of {@link roundAmounts}: events enter the ring newest last; one leaves it
 * when the ring is full, or when an event leaves the window while the whole window is in the ring.
 * The horizon is the window less 1 ms: the rule reads events after `newest - window` (exclusive).
 */
function roundSample(windowMs: number, size: number, isRound: (e: WindowEvent) => boolean): RuleIncremental<RoundSample> {
  return {
    horizonsMs: [windowMs - 1],
    init: () => ({ n: 0, len: 0, head: 0, round: 0, bits: new Array<number>(Math.ceil(size / WORD_BITS)).fill(0) }),
    enter(s, e) {
      if (s.len === size) dropOldest(s, size);
      const i = (s.head + s.len) % size;
      const word = Math.floor(i / WORD_BITS);
      const mask = 1 << i % WORD_BITS;
      const flag = isRound(e);
      s.bits[word] = flag ? (s.bits[word] as number) | mask : (s.bits[word] as number) & ~mask;
      if (flag) s.round++;
      s.len++;
      s.n++;
    },
    leave(s) {
      s.n--;
      if (s.n < s.len) dropOldest(s, size);
    },
  };
}

function evaluate(window: EntityWindow, sample: RoundSample, o: Options, isRound: (e: WindowEvent) => boolean, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (!isRound(last)) return [];
  const share = sample.round / sample.len;
  if (sample.len < o.minCount || share < o.minShare) return [];
  // The evidence: the round amounts among the newest `sampleSize` events in the window.
  const roundEvents: WindowEvent[] = [];
  let read = 0;
  eachRecent(window, last.ts - o.windowDays * DAY_MS + 1, (e) => {
    read++;
    if (isRound(e)) roundEvents.push(e);
    return read < o.sampleSize;
  });
  const strength = o.minShare >= 1 ? 1 : 0.5 + (0.5 * (share - o.minShare)) / (1 - o.minShare);
  const reason = `Context: ${sample.round} of ${sample.len} transactions in ${o.windowDays} days are round amounts (${Math.round(share * 100)}%).`;
  return [hitOf(rule, window, roundEvents, strength, reason, { round: sample.round, count: sample.len, share: ratio(share), windowDays: o.windowDays })];
}
