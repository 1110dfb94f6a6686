import { cashPartyOf } from './cash-party.js';
import { conversionRejection, type EngineRejection } from './rejection.js';
import type { EngineConfig } from './config.js';
import { checkPartition, partitionOf } from './partition.js';
import { sweepInterval } from './sweep-interval.js';
import type { Transaction } from '../schema/transaction.js';

/** Where one transaction goes: the partitions that must apply it, or why no engine can evaluate it. @category Engine */
export type Route =
  | { readonly partitions: readonly number[]; readonly tick: boolean }
  | { readonly rejection: EngineRejection };

/** Routes transactions, given in (time, id) order without repeated ids, to partitions. @category Engine */
export interface Router {
  /** Where the next transaction (in order) goes; it also advances the router's copy of the sweep clock. */
  route(tx: Transaction): Route;
}

/**
 * Routes each transaction to every partition that owns an entity it touches — its originator and
 * beneficiary accounts and, for cash, the party (the conductor, or else the account holder from the
 * reference accounts) — by {@link partitionOf}, the partition function of the core. Party-level
 * windows therefore see all of a party's events whatever accounts they spread over.
 *
 * It also gives every partition the shared clock: the engine evicts idle entities at sweeps, which
 * fall at the first processed transaction at least the core's sweep interval (half the longest retention, at least an hour) after the previous one.
 * The router follows the same schedule and sends each transaction at which a sweep falls to all
 * partitions (`tick: true`). A partition that sees a subsequence of the processed input containing
 * every such transaction sweeps at exactly the same times as one engine over all of it, so the
 * partitions' alerts merged equal `scan()` byte for byte. Transactions with no FX rate into the
 * jurisdiction's currency are not processed by any engine (they do not move the clock either): they
 * come back as a rejection with the message `scan()` gives.
 *
 * Pure and deterministic; the caller guarantees the order (the publisher sorts and de-duplicates).
 * @category Engine
 * @example
 * const router = createRouter(resolveConfig({ jurisdiction: 'MY' }), 4);
 * const r = router.route(tx); // { partitions: [1, 3], tick: false }
 */
export function createRouter(config: EngineConfig, partitions: number): Router {
  checkPartition({ index: 0, count: partitions });
  const every = sweepInterval(config.retention);
  const all = Array.from({ length: partitions }, (_, i) => i);
  const { profile, context } = config;
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    route(tx) {
      if (context.convert(tx.amount, tx.currency, profile.currency, tx.timestamp) === undefined) return { rejection: conversionRejection(tx, profile.currency) };
      if (tx.timestamp - lastSweep >= every) {
        lastSweep = tx.timestamp;
        return { partitions: all, tick: true };
      }
      const owners = new Set<number>();
      if (tx.fromAccount !== undefined) owners.add(partitionOf('account', tx.fromAccount, partitions));
      if (tx.toAccount !== undefined) owners.add(partitionOf('account', tx.toAccount, partitions));
      const party = cashPartyOf(tx, context.accounts);
      if (party !== undefined) owners.add(partitionOf('party', party, partitions));
      return { partitions: [...owners].sort((a, b) => a - b), tick: false };
    },
  };
}
