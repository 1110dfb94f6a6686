import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { DEFAULT_SAILING_SEASONS, monthDayKey, seasonPhase, type SailingSeason } from '../../domain/season.js';
import { localDay } from '../../jurisdictions/units.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, accountTypeFactor, hitOf, money, newest, ratio } from '../_lib.js';
import { counterpartyCountryOf, ownCountryOf } from '../_payments.js';
import { countOpt, scanGuardOpt } from '../options.js';

const monthDay = z.string().refine((s) => monthDayKey(s) !== undefined, { message: "expected a month-day 'MM-DD'" });
const range = z.object({ from: monthDay, to: monthDay });

/**
 * Options of {@link sailingSeason}; defaults from RESEARCH §a.1 MS-SEAS-01 and §a.4 (season 1 Sep –
 * 31 May, peak 1 Oct – 31 Mar, trailing 52-week baseline, z ≥ 3; *proposed*).
 * @category Rules
 * @example sailingSeasonOptionsSchema.parse({ baselineWeeks: 26 })
 */
export const sailingSeasonOptionsSchema = z.object({
  /** Season calendars per corridor; the first whose countries hold the counterparty's country applies. */
  seasons: z
    .array(z.object({
      corridor: z.string().regex(/^[a-z][a-z0-9_]*$/),
      countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(50),
      season: z.array(range).min(1).max(12),
      peak: z.array(range).max(12).default([]),
    }))
    .max(20)
    .default(DEFAULT_SAILING_SEASONS.map((s) => ({ ...s, countries: [...s.countries], season: [...s.season], peak: [...s.peak] }))),
  /**
   * Trailing weeks before the current week the baseline is measured over. RESEARCH proposes 52;
   * the default is 13 because a rule's look-back is how long the engine keeps every event of every
   * account: 52 weeks doubled the state of a 180-day history. A quarter still spans an off-season
   * month before the October peak. Set 52 where memory allows.
   */
  baselineWeeks: countOpt(4, 52, 13),
  /** Baseline weeks the account must have existed for (opening date, or its oldest event in the window). */
  minHistoryWeeks: countOpt(2, 52, 8),
  /** z-score of this week's corridor transactions against the baseline (RESEARCH: 3). */
  minZ: z.number().min(1).max(10).default(3),
  /** Corridor transactions in the current week, whatever the baseline (a surge is more than one or two payments). */
  minWeekCount: countOpt(2, 100, 3),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`; a truncated baseline counts only the weeks read); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(100, 100_000),
});
/** Options accepted by {@link sailingSeason}. @category Rules @example const o: SailingSeasonOptions = { minZ: 4 }; */
export type SailingSeasonOptions = z.input<typeof sailingSeasonOptionsSchema>;
type Options = z.output<typeof sailingSeasonOptionsSchema>;

const ID = 'sailing_season';
const INDICATORS = ['MS-SEAS-01'] as const;

/**
 * MS-SEAS-01, sailing-season surge: in the sailing season of a corridor (default Bay of Bengal /
 * Andaman Sea, 1 Sep – 31 May, peak 1 Oct – 31 Mar, by the jurisdiction's local calendar), an
 * account's cross-border transfers with that corridor's countries (received or sent) in the 7 local
 * days ending today reach ≥ 3 and a z-score ≥ 3 against the account's own trailing baseline: the
 * weekly counts of the 52 preceding weeks (only weeks since the account existed, at least 8). The
 * standard deviation is floored at √mean (count noise) and at 1, so a quiet account needs a real
 * surge. Every in-season transaction of a migrant's remittances home is not a surge, and a
 * corridor's ordinary seasonal rise is in its own baseline. Strength 0.2 in season, 0.3 in peak
 * (RESEARCH multipliers 1.2 / 1.3), plus up to 0.3 for the size of the surge. A context signal
 * (family `context`): it amplifies other indicators and is never alone a reason to alert.
 * @category Rules
 * @example const rule = sailingSeason({ seasons: [{ corridor: 'lk_au', countries: ['LK'], season: [{ from: '11-01', to: '04-30' }] }] });
 */
export function sailingSeason(options: SailingSeasonOptions = {}): Rule<typeof ID> {
  const o = parseOptions(sailingSeasonOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account'],
    windowMs: (o.baselineWeeks + 1) * 7 * DAY_MS,
    options: o,
    description: 'Context: a surge of corridor transfers during the sailing season, against the account\'s own baseline.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

/** The counterparty country of a cross-border transfer, if any. */
function crossBorder(window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined {
  if (e.kind !== 'transfer') return undefined;
  const cp = counterpartyCountryOf(e, context);
  return cp !== undefined && cp !== ownCountryOf(window, e) ? cp : undefined;
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const last = newest(window);
  const country = crossBorder(window, last, context);
  if (country === undefined) return [];
  const season: SailingSeason | undefined = o.seasons.find((s) => s.countries.includes(country));
  if (season === undefined) return [];
  const phase = seasonPhase(last.day, season);
  if (phase === 'off') return [];

  // Week k holds local days [d − 7k − 6, d − 7k]; week 0 ends today.
  const d = last.day;
  const B = o.baselineWeeks;
  const counts = new Array<number>(B + 1).fill(0);
  const current: WindowEvent[] = [];
  const countries = new Set<string>();
  let amount = 0;
  let truncatedAt: number | undefined;
  const { events, start } = window;
  let n = 0;
  for (let i = events.length - 1; i >= start; i--, n++) {
    const e = events[i] as WindowEvent;
    const k = Math.floor((d - e.day) / 7);
    if (k > B) break;
    if (k >= 1 && (counts[0] as number) < o.minWeekCount) return []; // no surge this week: skip the baseline
    if (n >= o.maxScan) {
      truncatedAt = e.day;
      break;
    }
    const cp = crossBorder(window, e, context);
    if (cp === undefined || !season.countries.includes(cp)) continue;
    counts[k] = (counts[k] as number) + 1;
    if (k === 0) {
      current.push(e);
      countries.add(cp);
      amount += e.amount;
    }
  }
  const c0 = counts[0] as number;
  if (c0 < o.minWeekCount) return [];

  // Weeks the account is known to have existed in, and that were read in full.
  const opened = window.account?.openedAt;
  let known = (events[start] as WindowEvent).day;
  if (opened !== undefined) known = Math.min(known, localDay(context.jurisdiction, opened));
  const limit = truncatedAt === undefined ? known : Math.max(known, truncatedAt + 1);
  const weeks = Math.min(B, Math.max(0, Math.floor((d - 6 - limit) / 7)));
  if (weeks < o.minHistoryWeeks) return [];
  let sum = 0;
  for (let k = 1; k <= weeks; k++) sum += counts[k] as number;
  const mean = sum / weeks;
  let sq = 0;
  for (let k = 1; k <= weeks; k++) sq += ((counts[k] as number) - mean) ** 2;
  const sd = Math.max(Math.sqrt(sq / weeks), Math.sqrt(mean), 1);
  const zScore = (c0 - mean) / sd;
  if (zScore < o.minZ) return [];

  const strength = ((phase === 'peak' ? 0.3 : 0.2) + Math.min(0.3, 0.05 * (zScore - o.minZ))) * accountTypeFactor(window);
  const where = [...countries].sort();
  const reason =
    `Possible sailing-season surge pattern: ${c0} transfers with ${where.join(', ')} in the 7 days to today (${money(context.jurisdiction, amount)}) ` +
    `against an average of ${ratio(mean)} a week over the previous ${weeks} weeks, during the ${phase === 'peak' ? 'peak ' : ''}sailing season.`;
  const facts: Record<string, number | string | boolean> = {
    corridor: season.corridor,
    phase,
    weekCount: c0,
    weekAmountMinor: amount,
    baselineMean: ratio(mean),
    baselineSd: ratio(sd),
    baselineWeeks: weeks,
    z: ratio(zScore),
    countries: where.join(','),
  };
  if (accountTypeFactor(window) < 1) facts['discount'] = `account_type_${window.account?.type ?? 'unknown'}`;
  if (truncatedAt !== undefined) facts['scanLimit'] = o.maxScan;
  return [hitOf(rule, window, current, strength, reason, facts)];
}
