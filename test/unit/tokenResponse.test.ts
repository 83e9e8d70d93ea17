import { describe, it, expect } from 'vitest';
import { parseTokenResponse } from '../../scripts-src/core/tokenResponse';
import type { TokenGrant } from '../../scripts-src/core/tokenResponse';
import { NspError } from '../../scripts-src/core/NspError';

const NOW = 1_700_000_000_000;
const SECRET_TOKEN = 'eyJSECRETTOKENVALUE';

function failure(status: number, body: string, grant: TokenGrant = 'client_credentials'): NspError {
  try { parseTokenResponse(status, body, NOW, grant); } catch (error) {
    expect(error).toBeInstanceOf(NspError);
    expect((error as NspError).message).not.toContain(SECRET_TOKEN);
    return error as NspError;
  }
  throw new Error('expected an NspError');
}

const oauthError = (error: string, description?: string) =>
  JSON.stringify(description === undefined ? { error } : { error, error_description: description });

describe('parseTokenResponse: success', () => {
  it('reads access token, expiry and scope', () => {
    expect(parseTokenResponse(200, JSON.stringify({ access_token: SECRET_TOKEN, expires_in: 3600, token_type: 'Bearer', scope: 'rest_webservices' }), NOW, 'client_credentials'))
      .toEqual({ accessToken: SECRET_TOKEN, expiresAt: NOW + 3_600_000, scope: 'rest_webservices' });
  });
  it('accepts expires_in as a string and keeps a refresh token', () => {
    expect(parseTokenResponse(200, JSON.stringify({ access_token: 'a', expires_in: '1800', refresh_token: 'r' }), NOW, 'authorization_code'))
      .toEqual({ accessToken: 'a', expiresAt: NOW + 1_800_000, refreshToken: 'r' });
  });
  it.each([undefined, 0, -5, 'soon', null])('assumes 3600 s when expires_in is %j', (expires_in) => {
    expect(parseTokenResponse(200, JSON.stringify({ access_token: 'a', expires_in }), NOW, 'refresh_token').expiresAt).toBe(NOW + 3_600_000);
  });
});

describe('parseTokenResponse: OAuth errors', () => {
  it('TOKEN_INVALID_CLIENT for M2M lists the certificate, key, algorithm and aud causes', () => {
    const error = failure(401, oauthError('invalid_client'));
    expect(error.code).toBe('TOKEN_INVALID_CLIENT');
    expect(error.message).toContain('M2M (client credentials) token request failed with HTTP 401, error "invalid_client"');
    for (const text of ['client_id', 'certificate_id', 'revoked', 'private_key', 'RS256', 'PS256', '"aud"', 'sandbox suffix', 'suitetalk_base_url']) {
      expect(error.message).toContain(text);
    }
  });
  it('TOKEN_INVALID_CLIENT for authcode points at client id and secret', () => {
    const error = failure(401, oauthError('invalid_client', 'Client authentication failed'), 'authorization_code');
    expect(error.code).toBe('TOKEN_INVALID_CLIENT');
    expect(error.variable).toBe('client_secret');
    expect(error.message).toContain('(NetSuite says: Client authentication failed)');
    expect(error.message).toContain('client_id or client_secret');
    expect(error.message).not.toContain('certificate_id');
  });
  it('TOKEN_INVALID_GRANT for M2M mentions exp/iat and clock skew', () => {
    const error = failure(400, oauthError('invalid_grant'));
    expect(error.code).toBe('TOKEN_INVALID_GRANT');
    expect(error.message).toContain('"exp" must be less than 60 minutes after "iat"');
    expect(error.message).toContain('clock skew');
  });
  it('TOKEN_INVALID_GRANT for the code exchange mentions expiry, reuse, redirect_uri and PKCE', () => {
    const error = failure(400, oauthError('invalid_grant', 'code expired'), 'authorization_code');
    expect(error.code).toBe('TOKEN_INVALID_GRANT');
    expect(error.variable).toBe('redirect_uri');
    for (const text of ['code expired', '10 minutes', 'already exchanged', 'redirect_uri', 'PKCE mismatch', 'NetSuite says: code expired']) {
      expect(error.message).toContain(text);
    }
  });
  it('TOKEN_INVALID_GRANT for a refresh mentions expired or revoked refresh tokens', () => {
    const error = failure(400, oauthError('invalid_grant'), 'refresh_token');
    expect(error.code).toBe('TOKEN_INVALID_GRANT');
    expect(error.variable).toBe('refresh_token');
    expect(error.message).toContain('refresh-token token request failed');
    expect(error.message).toContain('1 to 720 hours');
    expect(error.message).toContain('revoked');
    expect(error.message).toContain('store the new refresh_token');
  });
  it.each([
    ['invalid_request', 'client_credentials', 'TOKEN_INVALID_REQUEST', 'client_assertion_type'],
    ['invalid_request', 'refresh_token', 'TOKEN_INVALID_REQUEST', 'code_verifier'],
    ['unsupported_grant_type', 'client_credentials', 'TOKEN_UNSUPPORTED_GRANT_TYPE', 'grant_type=client_credentials'],
    ['unauthorized_client', 'client_credentials', 'TOKEN_UNAUTHORIZED_CLIENT', 'Client Credentials (Machine to Machine) Grant'],
    ['unauthorized_client', 'authorization_code', 'TOKEN_UNAUTHORIZED_CLIENT', 'Authorization Code Grant'],
    ['invalid_scope', 'client_credentials', 'TOKEN_INVALID_SCOPE', 'rest_webservices, restlets and/or suite_analytics'],
    ['access_denied', 'authorization_code', 'TOKEN_ACCESS_DENIED', 'Access was denied'],
    ['server_error', 'client_credentials', 'TOKEN_SERVER_ERROR', 'Wait a moment and retry'],
    ['Some_New_Error', 'client_credentials', 'TOKEN_SOME_NEW_ERROR', 'Login Audit Trail'],
    ['weird error!', 'client_credentials', 'TOKEN_ERROR', 'error "unrecognised"'],
  ] as const)('%s (%s) → %s', (oauth, grant, code, text) => {
    const error = failure(400, oauthError(oauth), grant);
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });
  it('treats an error body as an error even with HTTP 200', () => {
    expect(failure(200, JSON.stringify({ error: 'invalid_grant', access_token: SECRET_TOKEN })).code).toBe('TOKEN_INVALID_GRANT');
  });
  it('shortens a long error_description', () => {
    const error = failure(400, oauthError('invalid_request', 'x'.repeat(1000)));
    expect(error.message).toContain('x'.repeat(300) + '…');
    expect(error.message).not.toContain('x'.repeat(301));
  });
});

