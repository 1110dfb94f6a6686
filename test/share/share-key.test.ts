import { describe, expect, test } from 'vitest';
import { createShareKey, hmacSha256, newShareKeyFile, parseShareKey, toBase64Url, toHex } from '../../src/share/share-key.js';

const bytes = (hex: string): Uint8Array => new Uint8Array(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('HMAC-SHA-256 through Web Crypto: RFC 4231 known answers', () => {
  test.each([
    ['test case 1', bytes('0b'.repeat(20)), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    ['test case 2 (short key)', utf8('Jefe'), utf8('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['test case 3', bytes('aa'.repeat(20)), bytes('dd'.repeat(50)), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    ['test case 6 (key larger than the block)', bytes('aa'.repeat(131)), utf8('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
  ])('%s', async (_name, key, data, expected) => {
    expect(toHex(await hmacSha256(key, data))).toBe(expected);
  });
});

describe('sharing keys', () => {
  const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

  test('the keyed hash is base64url of HMAC-SHA-256 of the text; the key id is stable and reveals no key byte', async () => {
    const key = await createShareKey(bytes(KEY));
    expect(await key.hash('phone:60175442897')).toBe(toBase64Url(await hmacSha256(bytes(KEY), utf8('phone:60175442897'))));
    expect(await key.hash('x')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.id).toMatch(/^k1-[0-9a-f]{16}$/);
    expect(key.id).toBe((await createShareKey(bytes(KEY))).id);
    expect(key.id).toBe(`k1-${toHex(await hmacSha256(bytes(KEY), utf8('tidewatch/key-id@1'))).slice(0, 16)}`);
    expect((await createShareKey(bytes(KEY.replace(/^00/, '01')))).id).not.toBe(key.id);
  });

  test('base64url encoding matches RFC 4648 vectors', () => {
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => toBase64Url(utf8(s)))).toEqual(['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  test('key files: JSON or bare, hex or base64; short keys and garbage are configuration errors', () => {
    expect(parseShareKey(`{ "key": "${KEY}" }\n`)).toEqual(bytes(KEY));
    expect(parseShareKey(`${KEY}\n`)).toEqual(bytes(KEY));
    expect(parseShareKey(Buffer.from(bytes(KEY)).toString('base64'))).toEqual(bytes(KEY));
    expect(() => parseShareKey('abcd')).toThrow(/at least 32/);
    expect(() => parseShareKey('not a key!')).toThrow(/neither hex nor base64/);
    expect(() => parseShareKey('{ "kee": 1 }')).toThrow(/expected \{ "key"/);
    const fresh = parseShareKey(newShareKeyFile());
    expect(fresh).toHaveLength(32);
    expect(toHex(fresh)).not.toBe(toHex(parseShareKey(newShareKeyFile())));
  });
});
