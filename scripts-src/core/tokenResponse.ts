import { NspError } from './NspError';

export type TokenGrant = 'client_credentials' | 'authorization_code' | 'refresh_token';

export interface TokenResult {
  accessToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  scope?: string;
  /** Present when NetSuite issues one (authorization-code exchange, possibly a refresh). */
  refreshToken?: string;
}

/** NetSuite's access tokens last 60 minutes; used when a response omits `expires_in`. */
export const DEFAULT_EXPIRES_IN_SECONDS = 3600;

const M2M_AUD_HINT =
  'the JWT "aud" must equal the token URL exactly, lower-case host form with the right sandbox suffix ' +
  '(e.g. https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token): check account_id and suitetalk_base_url';

function explain(error: string, grant: TokenGrant): { text: string; variable?: string } {
  const m2m = grant === 'client_credentials';
  switch (error) {
    case 'invalid_client':
      if (m2m) {
        return {
          text:
            'NetSuite did not accept the M2M client or its assertion. Likely causes: client_id is not the client id of the ' +
            'integration record (the JWT "iss"), or that record is disabled or lacks the Client Credentials (Machine to Machine) grant; ' +
            'certificate_id (the JWT "kid") is not the certificate id of an active M2M mapping for that integration (revoked, expired, ' +
            'or cleared by a sandbox refresh); private_key does not match the certificate uploaded for the mapping; jwt_algorithm ' +
            'is not one of PS256, PS384, PS512, ES256, ES384, ES512 (RS256 is refused since 2025-03-01) or does not fit the key; ' +
            `${M2M_AUD_HINT}.`,
          variable: 'certificate_id',
        };
      }
      return {
        text:
          'NetSuite did not accept the client credentials sent with HTTP Basic. Likely causes: client_id or client_secret is ' +
          'not the pair of this integration record (the secret is shown only once, when the record is saved), the record is ' +
          'disabled or lacks the Authorization Code grant, or the token URL belongs to another account or environment ' +
          '(check account_id and suitetalk_base_url).',
        variable: 'client_secret',
      };
    case 'invalid_grant':
      if (m2m) {
        return {
          text:
            'NetSuite rejected the client assertion as a grant. Likely causes: the assertion is expired or not yet valid — ' +
            '"exp" must be less than 60 minutes after "iat" and this computer\'s clock must be right (clock skew); the ' +
            'requested scope is not enabled on the integration record (check the variable "scope"); or the M2M mapping\'s ' +
            'entity or role cannot log in.',
          variable: 'scope',
        };
      }
      if (grant === 'authorization_code') {
        return {
          text:
            'NetSuite rejected the authorization code. Likely causes: the code expired (after about 10 minutes) or was ' +
            'already exchanged (each code works once); redirect_uri differs from the one used in the authorize URL or ' +
            'registered on the integration record; the code_verifier does not match the code_challenge of the authorize ' +
            'request (PKCE mismatch — build a new authorize URL and use the code it returns); or the code was issued to ' +
            'another client or account. Start the authorization again.',
          variable: 'redirect_uri',
        };
      }
      return {
        text:
          'NetSuite rejected the refresh token. Likely causes: it expired (its lifetime is set on the integration record, ' +
          '1 to 720 hours; 48 hours by default for public clients), it was revoked, or it was issued to another client or ' +
          'account (check client_id and account_id). Run the authorization-code flow again and store the new refresh_token.',
        variable: 'refresh_token',
      };
    case 'invalid_request':
      return {
        text: m2m
          ? 'NetSuite could not read the M2M token request: a parameter is missing or repeated, client_assertion_type is ' +
            'not urn:ietf:params:oauth:client-assertion-type:jwt-bearer, the body is not application/x-www-form-urlencoded, ' +
            'or the JWT is malformed (header typ/alg/kid, payload iss/scope/aud/iat/exp).'
          : 'NetSuite could not read the token request: a parameter is missing or repeated (code, redirect_uri, ' +
            'code_verifier, refresh_token), or the body is not application/x-www-form-urlencoded.',
      };
    case 'unauthorized_client':
      return {
        text: m2m
          ? 'The integration record is not allowed to use the client credentials grant: enable "Client Credentials (Machine ' +
            'to Machine) Grant" on it, and check that client_id is that record\'s client id.'
          : 'The integration record is not allowed to use the authorization code grant: enable "Authorization Code Grant" on ' +
            'it (and "Public Client" only for public clients), and check client_id.',
        variable: 'client_id',
      };
    case 'unsupported_grant_type':
      return {
        text:
          `NetSuite does not support grant_type=${grant} for this request or integration record. Enable the grant on the ` +
          'integration record and check that the request goes to the token URL (/services/rest/auth/oauth2/v1/token).',
      };
    case 'invalid_scope':
      return {
        text:
          'The requested scope is not valid or not enabled on the integration record. Set the variable "scope" to ' +
          'rest_webservices, restlets and/or suite_analytics (comma-separated) and enable the same scopes on the record.',
        variable: 'scope',
      };
    case 'access_denied':
      return {
        text:
          'Access was denied: the user or role refused or cannot grant access to this integration (check the role\'s ' +
          'permissions and that the integration is enabled for it).',
      };
    case 'server_error':
    case 'temporarily_unavailable':
      return { text: 'NetSuite had a problem handling the token request. Wait a moment and retry; if it persists, check the request.' };
    default:
      return { text: 'See NetSuite\'s Login Audit Trail (Setup > Users/Roles > User Management > View Login Audit Trail) for details.' };
  }
}