describe('parseTokenResponse: server errors and bad responses', () => {
  it('TOKEN_SERVER_ERROR for 5xx', () => {
    const error = failure(503, '<html>down</html>');
    expect(error.code).toBe('TOKEN_SERVER_ERROR');
    expect(error.message).toContain('HTTP 503');
    expect(error.message).toContain('wait a moment and retry');
    expect(error.message).not.toContain('<html>');
  });
  it('TOKEN_SERVER_ERROR includes the OAuth error of a 5xx', () => {
    const error = failure(500, oauthError('server_error', 'oops'));
    expect(error.code).toBe('TOKEN_SERVER_ERROR');
    expect(error.message).toContain('(error "server_error": oops)');
  });
  it.each([
    [200, 'not json', 'a body that is not JSON'],
    [200, '', 'an empty body'],
    [200, '<html><title>Login</title></html>', 'an HTML or XML page instead of JSON'],
    [200, JSON.stringify({ token_type: 'Bearer' }), 'a JSON body without an access_token'],
    [200, JSON.stringify({ access_token: 42 }), 'a JSON body without an access_token'],
    [200, '[1,2]', 'a body that is not JSON'],
    [302, `access_token=${SECRET_TOKEN}`, 'a body that is not JSON'],
    [201, JSON.stringify({ access_token: '' }), 'a JSON body without an access_token'],
  ])('TOKEN_BAD_RESPONSE for HTTP %s %j', (status, body, kind) => {
    const error = failure(status, body);
    expect(error.code).toBe('TOKEN_BAD_RESPONSE');
    expect(error.variable).toBe('suitetalk_base_url');
    expect(error.message).toContain(`HTTP ${status} with ${kind}`);
    expect(error.message).toContain('suitetalk_base_url');
  });
  it('TOKEN_BAD_RESPONSE for a non-2xx with an access token', () => {
    const error = failure(401, JSON.stringify({ access_token: SECRET_TOKEN }));
    expect(error.code).toBe('TOKEN_BAD_RESPONSE');
  });
  it('quotes NetSuite REST error details', () => {
    const body = JSON.stringify({ title: 'Unauthorized', status: 401, 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] });
    const error = failure(401, body);
    expect(error.code).toBe('TOKEN_BAD_RESPONSE');
    expect(error.message).toContain('(NetSuite says INVALID_LOGIN: Invalid login attempt.)');
  });
});
