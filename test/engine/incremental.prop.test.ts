import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  createDistinctKeys, createMinMax, createSeriesMap, createSlidingSum, createWatches, distinctKeysAdd, distinctKeysCountOf,
  distinctKeysEntries, distinctKeysEvictBefore, distinctKeysLastTs, distinctKeysLive, distinctKeysSize, minMaxAdd, minMaxEvictBefore,
  minMaxMax, minMaxMin, restoreDistinctKeys, restoreMinMax, restoreSeriesMap, restoreSlidingSum, restoreWatches, seriesAmountMean,
  seriesAmountVariance, seriesCount, seriesFirstTs, seriesGapMean, seriesGapVariance, seriesLastAmount, seriesLastTs, seriesMapAdd,
  seriesMapEvictBefore, seriesMapKeys, seriesMapSize, seriesOf, slidingSumAdd, slidingSumCount, slidingSumEvictBefore,
  snapshotDistinctKeys, snapshotMinMax, snapshotSeriesMap, snapshotSlidingSum, snapshotWatches, watchActive, watchArm, watchCount,
  watchDisarm, watchExpire, countedKeysAdd, countedKeysEntries, countedPairsAdd, countedPairsEntries, countedPairsGet, countedPairsRemove, createCountedPairs, countedKeysGet, countedKeysRemove, createCountedKeys, createKeyed, keyedDelete, keyedEntries, keyedGet, keyedSet,
} from '../../src/engine/incremental/index.js';
import type { PairSide, Series } from '../../src/engine/incremental/index.js';

const NUM_RUNS = 300;
const BASE = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const KEYS = ['a', 'b', 'c', 1, 2, '1'] as const; // 1 and '1' are different keys
type Key = (typeof KEYS)[number];

// ---------------------------------------------------------------------------------------------
// One generated operation sequence drives both the primitive and a brute-force list of live entries.

type Op =
  | { readonly t: 'add'; readonly dt: number; readonly key: number; readonly amount: number }
  | { readonly t: 'evict'; readonly atEntry: boolean; readonly pick: number; readonly delta: number; readonly back: number };
interface Entry { readonly ts: number; readonly key: Key; readonly amount: number }

const dtArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },                                   // equal times
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 6, max: 2_000_000_000 }) },       // gaps whose squares exceed 2^53
);
const amountArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }) },                  // many equal values
  { weight: 3, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }) },    // squares above 2^53
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('add' as const), dt: dtArb, key: fc.nat({ max: KEYS.length - 1 }), amount: amountArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('evict' as const), atEntry: fc.constantFrom(true, true, false), pick: fc.nat(), delta: fc.constantFrom(-1, 0, 0, 1), back: fc.nat({ max: 12 }) }) },
);
const opsArb = fc.array(opArb, { minLength: 8, maxLength: 60 });
const longOpsArb = fc.array(opArb, { minLength: 200, maxLength: 400 });

/** Horizon for an eviction: an entry's time (−1, exact, +1) or a few ms before now. */
function horizonOf(op: Extract<Op, { t: 'evict' }>, live: readonly Entry[], now: number): number {
  return op.atEntry && live.length > 0 ? (live[op.pick % live.length] as Entry).ts + op.delta : now - op.back;
}

interface Subject<S> {
  create(): S;
  add(s: S, e: Entry): void;
  evict(s: S, horizon: number): void;
  observe(s: S): unknown;
  brute(live: readonly Entry[], order: readonly Key[]): unknown;
  snapshot(s: S): unknown;
  restore(data: unknown): S;
  /** Optional: the number the primitive sees for an entry (default: its amount). */
  value?(e: Entry): number;
  /** Optional: records implementation-side events (e.g. a bigint sum of squares). */
  note?(s: S, events: Set<string>): void;
}

interface Trace { impl: unknown[]; brute: unknown[]; events: Set<string>; final: unknown }

