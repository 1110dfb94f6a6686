/**
 * 01 · Developers — a custom rule on the incremental rule contract.
 *
 *   npx tsx examples/01-custom-rule.ts
 *
 * `same_amount_inflows`: at least four payments of exactly the same amount from at least three
 * different senders into one account within seven days — the signature of a fixed per-person
 * fee or instalment collected from many people. The rule keeps, per account, how many inflows
 * of each amount are inside its seven days (incremental state: +1 on enter, −1 on leave), so it
 * decides in O(1) whether the newest payment can fire, and reads its window only to explain a hit.
 * docs/writing-rules.md walks through every line.
 */
import {
  defaultRules, eachRecent, formatMoney, scan,
  type EntityWindow, type Rule, type RuleContext, type RuleHit, type WindowEvent,
} from 'tidewatch';
import { isMain, loadBank } from './load-bank.js';

const DAY = 86_400_000;

/** Options of {@link sameAmountInflows}. */
export interface SameAmountInflowsOptions {
  /** Payments of one amount needed (default 4). */
  readonly minPayments?: number;
  /** Different senders among them (default 3). */
  readonly minSenders?: number;
  /** Look-back in days (default 7). */
  readonly windowDays?: number;
}

/** Per account: inflows inside the window, counted by exact amount (minor units, as a string key). */
interface SameAmountState {
  byAmount: Record<string, number>;
}

/** A custom rule: many equal inflows from several senders within a week. */
export function sameAmountInflows(options: SameAmountInflowsOptions = {}): Rule<'same_amount_inflows', SameAmountState> {
  const minPayments = options.minPayments ?? 4;
  const minSenders = options.minSenders ?? 3;
  const windowDays = options.windowDays ?? 7;
  const windowMs = windowDays * DAY;
  const counted = (e: WindowEvent): boolean => e.direction === 'in' && e.kind === 'transfer';
  return {
    id: 'same_amount_inflows',
    indicators: ['X-SAME-01'],
    family: 'network_flow',
    entities: ['account'],
    windowMs,
    options: { minPayments, minSenders, windowDays },
    description: `At least ${minPayments} transfers of one exact amount from ${minSenders} or more senders within ${windowDays} days.`,
    incremental: {
      // An event leaves once it is older than the newest event by more than the window.
      horizonsMs: [windowMs],
      init: () => ({ byAmount: {} }),
      enter: (s, e) => {
        if (counted(e)) s.byAmount[e.amount] = (s.byAmount[e.amount] ?? 0) + 1;
      },
      leave: (s, e) => {
        if (!counted(e)) return;
        const left = (s.byAmount[e.amount] ?? 0) - 1;
        if (left === 0) delete s.byAmount[e.amount]; // keep the state as small as the window
        else s.byAmount[e.amount] = left;
      },
    },
    evaluate(window: EntityWindow, context: RuleContext, state: SameAmountState): readonly RuleHit[] {
      const newest = window.events[window.events.length - 1] as WindowEvent;
      // O(1) gate from the state: most evaluations stop here without reading the window.
      if (!counted(newest) || (state.byAmount[newest.amount] ?? 0) < minPayments) return [];
      // Explain: the equal payments inside the window, newest first (never loop over window.events).
      const same: WindowEvent[] = [];
      eachRecent(window, newest.ts - windowMs, (e) => {
        if (counted(e) && e.amount === newest.amount) same.push(e);
      });
      const senders = new Set(same.map((e) => e.counterparty ?? e.id));
      if (senders.size < minSenders) return [];
      same.reverse(); // oldest first, as evidence is listed
      const amount = formatMoney(newest.amount, context.jurisdiction.currency);
      return [{
        rule: 'same_amount_inflows',
        indicators: ['X-SAME-01'],
        entity: { kind: window.kind, id: window.id },
        strength: Math.min(1, 0.5 + 0.1 * (same.length - minPayments)),
        window: { from: (same[0] as WindowEvent).ts, to: newest.ts },
        transactionIds: same.map((e) => e.id),
        reason: `Possible fee-collection pattern: ${same.length} payments of exactly ${amount} from ${senders.size} different senders within ${windowDays} days.`,
        facts: { payments: same.length, senders: senders.size, amountMinor: newest.amount, windowDays },
      }];
    },
  };
}

/** Runs the shipped rules plus the custom one on a bank and prints the custom rule's hits. */
export async function main(out: (line: string) => void = console.log): Promise<{ hits: number; accounts: string[] }> {
  const bank = await loadBank();
  const { alerts } = scan(bank.transactions, {
    jurisdiction: 'MY',
    rules: [...defaultRules(), sameAmountInflows()],
    accounts: bank.accounts.values(),
    parties: bank.parties.values(),
    minScore: 0, // every scored entity: a rule without a typology earns no points (see 02)
  });
  const accounts: string[] = [];
  let hits = 0;
  for (const alert of alerts) {
    if (alert.entity.kind !== 'account') continue;
    const mine = alert.hits.filter((h) => h.rule === 'same_amount_inflows');
    if (mine.length === 0) continue;
    accounts.push(alert.entity.id);
    hits += mine.length;
    for (const h of mine) out(`${alert.entity.id}  ${h.window.from.slice(0, 10)}  ${h.reason}  (${h.transactionCount} transactions)`);
  }
  out(`same_amount_inflows: ${hits} hits on ${accounts.length} accounts`);
  return { hits, accounts };
}

if (isMain(import.meta.url)) await main();

/* Expected output (the bundled demo bank; 11 lines of hits, then the count):
MY6243529  2024-12-03  Possible fee-collection pattern: 4 payments of exactly MYR 500.00 from 4 different senders within 7 days.  (4 transactions)
MY9608756  2024-11-04  Possible fee-collection pattern: 8 payments of exactly MYR 450.00 from 8 different senders within 7 days.  (8 transactions)
…
same_amount_inflows: 11 hits on 5 accounts
*/
