/** Options of {@link retry}. @internal */
export interface RetryOptions {
  /** Give up after this many ms of failures in a row (the broker stayed away). */
  readonly timeoutMs: number;
  /** What is being retried, for the error message. */
  readonly what: string;
  readonly signal?: AbortSignal;
}

/**
 * Runs `op` until it succeeds, waiting 100 ms, 200 ms, … (at most 2 s) between attempts: the broker
 * may be restarting. Only for idempotent operations (a publish with a message id, a key-value put).
 * Throws the last error, with `what`, once `timeoutMs` has passed without a success.
 * @internal
 */
export async function retry<T>(op: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = Date.now();
  for (let wait = 100; ; wait = Math.min(2000, wait * 2)) {
    try {
      return await op();
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      if (Date.now() - started > options.timeoutMs) {
        throw new Error(`${options.what}: the broker did not answer for ${Math.round(options.timeoutMs / 1000)} s (${(error as Error).message})`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