/** Runs `ops`; when `cut` is given, the state goes through snapshot → JSON → restore before op `cut`. */
function run<S>(subject: Subject<S>, ops: readonly Op[], cut?: number): Trace {
  let s = subject.create();
  let live: Entry[] = [];
  let order: Key[] = [];  // keys in the order they (last) became live
  const gone = new Set<Key>();
  let now = BASE;
  const trace: Trace = { impl: [], brute: [], events: new Set(), final: undefined };
  ops.forEach((op, i) => {
    if (i === cut) s = subject.restore(JSON.parse(JSON.stringify(subject.snapshot(s))));
    if (op.t === 'add') {
      now += op.dt;
      const e: Entry = { ts: now, key: KEYS[op.key] as Key, amount: op.amount };
      if (!order.includes(e.key)) {
        order.push(e.key);
        if (gone.has(e.key)) trace.events.add('key returned');
      }
      if (live.some((x) => (subject.value?.(x) ?? x.amount) === (subject.value?.(e) ?? e.amount))) trace.events.add('equal values live');
      subject.add(s, e);
      live.push(e);
    } else {
      const h = horizonOf(op, live, now);
      const kept = live.filter((e) => e.ts >= h);
      const removed = live.filter((e) => e.ts < h);
      if (removed.length > 0) trace.events.add('evicted');
      if (removed.length > 0 && kept.length > 0) trace.events.add('evicted some, kept some');
      if (kept.some((e) => e.ts === h) && removed.some((e) => e.ts === h - 1)) trace.events.add('boundary');
      if (removed.some((r) => kept.some((k) => k.key === r.key))) trace.events.add('oldest of a key left, key stays');
      const v = (e: Entry): number => subject.value?.(e) ?? e.amount;
      const extremes = [Math.min(...live.map(v)), Math.max(...live.map(v))];
      if (removed.some((r) => extremes.includes(v(r)) && kept.some((k) => v(k) === v(r)))) trace.events.add('equal extreme evicted, twin stays');
      for (const key of order) if (!kept.some((e) => e.key === key)) gone.add(key);
      order = order.filter((key) => kept.some((e) => e.key === key));
      subject.evict(s, h);
      live = kept;
    }
    subject.note?.(s, trace.events);
    trace.impl.push(subject.observe(s));
    trace.brute.push(subject.brute(live, order));
  });
  subject.evict(s, now + 1);
  trace.final = s;
  return trace;
}

/** Property: every observation equals brute force; a restore anywhere changes nothing; enter-then-leave restores the empty state. */
function checkSubject<S>(subject: Subject<S>, floors: Record<string, number>): void {
  const exercised: Record<string, number> = Object.fromEntries(Object.keys(floors).map((k) => [k, 0]));
  fc.assert(fc.property(opsArb, fc.nat(), (ops, cutSeed) => {
    const whole = run(subject, ops);
    expect(whole.impl).toEqual(whole.brute);
    const cut = run(subject, ops, cutSeed % ops.length);
    expect(cut.impl).toEqual(whole.impl);
    expect(whole.final).toEqual(subject.create());
    for (const k of Object.keys(exercised)) if (whole.events.has(k)) exercised[k] = (exercised[k] as number) + 1;
  }), { numRuns: NUM_RUNS });
  // Long runs, so the arrays compact their dead prefix (at 32 cells) many times mid-sequence.
  fc.assert(fc.property(longOpsArb, fc.nat(), (ops, cutSeed) => {
    const whole = run(subject, ops);
    expect(whole.impl).toEqual(whole.brute);
    expect(run(subject, ops, cutSeed % ops.length).impl).toEqual(whole.impl);
  }), { numRuns: 20 });
  for (const [k, floor] of Object.entries(floors)) expect(exercised[k], `runs exercising "${k}"`).toBeGreaterThan(floor * NUM_RUNS);
}

const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Population variance with an exact BigInt numerator, as the series documents it. */
function exactVariance(xs: readonly number[]): number {
  const n = BigInt(xs.length);
  const s = xs.reduce((a, x) => a + BigInt(x), 0n);
  const q = xs.reduce((a, x) => a + BigInt(x) * BigInt(x), 0n);
  return Number(n * q - s * s) / (xs.length * xs.length);
}

// ---------------------------------------------------------------------------------------------

