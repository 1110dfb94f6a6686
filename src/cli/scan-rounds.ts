import { closeSync } from 'node:fs';
import { resolveConfig, type EngineConfig } from '../engine/config.js';
import type { EngineOptions } from '../engine/options.js';
import { mergePartitionScansWith } from '../engine/partitioned-scan.js';
import { createRouteKeys, MAX_OWNERS, ROUTE_PROCESSED } from '../engine/route.js';
import { conversionRejection, type EngineRejection } from '../engine/rejection.js';
import { appendRun, closeRun, createSpillDir, openRun, removeSpillDir, type RunWriter, type SpillDir } from '../ingest/spill-runs.js';
import { unpackPartitionScan } from '../engine/packed-candidates.js';
import { openAlertSpool, type AlertSpool } from './alert-spool.js';
import { openCandidateFile, type KeptPartitionScan } from './candidate-file.js';
import type { EngineInputs } from './engine-inputs.js';
import { createLiveRows, type LiveRows } from './live-rows.js';
import { startPartitionThreads } from './parallel-scan.js';
import { collectGarbage } from '../_internal/collect-garbage.js';
import { openRouteFile, type RouteWriter } from './route-file.js';
import type { ScanEngine } from './scan-engines.js';
import { memoryLog, processNow } from './scan-memory-log.js';

/**
 * Resident memory per thread (the main thread and each worker) that is not a partition's state,
 * averaged: measured in the rounds of the first 300k bench rows (docs/performance.md, session 35)
 * the main thread held about 200 MB (node, the reading's leftovers, the candidates' heads, memory
 * the workers' allocator kept) and a worker about 42 MB before its partition's rows (`tidewatch
 * scan` on 10 rows: 96 MB with one thread, 179 MB with two workers): (200 + 2 × 42) / 3.
 */
export const THREAD_BASE_BYTES = 95 * 2 ** 20;
/**
 * Resident memory per live row of a round (the rows of its partitions within the retention
 * horizon), all rules on: what the process's peak RSS in the rounds grows by per row, with the heap
 * the workers commit beyond their live state (V8 collects when a heap has grown by half, and a
 * worker at full speed lets it grow further before it does). Measured on the 1M bench rows (every
 * row live), session 38: the rounds' highest RSS was 400–411 MiB with 28 rounds (35.7k live rows
 * a round) and 317 MiB with 58 rounds (17.2k), 4.7–5.3 KB per row on a loaded machine; an idle
 * machine's peaks were 30–40 MiB higher (session 37), hence 5,500. The heap the state itself uses is
 * about 3 KB per row (a worker's heap at the end of its partition); the earlier figure, 3,300 (heap
 * committed at a partition's end), let the rounds peak at 427–449 MiB idle under `--memory 400`.
 */
export const STATE_BYTES_PER_LIVE_ROW = 5_500;
/** Below this much memory for its state a thread spends its time collecting garbage. */
const MIN_STATE_BYTES_PER_THREAD = 16 * 2 ** 20;
/** The most partitions the core accepts ({@link checkPartition}). */
const MAX_PARTITIONS = 1024;
/** Bytes of an input file per row, at the least (a CSV with short ids and few columns). */
const MIN_BYTES_PER_ROW = 50;

/** How many rounds of `workers` partitions keep the estimated state of `liveRows` rows within `budgetBytes`. */
export function roundsFor(liveRows: number, workers: number, budgetBytes: number): number {
  const forState = Math.max(budgetBytes - THREAD_BASE_BYTES * (workers + 1), MIN_STATE_BYTES_PER_THREAD * workers);
  const rounds = Math.ceil((liveRows * STATE_BYTES_PER_LIVE_ROW) / forState);
  return Math.min(Math.max(1, rounds), Math.floor(MAX_PARTITIONS / workers));
}

/** The network stage over the rounds' kept scans (emptied): what the merge of their unpacked candidates gives. */
function mergeRounds(parts: KeptPartitionScan[], config: EngineConfig): ReturnType<typeof mergePartitionScansWith> {
  const unpacked = parts.map((p) => unpackPartitionScan(p.scan, p.text));
  parts.length = 0; // the packed heads are unpacked: on the 1M-row bench file about 27 MB of JSON the merge no longer holds
  // What the rounds left (the heads' JSON, the workers' messages) goes before the network stage builds its own.
  collectGarbage();
  memoryLog(() => `merge start (${unpacked.reduce((n, p) => n + p.candidates.length, 0)} candidates unpacked): ${processNow()}`);
  return mergePartitionScansWith(unpacked, config, { betweenPasses: collectGarbage });
}

