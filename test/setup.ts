import { afterEach, beforeEach, vi } from 'vitest';

// A library must not talk on the console: any stray output fails the test that caused it.
let spies: ReturnType<typeof vi.spyOn>[] = [];
beforeEach(() => {
  spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
});
afterEach(() => {
  const calls = spies.flatMap((s) => s.mock.calls);
  for (const s of spies) s.mockRestore();
  if (calls.length > 0) throw new Error(`unexpected console output: ${JSON.stringify(calls[0])}`);
});
