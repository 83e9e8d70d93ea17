import type { KeyValue, RequestDef } from './types.ts';

/** The token endpoint; the JWT `aud` of the M2M assertion is this URL exactly. */
export const TOKEN_URL = '{{suitetalk_base_url}}/services/rest/auth/oauth2/v1/token';

const FORM_HEADER: KeyValue = { key: 'Content-Type', value: 'application/x-www-form-urlencoded' };
const FILLED_BY_SCRIPT = 'Filled in by the pre-request script.';

export const mintM2mToken: RequestDef = {
  name: 'Mint M2M token',
  description: [
    'OAuth 2.0 client credentials (M2M). On Send, the pre-request script signs a JWT client',
    'assertion with `private_key` (`jwt_algorithm`, PS256 by default; RS256 is refused), `kid` =',
    '`certificate_id`, `iss` = `client_id`, `aud` = this token URL, and puts it in the form body; it',
    'signs with Web Crypto in the Postman app and with jsrsasign in Newman, where it also leaves the',
    'signer for the rest of the run. The test script checks the answer, explains a refusal, and',
    'caches the access token in the collection variable `nsp_session` (never in the environment).',
    '',
    'In the Postman app you need not Send this first: any request mints its own token when it has',
    'none. Send it to see the exchange or to diagnose `invalid_client` / `INVALID_LOGIN`; in Newman',
    'a collection run sends it first. Needs `auth_method` = `m2m`.',
  ].join('\n'),
  method: 'POST',
  url: TOKEN_URL,
  headers: [FORM_HEADER],
  body: {
    mode: 'urlencoded',
    fields: [
      { key: 'grant_type', value: 'client_credentials' },
      { key: 'client_assertion_type', value: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' },
      { key: 'client_assertion', value: '', description: FILLED_BY_SCRIPT },
    ],
  },
  prerequest: 'mint-m2m',
  test: 'token-response',
};

export const authorizeUrl: RequestDef = {
  name: 'Authorize URL (PKCE)',
  description: [
    'OAuth 2.0 authorization code, step 1: the pre-request script makes a PKCE verifier and a',
    '`state`, and adds `response_type=code`, `client_id`, `redirect_uri`, `scope`, `state`,',
    '`code_challenge` and `code_challenge_method=S256` to this URL. Redirects are not followed, so',
    'the answer (NetSuite\'s login redirect) stays visible to the test script. Open the URL in a',
    'browser and log in; NetSuite redirects to `redirect_uri` with `?code=…&state=…`. Paste the',
    '`code` into the collection variable `nsp_authorization_code` (filled for you when the redirect',
    'comes back to Postman), then Send "Exchange authorization code".',
  ].join('\n'),
  method: 'GET',
  url: '{{app_base_url}}/app/login/oauth2/authorize.nl',
  prerequest: 'authorize-url',
  test: 'authorize-response',
  followRedirects: false,
};

export const exchangeCode: RequestDef = {
  name: 'Exchange authorization code',
  description: [
    'OAuth 2.0 authorization code, step 2: exchanges the code for an access token and a refresh',
    'token at the token endpoint, with HTTP Basic `client_id:client_secret` and the PKCE',
    '`code_verifier` from step 1 and the code in `nsp_authorization_code`. The pre-request script',
    'fills the form body; the test script caches the access token and keeps the refresh token for',
    'the session, both in `nsp_session` (copy `refreshToken` from it into the environment\'s',
    '`refresh_token`, a secret, to run `authcode` unattended). Codes expire after about 10 minutes.',
  ].join('\n'),
  method: 'POST',
  url: TOKEN_URL,
  headers: [FORM_HEADER],
  body: {
    mode: 'urlencoded',
    fields: [
      { key: 'grant_type', value: 'authorization_code' },
      { key: 'code', value: '', description: FILLED_BY_SCRIPT },
      { key: 'redirect_uri', value: '', description: FILLED_BY_SCRIPT },
      { key: 'code_verifier', value: '', description: FILLED_BY_SCRIPT },
    ],
  },
  prerequest: 'exchange-code',
  test: 'token-response',
};

export const refreshAccessToken: RequestDef = {
  name: 'Refresh access token',
  description: [
    'OAuth 2.0 authorization code: trades `refresh_token` for a new access token (HTTP Basic',
    '`client_id:client_secret`). This is how CI runs the `authcode` method without a browser.',
    'The pre-request script fills the form body; the test script caches the access token in',
    '`nsp_session`. You need not Send this first: any request refreshes on its own when it',
    'has no token or the cached one is within `token_refresh_buffer_seconds` of expiring.',
  ].join('\n'),
  method: 'POST',
  url: TOKEN_URL,
  headers: [FORM_HEADER],
  body: {
    mode: 'urlencoded',
    fields: [
      { key: 'grant_type', value: 'refresh_token' },
      { key: 'refresh_token', value: '', description: FILLED_BY_SCRIPT },
    ],
  },
  prerequest: 'refresh-token',
  test: 'token-response',
};
