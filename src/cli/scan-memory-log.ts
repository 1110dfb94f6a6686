/**
 * A memory trace of `tidewatch scan`'s rounds for measuring, never for the output: with the
 * environment variable `TIDEWATCH_MEMORY_LOG` set (to anything but empty or `0`), the main thread
 * writes one line per round and per merge step to stderr — its heap (used / committed), process
 * RSS, external and ArrayBuffer bytes, and the sizes of what it keeps between rounds — and each
 * scan worker reports its own heap at each partition's end, before and after it drops the
 * partition's state. Off by default: nothing is measured and nothing written.
 */
import { getHeapStatistics } from 'node:v8';

/** Whether the memory trace is on (read once, by each thread). */
export const MEMORY_LOG = ((v) => v !== undefined && v !== '' && v !== '0')(process.env['TIDEWATCH_MEMORY_LOG']);

const mib = (b: number): string => (b / 2 ** 20).toFixed(1);

/** A thread's heap now, in MiB: used / committed, and what V8 has malloced outside it. */
export function heapNow(): string {
  const h = getHeapStatistics();
  return `heap ${mib(h.used_heap_size)}/${mib(h.total_heap_size)} MiB malloced ${mib(h.malloced_memory)} external ${mib(h.external_memory)}`;
}

/** The process's memory now (RSS, the calling thread's heap, ArrayBuffers), in MiB. */
export function processNow(): string {
  const m = process.memoryUsage();
  return `rss ${mib(m.rss)} MiB, main ${heapNow()} arrayBuffers ${mib(m.arrayBuffers)}`;
}

/** Writes a line of the trace to stderr when it is on. */
export function memoryLog(line: () => string): void {
  if (MEMORY_LOG) process.stderr.write(`[memory] ${line()}\n`);
}