describe('sliding sum', () => {
  test('sum and count equal brute force after every operation; restore anywhere = uninterrupted', () => {
    checkSubject<ReturnType<typeof createSlidingSum>>({
      create: createSlidingSum,
      add: (s, e) => slidingSumAdd(s, e.ts, e.amount),
      evict: (s, h) => void slidingSumEvictBefore(s, h),
      observe: (s) => ({ sum: s.sum, count: slidingSumCount(s) }),
      brute: (live) => ({ sum: sumOf(live.map((e) => e.amount)), count: live.length }),
      snapshot: snapshotSlidingSum,
      restore: (d) => restoreSlidingSum(d as Parameters<typeof restoreSlidingSum>[0]),
    }, { 'evicted': 0.5, 'evicted some, kept some': 0.4, 'boundary': 0.1 });
  });

  test('boundary: ts == horizon stays, ts == horizon - 1 goes', () => {
    const s = createSlidingSum();
    slidingSumAdd(s, 1000, 5);
    slidingSumAdd(s, 1999, 7);
    slidingSumAdd(s, 2000, 11);
    slidingSumAdd(s, 2000, 13);
    expect(slidingSumEvictBefore(s, 2000)).toBe(2);
    expect({ sum: s.sum, count: slidingSumCount(s) }).toEqual({ sum: 24, count: 2 });
    expect(slidingSumEvictBefore(s, 2000)).toBe(0);
    expect(slidingSumEvictBefore(s, 2001)).toBe(2);
    expect(s).toEqual(createSlidingSum());
  });

  test('rejects out-of-order times, fractional amounts and inexact sums, leaving the state unchanged', () => {
    const s = createSlidingSum();
    slidingSumAdd(s, 2000, Number.MAX_SAFE_INTEGER);
    expect(() => slidingSumAdd(s, 1999, 1)).toThrow(RangeError);
    expect(() => slidingSumAdd(s, 2000, 1.5)).toThrow(RangeError);
    expect(() => slidingSumAdd(s, 2000, 1)).toThrow(/MAX_SAFE_INTEGER/);
    expect(snapshotSlidingSum(s)).toEqual({ ts: [2000], amount: [Number.MAX_SAFE_INTEGER] });
    expect(() => restoreSlidingSum({ ts: [2, 1], amount: [1, 1] })).toThrow(TypeError);
  });

  test('compacts its dead prefix: a long stream keeps arrays near the window size', () => {
    const s = createSlidingSum();
    for (let i = 0; i < 10_000; i++) {
      slidingSumAdd(s, i, 1);
      slidingSumEvictBefore(s, i - 99);
    }
    expect(slidingSumCount(s)).toBe(100);
    expect(s.entries.length).toBeLessThan(600);
  });
});

describe('distinct keys', () => {
  test('distinct, countOf, lastTs and live-key order equal brute force; restore anywhere = uninterrupted', () => {
    checkSubject<ReturnType<typeof createDistinctKeys<Key>>>({
      create: () => createDistinctKeys<Key>(),
      add: (d, e) => distinctKeysAdd(d, e.ts, e.key),
      evict: (d, h) => void distinctKeysEvictBefore(d, h),
      observe: (d) => ({
        distinct: distinctKeysSize(d), entries: distinctKeysEntries(d), order: [...distinctKeysLive(d)],
        perKey: KEYS.map((k) => [distinctKeysCountOf(d, k), distinctKeysLastTs(d, k)]),
      }),
      brute: (live, order) => ({
        distinct: new Set(live.map((e) => e.key)).size, entries: live.length, order: [...order],
        perKey: KEYS.map((k) => {
          const mine = live.filter((e) => e.key === k);
          return [mine.length, mine.length === 0 ? undefined : Math.max(...mine.map((e) => e.ts))];
        }),
      }),
      snapshot: snapshotDistinctKeys,
      restore: (x) => restoreDistinctKeys(x as Parameters<typeof restoreDistinctKeys<Key>>[0]),
    }, { 'evicted': 0.5, 'key returned': 0.25, 'oldest of a key left, key stays': 0.25 });
  });

  test('a key leaves when its count reaches 0 and comes back at the end of the order', () => {
    const d = createDistinctKeys<string>();
    distinctKeysAdd(d, 10, 'MY');
    distinctKeysAdd(d, 10, 'TH');
    distinctKeysAdd(d, 20, 'MY');
    expect([distinctKeysCountOf(d, 'MY'), distinctKeysLastTs(d, 'MY')]).toEqual([2, 20]);
    distinctKeysEvictBefore(d, 11);
    expect([...distinctKeysLive(d)]).toEqual(['MY']);
    expect([distinctKeysCountOf(d, 'TH'), distinctKeysLastTs(d, 'TH'), distinctKeysCountOf(d, 'MY')]).toEqual([0, undefined, 1]);
    distinctKeysAdd(d, 30, 'TH');
    distinctKeysEvictBefore(d, 30);
    distinctKeysAdd(d, 30, 'MY');
    expect([...distinctKeysLive(d)]).toEqual(['TH', 'MY']);
    const snap = snapshotDistinctKeys(d);
    expect(snap).toEqual({ ts: [30, 30], keys: ['TH', 'MY'], order: ['TH', 'MY'] });
    expect(snapshotDistinctKeys(restoreDistinctKeys(JSON.parse(JSON.stringify(snap)) as typeof snap))).toEqual(snap);
  });

  test('restore rejects a key order that does not match the entries', () => {
    expect(() => restoreDistinctKeys({ ts: [1, 2], keys: ['a', 'b'], order: ['a'] })).toThrow(TypeError);
    expect(() => restoreDistinctKeys({ ts: [1], keys: ['a'], order: ['a', 'b'] })).toThrow(TypeError);
  });
});

