import type { AuthMethod } from './authMethod';
import { NspError } from './NspError';
import type { RequestKind } from './requestKind';
import type { CachedToken } from './tokenCache';
import { isFresh } from './tokenCache';

export type AuthPlan =
  | { kind: 'none' }
  | { kind: 'bearer'; accessToken: string }
  | { kind: 'mint-m2m' }
  | { kind: 'refresh' }
  | { kind: 'tba' };

export interface AuthPlanInput {
  method: AuthMethod;
  requestKind: RequestKind;
  cached: CachedToken | undefined;
  cacheKey: string;
  nowMs: number;
  bufferSeconds: number;
  /**
   * An M2M token can be minted here: the engine has Web Crypto (the Postman app's), or the
   * jsrsasign signer was loaded earlier in this run (by the Auth / Mint M2M token request).
   */
  canMint: boolean;
  /** A refresh token is available; asked only when no cached token can be used. */
  hasRefreshToken: () => boolean;
}

export const MINT_REQUEST = 'Auth / Mint M2M token';
export const AUTHORIZE_REQUEST = 'Auth / Authorize URL (PKCE)';

/** Decides how the current request gets its credentials; throws when it cannot get any. */
export function planAuth(input: AuthPlanInput): AuthPlan {
  if (input.requestKind === 'token' || input.requestKind === 'authorize') return { kind: 'none' };
  if (input.method === 'tba') return { kind: 'tba' };
  const fresh = input.cached !== undefined && isFresh(input.cached, input.cacheKey, input.nowMs, input.bufferSeconds);
  if (fresh) return { kind: 'bearer', accessToken: (input.cached as CachedToken).accessToken };
  if (input.method === 'm2m') {
    if (input.canMint) return { kind: 'mint-m2m' };
    throw new NspError(
      'NEEDS_MINT',
      `No fresh M2M access token for this account, client, certificate and scope, and this engine (Newman 6) has no Web Crypto ` +
        `to sign one. Send "${MINT_REQUEST}" first (it brings the signer), then this request. ` +
        '(A collection run does this by itself: the Auth folder runs first and later requests re-mint when the token ages.)',
    );
  }
  if (input.hasRefreshToken()) return { kind: 'refresh' };
  throw new NspError(
    'NEEDS_AUTHORIZATION',
    `No fresh access token and no refresh_token for auth_method authcode. Send "${AUTHORIZE_REQUEST}" and then "Auth / Exchange authorization code", or set refresh_token in the environment.`,
    'refresh_token',
  );
}
