import { describe, expect, it } from 'vitest';
import {
  EMPTY_SESSION,
  parseSession,
  serializeSession,
  SESSION_VARIABLE,
  type SessionState,
  withField,
} from '../../scripts-src/core/sessionState';
import { NspError } from '../../scripts-src/core/NspError';

const M2M = { key: 'm2m|1234567_SB1|cid|kid|rest_webservices', accessToken: 'm2m-access-token-secret', expiresAt: 1_700_000_000_000 };
const AUTHCODE = { key: 'authcode|1234567_SB1|cid||restlets', accessToken: 'authcode-access-token-secret', expiresAt: 1_700_000_360_000 };
const FULL: SessionState = {
  m2m: M2M,
  authcode: AUTHCODE,
  refreshToken: 'refresh-token-secret',
  pkce: { verifier: 'v'.repeat(43), state: 'state-1' },
  idempotencyPending: { requestId: 'req-1', key: '0f8fad5b-d9cb-469f-a165-70867728950e' },
};

function badSession(text: string): NspError {
  try {
    parseSession(text);
  } catch (error) {
    return error as NspError;
  }
  throw new Error(`parseSession accepted ${JSON.stringify(text)}`);
}

describe('parseSession / serializeSession', () => {
  it('round-trips a full session, in a fixed field order', () => {
    const text = serializeSession(FULL);
    expect(parseSession(text)).toEqual(FULL);
    expect(Object.keys(JSON.parse(text))).toEqual(['m2m', 'authcode', 'refreshToken', 'pkce', 'idempotencyPending']);
    // The same document built in another order writes the same text.
    const reordered: SessionState = { idempotencyPending: FULL.idempotencyPending, pkce: FULL.pkce, refreshToken: FULL.refreshToken, authcode: AUTHCODE, m2m: M2M };
    expect(serializeSession(reordered)).toBe(text);
  });

  it('reads the JSON the collection writes, written by hand (the format is stable)', () => {
    const text = '{"m2m":{"key":"k","accessToken":"t","expiresAt":5},"idempotencyPending":{"requestId":"r","key":"x"}}';
    expect(parseSession(text)).toEqual({ m2m: { key: 'k', accessToken: 't', expiresAt: 5 }, idempotencyPending: { requestId: 'r', key: 'x' } });
    expect(serializeSession(parseSession(text))).toBe(text);
  });

  it('empty or blank text is the empty session, and the empty session is written as empty text', () => {
    expect(parseSession('')).toEqual({});
    expect(parseSession('  \n')).toEqual({});
    expect(serializeSession(EMPTY_SESSION)).toBe('');
    expect(serializeSession({ m2m: undefined, pkce: undefined })).toBe('');
  });

  it('writes only the fields it knows, whatever else a caller\'s objects carry', () => {
    const loose = { m2m: { ...M2M, extra: 'no' }, pkce: { ...FULL.pkce!, other: 1 }, stray: true } as unknown as SessionState;
    expect(JSON.parse(serializeSession(loose))).toEqual({ m2m: M2M, pkce: FULL.pkce });
  });
});

