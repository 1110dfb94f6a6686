import { ConfigError } from '../_internal/config-error.js';
import { hmacSigner, webCrypto } from './web-crypto.js';

/** Fewest key bytes accepted: the HMAC-SHA-256 output size (RFC 2104 §3). @category Sharing */
export const MIN_SHARE_KEY_BYTES = 32;

/** A sharing key, imported for HMAC-SHA-256. @category Sharing */
export interface ShareKey {
  /**
   * Identifies the key without revealing it (`k1-` + 16 hex digits of HMAC(key, "tidewatch/key-id@1")),
   * so partners see at once whether two packages were made under the same key, and a rotated key
   * gets a new id.
   */
  readonly id: string;
  /** HMAC-SHA-256 of a UTF-8 string under the key, base64url without padding (43 characters). */
  readonly hash: (text: string) => Promise<string>;
}

/**
 * HMAC-SHA-256 (RFC 2104) through Web Crypto (`globalThis.crypto.subtle`), so it runs wherever
 * the core runs.
 * @param key the key bytes
 * @param message the message bytes
 * @returns the 32-byte MAC
 * @category Sharing
 * @example const mac = await hmacSha256(new TextEncoder().encode('key'), new TextEncoder().encode('message'));
 */
export async function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  return (await hmacSigner(key))(message);
}

/** Bytes as lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes as base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes base64 or base64url (padding optional); undefined when it is not. */
function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (!/^[A-Za-z0-9_-]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  return new Uint8Array(out);
}

/**
 * Reads a key file's text: a JSON object `{ "key": "…" }` or the bare key, as hex (64 or more hex
 * digits) or base64/base64url. Throws ConfigError when it is neither or shorter than
 * {@link MIN_SHARE_KEY_BYTES} bytes.
 * @param text the file's content
 * @returns the key bytes
 * @category Sharing
 * @example const bytes = parseShareKey(fs.readFileSync('fiu.key', 'utf8'));
 */
export function parseShareKey(text: string): Uint8Array {
  let value = text.trim();
  if (value.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ConfigError('invalid_config', 'key file: not valid JSON');
    }
    const key = (parsed as { key?: unknown }).key;
    if (typeof key !== 'string') throw new ConfigError('invalid_config', 'key file: expected { "key": "<hex or base64>" }');
    value = key.trim();
  }
  const bytes = /^(?:[0-9a-fA-F]{2})+$/.test(value) && value.length >= 2 * MIN_SHARE_KEY_BYTES
    ? new Uint8Array(value.match(/../g)?.map((h) => parseInt(h, 16)) ?? [])
    : fromBase64(value);
  if (bytes === undefined) throw new ConfigError('invalid_config', 'key file: the key is neither hex nor base64');
  if (bytes.length < MIN_SHARE_KEY_BYTES) throw new ConfigError('invalid_config', `key file: the key has ${bytes.length} bytes; at least ${MIN_SHARE_KEY_BYTES} are needed`);
  return bytes;
}

/**
 * A fresh random key (32 bytes from the runtime's cryptographic random source) as the text of a
 * key file: `{ "key": "<64 hex digits>" }`.
 * @returns the key file's text, ending in a newline
 * @category Sharing
 * @example fs.writeFileSync('fiu.key', newShareKeyFile(), { mode: 0o600, flag: 'wx' });
 */
export function newShareKeyFile(): string {
  const bytes = webCrypto().getRandomValues(new Uint8Array(MIN_SHARE_KEY_BYTES));
  return `${JSON.stringify({ key: toHex(bytes) })}\n`;
}

/**
 * Imports key bytes for sharing: computes the key id and returns the keyed hash.
 * @param key the key bytes (see {@link parseShareKey}); at least {@link MIN_SHARE_KEY_BYTES}
 * @returns the key id and hash function
 * @category Sharing
 * @example const key = await createShareKey(parseShareKey(text)); const h = await key.hash('phone:60175442897');
 */
export async function createShareKey(key: Uint8Array): Promise<ShareKey> {
  if (key.length < MIN_SHARE_KEY_BYTES) throw new ConfigError('invalid_config', `sharing key: ${key.length} bytes; at least ${MIN_SHARE_KEY_BYTES} are needed`);
  const sign = await hmacSigner(key);
  const encoder = new TextEncoder();
  const id = `k1-${toHex(await sign(encoder.encode('tidewatch/key-id@1'))).slice(0, 16)}`;
  return { id, hash: async (text) => toBase64Url(await sign(encoder.encode(text))) };
}
