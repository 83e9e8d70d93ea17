import { createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  baseStringUri, normalizeParameters, parseQueryPairs, removeDotSegments, signTba,
} from '../../scripts-src/core/tbaSignature';
import type { TbaSignInput } from '../../scripts-src/core/tbaSignature';
import { NspError } from '../../scripts-src/core/NspError';

const hmac = (key: string, data: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(data, 'utf8').digest('base64');

const oracle: TbaSignInput = {
  method: 'GET',
  url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
  realm: '123456',
  consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
  consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
  tokenId: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
  tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
  nonce: 'fjaLirsIcCGVZWzBX0pg',
  timestamp: 1508242306,
  hmacSha256Base64: hmac,
};

function failure(fn: () => unknown): NspError {
  try { fn(); } catch (error) { expect(error).toBeInstanceOf(NspError); return error as NspError; }
  throw new Error('expected an NspError');
}

/** Independent verifier: WHATWG URL/URLSearchParams, encodeURIComponent-based encoding, node:crypto. */
function referenceSignature(input: TbaSignInput): { signature: string; baseString: string } {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const u = new URL(input.url);
  const base = `${u.protocol}//${u.host}${u.pathname}`;
  const params: string[][] = [
    ['oauth_consumer_key', input.consumerKey], ['oauth_nonce', input.nonce], ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(input.timestamp)], ['oauth_token', input.tokenId], ['oauth_version', '1.0'],
  ];
  for (const [k, v] of u.searchParams) params.push([k, v]);
  for (const [k, v] of input.formParams ?? []) params.push([k, v]);
  const normalized = params
    .map(([k, v]) => [enc(k!), enc(v!)])
    .sort((a, b) => Buffer.compare(Buffer.from(a[0]! + '\u0000' + a[1]!), Buffer.from(b[0]! + '\u0000' + b[1]!)))
    .map(([k, v]) => `${k}=${v}`).join('&');
  const baseString = [input.method.toUpperCase(), enc(base), enc(normalized)].join('&');
  const signature = createHmac('sha256', `${enc(input.consumerSecret)}&${enc(input.tokenSecret)}`).update(baseString).digest('base64');
  return { signature, baseString };
}

