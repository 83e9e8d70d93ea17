import type { AuthMethod } from './authMethod';
import type { RequestKind } from './requestKind';

export interface RetryInput {
  status: number;
  requestKind: RequestKind;
  method: AuthMethod;
  /** The request went out with a Bearer token from the cache. */
  sentBearer: boolean;
  /** The request went out with a Cookie header (from the jar, despite everything). */
  sentCookie: boolean;
  /** This request is itself the one retry. */
  alreadyRetried: boolean;
}

export type RetryDecision = { retry: false } | { retry: true; dropToken: boolean; reason: string };

/**
 * A 401 from the API is retried once, and only when a retry can change the outcome: the cached
 * token may have been revoked or expired early (drop it, re-mint), or a cookie went out (the jar
 * is emptied first). Never for TBA signatures, auth endpoints or a second time.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  if (input.status !== 401 || input.alreadyRetried) return { retry: false };
  if (input.requestKind === 'token' || input.requestKind === 'authorize' || input.requestKind === 'other') return { retry: false };
  if (input.sentCookie) return { retry: true, dropToken: false, reason: 'a Cookie header went out with the request; the cookie jar is emptied' };
  if (input.method !== 'tba' && input.sentBearer) {
    return { retry: true, dropToken: true, reason: 'the cached access token was refused (revoked or expired early); a new one is minted' };
  }
  return { retry: false };
}
