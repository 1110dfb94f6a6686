import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A fresh directory under the OS temp directory, removed with everything in it after the calling
 * test file's tests: the files tests write (scenario CSVs, alerts, goAML reports) must not outlive
 * the run on an analyst's or a CI machine. Call it at a test file's top level (or in a module the
 * file imports), where `afterAll` registers on the file.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
