/** A one-line progress counter on stderr, only when stderr is a terminal. */
export function progress(io: { stderr(s: string): void; isTTY: boolean }, label: string): { update(n: number): void; done(): void } {
  if (!io.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(n) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r${label} ${n.toLocaleString('en')} rows`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
