import { NspError } from './NspError';
import { authorizeUrlBase } from './baseUrls';
import { percentEncode } from './rfc3986';

export interface AuthorizeUrlInput {
  /** App (UI) base URL, e.g. `https://1234567-sb1.app.netsuite.com` (already normalised). */
  appBaseUrl: string;
  clientId: string;
  /** Must match the integration record's redirect URI exactly. */
  redirectUri: string;
  /** e.g. `['rest_webservices', 'restlets']`; sent space-separated. */
  scopes: string[];
  state: string;
  /** S256 challenge (base64url, 43 characters). */
  codeChallenge: string;
}

function missing(variable: string, what: string): never {
  throw new NspError(
    'MISSING_VARIABLE',
    `The variable "${variable}" is empty or missing; it is needed for ${what}. Set it in the active environment.`,
    variable,
  );
}

/**
 * The NetSuite authorize URL for the authorization-code flow with PKCE:
 * `<app>/app/login/oauth2/authorize.nl?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…&code_challenge=…&code_challenge_method=S256`,
 * every value RFC 3986 encoded (the scope's spaces become `%20`). Throws `MISSING_VARIABLE`
 * (`client_id`, `redirect_uri`), `BAD_SCOPE` (`scope`), `BAD_REDIRECT_URI` or `BAD_PKCE_INPUT`.
 */
export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const what = 'the authorization-code flow (authorize URL)';
  if (!input.clientId) missing('client_id', what);
  if (!input.redirectUri) missing('redirect_uri', what);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s]+$/.test(input.redirectUri)) {
    throw new NspError(
      'BAD_REDIRECT_URI',
      `The variable "redirect_uri" is ${JSON.stringify(input.redirectUri)}, which is not an absolute URI. ` +
        'Use exactly the redirect URI of the integration record, e.g. https://oauth.pstmn.io/v1/callback.',
      'redirect_uri',
    );
  }
  const scopes = (input.scopes || []).filter((scope) => scope !== '');
  if (scopes.length === 0 || scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) {
    throw new NspError(
      'BAD_SCOPE',
      `The scopes ${JSON.stringify(input.scopes || [])} cannot be requested: give one or more of rest_webservices, restlets, ` +
        'suite_analytics in the variable "scope", comma-separated, without spaces inside a scope.',
      'scope',
    );
  }
  if (!input.state || !input.codeChallenge || !/^[A-Za-z0-9\-_]{43}$/.test(input.codeChallenge)) {
    throw new NspError(
      'BAD_PKCE_INPUT',
      'The authorize URL needs a state and a 43-character base64url S256 code challenge; generate them with makeState and codeChallengeS256.',
    );
  }
  const params: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', input.clientId],
    ['redirect_uri', input.redirectUri],
    ['scope', scopes.join(' ')],
    ['state', input.state],
    ['code_challenge', input.codeChallenge],
    ['code_challenge_method', 'S256'],
  ];
  return `${authorizeUrlBase(input.appBaseUrl)}?${params.map(([k, v]) => `${k}=${percentEncode(v)}`).join('&')}`;
}
