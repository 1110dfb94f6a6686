import { readFile } from 'node:fs/promises';
import { ConfigError } from '../_internal/config-error.js';

/** Reads and parses a JSON file; a syntax error is a ConfigError naming the file (exit 2). */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError('invalid_config', `${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}
