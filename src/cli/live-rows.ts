/** Width of the time buckets {@link createLiveRows} counts in: an hour. */
const BUCKET_MS = 3_600_000;

/** Counts, over rows given in time order, the most that fall within one retention horizon. */
export interface LiveRows {
  /** The next row's time (epoch ms); times must not decrease. */
  add(ts: number): void;
  /** The largest number of rows seen within `horizonMs` of each other (rounded up to whole hours). */
  readonly max: number;
}

/**
 * The peak number of rows an engine holds in its windows at once, estimated from the row times
 * alone: rows are counted in hour buckets and the buckets older than the horizon before the newest
 * row are dropped, so the count can exceed the exact figure by at most an hour of rows. Memory is
 * one bucket per hour of the horizon.
 * @example
 * const live = createLiveRows(180 * 86_400_000);
 * for (const tx of ordered) live.add(tx.timestamp);
 * live.max; // rows within any 180 days, rounded up to hours
 */
export function createLiveRows(horizonMs: number): LiveRows {
  const hours: number[] = [];
  const counts: number[] = [];
  let head = 0;
  let live = 0;
  let max = 0;
  return {
    add(ts) {
      const hour = Math.floor(ts / BUCKET_MS);
      if (counts.length > head && hours[hours.length - 1] === hour) counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
      else {
        hours.push(hour);
        counts.push(1);
      }
      live++;
      const oldest = Math.floor((ts - horizonMs) / BUCKET_MS);
      while ((hours[head] as number) < oldest) {
        live -= counts[head] as number;
        head++;
      }
      if (head > 4096 && head * 2 > hours.length) {
        hours.splice(0, head);
        counts.splice(0, head);
        head = 0;
      }
      if (live > max) max = live;
    },
    get max() {
      return max;
    },
  };
}