/** What the main thread keeps of the rounds' partitions until the merge, for the memory trace. */
function keptSizes(parts: readonly KeptPartitionScan[]): string {
  let candidates = 0;
  let heads = 0;
  let arrays = 0;
  let other = 0;
  for (const { scan } of parts) {
    const c = scan.candidates;
    candidates += c.spans.length / 2;
    heads += c.heads.length;
    arrays += c.offsets.byteLength + c.spans.byteLength;
    other += c.template.length + c.shapes.length + JSON.stringify(scan.summary).length + scan.rejections.length;
  }
  const mib = (b: number): string => (b / 2 ** 20).toFixed(1);
  return `${parts.length} partitions, ${candidates} candidates, heads ${mib(heads)} MiB chars, offsets+spans ${mib(arrays)} MiB, other ${mib(other)} MiB chars`;
}

/** What the main thread counts of the input while it writes the ordered rows. */
interface InputCounts {
  processed: number;
  readonly rejections: EngineRejection[];
}

/** How many rounds {@link roundsEngine} scans in, given the peak rows within the retention horizon, and why (for the note). */
export interface RoundsPlan {
  rounds(liveRows: number): number;
  why(liveRows: number): string;
}

/** The plan of `tidewatch scan --memory`: {@link roundsFor} the budget. */
export function memoryPlan(workers: number, budgetBytes: number): RoundsPlan {
  const mb = (b: number) => Math.round(b / 2 ** 20);
  return {
    rounds: (liveRows) => roundsFor(liveRows, workers, budgetBytes),
    why: (liveRows) => `about ${mb(liveRows * STATE_BYTES_PER_LIVE_ROW)} MB of engine state for --memory ${mb(budgetBytes)}`,
  };
}

/**
 * Whether an input file of `fileBytes` may hold more rows than one round of the engine can keep in
 * `budgetBytes` (every row assumed live, at the smallest row size): then `tidewatch scan` orders
 * the rows on disk first and counts them before it chooses the rounds ({@link roundsEngine}).
 */
export function mayExceedBudget(fileBytes: number, workers: number, budgetBytes: number): boolean {
  return roundsFor(Math.ceil(fileBytes / MIN_BYTES_PER_ROW), workers, budgetBytes) > 1;
}

/**
 * The engine behind `tidewatch scan` for input whose engine state may not fit the memory budget.
 * The rows arrive in (time, id) order (from the row order) and go to one file in a private
 * temporary directory while the peak number of rows within the retention horizon is counted. Then
 * the entities are split into `rounds × workers` partitions and scanned in
 * rounds (as many as `plan` gives for that peak): in each round the same `workers` threads take the
 * next `workers` partitions and each reads the file itself, keeping its partition's rows (no row
 * crosses a thread), so only those partitions' windows are in memory at once. The partitions' alerts
 * and network candidates are merged as for any partition count — byte-identical to a one-thread
 * scan; the candidates' bodies wait for the merge in the same directory (candidate-file.ts), and the
 * partitions' final alerts wait there until they are written (alert-spool.ts: the result's alerts
 * are read from the directory, so call `dispose` after the output). The cost is reading the file once per round; the answer never changes.
 */
