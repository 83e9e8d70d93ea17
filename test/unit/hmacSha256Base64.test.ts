import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64, base64Url } from '../../scripts-src/core/base64';
import { hmacSha256Base64 } from '../../scripts-src/core/hmacSha256Base64';
import { utf8Bytes } from '../../scripts-src/core/utf8Bytes';

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const nodeHmac = (key: string, data: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(data, 'utf8')).digest('base64');

describe('hmacSha256Base64 (the TBA signature)', () => {
  it('matches RFC 4231 test cases 1 and 2 (the ones whose key and data are text)', () => {
    expect(hmacSha256Base64('\x0b'.repeat(20), 'Hi There')).toBe(hexToBase64('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'));
    expect(hmacSha256Base64('Jefe', 'what do ya want for nothing?')).toBe(hexToBase64('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'));
  });

  it('matches node:crypto for keys and data of every length class, non-ASCII included, keys alternating (the keyed state is reused per key)', () => {
    const keys = ['cs&ts', '', 'é&ü', 'k'.repeat(64), 'k'.repeat(65), randomBytes(40).toString('base64')];
    for (let round = 0; round < 3; round++) {
      for (const key of keys) {
        for (const data of ['', 'GET&https%3A%2F%2Fx', '日本 😀', 'd'.repeat(55), 'd'.repeat(56), 'd'.repeat(64), randomBytes(700).toString('latin1')]) {
          expect(hmacSha256Base64(key, data), `${JSON.stringify(key)} / ${data.length}`).toBe(nodeHmac(key, data));
          // The same key twice in a row: the memoized keyed state must not carry the previous data.
          expect(hmacSha256Base64(key, `${data}!`)).toBe(nodeHmac(key, `${data}!`));
        }
      }
    }
  });
});

describe('base64, base64Url, utf8Bytes', () => {
  it('encode the RFC 4648 §10 vectors', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [text, encoded] of vectors) {
      expect(base64(utf8Bytes(text))).toBe(encoded);
      expect(base64Url(utf8Bytes(text))).toBe(encoded.replace(/=+$/, ''));
    }
    expect(base64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
    expect(base64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    const random = randomBytes(1000);
    expect(base64(random)).toBe(random.toString('base64'));
    expect(base64Url(random)).toBe(random.toString('base64url'));
  });

  it('utf8Bytes gives the UTF-8 encoding, astral characters included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\u0000b', '日本語 ok']) expect([...utf8Bytes(text)]).toEqual([...Buffer.from(text, 'utf8')]);
  });
});