describe('signTba', () => {
  it("reproduces Oracle's published example", () => {
    const result = signTba(oracle);
    expect(result.signature).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
    expect(result.authorization).toBe(
      'OAuth realm="123456",' +
        'oauth_consumer_key="ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",' +
        'oauth_token="2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",' +
        'oauth_signature_method="HMAC-SHA256",oauth_timestamp="1508242306",oauth_nonce="fjaLirsIcCGVZWzBX0pg",' +
        'oauth_version="1.0",oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"',
    );
    expect(result.baseString).toBe(
      'GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&' +
        'oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg' +
        '%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306' +
        '%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0',
    );
  });

  it('never puts the realm in the base string', () => {
    const result = signTba({ ...oracle, realm: '123456_SB1' });
    expect(result.baseString).not.toContain('realm');
    expect(result.signature).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
    expect(result.authorization.startsWith('OAuth realm="123456_SB1",')).toBe(true);
  });

  it('upper-cases the method, lower-cases scheme and host, drops the default port and fragment', () => {
    const a = signTba({ ...oracle, method: 'get', url: 'HTTPS://123456.SuiteTalk.API.netsuite.com:443/services/rest/record/v1/employee/40#x' });
    expect(a.signature).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
    expect(baseStringUri('http://Host:80/A/b')).toBe('http://host/A/b');
    expect(baseStringUri('http://host:443/')).toBe('http://host:443/');
    expect(baseStringUri('https://host:8443')).toBe('https://host:8443/');
    expect(baseStringUri('https://host:0443/x')).toBe('https://host/x');
    expect(baseStringUri('http://[::1]:3000/p?q')).toBe('http://[::1]:3000/p');
    expect(baseStringUri('https://user:pw@host/p')).toBe('https://host/p');
  });

  it('signs query parameters with spaces, plus, reserved and UTF-8 characters', () => {
    const url = "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=12&deploy=1" +
      "&q=a+b%20c&plus=%2B&star=*&bang=!&quote='&paren=(x)&tilde=~&utf=%C3%A9%E2%82%AC&emoji=%F0%9F%98%80";
    const input = { ...oracle, realm: '1234567_SB1', url };
    const result = signTba(input);
    expect(result).toMatchObject(referenceSignature(input));
    expect(result.baseString).toContain('q%3Da%2520b%2520c');
    expect(result.baseString).toContain('plus%3D%252B');
    expect(result.baseString).toContain('star%3D%252A');
    expect(result.baseString).toContain('bang%3D%2521');
    expect(result.baseString).toContain('quote%3D%2527');
    expect(result.baseString).toContain('paren%3D%2528x%2529');
    expect(result.baseString).toContain('tilde%3D~');
    expect(result.baseString).toContain('utf%3D%25C3%25A9%25E2%2582%25AC');
  });

  it('reads + in the query as a space (form-urlencoded, RFC 5849 §3.4.1.3.1)', () => {
    const plus = signTba({ ...oracle, url: 'https://h.example/p?q=a+b' });
    const space = signTba({ ...oracle, url: 'https://h.example/p?q=a%20b' });
    const literal = signTba({ ...oracle, url: 'https://h.example/p?q=a%2Bb' });
    expect(plus.signature).toBe(space.signature);
    expect(literal.signature).not.toBe(plus.signature);
    expect(parseQueryPairs('a+b=c+d&e&&f=&=g')).toEqual([['a b', 'c d'], ['e', ''], ['f', ''], ['', 'g']]);
  });

  it('keeps duplicate keys and sorts by encoded name then encoded value', () => {
    const input = { ...oracle, url: 'https://h.example/p?b=2&a=3&a=1&a=10&A=0&a%20=x' };
    const result = signTba(input);
    expect(result).toMatchObject(referenceSignature(input));
    expect(normalizeParameters([['b', '2'], ['a', '3'], ['a', '1'], ['a', '10'], ['A', '0'], ['a ', 'x'], ['a', '1']]))
      .toBe('A=0&a=1&a=1&a=10&a=3&a%20=x&b=2');
  });

  it('includes form parameters but not a missing body', () => {
    const formParams: Array<[string, string]> = [['name', "O'Brien & Sons (UK)*"], ['note', 'x+y z'], ['oauth_x', 'é']];
    const input = { ...oracle, method: 'POST', url: 'https://h.example/p?z=1', formParams };
    const result = signTba(input);
    expect(result).toMatchObject(referenceSignature(input));
    expect(result.baseString).toContain('name%3DO%2527Brien%2520%2526%2520Sons%2520%2528UK%2529%252A');
    expect(result.baseString).toContain('note%3Dx%252By%2520z');
    expect(signTba({ ...oracle, method: 'POST', formParams: [] }).signature)
      .toBe(signTba({ ...oracle, method: 'POST' }).signature);
  });

  it('percent-encodes header values', () => {
    const result = signTba({ ...oracle, consumerKey: 'a b+c', tokenId: 'x/y' });
    expect(result.authorization).toContain('oauth_consumer_key="a%20b%2Bc"');
    expect(result.authorization).toContain('oauth_token="x%2Fy"');
    expect(result.baseString).toContain('oauth_consumer_key%3Da%2520b%252Bc');
  });

  it('never contains a secret in the header or base string', () => {
    const result = signTba(oracle);
    for (const text of [result.authorization, result.baseString]) {
      expect(text).not.toContain(oracle.consumerSecret);
      expect(text).not.toContain(oracle.tokenSecret);
    }
  });

  it.each(['123456_sb1', '123456-SB1', '123456-sb1', 'tstdrv1', '', '123456 ', '123456_SB'])('refuses realm %j with BAD_REALM', (realm) => {
    const error = failure(() => signTba({ ...oracle, realm }));
    expect(error.code).toBe('BAD_REALM');
    expect(error.variable).toBe('account_id');
    expect(error.message).toContain(JSON.stringify(realm));
    expect(error.message).toContain('realm form');
    expect(error.message).toContain('"account_id"');
  });

  it.each([
    ['consumerKey', 'consumer_key'], ['consumerSecret', 'consumer_secret'], ['tokenId', 'token_id'], ['tokenSecret', 'token_secret'],
  ] as const)('refuses an empty %s with MISSING_VARIABLE', (field, variable) => {
    const error = failure(() => signTba({ ...oracle, [field]: '' }));
    expect(error.code).toBe('MISSING_VARIABLE');
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`"${variable}" is empty or missing`);
  });

  it.each(['abc', 'a'.repeat(65), 'abc-def-ghi', ''])('refuses nonce %j with BAD_NONCE', (nonce) => {
    const error = failure(() => signTba({ ...oracle, nonce }));
    expect(error.code).toBe('BAD_NONCE');
    expect(error.message).toContain('6 to 64 alphanumeric');
  });

  it.each([1.5, -1, NaN, Infinity])('refuses timestamp %s with BAD_TIMESTAMP', (timestamp) => {
    const error = failure(() => signTba({ ...oracle, timestamp }));
    expect(error.code).toBe('BAD_TIMESTAMP');
    expect(error.message).toContain('whole number of seconds');
  });

  it('refuses a strange method with BAD_HTTP_METHOD', () => {
    const error = failure(() => signTba({ ...oracle, method: 'GET X' }));
    expect(error.code).toBe('BAD_HTTP_METHOD');
    expect(error.message).toContain('"GET X"');
  });

  it.each(['/services/rest', '{{suitetalk_base_url}}/x', 'ftp://h/x'])('refuses URL %j with BAD_REQUEST_URL', (url) => {
    const error = failure(() => signTba({ ...oracle, url }));
    expect(error.code).toBe('BAD_REQUEST_URL');
    expect(error.message).toContain(JSON.stringify(url));
    expect(error.message).toContain('not an absolute http(s) URL');
  });

  it.each(['https://h/p?a=%zz', 'https://h/p?a=%E9', 'https://h/p?%=1'])('refuses malformed escapes in %j', (url) => {
    const error = failure(() => signTba({ ...oracle, url }));
    expect(error.code).toBe('BAD_REQUEST_URL');
    expect(error.message).toContain('malformed percent escape');
    expect(error.message).toContain('%25');
  });

  it('agrees with an independent verifier on random requests (property)', () => {
    const special = fc.constantFrom(' ', '+', '*', '!', "'", '(', ')', '~', '&', '=', '/', '?', '%', 'é', '€', '😀', '#', ':');
    const text = fc.array(fc.oneof(fc.string({ maxLength: 3 }), special, fc.string({ unit: 'grapheme', maxLength: 2 })), { maxLength: 5 })
      .map((parts) => parts.join(''));
    const pair = fc.tuple(text, text);
    // Encode a query component in one of several valid ways (raw for safe characters, + or %20 for space).
    const queryEncoded = (s: string, style: number) => {
      let out = encodeURIComponent(s);
      if (style === 1) out = out.replace(/%20/g, '+');
      if (style === 2) out = out.replace(/%21/g, '!').replace(/%2A/g, '*').replace(/%27/g, "'").replace(/%28/g, '(').replace(/%29/g, ')');
      return out;
    };
    const segment = fc.stringMatching(/^[A-Za-z0-9\-_~]{1,8}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'post', 'Put', 'DELETE', 'PATCH'),
        fc.constantFrom('https://1234567-SB1.Suitetalk.api.netsuite.com', 'https://h.example:443', 'http://h.example:80',
          'http://127.0.0.1:3000', 'https://h.example:8443', 'HTTP://[::1]:9'),
        fc.array(segment, { maxLength: 4 }),
        fc.array(fc.tuple(pair, fc.integer({ min: 0, max: 2 })), { maxLength: 6 }),
        fc.option(fc.array(pair, { maxLength: 5 }), { nil: undefined }),
        fc.stringMatching(/^[A-Za-z0-9]{6,64}$/),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.tuple(text, text, text, text).filter((parts) => parts.every((p) => p !== '')),
        (method, origin, segments, query, formParams, nonce, timestamp, [consumerKey, consumerSecret, tokenId, tokenSecret]) => {
          const q = query.map(([[k, v], style]) => `${queryEncoded(k, style)}=${queryEncoded(v, style)}`).join('&');
          const url = `${origin}/${segments.join('/')}${q ? `?${q}` : ''}`;
          const input: TbaSignInput = {
            method, url, formParams, realm: '1234567_SB1', consumerKey, consumerSecret, tokenId, tokenSecret, nonce, timestamp,
            hmacSha256Base64: hmac,
          };
          const ours = signTba(input);
          const reference = referenceSignature(input);
          expect(ours.baseString).toBe(reference.baseString);
          expect(ours.signature).toBe(reference.signature);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('removeDotSegments', () => {
  it.each(['/a/b/c/./../../g', '/a/./b', '/a/b/..', '/a/b/.', '/..', '/a/../..', '/a/b/', '/', '/1234567-sb1/.', '/x/./y/../z/', '/a//b/../c'])(
    '%s resolves as WHATWG URL (what the HTTP client sends) does',
    (path) => {
      expect(removeDotSegments(path)).toBe(new URL(`http://h${path}`).pathname);
    },
  );

  it('the base string covers the path the server receives', () => {
    expect(baseStringUri('https://1234567.suitetalk.api.netsuite.com/services/rest/./record/v1/x/../customer')).toBe(
      'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer',
    );
  });
});
