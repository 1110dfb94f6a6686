import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdSet, idHash } from './id-set.js';
import { lowerBound } from './lower-bound.js';

/**
 * An exact set of id strings whose memory stays within a budget however many ids it holds: the
 * duplicate-id check of a scan over any number of rows.
 *
 * The newest ids are in an {@link createIdSet} table. When that table holds as many ids as the
 * budget allows, its ids are written to a **run** on disk, sorted by hash, and the table is emptied
 * for the next ones. A run keeps in memory a Bloom filter (16 bits an id, 8 probes: a new id passes
 * one run's filter about once in 1,750) and the first hash and file offset of every 64th record. An
 * id is looked up in the table, then in each run whose filter it passes, by reading the one or two
 * blocks of 64 records its hash falls in and comparing the characters: a filter or hash collision
 * costs a read, never a wrong answer. So the set is exact, its answers do not depend on the budget,
 * and in memory it keeps the table (at most the budget) plus 2 bytes and a little per id written out.
 *
 * The runs are segments of one file in a private `mkdtemp` directory (mode 0700), created new with
 * mode 0600 (the ids are the input's); {@link BoundedIdSet.dispose} removes it. Nothing touches the disk
 * until the table is first full.
 */
export interface BoundedIdSet {
  /** Whether `id` was added before. */
  has(id: string): boolean;
  /** Adds `id`: true when it was new, false when it was in the set already (then nothing changes). */
  add(id: string): boolean;
  /** Ids in the set. */
  readonly size: number;
  /** Where the ids are, for tests and benchmarks. */
  stats(): BoundedIdSetStats;
  /** Closes and removes the run files; safe to call twice. The set takes no more ids after it. */
  dispose(): void;
}

/** What a {@link BoundedIdSet} holds where. */
export interface BoundedIdSetStats {
  /** Ids in the in-memory table. */
  readonly tableIds: number;
  /** Runs written to disk. */
  readonly runs: number;
  /** Ids in the runs. */
  readonly spilledIds: number;
  /** Bytes the runs keep in memory (Bloom filters and block index). */
  readonly runBytes: number;
  /** The private directory of the runs, while there is one. */
  readonly dir: string | undefined;
}

/** Options of {@link createBoundedIdSet}. */
export interface BoundedIdSetOptions {
  /**
   * Bytes the in-memory table may use (its hash table, ids and the sort when it is written out).
   * Default 32 MiB; below about 200 KiB the table still takes 3,072 ids or 64 KiB of characters.
   */
  readonly memoryBytes?: number;
  /** Parent of the private directory for the runs. Default: the OS temp directory. */
  readonly tempDir?: string;
  /** Most ids in the in-memory table (for tests: small tables make many runs). Default: from `memoryBytes`. */
  readonly maxTableIds?: number;
}

const DEFAULT_MEMORY = 32 * 2 ** 20;
/** A run's sort key is hash × 2^21 + position, exact in a double: at most 2^21 ids a run. */
const POSITION_BITS = 2 ** 21;
const BLOCK_RECORDS = 64;
const FILTER_BITS_PER_ID = 16;
const FILTER_PROBES = 8;
/** Bits per page of a filter: 2^22 (512 KiB), so that no freed array moves glibc's thresholds (see id-set.ts). */
const FILTER_PAGE_SHIFT = 22;
const FILTER_PAGE_MASK = (1 << FILTER_PAGE_SHIFT) - 1;
const WRITE_BYTES = 1 << 19; // 512 KiB, as the pages
/** Sort keys per page when a table is written out: 2^16 (512 KiB of float64). */
const SORT_PAGE_SHIFT = 16;
const SORT_PAGE = 1 << SORT_PAGE_SHIFT;
const SORT_PAGE_MASK = SORT_PAGE - 1;
/** Fewest ids (and characters) a run is written with when the budget is smaller. */
const MIN_RUN_IDS = 3 * 1024;
const MIN_RUN_CHARS = 64 * 1024;

/**
 * One run on disk, a segment of the set's one file: records `u32 hash, u32 (length × 2 + wide),
 * characters` (1 byte each, or UTF-16LE when wide), sorted by hash.
 */
interface IdRun {
  readonly ids: number;
  readonly bits: number;
  readonly filter: Int32Array[];
  /** Hash of the first record of each block of {@link BLOCK_RECORDS}. */
  readonly blockHash: Uint32Array;
  /** File offset of each block, then the run's end. */
  readonly blockStart: Float64Array;
}