describe('min/max deque', () => {
  test('min and max equal brute force; restore anywhere = uninterrupted', () => {
    checkSubject<ReturnType<typeof createMinMax>>({
      create: createMinMax,
      value: (e) => (e.amount % 5 + 5) % 5, // few distinct values: many ties
      add: (m, e) => minMaxAdd(m, e.ts, (e.amount % 5 + 5) % 5),
      evict: (m, h) => void minMaxEvictBefore(m, h),
      observe: (m) => ({ min: minMaxMin(m), max: minMaxMax(m) }),
      brute: (live) => live.length === 0 ? { min: undefined, max: undefined }
        : { min: Math.min(...live.map((e) => (e.amount % 5 + 5) % 5)), max: Math.max(...live.map((e) => (e.amount % 5 + 5) % 5)) },
      snapshot: snapshotMinMax,
      restore: (x) => restoreMinMax(x as ReturnType<typeof createMinMax>),
    }, { 'evicted some, kept some': 0.4, 'equal values live': 0.75, 'equal extreme evicted, twin stays': 0.25 });
  });

  test('equal values: the newer twin answers after the older leaves', () => {
    const m = createMinMax();
    minMaxAdd(m, 1, 5);
    minMaxAdd(m, 2, 9);
    minMaxAdd(m, 3, 5);
    minMaxAdd(m, 3, 9);
    expect([minMaxMin(m), minMaxMax(m)]).toEqual([5, 9]);
    minMaxEvictBefore(m, 3);
    expect([minMaxMin(m), minMaxMax(m)]).toEqual([5, 9]);
    minMaxEvictBefore(m, 4);
    expect([minMaxMin(m), minMaxMax(m)]).toEqual([undefined, undefined]);
    expect(m).toEqual(createMinMax());
  });

  test('-0 is stored as 0, so a JSON round trip keeps the answers', () => {
    const m = createMinMax();
    minMaxAdd(m, 1, -0);
    expect(Object.is(minMaxMax(m), 0) && Object.is(minMaxMin(m), 0)).toBe(true);
  });

  test('monotone input keeps one deque at a single cell', () => {
    const m = createMinMax();
    for (let i = 0; i < 1000; i++) minMaxAdd(m, i, i);
    expect([(m.max.length - m.maxHead) / 2, (m.min.length - m.minHead) / 2]).toEqual([1, 1000]);
  });
});

