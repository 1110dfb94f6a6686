import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHeap, heapPop, heapPush, heapReplaceTop } from '../_internal/heap.js';
import { compareTransactions } from '../engine/transaction-order.js';
import type { Transaction } from '../schema/transaction.js';
import { createSpillBuffer, decodeTransaction, encodeTransaction, recordLength, type SpillBuffer } from './spill-codec.js';

/**
 * Sorted runs on disk for the external sort. The rows are personal data: they go to a private
 * directory made by `mkdtemp` (mode 0700), every file is created new (`wx`) with mode 0600, and the
 * caller removes the directory in a `finally` ({@link removeSpillDir}). I/O is synchronous: the
 * batch scan has nothing else to do meanwhile, and a synchronous pull keeps the merge loop free of
 * a promise per row.
 */

/** A private temporary directory holding runs. */
export interface SpillDir {
  readonly path: string;
  files: number;
}

/** A sorted run on disk. */
export interface Run {
  readonly path: string;
  readonly rows: number;
}

/** Writes a run (sorted rows appended one at a time). */
export interface RunWriter {
  readonly path: string;
  readonly fd: number;
  readonly out: SpillBuffer;
  rows: number;
}

const WRITE_CHUNK = 1 << 20;

/** Makes the private directory under `parent` (default: the OS temp directory). */
export function createSpillDir(parent: string = tmpdir()): SpillDir {
  return { path: mkdtempSync(join(parent, 'tidewatch-sort-')), files: 0 };
}

/** Removes the directory and everything in it; safe to call twice. */
export function removeSpillDir(dir: SpillDir): void {
  rmSync(dir.path, { recursive: true, force: true });
}

/** A new, empty run file (mode 0600). */
export function openRun(dir: SpillDir): RunWriter {
  const path = join(dir.path, `run-${dir.files++}.bin`);
  return { path, fd: openSync(path, 'wx', 0o600), out: createSpillBuffer(WRITE_CHUNK + (WRITE_CHUNK >> 2)), rows: 0 };
}

/** Writes the first `length` bytes of `buf` to `fd`, however many calls that takes. */
export function writeAll(fd: number, buf: Buffer, length: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, buf, done, length - done);
}

/**
 * Reads `length` bytes of `fd` from byte `position` into the start of `into`, however many calls
 * that takes; throws when the file ends first (`what` names the file in the message).
 */
export function readAllAt(fd: number, into: Buffer, length: number, position: number, what: string): void {
  for (let done = 0; done < length; ) {
    const n = readSync(fd, into, done, length - done, position + done);
    if (n === 0) throw new Error(`${what} ended at ${position + done} of ${position + length}`);
    done += n;
  }
}

function flush(w: RunWriter): void {
  writeAll(w.fd, w.out.buf, w.out.off);
  w.out.off = 0;
}

/** Appends a row; rows must come in sorted order. */
export function appendRun(w: RunWriter, tx: Transaction): void {
  encodeTransaction(w.out, tx);
  w.rows++;
  if (w.out.off >= WRITE_CHUNK) flush(w);
}

/** Flushes and closes the file. */
export function closeRun(w: RunWriter): Run {
  flush(w);
  closeSync(w.fd);
  return { path: w.path, rows: w.rows };
}

/** Writes already sorted rows as one run. */
export function writeRun(dir: SpillDir, sorted: readonly Transaction[]): Run {
  const w = openRun(dir);
  try {
    for (const tx of sorted) appendRun(w, tx);
  } catch (error) {
    closeSync(w.fd);
    throw error;
  }
  return closeRun(w);
}

/** A pull reader over one run, or over sorted rows in memory. */
export interface RowSource {
  /** The next row, or undefined at the end. */
  next(): Transaction | undefined;
  close(): void;
}

/** Reads a run back through a buffer of `bufferBytes` (grown for a longer record). */
export function readRun(run: Run, bufferBytes: number): RowSource {
  return readRecords(run, bufferBytes, decodeTransaction) as RowSource;
}

/**
 * Reads a run's records through `decode`, which sees each record's bytes (`buf` at `off`) and
 * returns what the source yields for it; `null` skips the record. `undefined` ends the source.
 */
export function readRecords<T>(run: Run, bufferBytes: number, decode: (buf: Buffer, off: number) => T | null): { next(): T | undefined; close(): void } {
  const fd = openSync(run.path, 'r');
  let buf = Buffer.allocUnsafe(bufferBytes);
  let start = 0;
  let end = 0;
  let eof = false;
  let closed = false;
  return {
    next() {
      for (;;) {
        const n = recordLength(buf, start, end);
        if (n !== undefined) {
          const row = decode(buf, start);
          start += n;
          if (row === null) continue;
          return row;
        }
        if (eof) {
          if (start !== end) throw new Error(`spill file ${run.path} ends inside a record`);
          return undefined;
        }
        const need = end - start >= 4 ? 4 + buf.readUInt32LE(start) : 4;
        if (need > buf.length) {
          const bigger = Buffer.allocUnsafe(need);
          buf.copy(bigger, 0, start, end);
          buf = bigger;
        } else buf.copy(buf, 0, start, end);
        end -= start;
        start = 0;
        const got = readSync(fd, buf, end, buf.length - end, null);
        if (got === 0) eof = true;
        end += got;
      }
    },
    close() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}

/** Sorted rows in memory as a source. */
export function arraySource(sorted: readonly Transaction[]): RowSource {
  let i = 0;
  return { next: () => sorted[i++], close() {} };
}

interface Head {
  tx: Transaction;
  readonly source: number;
}

/**
 * k-way merge in (time, id) order through a binary heap. Equal rows come out in source order, so
 * when the sources are given in input order (an earlier run holds earlier rows) the merge keeps a
 * stable sort's order, which decides which of two rows with one id comes first.
 */
export function mergeSources(sources: readonly RowSource[], visit: (tx: Transaction) => void): void {
  const heap = createHeap<Head>((a, b) => compareTransactions(a.tx, b.tx) || a.source - b.source);
  sources.forEach((s, source) => {
    const tx = s.next();
    if (tx !== undefined) heapPush(heap, { tx, source });
  });
  while (heap.items.length > 0) {
    const head = heap.items[0] as Head;
    visit(head.tx);
    const tx = (sources[head.source] as RowSource).next();
    if (tx === undefined) heapPop(heap);
    else {
      head.tx = tx;
      heapReplaceTop(heap, head);
    }
  }
}

/**
 * Merges neighbouring runs into one until at most `maxFanIn` are left, so the final merge keeps
 * few files open; merging neighbours keeps the input order of runs (see {@link mergeSources}).
 */
export function reduceRuns(dir: SpillDir, runs: readonly Run[], maxFanIn: number, bufferBytes: number): Run[] {
  if (maxFanIn < 2) throw new RangeError('reduceRuns: maxFanIn must be at least 2');
  let level = [...runs];
  while (level.length > maxFanIn) {
    const next: Run[] = [];
    for (let i = 0; i < level.length; i += maxFanIn) {
      const group = level.slice(i, i + maxFanIn);
      if (group.length === 1) {
        next.push(group[0] as Run);
        continue;
      }
      const readers = group.map((r) => readRun(r, bufferBytes));
      const w = openRun(dir);
      try {
        mergeSources(readers, (tx) => appendRun(w, tx));
      } catch (error) {
        closeSync(w.fd);
        throw error;
      } finally {
        for (const r of readers) r.close();
      }
      next.push(closeRun(w));
      for (const r of group) unlinkSync(r.path);
    }
    level = next;
  }
  return level;
}
