import { countedPairsAdd, countedPairsGet, countedPairsRemove, createCountedPairs, type CountedPairs } from '../engine/incremental/counted-pairs.js';
import type { RuleIncremental, WindowEvent } from './types.js';

/**
 * Counterparty → transfers with the account within a lookback, per direction; how many of them
 * repeat; and the sum and count of the transfers each way (minor units). Read by `layering_hop` and
 * `fan_leg`, which share one such state per account when their lookbacks agree (see
 * {@link counterpartyCounts}).
 * @internal
 */
export interface CounterpartyCounts {
  /** Counterparty → transfers in (side a) and out (side b); created at the first transfer. */
  pairs: CountedPairs<string> | undefined;
  /** Counterparties (per direction) with at least two transfers in the lookback. */
  known: number;
  sumIn: number;
  nIn: number;
  sumOut: number;
  nOut: number;
}

/** A transfer with a named counterparty: what the counts count. @internal */
export type CounterpartyEdge = WindowEvent & { counterparty: string };

/** Transfers with `counterparty` in the lookback in one direction. @internal */
export function transfersWith(s: CounterpartyCounts, counterparty: string, direction: 'in' | 'out'): number {
  return s.pairs === undefined ? 0 : countedPairsGet(s.pairs, counterparty, direction === 'in' ? 'a' : 'b');
}

/** Distinct counterparties in the lookback in one direction (senders or recipients). @internal */
export function counterpartiesOf(s: CounterpartyCounts, direction: 'in' | 'out'): number {
  return s.pairs === undefined ? 0 : direction === 'in' ? s.pairs.sizeA : s.pairs.sizeB;
}

/** Whether an event is a transfer with a named counterparty. @internal */
export const isCounterpartyEdge = (e: WindowEvent): e is CounterpartyEdge => e.kind === 'transfer' && e.counterparty !== undefined && e.counterparty !== '';

/**
 * The incremental counterparty counts over the last `lookbackMs` (an event leaves once it is
 * `lookbackMs` old). Rules asking for the same lookback share one state per account (`shareKey`):
 * on the bench file the counts cost about 150 bytes per account, kept once instead of per rule
 * (both directions in one {@link CountedPairs}: two maps held each two-way counterparty twice).
 * @internal
 */
export function counterpartyCounts(lookbackMs: number): RuleIncremental<CounterpartyCounts> {
  return {
    horizonsMs: [lookbackMs - 1],
    shareKey: `counterparty-counts|${lookbackMs}`,
    init: () => ({ pairs: undefined, known: 0, sumIn: 0, nIn: 0, sumOut: 0, nOut: 0 }),
    enter(s, e) {
      if (!isCounterpartyEdge(e)) return;
      if (e.direction === 'in') {
        s.sumIn += e.amount;
        s.nIn++;
      } else {
        s.sumOut += e.amount;
        s.nOut++;
      }
      const n = countedPairsAdd((s.pairs ??= createCountedPairs()), e.counterparty, e.direction === 'in' ? 'a' : 'b');
      if (n === 2) s.known++;
    },
    leave(s, e) {
      if (!isCounterpartyEdge(e)) return;
      if (e.direction === 'in') {
        s.sumIn -= e.amount;
        s.nIn--;
      } else {
        s.sumOut -= e.amount;
        s.nOut--;
      }
      const n = countedPairsRemove(s.pairs as CountedPairs<string>, e.counterparty, e.direction === 'in' ? 'a' : 'b');
      if (n === 1) s.known--;
    },
  };
}