/** The second hash of the filter's double hashing, from the first. */
function secondHash(h: number): number {
  let x = Math.imul(h ^ 0x9e3779b9, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Sets (`set`) or tests the filter bits of unsigned hash `h`; true when all of them are set. */
function probe(run: Pick<IdRun, 'bits' | 'filter'>, h: number, set: boolean): boolean {
  const { bits, filter } = run;
  let p = h % bits;
  const step = (secondHash(h) % (bits - 1)) + 1;
  for (let i = 0; i < FILTER_PROBES; i++) {
    const page = filter[p >>> FILTER_PAGE_SHIFT] as Int32Array;
    const at = (p & FILTER_PAGE_MASK) >>> 5;
    const bit = 1 << (p & 31);
    if (set) page[at] = (page[at] as number) | bit;
    else if (((page[at] as number) & bit) === 0) return false;
    p += step;
    if (p >= bits) p -= bits;
  }
  return true;
}

function writeAllAt(fd: number, buf: Buffer, length: number, position: number): void {
  for (let done = 0; done < length; ) done += writeSync(fd, buf, done, length - done, position + done);
}

/**
 * An empty {@link BoundedIdSet}.
 * @example
 * const seen = createBoundedIdSet({ memoryBytes: 16 * 2 ** 20 });
 * try {
 *   seen.add('T1'); // true
 *   seen.add('T1'); // false: a repeat
 * } finally { seen.dispose(); }
 */
export function createBoundedIdSet(options: BoundedIdSetOptions = {}): BoundedIdSet {
  const memoryBytes = options.memoryBytes ?? DEFAULT_MEMORY;
  // A quarter of the budget for the hash table (8 bytes a slot, at most 3/4 full), the rest for
  // the ids' characters and the sort keys (12 bytes an id) when the table is written out.
  let slots = (MIN_RUN_IDS / 3) * 4;
  while (slots * 2 * 8 <= memoryBytes / 4) slots *= 2;
  // However small the budget, a run holds at least MIN_RUN_IDS ids (or MIN_RUN_CHARS characters):
  // a run a row would make every lookup walk thousands of runs.
  const maxTableIds = Math.max(1, Math.min(options.maxTableIds ?? (slots / 4) * 3, POSITION_BITS));
  const maxTableChars = Math.max(options.maxTableIds === undefined ? MIN_RUN_CHARS : 1, memoryBytes / 2 - maxTableIds * 12);
  const table = createIdSet();
  let tableIds = 0;
  let tableChars = 0;
  const runs: IdRun[] = [];
  let spilledIds = 0;
  let dir: string | undefined;
  let fd = -1; // the one file all runs are appended to
  let fileBytes = 0;
  let disposed = false;
  let scratch = Buffer.allocUnsafe(4096);

  const inRun = (run: IdRun, id: string, h: number): boolean => {
    if (!probe(run, h, false)) return false;
    const { blockHash, blockStart } = run;
    const lo = lowerBound(0, blockHash.length, (i) => (blockHash[i] as number) < h);
    // Records of hash h start in the last block that begins below h, or in the first that begins at h.
    for (let b = Math.max(0, lo - 1); b < blockHash.length; b++) {
      if ((blockHash[b] as number) > h) return false;
      const start = blockStart[b] as number;
      const length = (blockStart[b + 1] as number) - start;
      if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
      for (let done = 0; done < length; ) {
        const n = readSync(fd, scratch, done, length - done, start + done);
        if (n === 0) throw new Error(`duplicate-id run ended at ${start + done} of ${start + length}`);
        done += n;
      }
      for (let p = 0; p < length; ) {
        const rh = scratch.readUInt32LE(p);
        const head = scratch.readUInt32LE(p + 4);
        const n = Math.floor(head / 2);
        const wide = (head & 1) === 1;
        if (rh > h) return false;
        if (rh === h && n === id.length) {
          let same = true;
          for (let i = 0; i < n && same; i++) same = (wide ? scratch.readUInt16LE(p + 8 + 2 * i) : (scratch[p + 8 + i] as number)) === id.charCodeAt(i);
          if (same) return true;
        }
        p += 8 + (wide ? 2 * n : n);
      }
    }
    return false;
  };

  const inRuns = (id: string): boolean => {
    if (runs.length === 0) return false;
    const h = idHash(id) >>> 0;
    for (const run of runs) if (inRun(run, id, h)) return true;
    return false;
  };

  /** Writes the table's ids as a run sorted by (hash, position in the table's walk) and empties the table. */
  const spill = (): void => {
    const n = table.size;
    // Keys and refs in pages of SORT_PAGE (no array over 512 KiB, see FILTER_PAGE_SHIFT): each page
    // of keys sorted, then merged as the run is written.
    const pages = Math.ceil(n / SORT_PAGE);
    const keys = Array.from({ length: pages }, (_, p) => new Float64Array(Math.min(SORT_PAGE, n - p * SORT_PAGE)));
    const refs = keys.map((page) => new Int32Array(page.length)); // ≥ 0: arena offset; < 0: −(index in wide + 1)
    const wide: string[] = [];
    let k = 0;
    const put = (hash: number, ref: number): void => {
      (keys[k >>> SORT_PAGE_SHIFT] as Float64Array)[k & SORT_PAGE_MASK] = (hash >>> 0) * POSITION_BITS + k;
      (refs[k >>> SORT_PAGE_SHIFT] as Int32Array)[k & SORT_PAGE_MASK] = ref;
      k++;
    };
    table.forEachId(put, (id) => {
      wide.push(id);
      put(idHash(id), -wide.length);
    });
    for (const page of keys) page.sort();
    const heads = new Int32Array(pages); // the next key of each page
    /** The smallest key not yet taken, taken. */
    const nextKey = (): number => {
      let best = -1;
      let min = Number.POSITIVE_INFINITY;
      for (let p = 0; p < pages; p++) {
        const page = keys[p] as Float64Array;
        const at = heads[p] as number;
        if (at < page.length && (page[at] as number) < min) {
          min = page[at] as number;
          best = p;
        }
      }
      heads[best] = (heads[best] as number) + 1;
      return min;
    };
    if (dir === undefined) {
      dir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'tidewatch-ids-'));
      fd = openSync(join(dir, 'ids.bin'), 'wx+', 0o600);
    }
    const bits = Math.max(64, Math.ceil((n * FILTER_BITS_PER_ID) / 32) * 32);
    const filter: Int32Array[] = [];
    for (let left = bits; left > 0; left -= 1 << FILTER_PAGE_SHIFT) filter.push(new Int32Array(Math.min(left, 1 << FILTER_PAGE_SHIFT) >>> 5));
    const blocks = Math.ceil(n / BLOCK_RECORDS);
    const run: IdRun = { ids: n, bits, filter, blockHash: new Uint32Array(blocks), blockStart: new Float64Array(blocks + 1) };
    let out = Buffer.allocUnsafe(Math.min(WRITE_BYTES, 64 * 1024 + 24 * n));
    let off = 0;
    let written = fileBytes;
    {
      for (let i = 0; i < n; i++) {
        const key = nextKey();
        const h = Math.floor(key / POSITION_BITS);
        const at = key - h * POSITION_BITS;
        const ref = (refs[at >>> SORT_PAGE_SHIFT] as Int32Array)[at & SORT_PAGE_MASK] as number;
        const id = ref < 0 ? (wide[-ref - 1] as string) : undefined;
        const need = 8 + (id === undefined ? 255 : 2 * id.length);
        if (off + need > out.length) {
          writeAllAt(fd, out, off, written);
          written += off;
          off = 0;
          if (need > out.length) out = Buffer.allocUnsafe(need);
        }
        if (i % BLOCK_RECORDS === 0) {
          run.blockHash[i / BLOCK_RECORDS] = h;
          run.blockStart[i / BLOCK_RECORDS] = written + off;
        }
        probe(run, h, true);
        out.writeUInt32LE(h, off);
        if (id === undefined) {
          const length = table.copyId(ref, out, off + 8);
          out.writeUInt32LE(length * 2, off + 4);
          off += 8 + length;
        } else {
          out.writeUInt32LE(id.length * 2 + 1, off + 4);
          off += 8 + out.write(id, off + 8, 'utf16le');
        }
      }
      writeAllAt(fd, out, off, written);
      written += off;
      run.blockStart[blocks] = written;
    }
    fileBytes = written;
    runs.push(run);
    spilledIds += n;
    table.clear();
    tableIds = 0;
    tableChars = 0;
  };

  return {
    has(id) {
      return table.has(id) || inRuns(id);
    },
    add(id) {
      if (disposed) throw new Error('createBoundedIdSet: add() after dispose()');
      if (table.has(id) || inRuns(id)) return false;
      if (tableIds >= maxTableIds || tableChars > maxTableChars) spill();
      table.add(id);
      tableIds++;
      tableChars += id.length + 1;
      return true;
    },
    get size() {
      return tableIds + spilledIds;
    },
    stats() {
      let runBytes = 0;
      for (const run of runs) runBytes += run.bits / 8 + run.blockHash.byteLength + run.blockStart.byteLength;
      return { tableIds, runs: runs.length, spilledIds, runBytes, dir };
    },
    dispose() {
      disposed = true;
      runs.length = 0;
      if (fd >= 0) closeSync(fd);
      fd = -1;
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}