export function roundsEngine(inputs: () => EngineInputs, options: () => EngineOptions, workers: number, plan: RoundsPlan, io: { stderr(s: string): void; isTTY: boolean }): ScanEngine {
  let config: EngineConfig | undefined;
  let dir: SpillDir | undefined;
  let writer: RunWriter | undefined;
  let routes: RouteWriter | undefined;
  let live: LiveRows | undefined;
  let input: InputCounts | undefined;
  let spool: AlertSpool | undefined;
  const drop = (): void => {
    if (writer !== undefined) closeSync(writer.fd);
    routes?.close();
    writer = undefined;
    routes = undefined;
  };
  return {
    start() {
      const resolved = (config ??= resolveConfig(options()));
      drop(); // a restart of the row order: the rows come again from the first
      dir ??= createSpillDir();
      const out = openRun(dir);
      const routed = openRouteFile(dir);
      const counter = createLiveRows(Math.max(resolved.retention.account, resolved.retention.party));
      // Routed once, here, for every round: the FX check and the sweep clock (the same for any
      // partition count) and the entities' hashes, from which each round's workers tell their rows.
      const keys = createRouteKeys(resolved);
      const hashes = new Uint32Array(MAX_OWNERS);
      const counts: InputCounts = { processed: 0, rejections: [] };
      writer = out;
      routes = routed;
      live = counter;
      input = counts;
      return (tx) => {
        appendRun(out, tx);
        counter.add(tx.timestamp);
        const flags = keys.next(tx, hashes);
        routed.append(flags, hashes);
        if ((flags & ROUTE_PROCESSED) === 0) counts.rejections.push(conversionRejection(tx, resolved.profile.currency));
        else counts.processed++;
      };
    },
    async result(transactions) {
      if (writer === undefined) this.start();
      const run = closeRun(writer as RunWriter);
      const routePath = (routes as RouteWriter).path;
      (routes as RouteWriter).close();
      writer = undefined;
      routes = undefined;
      const liveRows = (live as LiveRows).max;
      // The reading's garbage goes now, before the workers start: the main thread allocates too
      // little during the rounds for V8 to collect it, and on the 1M bench rows it held the
      // duplicate-id set's pages (29 MB of ArrayBuffers) through every round.
      collectGarbage();
      const rounds = plan.rounds(liveRows);
      const count = rounds * workers;
      if (rounds > 1) io.stderr(`tidewatch: up to ${liveRows} rows within the retention horizon, ${plan.why(liveRows)}: scanning the entities in ${rounds} rounds of ${workers} partition${workers === 1 ? '' : 's'} (same alerts, more time)\n`);
      const parts: KeptPartitionScan[] = [];
      let spooled = 0;
      memoryLog(() => `rounds start: ${processNow()}`);
      const { processed, rejections } = input as InputCounts;
      // Each round's candidate bodies wait for the merge on disk, not in memory (candidate-file.ts),
      // and so do its final alerts until they are written (alert-spool.ts).
      const kept = openCandidateFile(dir as SpillDir);
      spool?.close();
      const alerts = (spool = openAlertSpool(dir as SpillDir));
      try {
        const threads = startPartitionThreads(inputs(), config as EngineConfig, workers);
        try {
          for (let round = 0; round < rounds; round++) {
            if (rounds > 1 && io.isTTY) io.stderr(`\rround ${round + 1} of ${rounds}`);
            const done = await threads.replay({ path: run.path, routes: routePath }, Array.from({ length: workers }, (_, w) => round * workers + w), count, transactions);
            for (const p of done) {
              spooled += p.alerts.length;
              alerts.add(p.alerts);
              parts.push(kept.keep({ ...p, alerts: [] }));
            }
            // The round's messages are garbage once kept (their bodies transferred from the workers,
            // several megabytes a partition): the main thread allocates too little during the rounds
            // for V8 to collect them soon (3M bench rows: 21–37 MiB of its external memory between rounds).
            collectGarbage();
            memoryLog(() => `round ${round + 1}/${rounds}: ${processNow()}; kept ${keptSizes(parts)}; spooled alerts ${spooled}`);
          }
          if (rounds > 1 && io.isTTY) io.stderr('\r\x1b[K');
        } finally {
          await threads.dispose();
        }
        const merged = mergeRounds(parts, config as EngineConfig); // its alerts: the network alerts only
        // The network stage's candidates and structures are garbage now (they lived in mergeRounds'
        // frame): collected before the output reads the alerts back and renders them (1M bench rows:
        // the merge's end held 128 MB of heap and 73 MB of the hop table's arrays).
        collectGarbage();
        memoryLog(() => `merge end: ${processNow()}`);
        alerts.add(merged.alerts);
        return { ...merged, alerts: alerts.list(), rejections, summary: { transactions, processed, duplicates: 0, rejected: rejections.length } };
      } finally {
        kept.close();
      }
    },
    async dispose() {
      drop();
      spool?.close();
      if (dir !== undefined) removeSpillDir(dir);
    },
  };
}
