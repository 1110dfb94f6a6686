import { countedKeysAdd, countedKeysRemove, createCountedKeys, type CountedKeys } from '../engine/incremental/index.js';
import type { RuleIncremental, WindowEvent } from './types.js';

/**
 * Counterparty → transfers with the account within a lookback, per direction; how many of them
 * repeat; and the sum and count of the transfers each way (minor units). Read by `layering_hop` and
 * `fan_leg`, which share one such state per account when their lookbacks agree (see
 * {@link counterpartyCounts}).
 * @internal
 */
export interface CounterpartyCounts {
  ins: CountedKeys<string> | undefined;
  outs: CountedKeys<string> | undefined;
  /** Counterparties (per direction) with at least two transfers in the lookback. */
  known: number;
  sumIn: number;
  nIn: number;
  sumOut: number;
  nOut: number;
}

/** A transfer with a named counterparty: what the counts count. @internal */
export type CounterpartyEdge = WindowEvent & { counterparty: string };

/** Whether an event is a transfer with a named counterparty. @internal */
export const isCounterpartyEdge = (e: WindowEvent): e is CounterpartyEdge => e.kind === 'transfer' && e.counterparty !== undefined && e.counterparty !== '';

/**
 * The incremental counterparty counts over the last `lookbackMs` (an event leaves once it is
 * `lookbackMs` old). Rules asking for the same lookback share one state per account (`shareKey`):
 * on the bench file the counts cost about 150 bytes per account, kept once instead of per rule.
 * @internal
 */
export function counterpartyCounts(lookbackMs: number): RuleIncremental<CounterpartyCounts> {
  return {
    horizonsMs: [lookbackMs - 1],
    shareKey: `counterparty-counts|${lookbackMs}`,
    init: () => ({ ins: undefined, outs: undefined, known: 0, sumIn: 0, nIn: 0, sumOut: 0, nOut: 0 }),
    enter(s, e) {
      if (!isCounterpartyEdge(e)) return;
      if (e.direction === 'in') {
        s.sumIn += e.amount;
        s.nIn++;
      } else {
        s.sumOut += e.amount;
        s.nOut++;
      }
      const n = countedKeysAdd(e.direction === 'in' ? (s.ins ??= createCountedKeys()) : (s.outs ??= createCountedKeys()), e.counterparty);
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
      const n = countedKeysRemove((e.direction === 'in' ? s.ins : s.outs) as CountedKeys<string>, e.counterparty);
      if (n === 1) s.known--;
    },
  };
}
