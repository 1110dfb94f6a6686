/**
 * The routing of every row of a run file, kept beside it: per row its `RouteKeys` flags and
 * the hashes of the entities it enters (1 + 4 bytes per entity; 9 bytes for a transfer), in the
 * run's order. `tidewatch scan` routes the ordered rows once while it writes them; each round's
 * workers then tell the rows of their partitions from the flags and hashes alone
 * (`partitionOfHash`), and decode only those rows. Same private directory and file modes as
 * the runs (spill-runs.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_OWNERS, ownerCount } from '../engine/route.js';
import { writeAll, type SpillDir } from '../ingest/spill-runs.js';

const CHUNK = 1 << 20;

/** Appends the routing of rows to a file in a spill directory. */
export interface RouteWriter {
  readonly path: string;
  /** Appends one row's flags and its first {@link ownerCount}(flags) hashes. */
  append(flags: number, hashes: Uint32Array): void;
  /** Flushes and closes the file; returns how many rows it holds. */
  close(): number;
}

/** A new, empty route file in `dir` (mode 0600, created new). */
export function openRouteFile(dir: SpillDir): RouteWriter {
  const path = join(dir.path, `routes-${dir.files++}.bin`);
  const fd = openSync(path, 'wx', 0o600);
  const buf = Buffer.allocUnsafe(CHUNK + 1 + 4 * MAX_OWNERS);
  let off = 0;
  let rows = 0;
  let open = true;
  const flush = (): void => {
    writeAll(fd, buf, off);
    off = 0;
  };
  return {
    path,
    append(flags, hashes) {
      buf[off++] = flags;
      for (let i = 0; i < ownerCount(flags); i++) {
        buf.writeUInt32LE(hashes[i] as number, off);
        off += 4;
      }
      rows++;
      if (off >= CHUNK) flush();
    },
    close() {
      if (open) {
        flush();
        closeSync(fd);
        open = false;
      }
      return rows;
    },
  };
}

/** Reads a route file row by row, in order. */
export interface RouteReader {
  /** The next row's flags; its hashes go into `hashes`. Throws past the last row. */
  next(hashes: Uint32Array): number;
  /** Throws unless every row was read (the run file and the route file disagree). */
  end(): void;
  close(): void;
}

/** Opens the route file at `path` for reading through a buffer of `bufferBytes`. */
export function readRouteFile(path: string, bufferBytes = CHUNK): RouteReader {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(Math.max(bufferBytes, 1 + 4 * MAX_OWNERS));
  let start = 0;
  let end = 0;
  let eof = false;
  let closed = false;
  /** Makes at least `n` bytes available from `start`, unless the file ends first. */
  const fill = (n: number): boolean => {
    if (end - start >= n) return true;
    buf.copy(buf, 0, start, end);
    end -= start;
    start = 0;
    while (!eof && end < n) {
      const got = readSync(fd, buf, end, buf.length - end, null);
      if (got === 0) eof = true;
      end += got;
    }
    return end >= n;
  };
  return {
    next(hashes) {
      if (!fill(1)) throw new Error(`route file ${path} ends before the run file`);
      const flags = buf[start] as number;
      const n = ownerCount(flags);
      if (!fill(1 + 4 * n)) throw new Error(`route file ${path} ends inside a row`);
      for (let i = 0; i < n; i++) hashes[i] = buf.readUInt32LE(start + 1 + 4 * i);
      start += 1 + 4 * n;
      return flags;
    },
    end() {
      if (fill(1)) throw new Error(`route file ${path} holds more rows than the run file`);
    },
    close() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}
