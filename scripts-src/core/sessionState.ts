import { NspError } from './NspError';
import type { CachedToken } from './tokenCache';

/**
 * The one collection variable that holds the scripts' own state between requests. The engines copy
 * every declared collection variable into every script execution (about 30 µs per variable per
 * request), so the state nobody edits lives in one variable instead of six.
 */
export const SESSION_VARIABLE = 'nsp_session';

/** One cached access token per OAuth 2.0 method. */
export type TokenSlot = 'm2m' | 'authcode';

/** PKCE verifier and state between "Authorize URL (PKCE)" and "Exchange authorization code". */
export interface PkcePair {
  verifier: string;
  state: string;
}

/** A write sent with an idempotency key and not yet answered: sending it again reuses the key. */
export interface PendingWrite {
  requestId: string;
  key: string;
}

/**
 * The session document, stored as JSON text in {@link SESSION_VARIABLE}. Every field is optional:
 * an empty variable is an empty session. Values are shared (memoized) and never mutated: the
 * `with…` functions return a new document, or the same one when nothing changes.
 */
export interface SessionState {
  readonly m2m?: CachedToken;
  readonly authcode?: CachedToken;
  /** A refresh token NetSuite issued to a code exchange (the environment's `refresh_token` wins). */
  readonly refreshToken?: string;
  readonly pkce?: PkcePair;
  readonly idempotencyPending?: PendingWrite;
}

export const EMPTY_SESSION: SessionState = {};

const FIELDS = ['m2m', 'authcode', 'refreshToken', 'pkce', 'idempotencyPending'] as const;

type Plain = { [name: string]: unknown };

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function onlyKeys(value: Plain, keys: readonly string[]): boolean {
  for (const name in value) if (Object.prototype.hasOwnProperty.call(value, name) && keys.indexOf(name) < 0) return false;
  return true;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * Why the text is refused, naming only the collection's own field names: the variable holds tokens,
 * so neither its text nor a field name a user typed is ever repeated.
 */
function badSession(reason: string): NspError {
  return new NspError(
    'BAD_SESSION',
    `The collection variable "${SESSION_VARIABLE}" is not what this collection writes: ${reason}. It holds the collection's own ` +
      'state as JSON (cached access tokens, a refresh token issued by "Auth / Exchange authorization code", the PKCE pair, a ' +
      `pending write's idempotency key) and only the collection's scripts write it. Empty "${SESSION_VARIABLE}" (its current ` +
      'value) to start over: the next request mints or refreshes a new token.',
    SESSION_VARIABLE,
  );
}

function tokenFrom(value: unknown, field: string): CachedToken {
  if (isPlainObject(value) && onlyKeys(value, ['key', 'accessToken', 'expiresAt'])) {
    const { key, accessToken, expiresAt } = value;
    if (typeof key === 'string' && nonEmptyString(accessToken) && typeof expiresAt === 'number' && isFinite(expiresAt)) {
      return { key, accessToken, expiresAt };
    }
  }
  throw badSession(`"${field}" is not a cached token {key, accessToken, expiresAt}`);
}

function pairFrom<A extends string, B extends string>(value: unknown, field: string, a: A, b: B): Record<A | B, string> {
  if (isPlainObject(value) && onlyKeys(value, [a, b]) && nonEmptyString(value[a]) && nonEmptyString(value[b])) {
    return { [a]: value[a], [b]: value[b] } as Record<A | B, string>;
  }
  throw badSession(`"${field}" is not {${a}, ${b}} with two non-empty strings`);
}

/**
 * The session in the variable's text. Empty (or blank) text is an empty session. Anything else must
 * be the JSON {@link serializeSession} writes; otherwise throws `BAD_SESSION` (an NspError naming
 * {@link SESSION_VARIABLE}, saying what is wrong and that emptying it starts over).
 */
export function parseSession(text: string): SessionState {
  if (text.trim() === '') return EMPTY_SESSION;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (_error) {
    throw badSession('it is not JSON');
  }
  if (!isPlainObject(value)) throw badSession('it is not a JSON object');
  if (!onlyKeys(value, FIELDS)) throw badSession(`it has a field other than ${FIELDS.join(', ')}`);
  const session: { -readonly [F in keyof SessionState]: SessionState[F] } = {};
  if (value.m2m !== undefined) session.m2m = tokenFrom(value.m2m, 'm2m');
  if (value.authcode !== undefined) session.authcode = tokenFrom(value.authcode, 'authcode');
  if (value.refreshToken !== undefined) {
    if (!nonEmptyString(value.refreshToken)) throw badSession('"refreshToken" is not a non-empty string');
    session.refreshToken = value.refreshToken;
  }
  if (value.pkce !== undefined) session.pkce = pairFrom(value.pkce, 'pkce', 'verifier', 'state');
  if (value.idempotencyPending !== undefined) session.idempotencyPending = pairFrom(value.idempotencyPending, 'idempotencyPending', 'requestId', 'key');
  return session;
}

/** The variable's text for a session: its fields in a fixed order; the empty session is `''`. */
export function serializeSession(session: SessionState): string {
  // Fields copied one by one, in FIELDS order: a caller's extra properties never reach the variable.
  const out: Plain = {};
  const { m2m, authcode, refreshToken, pkce, idempotencyPending } = session;
  if (m2m) out.m2m = { key: m2m.key, accessToken: m2m.accessToken, expiresAt: m2m.expiresAt };
  if (authcode) out.authcode = { key: authcode.key, accessToken: authcode.accessToken, expiresAt: authcode.expiresAt };
  if (refreshToken) out.refreshToken = refreshToken;
  if (pkce) out.pkce = { verifier: pkce.verifier, state: pkce.state };
  if (idempotencyPending) out.idempotencyPending = { requestId: idempotencyPending.requestId, key: idempotencyPending.key };
  const text = JSON.stringify(out);
  return text === '{}' ? '' : text;
}

function sameToken(a: CachedToken | undefined, b: CachedToken | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.key === b.key && a.accessToken === b.accessToken && a.expiresAt === b.expiresAt);
}

function withField<F extends keyof SessionState>(session: SessionState, field: F, value: SessionState[F]): SessionState {
  const next: { -readonly [G in keyof SessionState]: SessionState[G] } = { ...session };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

/** The session with `slot`'s token replaced (`undefined` drops it); the same session when unchanged. */
export function withToken(session: SessionState, slot: TokenSlot, token: CachedToken | undefined): SessionState {
  return sameToken(session[slot], token) ? session : withField(session, slot, token);
}

/** The session with the issued refresh token replaced (`undefined` or `''` drops it). */
export function withRefreshToken(session: SessionState, refreshToken: string | undefined): SessionState {
  const value = refreshToken === '' ? undefined : refreshToken;
  return session.refreshToken === value ? session : withField(session, 'refreshToken', value);
}

/** The session with the PKCE pair replaced (`undefined` drops it). */
export function withPkce(session: SessionState, pkce: PkcePair | undefined): SessionState {
  const current = session.pkce;
  const same = current === pkce || (current !== undefined && pkce !== undefined && current.verifier === pkce.verifier && current.state === pkce.state);
  return same ? session : withField(session, 'pkce', pkce);
}

/** The session with the pending write replaced (`undefined` drops it). */
export function withIdempotencyPending(session: SessionState, pending: PendingWrite | undefined): SessionState {
  const current = session.idempotencyPending;
  const same = current === pending || (current !== undefined && pending !== undefined && current.requestId === pending.requestId && current.key === pending.key);
  return same ? session : withField(session, 'idempotencyPending', pending);
}
