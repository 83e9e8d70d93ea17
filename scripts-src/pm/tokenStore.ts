import type { CachedToken } from '../core/tokenCache';
import { memoizeLast } from '../core/memoizeLast';
import { parseCachedToken, serializeToken } from '../core/tokenCache';

/** The slot's text is the same request after request until the next mint: parsed once (core/memoizeLast.ts). */
const cachedTokenOf = memoizeLast(parseCachedToken);

/**
 * Access tokens live in collection variables for the run (or the Postman app session), never in
 * the environment that teams export and share. One slot per OAuth 2.0 method; the entry's key
 * ties it to the account and client it was minted for.
 */
const SLOTS = { m2m: 'nsp_token_m2m', authcode: 'nsp_token_authcode' } as const;
export type TokenSlot = keyof typeof SLOTS;

export function loadToken(slot: TokenSlot): CachedToken | undefined {
  const raw = pm.collectionVariables.get(SLOTS[slot]);
  return typeof raw === 'string' && raw !== '' ? cachedTokenOf(raw) : undefined;
}

export function saveToken(slot: TokenSlot, token: CachedToken): void {
  pm.collectionVariables.set(SLOTS[slot], serializeToken(token));
}

export function dropToken(slot: TokenSlot): void {
  pm.collectionVariables.unset(SLOTS[slot]);
}

/** A refresh token issued by a code exchange in this session (the environment's wins). */
export const ISSUED_REFRESH_TOKEN = 'nsp_refresh_token';
/** PKCE verifier and state between "Authorize URL" and "Exchange authorization code". */
export const PKCE_VERIFIER = 'nsp_pkce_verifier';
export const PKCE_STATE = 'nsp_pkce_state';
export const AUTHORIZATION_CODE = 'nsp_authorization_code';
