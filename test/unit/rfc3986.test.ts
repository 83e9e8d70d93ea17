import { describe, it, expect } from 'vitest';
import { percentEncode, splitUri } from '../../scripts-src/core/rfc3986';

describe('percentEncode', () => {
  it('leaves only unreserved characters unescaped', () => {
    expect(percentEncode('AZaz09-._~')).toBe('AZaz09-._~');
    expect(percentEncode("!*'()")).toBe('%21%2A%27%28%29');
    expect(percentEncode(' +&=/?#%')).toBe('%20%2B%26%3D%2F%3F%23%25');
  });
  it('encodes UTF-8 with upper-case hex', () => {
    expect(percentEncode('é')).toBe('%C3%A9');
    expect(percentEncode('€')).toBe('%E2%82%AC');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
    expect(percentEncode('\u0000\u007f')).toBe('%00%7F');
  });
  it('matches encodeURIComponent plus escaping of !*\'() for every BMP character and astral pairs', () => {
    const strict = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const s = String.fromCharCode(code);
      if (percentEncode(s) !== strict(s)) throw new Error(`mismatch at ${code}`);
    }
    expect(percentEncode('a\ud83d\ude00b\u{10ffff}')).toBe(strict('a\ud83d\ude00b\u{10ffff}'));
  });
  it('replaces lone surrogates with U+FFFD instead of throwing', () => {
    expect(percentEncode('a\ud800b')).toBe('a%EF%BF%BDb');
    expect(percentEncode('\udc00')).toBe('%EF%BF%BD');
    expect(percentEncode('\ud800')).toBe('%EF%BF%BD');
    expect(percentEncode('\ud800\ud800\ude00')).toBe('%EF%BF%BD%F0%90%88%80');
    expect(percentEncode('x\ud800')).toBe(encodeURIComponent(Buffer.from('x\ud800', 'utf8').toString('utf8')));
  });
});

describe('splitUri', () => {
  it('splits a full URI', () => {
    expect(splitUri('HTTPS://user:pw@Example.COM:8443/a/b?x=1&y#frag')).toEqual({
      scheme: 'https', host: 'Example.COM', port: '8443', path: '/a/b', query: 'x=1&y', fragment: 'frag',
    });
  });
  it('handles IPv6, empty port, empty path, empty query', () => {
    expect(splitUri('http://[::1]:3000/x')).toMatchObject({ host: '[::1]', port: '3000', path: '/x' });
    expect(splitUri('http://[::1]')).toMatchObject({ host: '[::1]', port: undefined, path: '' });
    expect(splitUri('http://h:/')).toMatchObject({ host: 'h', port: undefined, path: '/' });
    expect(splitUri('http://h?')).toMatchObject({ path: '', query: '' });
  });
  it('rejects relative references, missing host and bad ports', () => {
    expect(splitUri('/a/b')).toBeUndefined();
    expect(splitUri('1234567-sb1.app.netsuite.com')).toBeUndefined();
    expect(splitUri('mailto:x@y')).toBeUndefined();
    expect(splitUri('http:///path')).toBeUndefined();
    expect(splitUri('http://h:8x/')).toBeUndefined();
    expect(splitUri('http://[::1/')).toBeUndefined();
    expect(splitUri('http://[::1]x/')).toBeUndefined();
  });
});
