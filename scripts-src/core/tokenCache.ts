import { NspError } from './NspError';

export interface CacheKeyInput {
  /** Account in realm form, e.g. `1234567_SB1`. */
  accountRealm: string;
  /** OAuth 2.0 client id (not a secret; it is stored in a collection variable). */
  clientId: string;
  /** `m2m` or `authcode`. */
  authMethod: string;
  /** Certificate id of the M2M mapping (m2m; empty for authcode). */
  certificateId: string;
  /** The `scope` variable as set (order, case of separators and duplicates do not matter). */
  scope: string;
}

/** A cached access token; kept in the collection variable `nsp_session` (core/sessionState.ts), never in the environment. */
export interface CachedToken {
  key: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export const DEFAULT_REFRESH_BUFFER_SECONDS = 600;

/**
 * The key a cached token is valid for: same account, client, auth method, certificate and scope;
 * any change mints a new token. The realm is upper-cased so `1234567_sb1` and `1234567_SB1` share
 * a token; scopes are compared as a set.
 */
export function cacheKey(input: CacheKeyInput): string {
  const scopes = input.scope.split(/[\s,]+/).filter((s) => s !== '').sort();
  const unique = scopes.filter((s, i) => scopes.indexOf(s) === i).join(',');
  return [input.authMethod.toLowerCase(), input.accountRealm.toUpperCase(), input.clientId, input.certificateId.trim(), unique].join('|');
}

/**
 * True when `entry` exists, belongs to `key`, and `nowMs` is before its expiry minus the buffer.
 * With a buffer at least as long as the token's life, no token is ever fresh: each request
 * mints a new one (slow, but correct).
 */
export function isFresh(entry: CachedToken | undefined, key: string, nowMs: number, bufferSeconds: number): boolean {
  if (!entry || entry.key !== key || entry.accessToken === '') return false;
  return nowMs < entry.expiresAt - bufferSeconds * 1000;
}

/**
 * `token_refresh_buffer_seconds`: empty → 600; otherwise a non-negative whole number of seconds.
 * Throws `BAD_REFRESH_BUFFER` otherwise. A buffer of 3600 or more makes every request mint a new
 * token (see {@link isFresh}).
 */
export function parseBufferSeconds(value: string | undefined): number {
  const text = value === undefined || value === null ? '' : String(value).trim();
  if (text === '') return DEFAULT_REFRESH_BUFFER_SECONDS;
  const seconds = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(seconds <= Number.MAX_SAFE_INTEGER)) {
    throw new NspError(
      'BAD_REFRESH_BUFFER',
      `The variable "token_refresh_buffer_seconds" is ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}, ` +
        'which is not a whole number of seconds. Use a non-negative integer such as 600 (refresh 10 minutes before a ' +
        '60-minute token expires), or leave it empty for 600.',
      'token_refresh_buffer_seconds',
    );
  }
  return seconds;
}
