/**
 * Credits paid out again, first in first out (internal; shared by pass_through and relay_abroad):
 * a queue of credits (time, amount left) and an index to its head. Each step of a debit either
 * empties the head credit or settles the debit, so a pass over a window is linear.
 */

/** @internal The credits of a window not yet paid out, oldest first from `head`. */
export interface CreditQueue {
  readonly ts: number[];
  readonly left: number[];
  head: number;
}

/** @internal An empty queue. */
export function creditQueue(): CreditQueue {
  return { ts: [], left: [], head: 0 };
}

/** @internal A credit of `amount` (minor units) at `ts` joins the queue. */
export function addCredit(q: CreditQueue, ts: number, amount: number): void {
  q.ts.push(ts);
  q.left.push(amount);
}

/**
 * @internal Pays a debit of `amount` at `ts` from the oldest credits; `piece` sees each part with
 * its dwell (ms since its credit) and amount. Returns the amount matched; the rest was paid from
 * the balance held before the window (no dwell known).
 */
export function payFromCredits(q: CreditQueue, ts: number, amount: number, piece: (dwell: number, take: number) => void): number {
  let need = amount;
  while (need > 0 && q.head < q.ts.length) {
    const have = q.left[q.head] as number;
    if (have <= 0) {
      q.head++;
      continue;
    }
    const take = need < have ? need : have;
    need -= take;
    q.left[q.head] = have - take;
    piece(ts - (q.ts[q.head] as number), take);
    if (take === have) q.head++;
  }
  return amount - need;
}

/** @internal Visits the credits not paid out by `now` with the time they have dwelt so far and what is left of them. */
export function eachUnpaid(q: CreditQueue, now: number, visit: (dwell: number, rest: number) => void): void {
  for (let k = q.head; k < q.ts.length; k++) {
    const rest = q.left[k] as number;
    if (rest > 0) visit(now - (q.ts[k] as number), rest);
  }
}

/**
 * @internal The smallest dwell at which the pieces' cumulative amount reaches `half`: a weighted
 * quickselect, linear on average, so a busy conduit firing on every debit does not sort its window
 * each time. 0 for no pieces.
 */
export function weightedMedian(dwells: readonly number[], amounts: readonly number[], half: number): number {
  let ds = dwells;
  let as = amounts;
  let target = half;
  while (ds.length > 0) {
    const pivot = ds[ds.length >> 1] as number;
    const lessD: number[] = [];
    const lessA: number[] = [];
    const moreD: number[] = [];
    const moreA: number[] = [];
    let wLess = 0;
    let wEqual = 0;
    for (let k = 0; k < ds.length; k++) {
      const d = ds[k] as number;
      const a = as[k] as number;
      if (d < pivot) {
        lessD.push(d);
        lessA.push(a);
        wLess += a;
      } else if (d > pivot) {
        moreD.push(d);
        moreA.push(a);
      } else wEqual += a;
    }
    if (wLess >= target) {
      ds = lessD;
      as = lessA;
    } else if (wLess + wEqual >= target) return pivot;
    else {
      target -= wLess + wEqual;
      ds = moreD;
      as = moreA;
    }
  }
  return 0;
}
