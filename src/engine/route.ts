import { cashPartyOf } from './cash-party.js';
import { conversionRejection, type EngineRejection } from './rejection.js';
import type { EngineConfig } from './config.js';
import { checkPartition, entityHash, partitionOf, partitionOfHash } from './partition.js';
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
  const all = Array.from({ length: partitions }, (_, i) => i);
  const keys = createRouteKeys(config);
  const hashes = new Uint32Array(MAX_OWNERS);
  return {
    route(tx) {
      const flags = keys.next(tx, hashes);
      if ((flags & ROUTE_PROCESSED) === 0) return { rejection: conversionRejection(tx, config.profile.currency) };
      if ((flags & ROUTE_TICK) !== 0) return { partitions: all, tick: true };
      const owners = new Set<number>();
      for (let i = 0; i < ownerCount(flags); i++) owners.add(partitionOfHash(hashes[i] as number, partitions));
      return { partitions: [...owners].sort((a, b) => a - b), tick: false };
    },
  };
}

/** {@link RouteKeys.next}: the transaction is processed (it converts into the jurisdiction's currency). @internal */
export const ROUTE_PROCESSED = 1;
/** {@link RouteKeys.next}: a sweep falls on the transaction (every partition applies it). @internal */
export const ROUTE_TICK = 2;
/** Most entities one transaction enters: two accounts and a cash party. @internal */
export const MAX_OWNERS = 3;

/** How many owner hashes {@link RouteKeys.next} wrote, from its flags. @internal */
export function ownerCount(flags: number): number {
  return flags >> 2;
}

/**
 * What routing a transaction takes whatever the partition count: whether it is processed, whether
 * a sweep falls on it, and the {@link entityHash} of each entity it enters. A row routed once this
 * way can be routed to any partition count by {@link partitionOfHash} alone.
 * @internal
 */
export interface RouteKeys {
  /**
   * Reads the next transaction (in order; it advances the sweep clock): writes the hashes of its
   * entities into `hashes` and returns flags — {@link ROUTE_PROCESSED}, {@link ROUTE_TICK}, and the
   * number of hashes shifted left by two ({@link ownerCount}).
   */
  next(tx: Transaction, hashes: Uint32Array): number;
}

/** The count-independent half of {@link createRouter}: the FX check, the sweep clock and the entities' hashes. @internal */
export function createRouteKeys(config: EngineConfig): RouteKeys {
  const every = sweepInterval(config.retention);
  const { profile, context } = config;
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    next(tx, hashes) {
      if (context.convert(tx.amount, tx.currency, profile.currency, tx.timestamp) === undefined) return 0;
      let flags = ROUTE_PROCESSED;
      if (tx.timestamp - lastSweep >= every) {
        lastSweep = tx.timestamp;
        flags |= ROUTE_TICK;
      }
      let n = 0;
      if (tx.fromAccount !== undefined) hashes[n++] = entityHash('account', tx.fromAccount);
      if (tx.toAccount !== undefined) hashes[n++] = entityHash('account', tx.toAccount);
      const party = cashPartyOf(tx, context.accounts);
      if (party !== undefined) hashes[n++] = entityHash('party', party);
      return flags | (n << 2);
    },
  };
}
