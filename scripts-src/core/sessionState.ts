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

/**
 * Each field's members, in the order they are written; `null` for a plain string. Every
 * member is a non-empty string except `expiresAt`, a number.
 */
const SHAPES: { readonly [F in keyof SessionState]-?: readonly string[] | null } = {
  m2m: ['key', 'accessToken', 'expiresAt'],
  authcode: ['key', 'accessToken', 'expiresAt'],
  refreshToken: null,
  pkce: ['verifier', 'state'],
  idempotencyPending: ['requestId', 'key'],
};
const FIELDS = Object.keys(SHAPES) as (keyof SessionState)[];
/** JSON.stringify's property list: fixed order, and nothing else a caller's objects carry. */
const WRITTEN = [...FIELDS, 'requestId', 'key', 'accessToken', 'expiresAt', 'verifier', 'state'];

type Plain = { [name: string]: unknown };

function isObjectWithOnly(value: unknown, keys: readonly string[]): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const name in value) if (keys.indexOf(name) < 0) return false;
  return true;
}

function isValid(value: unknown, members: readonly string[] | null): boolean {
  if (!members) return typeof value === 'string' && value !== '';
  return isObjectWithOnly(value, members) && members.every((name) => (name === 'expiresAt' ? typeof value[name] === 'number' && isFinite(value[name] as number) : isValid(value[name], null)));
}

/**
 * Why the text is refused, naming only the collection's own field names: the variable holds tokens,
 * so neither its text nor a field name a user typed is ever repeated.
 */
function badSession(reason: string): NspError {
  return new NspError(
    'BAD_SESSION',
    `The collection variable "${SESSION_VARIABLE}" is not what this collection writes (${reason}). Only the collection's scripts ` +
      `write it (cached tokens, an issued refresh token, the PKCE pair, a pending write's key). Empty "${SESSION_VARIABLE}" (its ` +
      'current value) to start over: the next request gets a new token.',
    SESSION_VARIABLE,
  );
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
  if (!isObjectWithOnly(value, FIELDS)) throw badSession(`it is not a JSON object of ${FIELDS.join(', ')}`);
  for (const field of FIELDS) {
    const members = SHAPES[field];
    if (value[field] !== undefined && !isValid(value[field], members)) {
      throw badSession(`"${field}" is not ${members ? `{${members.join(', ')}}` : 'a non-empty string'}`);
    }
  }
  return value as SessionState;
}

/** The variable's text for a session: known fields in a fixed order; the empty session is `''`. */
export function serializeSession(session: SessionState): string {
  const text = JSON.stringify(session, WRITTEN);
  return text === '{}' ? '' : text;
}

/**
 * The session with `field` replaced (`undefined` drops it): a new document, or the same one when
 * the value is the same (then nothing needs writing).
 */
export function withField<F extends keyof SessionState>(session: SessionState, field: F, value: SessionState[F]): SessionState {
  if (JSON.stringify(session[field], WRITTEN) === JSON.stringify(value, WRITTEN)) return session;
  const next: { -readonly [G in keyof SessionState]: SessionState[G] } = { ...session };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}
