import { NspError } from './NspError';

export type FormPairs = Array<[string, string]>;

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function requireValue(value: string, code: string, message: string, variable?: string): string {
  if (typeof value !== 'string' || value === '') throw new NspError(code, message, variable);
  return value;
}

/** M2M token request: `grant_type=client_credentials` with a JWT client assertion. */
export function clientCredentialsForm(assertion: string): FormPairs {
  requireValue(assertion, 'MISSING_ASSERTION', 'The client assertion (JWT) for the M2M token request is empty; this is a bug in the script that signs it.');
  return [
    ['grant_type', 'client_credentials'],
    ['client_assertion_type', JWT_BEARER_ASSERTION_TYPE],
    ['client_assertion', assertion],
  ];
}

export interface AuthorizationCodeInput {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

/** Authorization-code exchange: `grant_type=authorization_code&code=…&redirect_uri=…&code_verifier=…`. */
export function authorizationCodeForm(input: AuthorizationCodeInput): FormPairs {
  requireValue(
    input.code,
    'MISSING_AUTH_CODE',
    'No authorization code to exchange: open the authorize URL, log in and approve, then run the exchange with the code from the redirect (it expires after about 10 minutes).',
  );
  requireValue(
    input.redirectUri,
    'MISSING_VARIABLE',
    'The variable "redirect_uri" is empty or missing; it is needed for the authorization-code exchange. Set it to the integration record\'s redirect URI.',
    'redirect_uri',
  );
  requireValue(
    input.codeVerifier,
    'MISSING_CODE_VERIFIER',
    'No PKCE code verifier for the exchange: it is created with the authorize URL, so build the authorize URL again and use the new code.',
  );
  return [
    ['grant_type', 'authorization_code'],
    ['code', input.code],
    ['redirect_uri', input.redirectUri],
    ['code_verifier', input.codeVerifier],
  ];
}

/** Refresh: `grant_type=refresh_token&refresh_token=…`. */
export function refreshTokenForm(refreshToken: string): FormPairs {
  requireValue(
    refreshToken,
    'MISSING_VARIABLE',
    'The variable "refresh_token" is empty or missing; it is needed to refresh an authcode token. Run the authorization-code flow once and store its refresh token there.',
    'refresh_token',
  );
  return [
    ['grant_type', 'refresh_token'],
    ['refresh_token', refreshToken],
  ];
}

/**
 * `application/x-www-form-urlencoded` serialisation of one value (WHATWG URL standard): ASCII
 * alphanumerics and `* - . _` as they are, space as `+`, everything else UTF-8 `%XX`.
 * Lone surrogates become U+FFFD as in {@link percentEncode}.
 */
export function formUrlEncode(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    const code = value.charCodeAt(i);
    if (/[A-Za-z0-9*\-._]/.test(char)) {
      out += char;
    } else if (char === ' ') {
      out += '+';
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && /[\udc00-\udfff]/.test(value.charAt(i + 1))) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += '%EF%BF%BD';
    } else {
      out += encodeURIComponent(char).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
  }
  return out;
}

/** A form body string `k=v&k=v` from pairs, form-urlencoded. */
export function encodeFormBody(pairs: FormPairs): string {
  return pairs.map(([name, value]) => `${formUrlEncode(name)}=${formUrlEncode(value)}`).join('&');
}

/**
 * The `Authorization: Basic …` header value for a confidential client (RFC 6749 §2.3.1): client id
 * and secret are form-urlencoded, joined with `:`, then base64 encoded with `base64` (which
 * receives ASCII only).
 */
export function basicAuthorization(clientId: string, clientSecret: string, base64: (s: string) => string): string {
  requireValue(
    clientId,
    'MISSING_VARIABLE',
    'The variable "client_id" is empty or missing; it is needed for the authorization-code token request. Set it in the active environment.',
    'client_id',
  );
  requireValue(
    clientSecret,
    'MISSING_VARIABLE',
    'The variable "client_secret" is empty or missing; it is needed for the authorization-code token request of a confidential client. Set it in the active environment.',
    'client_secret',
  );
  return `Basic ${base64(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`)}`;
}
