import { describe, it, expect } from 'vitest';
import {
  authorizationCodeForm, basicAuthorization, clientCredentialsForm, encodeFormBody, formUrlEncode, refreshTokenForm,
} from '../../scripts-src/core/tokenRequests';
import { NspError } from '../../scripts-src/core/NspError';

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function failure(fn: () => unknown): NspError {
  try { fn(); } catch (error) { expect(error).toBeInstanceOf(NspError); return error as NspError; }
  throw new Error('expected an NspError');
}

describe('token request forms', () => {
  it('client credentials', () => {
    expect(clientCredentialsForm('h.p.s')).toEqual([
      ['grant_type', 'client_credentials'],
      ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
      ['client_assertion', 'h.p.s'],
    ]);
  });
  it('authorization code', () => {
    expect(authorizationCodeForm({ code: 'c1', redirectUri: 'https://x/cb', codeVerifier: 'v'.repeat(43) })).toEqual([
      ['grant_type', 'authorization_code'], ['code', 'c1'], ['redirect_uri', 'https://x/cb'], ['code_verifier', 'v'.repeat(43)],
    ]);
  });
  it('refresh token', () => {
    expect(refreshTokenForm('r1')).toEqual([['grant_type', 'refresh_token'], ['refresh_token', 'r1']]);
  });
  it.each([
    [() => clientCredentialsForm(''), 'MISSING_ASSERTION', undefined, 'client assertion (JWT)'],
    [() => authorizationCodeForm({ code: '', redirectUri: 'https://x', codeVerifier: 'v' }), 'MISSING_AUTH_CODE', undefined, 'about 10 minutes'],
    [() => authorizationCodeForm({ code: 'c', redirectUri: '', codeVerifier: 'v' }), 'MISSING_VARIABLE', 'redirect_uri', '"redirect_uri" is empty'],
    [() => authorizationCodeForm({ code: 'c', redirectUri: 'https://x', codeVerifier: '' }), 'MISSING_CODE_VERIFIER', undefined, 'build the authorize URL again'],
    [() => refreshTokenForm(''), 'MISSING_VARIABLE', 'refresh_token', '"refresh_token" is empty'],
    [() => basicAuthorization('', 's', base64), 'MISSING_VARIABLE', 'client_id', '"client_id" is empty'],
    [() => basicAuthorization('c', '', base64), 'MISSING_VARIABLE', 'client_secret', '"client_secret" is empty'],
  ])('error %#', (fn, code, variable, text) => {
    const error = failure(fn);
    expect(error.code).toBe(code);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(text);
  });
});

describe('form encoding', () => {
  it('follows the WHATWG urlencoded serializer', () => {
    const samples = ["a b+c&d=e", "!'()*~-._", 'é€😀', '%2B', 'x\ny'];
    for (const s of samples) expect(formUrlEncode(s)).toBe(new URLSearchParams([['k', s]]).toString().slice(2));
    expect(formUrlEncode('a\ud800b')).toBe('a%EF%BF%BDb');
    expect(encodeFormBody([['grant_type', 'refresh_token'], ['refresh_token', 'a+b/c=']])).toBe(
      'grant_type=refresh_token&refresh_token=a%2Bb%2Fc%3D');
  });
});

describe('basicAuthorization', () => {
  it('base64-encodes id:secret', () => {
    expect(basicAuthorization('client', 'secret', base64)).toBe(`Basic ${base64('client:secret')}`);
  });
  it('form-urlencodes id and secret first (RFC 6749 §2.3.1)', () => {
    expect(basicAuthorization('a:b', 's p+c', base64)).toBe(`Basic ${base64('a%3Ab:s+p%2Bc')}`);
  });
});
