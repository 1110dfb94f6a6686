/**
 * Shared incremental primitives for rules (DESIGN §4): each is plain data plus functions that
 * mutate it in place in amortised O(1) per event, evicts with `ts < horizon` (an entry at exactly
 * the horizon stays), snapshots to JSON-safe data, and is property-tested against brute force in
 * test/engine/incremental.prop.test.ts. Times are integer epoch ms added in non-decreasing order;
 * amounts are integer minor units with exact sums.
 */
export type { SlidingSum, SlidingSumSnapshot } from './sliding-sum.js';
export { createSlidingSum, restoreSlidingSum, slidingSumAdd, slidingSumCount, slidingSumEvictBefore, snapshotSlidingSum } from './sliding-sum.js';
export type { DistinctKey, DistinctKeys, DistinctKeysSnapshot, KeyStat } from './distinct-keys.js';
export {
  createDistinctKeys, distinctKeysAdd, distinctKeysCountOf, distinctKeysEntries, distinctKeysEvictBefore, distinctKeysLastTs,
  distinctKeysLive, distinctKeysSize, restoreDistinctKeys, snapshotDistinctKeys,
} from './distinct-keys.js';
export type { CountedKeys } from './counted-keys.js';
export { countedKeysAdd, countedKeysEntries, countedKeysGet, countedKeysRemove, createCountedKeys } from './counted-keys.js';
export type { CountedPairs, PairSide } from './counted-pairs.js';
export { COUNTED_PAIRS_MAX, countedPairsAdd, countedPairsEntries, countedPairsGet, countedPairsRemove, createCountedPairs } from './counted-pairs.js';
export type { Keyed } from './keyed.js';
export { createKeyed, keyedDelete, keyedEntries, keyedGet, keyedSet } from './keyed.js';
export type { MinMax } from './min-max.js';
export { createMinMax, minMaxAdd, minMaxEvictBefore, minMaxMax, minMaxMin, restoreMinMax, snapshotMinMax } from './min-max.js';
export type { Series, SeriesKey, SeriesMap, SeriesMapSnapshot } from './series.js';
export {
  createSeriesMap, restoreSeriesMap, seriesAmountMean, seriesAmountVariance, seriesCount, seriesFirstTs, seriesGapMean,
  seriesGapVariance, seriesLastAmount, seriesLastTs, seriesMapAdd, seriesMapEvictBefore, seriesMapKeys, seriesMapSize, seriesOf,
  snapshotSeriesMap,
} from './series.js';
export type { Watch, WatchKey, Watches, WatchesSnapshot } from './watches.js';
export { createWatches, restoreWatches, snapshotWatches, watchActive, watchArm, watchCount, watchDisarm, watchExpire } from './watches.js';