function cleanDescription(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function expiresInSeconds(value: unknown): number {
  const seconds = typeof value === 'string' && /^\s*[0-9]+(\.[0-9]+)?\s*$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_EXPIRES_IN_SECONDS;
}

/** The `o:errorDetails` detail/code of a NetSuite REST error body, when it is one. */
function netSuiteErrorDetail(body: Record<string, unknown>): string | undefined {
  const details = body['o:errorDetails'];
  if (!Array.isArray(details) || details.length === 0) return undefined;
  const first = details[0] as Record<string, unknown> | undefined;
  if (!first || typeof first !== 'object') return undefined;
  const code = typeof first['o:errorCode'] === 'string' ? first['o:errorCode'] : undefined;
  const detail = cleanDescription(first.detail);
  if (!code && !detail) return undefined;
  return `${code ?? 'error'}${detail ? `: ${detail}` : ''}`;
}

const GRANT_LABEL: Record<TokenGrant, string> = {
  client_credentials: 'M2M (client credentials)',
  authorization_code: 'authorization-code exchange',
  refresh_token: 'refresh-token',
};

/**
 * Reads the token endpoint's answer. On success returns the access token and its expiry
 * (`now` + `expires_in` seconds, 3600 when absent or invalid). Otherwise throws an NspError:
 * `TOKEN_<ERROR>` for an OAuth error body (e.g. `TOKEN_INVALID_GRANT`, `TOKEN_INVALID_CLIENT`),
 * `TOKEN_SERVER_ERROR` for a 5xx, `TOKEN_BAD_RESPONSE` for a body that is not JSON or has no
 * access token. Messages explain the error for the given grant and include NetSuite's
 * `error_description`; they never contain a token or the response body.
 */
export function parseTokenResponse(status: number, bodyText: string, now: number, grant: TokenGrant): TokenResult {
  const label = GRANT_LABEL[grant] ?? String(grant);
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (_error) {
    body = undefined;
  }
  const object = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const oauthError = object && typeof object.error === 'string' && object.error !== '' ? object.error : undefined;

  if (status >= 500) {
    const detail = oauthError ? ` (error "${oauthError.slice(0, 60)}"${cleanDescription(object?.error_description) ? `: ${cleanDescription(object?.error_description)}` : ''})` : '';
    throw new NspError(
      'TOKEN_SERVER_ERROR',
      `The ${label} token request failed with HTTP ${status}${detail}. NetSuite had a problem handling it: wait a moment and retry; ` +
        'if it persists, check that suitetalk_base_url (or account_id) points at the right account.',
    );
  }

  if (oauthError) {
    const normalized = oauthError.toLowerCase();
    const code = /^[a-z_]{1,60}$/.test(normalized) ? `TOKEN_${normalized.toUpperCase()}` : 'TOKEN_ERROR';
    const description = cleanDescription(object?.error_description);
    const { text, variable } = explain(normalized, grant);
    const shownError = /^[A-Za-z0-9_.-]{1,60}$/.test(oauthError) ? oauthError : 'unrecognised';
    throw new NspError(
      code,
      `The ${label} token request failed with HTTP ${status}, error "${shownError}"` +
        `${description ? ` (NetSuite says: ${description})` : ''}. ${text}`,
      variable,
    );
  }

  const accessToken = object ? object.access_token : undefined;
  if (status < 200 || status >= 300 || typeof accessToken !== 'string' || accessToken === '') {
    const kind = object
      ? 'a JSON body without an access_token'
      : /^\s*</.test(bodyText)
        ? 'an HTML or XML page instead of JSON'
        : bodyText.trim() === ''
          ? 'an empty body'
          : 'a body that is not JSON';
    const netsuite = object ? netSuiteErrorDetail(object) : undefined;
    throw new NspError(
      'TOKEN_BAD_RESPONSE',
      `The ${label} token request got HTTP ${status} with ${kind}${netsuite ? ` (NetSuite says ${netsuite})` : ''}. ` +
        'The request probably did not reach NetSuite\'s OAuth 2.0 token endpoint: check that suitetalk_base_url (or account_id) ' +
        'gives https://<account>.suitetalk.api.netsuite.com and that no proxy or login page answered instead.',
      'suitetalk_base_url',
    );
  }

  const result: TokenResult = {
    accessToken,
    expiresAt: now + expiresInSeconds(object?.expires_in) * 1000,
  };
  if (typeof object?.scope === 'string' && object.scope !== '') result.scope = object.scope;
  if (typeof object?.refresh_token === 'string' && object.refresh_token !== '') result.refreshToken = object.refresh_token;
  return result;
}
