import type { KV } from '@nats-io/kv';
import { retry } from './retry.js';

/** Bytes per key-value entry: under the broker's default 1 MiB message limit. */
const CHUNK = 512 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The head entry of a stored checkpoint: which generation of chunks holds it. */
interface Head {
  readonly generation: number;
  readonly chunks: number;
  readonly bytes: number;
}

/**
 * Writes a JSON text under `key` in a JetStream key-value bucket, atomically for readers: the
 * value goes in chunks of a new generation (`key.g<n>.<i>`, any size), then the head entry `key`
 * is pointed at it, then the previous generation's chunks are deleted. A crash at any point leaves
 * the previous head and its chunks readable. Retries while the broker is away.
 * @internal
 */
export async function saveJson(kv: KV, key: string, json: string, timeoutMs: number): Promise<void> {
  const bytes = encoder.encode(json);
  const previous = await readHead(kv, key, timeoutMs);
  const generation = (previous?.generation ?? 0) + 1;
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK));
  for (let i = 0; i < chunks; i++) {
    const part = bytes.subarray(i * CHUNK, (i + 1) * CHUNK);
    await retry(() => kv.put(`${key}.g${generation}.${i}`, part), { timeoutMs, what: `checkpoint ${key}` });
  }
  const head: Head = { generation, chunks, bytes: bytes.length };
  await retry(() => kv.put(key, JSON.stringify(head)), { timeoutMs, what: `checkpoint ${key}` });
  if (previous !== undefined) {
    for (let i = 0; i < previous.chunks; i++) await retry(() => kv.purge(`${key}.g${previous.generation}.${i}`), { timeoutMs, what: `checkpoint ${key}` });
  }
}

/** Reads a JSON value written by {@link saveJson}, or undefined when there is none. @internal */
export async function loadJson(kv: KV, key: string, timeoutMs: number): Promise<unknown> {
  const head = await readHead(kv, key, timeoutMs);
  if (head === undefined) return undefined;
  const out = new Uint8Array(head.bytes);
  let at = 0;
  for (let i = 0; i < head.chunks; i++) {
    const entry = await retry(() => kv.get(`${key}.g${head.generation}.${i}`), { timeoutMs, what: `checkpoint ${key}` });
    if (entry === null || entry.operation !== 'PUT') throw new Error(`checkpoint ${key}: chunk ${i} of generation ${head.generation} is missing`);
    out.set(entry.value, at);
    at += entry.value.length;
  }
  return JSON.parse(decoder.decode(out));
}

async function readHead(kv: KV, key: string, timeoutMs: number): Promise<Head | undefined> {
  const entry = await retry(() => kv.get(key), { timeoutMs, what: `checkpoint ${key}` });
  if (entry === null || entry.operation !== 'PUT') return undefined;
  return JSON.parse(decoder.decode(entry.value)) as Head;
}
