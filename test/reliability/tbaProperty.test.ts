/**
 * Property: the sandbox TBA signer (scripts-src) against the simulator's verifier (node:crypto,
 * its own encoding) over random methods, paths, query and form parameters, including spaces,
 * + * ! ' ( ) ~, UTF-8 and duplicate keys.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signTba } from '../../scripts-src/core/tbaSignature';
import { NonceRegistry } from '../../simulator/nonceRegistry';
import { verifyTba } from '../../simulator/tbaVerifier';

const creds = { consumerKey: 'ck', consumerSecret: 'cs +!', tokenId: 'tk', tokenSecret: 'ts~*' };
const hmac = (key: string, data: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(data, 'utf8').digest('base64');
const chars = fc.constantFrom(...'aZ09 +*!\'()~-._%&=/?é€😀ü'.split(/(?:)/u));
const text = fc.array(chars, { maxLength: 8 }).map((a) => a.join(''));
const key = fc.oneof(fc.constantFrom('q', 'a', 'b', 'name'), text.filter((s) => s !== ''));

describe('TBA signer against the simulator verifier', () => {
  it('property: every signed request verifies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.array(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9_.~-]{0,7}$/), fc.constantFrom('.', '..')), { maxLength: 3 }),
        fc.array(fc.tuple(key, text), { maxLength: 5 }),
        fc.array(fc.tuple(key, text), { maxLength: 4 }),
        fc.boolean(),
        (method, segments, query, form, duplicate) => {
          if (duplicate && query.length > 0) query.push([query[0]![0], `${query[0]![1]}x`]);
          const search = new URLSearchParams(query).toString().replace(/\+/g, '%20');
          const url = `http://127.0.0.1:8080/1234567-sb1/${segments.join('/')}${search ? `?${search}` : ''}`;
          const formParams = method === 'GET' ? [] : form;
          const signed = signTba({ method, url, formParams, realm: '1234567_SB1', consumerKey: 'ck', consumerSecret: 'cs +!', tokenId: 'tk', tokenSecret: 'ts~*', nonce: 'abcdef123456', timestamp: 1_800_000_000, hmacSha256Base64: hmac });
          const parsed = new URL(url);
          const result = verifyTba(
            { method, origin: parsed.origin, path: parsed.pathname, query: parsed.searchParams, form: formParams.length ? new URLSearchParams(formParams) : undefined, authorization: signed.authorization },
            {
              realm: '1234567_SB1',
              nowMs: 1_800_000_000_000,
              findCredentials: () => ({ consumer: creds, token: creds }),
              nonces: new NonceRegistry(),
            },
          );
          expect(result).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 300 },
    );
  });
});
