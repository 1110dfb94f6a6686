/**
 * The network candidates of `tidewatch scan`'s rounds, kept on disk until the merge. Each round's
 * workers post their partitions' candidates packed (packed-candidates.ts); the main thread keeps
 * what the network stage reads of every candidate (entity, alert id, joinability) and writes the
 * packed bodies — the alerts and evidence records, most of the bytes — to one file in the scan's
 * private temporary directory. The merge reads a candidate's alert or records from the file when
 * it reads them, so the bodies no longer wait in memory for the last round (on the 1M-row bench
 * file about 230 MB by then). Same directory and file modes as the runs (spill-runs.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyReader, PackedPartitionScan } from '../engine/packed-candidates.js';
import { readAllAt, writeAll, type SpillDir } from '../ingest/spill-runs.js';

/** A partition's scan whose candidates' bodies are in the file, and how to read them back. */
export interface KeptPartitionScan {
  readonly scan: PackedPartitionScan;
  readonly text: BodyReader;
}

/** The file of kept candidate bodies: {@link CandidateFile.keep} each partition's scan, read them back in the merge, then close. */
export interface CandidateFile {
  /** Writes the scan's candidate bodies to the file and returns the scan without them, with their reader. */
  keep(scan: PackedPartitionScan): KeptPartitionScan;
  /** Closes the file; readers fail after it. Safe to call twice. */
  close(): void;
}

const DECODER = new TextDecoder();
/** Bytes read at once from a partition's bodies (each partition keeps its last block). */
const BLOCK_BYTES = 64 * 1024;

/** A new, empty candidate file in `dir` (mode 0600, created new, read and written). */
export function openCandidateFile(dir: SpillDir): CandidateFile {
  const path = join(dir.path, `candidates-${dir.files++}.bin`);
  const fd = openSync(path, 'wx+', 0o600);
  let size = 0;
  let open = true;
  let scratch = Buffer.allocUnsafe(BLOCK_BYTES);
  return {
    keep(scan) {
      if (!open) throw new Error('the candidate file is closed');
      const { bodies } = scan.candidates;
      const at = size;
      let kept = 0; // the reader holds the length, not the bytes
      for (const b of bodies) {
        writeAll(fd, Buffer.from(b.buffer, b.byteOffset, b.byteLength), b.byteLength);
        kept += b.byteLength;
      }
      size += kept;
      // The last block read, per partition: the network stage reads a partition's candidates
      // mostly in their order, so most segments come from the block before them.
      const block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, kept));
      let blockFrom = 0;
      let blockTo = 0;
      const read = (into: Buffer, length: number, from: number): void => readAllAt(fd, into, length, at + from, 'the candidate file');
      const text: BodyReader = (start, end) => {
        if (!open) throw new Error('the candidate file is closed');
        const length = end - start;
        if (start < 0 || end > kept || length < 0) throw new RangeError(`bytes ${start}…${end} are outside the ${kept} kept`);
        if (start >= blockFrom && end <= blockTo) return DECODER.decode(block.subarray(start - blockFrom, end - blockFrom));
        if (length <= block.length) {
          blockFrom = start;
          blockTo = Math.min(kept, start + block.length);
          read(block, blockTo - blockFrom, blockFrom);
          return DECODER.decode(block.subarray(0, length));
        }
        if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, 2 * scratch.length));
        read(scratch, length, start);
        return DECODER.decode(scratch.subarray(0, length));
      };
      return { scan: { ...scan, candidates: { ...scan.candidates, bodies: [] } }, text };
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