describe('per-counterparty series', () => {
  const stats = (ser: Series | undefined): unknown => ser === undefined ? null : {
    count: seriesCount(ser), first: seriesFirstTs(ser), last: seriesLastTs(ser), lastAmount: seriesLastAmount(ser),
    amountMean: seriesAmountMean(ser), amountVariance: seriesAmountVariance(ser), gapMean: seriesGapMean(ser), gapVariance: seriesGapVariance(ser),
  };
  const bruteStats = (mine: readonly Entry[]): unknown => {
    if (mine.length === 0) return null;
    const amounts = mine.map((e) => e.amount);
    const gaps = mine.slice(1).map((e, i) => e.ts - (mine[i] as Entry).ts);
    return {
      count: mine.length, first: (mine[0] as Entry).ts, last: (mine.at(-1) as Entry).ts, lastAmount: amounts.at(-1),
      amountMean: sumOf(amounts) / amounts.length, amountVariance: exactVariance(amounts),
      gapMean: gaps.length === 0 ? undefined : sumOf(gaps) / gaps.length, gapVariance: gaps.length === 0 ? undefined : exactVariance(gaps),
    };
  };

  test('per-key count, last, mean and variance of amounts and gaps equal exact brute force; restore anywhere = uninterrupted', () => {
    checkSubject<ReturnType<typeof createSeriesMap<Key>>>({
      create: () => createSeriesMap<Key>(),
      add: (m, e) => void seriesMapAdd(m, e.ts, e.key, e.amount),
      evict: (m, h) => void seriesMapEvictBefore(m, h),
      observe: (m) => ({ size: seriesMapSize(m), order: [...seriesMapKeys(m)], perKey: KEYS.map((k) => stats(seriesOf(m, k))) }),
      brute: (live, order) => ({ size: new Set(live.map((e) => e.key)).size, order: [...order], perKey: KEYS.map((k) => bruteStats(live.filter((e) => e.key === k))) }),
      snapshot: snapshotSeriesMap,
      restore: (x) => restoreSeriesMap(x as ReturnType<typeof snapshotSeriesMap<Key>>),
      note: (m, events) => {
        for (const ser of m.series.values()) if (typeof ser.gapSq === 'bigint' || typeof ser.amountSq === 'bigint') events.add('bigint sums');
      },
    }, { 'oldest of a key left, key stays': 0.25, 'key returned': 0.25, 'bigint sums': 0.25 });
  });

  test('monthly instalments: removing the oldest payment removes the first gap exactly', () => {
    const DAY = 24 * HOUR;
    const m = createSeriesMap<string>();
    const days = [0, 30, 61, 91];
    for (const [i, d] of days.entries()) seriesMapAdd(m, BASE + d * DAY, 'lender', 50_000 + i * 100);
    const ser = seriesOf(m, 'lender') as Series;
    expect(stats(ser)).toEqual({
      count: 4, first: BASE, last: BASE + 91 * DAY, lastAmount: 50_300, amountMean: 50_150, amountVariance: 12_500,
      gapMean: (91 * DAY) / 3, gapVariance: ((30 * DAY) ** 2 + (31 * DAY) ** 2 + (30 * DAY) ** 2) / 3 - ((91 * DAY) / 3) ** 2,
    });
    expect(typeof ser.gapSq).toBe('bigint'); // gaps in ms: squares above 2^53
    seriesMapEvictBefore(m, BASE + 30 * DAY); // first gap (30 d) leaves with the first payment
    expect([seriesGapMean(ser), seriesGapVariance(ser), seriesAmountMean(ser)]).toEqual([30.5 * DAY, (0.5 * DAY) ** 2, 50_200]);
    seriesMapEvictBefore(m, BASE + 61 * DAY);
    expect([seriesCount(ser), seriesGapMean(ser), seriesGapVariance(ser), ser.gapSq]).toEqual([2, 30 * DAY, 0, BigInt(30 * DAY) ** 2n]);
    seriesMapEvictBefore(m, BASE + 91 * DAY);
    expect([seriesCount(ser), seriesGapMean(ser), seriesGapVariance(ser), ser.gapSq]).toEqual([1, undefined, undefined, 0]); // back to a number
    seriesMapEvictBefore(m, BASE + 91 * DAY + 1);
    expect([seriesOf(m, 'lender'), seriesMapSize(m)]).toEqual([undefined, 0]);
    expect(m).toEqual(createSeriesMap());
  });
});