describe('field updates', () => {
  const base = parseSession(serializeSession(FULL));

  it.each([
    ['m2m token', (s: SessionState) => withField(s, 'm2m', { ...M2M, accessToken: 'new' }), 'm2m'],
    ['m2m token dropped', (s: SessionState) => withField(s, 'm2m', undefined), 'm2m'],
    ['authcode token', (s: SessionState) => withField(s, 'authcode', { ...AUTHCODE, expiresAt: 1 }), 'authcode'],
    ['authcode token dropped', (s: SessionState) => withField(s, 'authcode', undefined), 'authcode'],
    ['refresh token', (s: SessionState) => withField(s, 'refreshToken', 'another-refresh-token'), 'refreshToken'],
    ['refresh token dropped', (s: SessionState) => withField(s, 'refreshToken', undefined), 'refreshToken'],
    ['PKCE pair', (s: SessionState) => withField(s, 'pkce', { verifier: 'w'.repeat(43), state: 'state-2' }), 'pkce'],
    ['PKCE pair dropped', (s: SessionState) => withField(s, 'pkce', undefined), 'pkce'],
    ['pending write', (s: SessionState) => withField(s, 'idempotencyPending', { requestId: 'req-2', key: 'k2' }), 'idempotencyPending'],
    ['pending write dropped', (s: SessionState) => withField(s, 'idempotencyPending', undefined), 'idempotencyPending'],
  ] as const)('%s changes that field only, in a new document', (_name, change, field) => {
    const before = serializeSession(base);
    const next = change(base);
    expect(next).not.toBe(base);
    expect(serializeSession(base)).toBe(before);
    for (const other of ['m2m', 'authcode', 'refreshToken', 'pkce', 'idempotencyPending'] as const) {
      if (other === field) expect(next[other]).not.toEqual(base[other]);
      else expect(next[other]).toEqual(base[other]);
    }
    expect(parseSession(serializeSession(next))).toEqual(next);
  });

  it('returns the same document when nothing changes (the store then writes nothing)', () => {
    expect(withField(base, 'm2m', { ...M2M })).toBe(base);
    expect(withField(EMPTY_SESSION, 'authcode', undefined)).toBe(EMPTY_SESSION);
    expect(withField(base, 'refreshToken', FULL.refreshToken)).toBe(base);
    expect(withField(base, 'pkce', { state: FULL.pkce!.state, verifier: FULL.pkce!.verifier })).toBe(base);
    expect(withField(base, 'idempotencyPending', { ...FULL.idempotencyPending! })).toBe(base);
    expect(withField(EMPTY_SESSION, 'idempotencyPending', undefined)).toBe(EMPTY_SESSION);
  });

  it('dropping the last field leaves the empty session (written as empty text)', () => {
    const one = withField(EMPTY_SESSION, 'm2m', M2M);
    expect(serializeSession(withField(one, 'm2m', undefined))).toBe('');
  });
});

describe('text that is not what the collection writes', () => {
  it.each([
    ['not JSON', '{"m2m":', /it is not JSON/],
    ['a bare token pasted in', 'eyJhbGciOiJQUzI1NiJ9.e30.sig-secret', /it is not JSON/],
    ['JSON but not an object', '["m2m"]', /it is not a JSON object of m2m, authcode, refreshToken, pkce, idempotencyPending/],
    ['JSON null', 'null', /it is not a JSON object of/],
    ['a JSON string', '"refresh-secret"', /it is not a JSON object of/],
    ['an unknown field', '{"secret-field-name":1}', /it is not a JSON object of m2m, authcode, refreshToken, pkce, idempotencyPending/],
    ['a __proto__ field', '{"__proto__":{"m2m":1}}', /it is not a JSON object of/],
    ['the old nsp_token_m2m text', JSON.stringify(M2M), /it is not a JSON object of/],
    ['a token without accessToken', '{"m2m":{"key":"k","expiresAt":1}}', /"m2m" is not \{key, accessToken, expiresAt\}/],
    ['a token with an empty accessToken', '{"authcode":{"key":"k","accessToken":"","expiresAt":1}}', /"authcode" is not \{key, accessToken, expiresAt\}/],
    ['a token whose expiry is text', '{"m2m":{"key":"k","accessToken":"t","expiresAt":"1"}}', /"m2m" is not \{key/],
    ['a token whose expiry is not finite', '{"m2m":{"key":"k","accessToken":"t","expiresAt":1e999}}', /"m2m" is not \{key/],
    ['a token with an extra field', '{"m2m":{"key":"k","accessToken":"t","expiresAt":1,"x":1}}', /"m2m" is not \{key/],
    ['a token that is a string', '{"m2m":"token-secret"}', /"m2m" is not \{key/],
    ['a refresh token that is not a string', '{"refreshToken":42}', /"refreshToken" is not a non-empty string/],
    ['an empty refresh token', '{"refreshToken":""}', /"refreshToken" is not a non-empty string/],
    ['a PKCE pair without state', '{"pkce":{"verifier":"v"}}', /"pkce" is not \{verifier, state\}/],
    ['a pending write as the old text', '{"idempotencyPending":"req|key"}', /"idempotencyPending" is not \{requestId, key\}/],
  ])('%s: BAD_SESSION naming nsp_session, saying how to start over, never repeating the text', (_name, text, reason) => {
    const error = badSession(text);
    expect(error).toBeInstanceOf(NspError);
    expect(error.code).toBe('BAD_SESSION');
    expect(error.variable).toBe(SESSION_VARIABLE);
    expect(error.message).toContain('"nsp_session" is not what this collection writes');
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/Empty "nsp_session" \(its current value\) to start over/);
    for (const secret of ['secret', 'eyJ', 'req|key', 'token-secret']) expect(error.message).not.toContain(secret);
  });
});
