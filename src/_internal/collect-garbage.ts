import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * Runs a full garbage collection of the calling thread's heap now. V8 sizes a heap's next limit
 * from what its last full collection kept, and a scan thread that has just handed on a partition
 * (or the main thread before the network stage) holds mostly garbage: collected here, the heap
 * shrinks to what is live instead of staying at its high-water mark until allocation forces a
 * collection. The `gc` function comes from node's `--expose-gc` (set for the process here when
 * it was not given: a context created after it has the function; threads started after it have it
 * as a global). Costs the time of one collection of the live objects.
 * @internal
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    const global = (globalThis as { gc?: () => void }).gc;
    if (typeof global === 'function') gc = global;
    else {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
  }
  gc();
}