describe('armed watches', () => {
  const TTL = 10;
  type WOp =
    | { readonly t: 'arm'; readonly dt: number; readonly key: number; readonly payload: number }
    | { readonly t: 'expire'; readonly ahead: number }
    | { readonly t: 'disarm'; readonly key: number };
  const wopArb: fc.Arbitrary<WOp> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ t: fc.constant('arm' as const), dt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 30 })), key: fc.nat({ max: KEYS.length - 1 }), payload: fc.nat({ max: 99 }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('expire' as const), ahead: fc.oneof(fc.integer({ min: -2, max: TTL + 3 }), fc.constantFrom(TTL - 2, TTL - 1, TTL)) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('disarm' as const), key: fc.nat({ max: KEYS.length - 1 }) }) },
  );

  test('active(key, now) and expiry equal brute force; restore anywhere = uninterrupted', () => {
    const exercised = { boundary: 0, expired: 0, rearmed: 0 };
    const runW = (ops: readonly WOp[], cut?: number): { impl: unknown[]; brute: unknown[] } => {
      let w = createWatches<Key, { n: number }>(TTL);
      let model = new Map<Key, { at: number; payload: { n: number } }>();
      let now = BASE;
      const out = { impl: [] as unknown[], brute: [] as unknown[] };
      const probes = [0, TTL - 1, TTL, TTL + 1];
      ops.forEach((op, i) => {
        if (i === cut) w = restoreWatches(JSON.parse(JSON.stringify(snapshotWatches(w))) as ReturnType<typeof snapshotWatches<Key, { n: number }>>);
        if (op.t === 'arm') {
          now += op.dt;
          const key = KEYS[op.key] as Key;
          const old = model.get(key);
          if (old !== undefined && old.at >= now - TTL && cut === undefined) exercised.rearmed++;
          watchArm(w, key, now, { n: op.payload });
          model.delete(key);
          model.set(key, { at: now, payload: { n: op.payload } });
        } else if (op.t === 'expire') {
          const before = model.size;
          if ([...model.values()].some((v) => v.at === now + op.ahead - TTL) && cut === undefined) exercised.boundary++;
          model = new Map([...model].filter(([, v]) => v.at >= now + op.ahead - TTL));
          if (model.size < before && cut === undefined) exercised.expired++;
          watchExpire(w, now + op.ahead);
        } else {
          watchDisarm(w, KEYS[op.key] as Key);
          model.delete(KEYS[op.key] as Key);
        }
        out.impl.push({ count: watchCount(w), order: [...w.live.keys()], active: KEYS.map((k) => probes.map((p) => watchActive(w, k, now + p))) });
        out.brute.push({
          count: model.size, order: [...model.keys()],
          active: KEYS.map((k) => probes.map((p) => { const v = model.get(k); return v !== undefined && now + p - v.at <= TTL ? v.payload : undefined; })),
        });
      });
      return out;
    };
    const runs = { boundary: 0, expired: 0, rearmed: 0 }; // runs in which it happened at least once
    fc.assert(fc.property(fc.array(wopArb, { minLength: 8, maxLength: 60 }), fc.nat(), (ops, cutSeed) => {
      const before = { ...exercised };
      const whole = runW(ops);
      expect(whole.impl).toEqual(whole.brute);
      expect(runW(ops, cutSeed % ops.length).impl).toEqual(whole.impl);
      for (const k of ['boundary', 'expired', 'rearmed'] as const) if (exercised[k] > before[k]) runs[k]++;
    }), { numRuns: NUM_RUNS });
    expect(runs.boundary).toBeGreaterThan(NUM_RUNS / 4); // an expiry whose horizon is exactly a live watch's arming time
    expect(runs.expired).toBeGreaterThan(NUM_RUNS / 2);
    expect(runs.rearmed).toBeGreaterThan(NUM_RUNS / 4); // re-arming a watch that is still active
  });

  test('a 72 h watch is active at exactly 72 h and gone 1 ms later', () => {
    const w = createWatches<string, { inflows: number }>(72 * HOUR);
    watchArm(w, 'acct-9', BASE, { inflows: 6 });
    expect(watchActive(w, 'acct-9', BASE + 72 * HOUR)).toEqual({ inflows: 6 });
    expect(watchActive(w, 'acct-9', BASE + 72 * HOUR + 1)).toBeUndefined();
    expect(watchExpire(w, BASE + 72 * HOUR)).toBe(0);
    expect(watchExpire(w, BASE + 72 * HOUR + 1)).toBe(1);
    expect(watchCount(w)).toBe(0);
  });

  test('re-arming restarts the clock and keeps expiry in time order', () => {
    const w = createWatches<string, string>(100);
    watchArm(w, 'a', 0, 'first');
    watchArm(w, 'b', 50, 'b');
    watchArm(w, 'a', 60, 'again');
    expect(watchExpire(w, 151)).toBe(1); // b (armed at 50) goes; a was re-armed at 60
    expect([watchActive(w, 'a', 160), watchActive(w, 'b', 151)]).toEqual(['again', undefined]);
    expect(() => watchArm(w, 'c', 59, 'late')).toThrow(RangeError);
    expect(restoreWatches(JSON.parse(JSON.stringify(snapshotWatches(w))) as ReturnType<typeof snapshotWatches<string, string>>)).toEqual(w);
  });
});

