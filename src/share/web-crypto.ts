/**
 * The few Web Crypto calls sharing needs, typed locally so the core depends on no runtime's
 * type definitions: `globalThis.crypto` exists in Node ≥ 20, browsers, Deno, Bun and edge
 * runtimes. Never exported from the package.
 */
interface MinimalSubtle {
  importKey(format: 'raw', key: Uint8Array, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: false, usages: ['sign']): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
interface MinimalCrypto {
  readonly subtle: MinimalSubtle;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** The runtime's Web Crypto; throws when it has none (an error in the environment, not in data). */
export function webCrypto(): MinimalCrypto {
  const c = (globalThis as { crypto?: MinimalCrypto }).crypto;
  if (c?.subtle === undefined) throw new Error('tidewatch sharing needs Web Crypto (globalThis.crypto.subtle): Node ≥ 20, a browser or an edge runtime');
  return c;
}

/** An HMAC-SHA-256 signer for one key, imported once (non-extractable). */
export async function hmacSigner(key: Uint8Array): Promise<(message: Uint8Array) => Promise<Uint8Array>> {
  const subtle = webCrypto().subtle;
  const cryptoKey = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (message) => new Uint8Array(await subtle.sign('HMAC', cryptoKey, message));
}
