import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { DAY_MS, hitOf, isTradeAccount, newest } from '../_lib.js';
import { scanGuardOpt } from '../options.js';
import type { EntityWindow, HitFacts, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';

/**
 * Options of {@link cashSite} (MS-DEBT-04, MS-DEBT-05; labelled defaults, *proposed*). The joins'
 * own parameters are the network stage's (`src/engine/cash-joins.ts`).
 * @category Rules
 * @example cashSiteOptionsSchema.parse({ lookbackDays: 60 })
 */
export const cashSiteOptionsSchema = z.strictObject({
  /**
   * Days within which the account's cash at a site must recur, on another day, before its cash
   * there is recorded (90: a monthly payday or instalment recurs well within it). Both joins need
   * the same account back at the same site on three days; one-off cash (on a bank file, 99 % of
   * cash events) is never recorded.
   */
  lookbackDays: z.number().int().min(7).max(365).default(90),
  /**
   * Most window events read back per cash event: a guard against a pathological account (see
   * `scanGuardOpt`; 10,000, as `layering_hop`). Reaching it can only hide an earlier recurrence.
   */
  maxScan: scanGuardOpt(100, 10_000),
});

/** Options accepted by {@link cashSite}. @category Rules @example const o: CashSiteOptions = {}; */
export type CashSiteOptions = z.input<typeof cashSiteOptionsSchema>;
type Options = z.output<typeof cashSiteOptionsSchema>;

/** MS-DEBT-04, shared card sessions: several holders' cards used at one ATM within minutes, day after day (a new id in the style of RESEARCH §a.1, next to MS-DEBT-02). */
export const CARD_SESSION_INDICATOR = 'MS-DEBT-04';
/** MS-DEBT-05, cash hand-over: cash withdrawn from one holder's account and deposited into another's at the same site soon after, repeatedly (next to MS-DEBT-01). */
export const CASH_HANDOVER_INDICATOR = 'MS-DEBT-05';
const INDICATORS = [CARD_SESSION_INDICATOR, CASH_HANDOVER_INDICATOR] as const;
const ID = 'cash_site';
/** Most earlier events of a site recorded when the site recurs. */
const MAX_EARLIER = 8;

/**
 * The site of a location id: the id without its last `-` segment when it has at least three
 * (`MBBE-KUL-A01` and `MBBE-KUL-C02`: an ATM and a CDM of site `MBBE-KUL`), else the id itself.
 * @category Rules
 * @example cashSiteOf('MBBE-KUL-A01') // 'MBBE-KUL'
 */
export function cashSiteOf(location: string): string {
  const last = location.lastIndexOf('-');
  return last > 0 && location.indexOf('-') < last ? location.slice(0, last) : location;
}

/**
 * Cash at a site (MS-DEBT-04, MS-DEBT-05): evidence, one cash event at a time, for two joins
 * across accounts that no account's own window can see. A cash withdrawal from the account, or a
 * cash deposit into it, that names a `location` (ATM, CDM, branch or agent id) is recorded once the
 * account's cash recurs at that site ({@link cashSiteOf}) on another day within `lookbackDays`:
 * the rule then raises one **strength-0** hit for it — and, the first time the site recurs, one for
 * each earlier cash event there within the lookback (at most 8) — whose facts are the event alone
 * (`cash` `w` or `d`, location, transaction, time, amount, and `found`, the time of the event that
 * recorded it). The engine keeps it as those facts (`src/engine/cash-sites.ts`) and the network
 * stage (`src/engine/cash-joins.ts`) joins them: several holders' cards used at one ATM within
 * minutes on several days (a collector withdrawing workers' wages with their cards), and a
 * withdrawal from one holder followed by a like deposit into another's account at the same site,
 * repeatedly (a debt payer handing cash to a collector). Alone it never alerts.
 *
 * Business, NGO, government and remitter accounts (their trade is other people's cash), and
 * accounts missing from accounts.csv when it is given, are not judged. Bounds: per cash event at most
 * `maxScan` window events read and nine hits; one small record per recurring cash event; transfers,
 * cash without a location and one-off cash raise nothing.
 * @category Rules
 * @example const rule = cashSite();
 */
export function cashSite(options: CashSiteOptions = {}): Rule<typeof ID> {
  const o = parseOptions(cashSiteOptionsSchema, options, ID);
  return {
    id: ID,
    indicators: INDICATORS,
    // Evidence for the network stage: corroborates nothing and scores nothing on its own.
    family: 'context',
    entities: ['account'],
    windowMs: o.lookbackDays * DAY_MS,
    options: o,
    description: 'Cash at a site: a cash withdrawal or deposit at a named location where the account\'s cash recurs (evidence joined across accounts into shared card sessions and cash hand-overs by the network stage).',
    evaluate: (window, context) => evaluate(window, context, o),
  };
}

const cashAt = (e: WindowEvent): string | undefined => (e.kind === 'transfer' || e.location === undefined || e.location === '' ? undefined : e.location);

function evaluate(window: EntityWindow, context: RuleContext, o: Options): RuleHit[] {
  const e = newest(window);
  const loc = cashAt(e);
  if (loc === undefined) return [];
  if (isTradeAccount(window)) return [];
  if (context.accounts.size > 0 && window.account === undefined) return [];
  const site = cashSiteOf(loc);
  const day = e.day; // the local calendar day in the jurisdiction's zone
  // Earlier cash at the site within the lookback, newest first; the days it fell on.
  const earlier: WindowEvent[] = [];
  let recurs = false;
  let firstDay: number | undefined;
  let active = false;
  const from = e.ts - o.lookbackDays * DAY_MS;
  const { events, start } = window;
  for (let i = events.length - 2, read = 0; i >= start && read < o.maxScan; i--, read++) {
    const x = events[i] as WindowEvent;
    if (x.ts < from) break;
    const l = cashAt(x);
    if (l === undefined || cashSiteOf(l) !== site) continue;
    const d = x.day;
    if (d !== day) recurs = true;
    if (firstDay === undefined) firstDay = d;
    else if (d !== firstDay) active = true;
    if (earlier.length < MAX_EARLIER) earlier.push(x);
  }
  if (!recurs) return [];
  // The site recurs for the first time (all earlier cash there on one day): record that cash too.
  const hit = (x: WindowEvent): RuleHit => {
    const f: CashSiteFacts = { cash: x.kind === 'cash_withdrawal' ? 'w' : 'd', loc: x.location as string, tx: x.id, ts: x.ts, amount: x.amount, found: e.ts };
    return hitOf({ id: ID, indicators: INDICATORS }, window, [x], 0, cashSiteReason(f), f as unknown as HitFacts, f.tx);
  };
  return active ? [hit(e)] : [...earlier.reverse().map(hit), hit(e)];
}

/**
 * @internal The facts of a `cash_site` hit (strength 0): withdrawal (`w`) or deposit (`d`), the
 * location, the transaction, its time and amount (minor units of the jurisdiction currency), and
 * the time of the event that recorded it (`found`: the same, or a later cash event at the site).
 * The engine keeps the hit as these facts alone.
 */
export type CashSiteFacts = {
  readonly cash: 'w' | 'd';
  readonly loc: string;
  readonly tx: string;
  readonly ts: number;
  readonly amount: number;
  readonly found: number;
};

/** @internal Indicators of a cash-site hit. */
export const CASH_SITE_INDICATORS = INDICATORS;

/** @internal The sentence of a cash-site hit, from its facts alone. */
export function cashSiteReason(f: CashSiteFacts): string {
  return `Cash ${f.cash === 'w' ? 'withdrawal' : 'deposit'} at ${f.loc} (${f.tx}).`;
}