describe('keyed small map', () => {
  test('any sequence of sets and deletes equals a Map (one entry inline, a flat array to 8, a Map beyond)', () => {
    // Twelve keys (more than KEYED_PAIRS_MAX) so that runs reach all three forms; 1 and '1' stay different keys.
    const keys: readonly (string | number)[] = [...KEYS, 'd', 'e', 'f', 3, 4, 'g'];
    let pairsForm = 0;
    let mapForm = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ set: fc.integer({ min: 0, max: 4 }), key: fc.integer({ min: 0, max: keys.length - 1 }), value: fc.integer() }), { minLength: 20, maxLength: 80 }), (ops) => {
        const k = createKeyed<string | number, number>();
        const m = new Map<string | number, number>();
        let sawPairs = false;
        for (const op of ops) {
          const key = keys[op.key] as string | number;
          if (op.set > 0) {
            keyedSet(k, key, op.value);
            m.set(key, op.value);
          } else expect(keyedDelete(k, key)).toBe(m.delete(key));
          expect(k.size).toBe(m.size);
          for (const x of keys) expect(keyedGet(k, x)).toBe(m.get(x));
          // Same entries in the same (insertion) order as a Map, whatever the form.
          expect(keyedEntries(k)).toEqual([...m]);
          if (k.pairs !== undefined && k.size >= 2) sawPairs = true;
        }
        if (sawPairs) pairsForm++;
        if (k.map !== undefined) mapForm++;
      }),
      { numRuns: NUM_RUNS },
    );
    // Runs that held two or more keys in the flat array, and runs that went on to the Map form.
    expect(pairsForm).toBeGreaterThanOrEqual(NUM_RUNS / 2);
    expect(mapForm).toBeGreaterThanOrEqual(NUM_RUNS / 10);
  });
});

