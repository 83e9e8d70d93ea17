import type { PkcePair, SessionState, TokenSlot } from '../core/sessionState';
import type { CachedToken } from '../core/tokenCache';
import { memoizeLast } from '../core/memoizeLast';
import { parseSession, serializeSession, SESSION_VARIABLE, withField } from '../core/sessionState';

export type { TokenSlot } from '../core/sessionState';

/**
 * The scripts' own state lives in ONE collection variable, `nsp_session` (core/sessionState.ts):
 * the engines copy every declared collection variable into every script execution. It lasts the
 * run (or the Postman app session) and never reaches the environment that teams export and share.
 * Its text is the same request after request until something is written: parsed once while it
 * stays the same (core/memoizeLast.ts). A text that is not the collection's JSON throws
 * `BAD_SESSION`, every time it is read.
 */
const sessionOf = memoizeLast(parseSession);

function rawSession(): string {
  const raw = pm.collectionVariables.get(SESSION_VARIABLE);
  return raw === undefined || raw === null ? '' : String(raw);
}

/** The session as stored now (one variable read). */
export function loadSession(): SessionState {
  return sessionOf(rawSession());
}

/** Read, change, write back: no write when the change leaves the session as it was. */
function update(change: (session: SessionState) => SessionState): void {
  const raw = rawSession();
  const current = sessionOf(raw);
  const next = change(current);
  if (next === current) return;
  const text = serializeSession(next);
  if (text !== raw) pm.collectionVariables.set(SESSION_VARIABLE, text);
}

export function loadToken(slot: TokenSlot): CachedToken | undefined {
  return loadSession()[slot];
}

export function saveToken(slot: TokenSlot, token: CachedToken): void {
  update((session) => withField(session, slot, token));
}

export function dropToken(slot: TokenSlot): void {
  update((session) => withField(session, slot, undefined));
}

/** A refresh token NetSuite issued to a code exchange in this session (the environment's wins). */
export function issuedRefreshToken(): string | undefined {
  return loadSession().refreshToken;
}

export function saveIssuedRefreshToken(refreshToken: string): void {
  update((session) => withField(session, 'refreshToken', refreshToken));
}

/** The PKCE verifier and state "Auth / Authorize URL (PKCE)" made for the code exchange. */
export function loadPkce(): PkcePair | undefined {
  return loadSession().pkce;
}

export function savePkce(pkce: PkcePair): void {
  update((session) => withField(session, 'pkce', pkce));
}

/**
 * The idempotency key for `requestId`'s write: the key of its own unanswered earlier send (a retry
 * or re-send), else `newKey()`; kept pending until the answer comes. One read, at most one write.
 */
export function keyForWrite(requestId: string, newKey: () => string): string {
  let key = '';
  update((session) => {
    const earlier = session.idempotencyPending;
    key = earlier && earlier.requestId === requestId ? earlier.key : newKey();
    return withField(session, 'idempotencyPending', { requestId, key });
  });
  return key;
}

/** Forgets the pending write of `requestId` (its answer came); another request's stays. */
export function clearPendingWrite(requestId: string): void {
  update((session) => (session.idempotencyPending && session.idempotencyPending.requestId === requestId ? withField(session, 'idempotencyPending', undefined) : session));
}

/** The code users paste (or "Auth / Authorize URL (PKCE)" takes from the redirect): its own variable. */
export const AUTHORIZATION_CODE = 'nsp_authorization_code';
