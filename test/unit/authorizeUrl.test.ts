import { describe, it, expect } from 'vitest';
import { buildAuthorizeUrl } from '../../scripts-src/core/authorizeUrl';
import type { AuthorizeUrlInput } from '../../scripts-src/core/authorizeUrl';
import { NspError } from '../../scripts-src/core/NspError';

const input: AuthorizeUrlInput = {
  appBaseUrl: 'https://1234567-sb1.app.netsuite.com/',
  clientId: 'abc123',
  redirectUri: 'https://oauth.pstmn.io/v1/callback',
  scopes: ['rest_webservices', 'restlets'],
  state: 'Xy12State',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
};

function failure(fn: () => unknown): NspError {
  try { fn(); } catch (error) { expect(error).toBeInstanceOf(NspError); return error as NspError; }
  throw new Error('expected an NspError');
}

describe('buildAuthorizeUrl', () => {
  it('builds the NetSuite authorize URL', () => {
    expect(buildAuthorizeUrl(input)).toBe(
      'https://1234567-sb1.app.netsuite.com/app/login/oauth2/authorize.nl?response_type=code&client_id=abc123' +
        '&redirect_uri=https%3A%2F%2Foauth.pstmn.io%2Fv1%2Fcallback&scope=rest_webservices%20restlets&state=Xy12State' +
        '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
    );
  });
  it('round-trips through URLSearchParams', () => {
    const url = new URL(buildAuthorizeUrl({ ...input, clientId: "a b&c'", scopes: ['restlets'] }));
    expect(url.searchParams.get('client_id')).toBe("a b&c'");
    expect(url.searchParams.get('scope')).toBe('restlets');
    expect(url.searchParams.get('redirect_uri')).toBe(input.redirectUri);
  });
  it.each([['clientId', 'client_id'], ['redirectUri', 'redirect_uri']] as const)('refuses an empty %s', (field, variable) => {
    const error = failure(() => buildAuthorizeUrl({ ...input, [field]: '' }));
    expect(error.code).toBe('MISSING_VARIABLE');
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`"${variable}" is empty or missing`);
  });
  it('refuses a relative redirect URI', () => {
    const error = failure(() => buildAuthorizeUrl({ ...input, redirectUri: '/callback' }));
    expect(error.code).toBe('BAD_REDIRECT_URI');
    expect(error.message).toContain('"/callback"');
    expect(error.message).toContain('not an absolute URI');
  });
  it.each([[[]], [['']], [['rest webservices']]])('refuses scopes %j', (scopes) => {
    const error = failure(() => buildAuthorizeUrl({ ...input, scopes }));
    expect(error.code).toBe('BAD_SCOPE');
    expect(error.variable).toBe('scope');
    expect(error.message).toContain('rest_webservices, restlets');
  });
  it.each([{ state: '' }, { codeChallenge: '' }, { codeChallenge: 'abc' }, { codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=' }])(
    'refuses missing or malformed PKCE input %j', (patch) => {
      const error = failure(() => buildAuthorizeUrl({ ...input, ...patch }));
      expect(error.code).toBe('BAD_PKCE_INPUT');
      expect(error.message).toContain('43-character base64url S256 code challenge');
    });
});