describe('counted pairs (two counts per key, engine-driven leave)', () => {
  test('any sequence of adds and removes on either side equals two brute-force multisets', () => {
    let bothSides = 0;
    let mapForm = 0;
    const MANY = [...KEYS, 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
    fc.assert(
      fc.property(
        // Two adds to one remove, so that side a often holds more than the array form's eight keys.
        fc.array(fc.record({ add: fc.integer({ min: 0, max: 2 }).map((x) => x > 0), side: fc.constantFrom<PairSide>('a', 'b'), key: fc.integer({ min: 0, max: MANY.length - 1 }), pick: fc.nat() }), { minLength: 20, maxLength: 100 }),
        (ops) => {
          const c = createCountedPairs<Key | string>();
          const live: Record<PairSide, (Key | string)[]> = { a: [], b: [] };
          let both = false;
          for (const op of ops) {
            const side = op.side;
            const list = live[side];
            const count = (k: Key | string, l: (Key | string)[]): number => l.filter((x) => x === k).length;
            if (op.add || list.length === 0) {
              // Side b draws from the first four keys, so keys often hold entries on both sides; side a from all thirteen (the Map form).
              const key = MANY[side === 'b' ? op.key % 4 : op.key] as Key | string;
              list.push(key);
              expect(countedPairsAdd(c, key, side)).toBe(count(key, list));
            } else {
              const key = list.splice(op.pick % list.length, 1)[0] as Key | string;
              expect(countedPairsRemove(c, key, side)).toBe(count(key, list));
            }
            expect(c.sizeA).toBe(new Set(live.a).size);
            expect(c.sizeB).toBe(new Set(live.b).size);
            expect(c.size).toBe(new Set([...live.a, ...live.b]).size);
            for (const k of MANY) {
              expect(countedPairsGet(c, k, 'a')).toBe(count(k, live.a));
              expect(countedPairsGet(c, k, 'b')).toBe(count(k, live.b));
              if (count(k, live.a) > 0 && count(k, live.b) > 0) both = true;
            }
            const tag = (k: Key | string): string => `${typeof k}:${String(k)}`;
            expect(countedPairsEntries(c).map(([k, a, b]) => `${tag(k)}=${a}/${b}`).sort()).toEqual(
              [...new Set([...live.a, ...live.b])].map((k) => `${tag(k)}=${count(k, live.a)}/${count(k, live.b)}`).sort(),
            );
          }
          if (both) bothSides++;
          if (c.map !== undefined) mapForm++;
        },
      ),
      { numRuns: NUM_RUNS },
    );
    // Runs where one key had entries on both sides at once (what the shared number packs), and runs that reached the Map form.
    expect(bothSides).toBeGreaterThanOrEqual(NUM_RUNS / 2);
    expect(mapForm).toBeGreaterThanOrEqual(NUM_RUNS / 10);
  });

  test('a remove without its add throws, naming the key and side; counts stay exact past the small-integer range (40 on side b packs above 2^31)', () => {
    const c = createCountedPairs<string>();
    expect(() => countedPairsRemove(c, 'x', 'a')).toThrow(/x on side a/);
    for (let i = 0; i < 40; i++) countedPairsAdd(c, 'x', 'b');
    countedPairsAdd(c, 'x', 'a');
    expect([countedPairsGet(c, 'x', 'a'), countedPairsGet(c, 'x', 'b')]).toEqual([1, 40]);
    expect(countedPairsRemove(c, 'x', 'a')).toBe(0);
    expect([c.sizeA, c.sizeB, c.size]).toEqual([0, 1, 1]);
  });
});

describe('counted keys (engine-driven leave)', () => {
  test('any sequence of adds and removes of live entries equals a brute-force multiset', () => {
    let emptiedAndBack = 0;
    fc.assert(
      fc.property(fc.array(fc.record({ add: fc.boolean(), key: fc.integer({ min: 0, max: KEYS.length - 1 }), pick: fc.nat() }), { maxLength: 80 }), (ops) => {
        const c = createCountedKeys<Key>();
        const live: Key[] = [];
        const gone = new Set<Key>();
        let back = false;
        for (const op of ops) {
          if (op.add || live.length === 0) {
            const key = KEYS[op.key] as Key;
            const n = countedKeysAdd(c, key);
            if (n === 1 && gone.has(key)) back = true;
            live.push(key);
            expect(n).toBe(live.filter((k) => k === key).length);
          } else {
            const key = live.splice(op.pick % live.length, 1)[0] as Key;
            const n = countedKeysRemove(c, key);
            expect(n).toBe(live.filter((k) => k === key).length);
            if (n === 0) gone.add(key);
          }
          expect(c.size).toBe(new Set(live).size);
          for (const k of KEYS) expect(countedKeysGet(c, k)).toBe(live.filter((x) => x === k).length);
          const tag = (k: Key): string => `${typeof k}:${String(k)}`;
          expect(countedKeysEntries(c).map(([k]) => tag(k)).sort()).toEqual([...new Set(live)].map(tag).sort());
        }
        if (back) emptiedAndBack++;
      }),
      { numRuns: NUM_RUNS },
    );
    // A key dropping to 0 and becoming live again: measured 85 ± 9 of 300 runs over 30 seeds (min 69; the floor at
    // NUM_RUNS / 4 = 75 sat one sd below the mean and failed a clean-clone run with 61).
    expect(emptiedAndBack).toBeGreaterThanOrEqual(NUM_RUNS / 8);
  });

  test('removing a key without an entry is a broken transition and throws', () => {
    const c = createCountedKeys<string>();
    countedKeysAdd(c, 'a');
    expect(countedKeysRemove(c, 'a')).toBe(0);
    expect(() => countedKeysRemove(c, 'a')).toThrow(RangeError);
  });
});
