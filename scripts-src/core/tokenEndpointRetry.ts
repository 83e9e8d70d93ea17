/**
 * The token endpoint sometimes fails for reasons a second try can fix: a 5xx (NetSuite answers
 * 503 temporarily_unavailable during maintenance or overload) or no answer at all (connection
 * reset, timeout). Asking for a token changes nothing on the server, so trying again is safe.
 * At most MAX_TOKEN_ENDPOINT_RETRIES retries after waits of 250–500, 500–1000 and 1000–2000 ms
 * (exponential, jittered): one token request waits 3.5 s at most in all, and a run always ends.
 * Anything else (a 4xx: wrong key, client, code…; an unresolvable host name) is final: trying
 * again cannot change it. Kept small on purpose: the every-request script bundles it.
 */

/** Retries after the first attempt (so at most 4 attempts). */
export const MAX_TOKEN_ENDPOINT_RETRIES = 3;
export const TOKEN_RETRY_BASE_DELAY_MS = 500;

export interface TokenRetryInput {
  /** HTTP status, or undefined when no response came (network error, timeout). */
  status: number | undefined;
  /** The transport error's text when there was no response. */
  error?: string;
  /** Retries already made for this token request. */
  retriesSoFar: number;
  /** A uniform number in [0, 1), for jitter. */
  random: () => number;
}

/** undefined: not a transient failure (handle the answer as it is). */
export type TokenRetryDecision = undefined | { retry: boolean; delayMs: number; reason: string };

export function decideTokenRetry(input: TokenRetryInput): TokenRetryDecision {
  const status = input.status;
  const n = input.retriesSoFar;
  if (status === undefined ? /ENOTFOUND|Invalid URI/.test(input.error || '') : status < 500 || status > 599) return undefined;
  const what = `token endpoint: ${status === undefined ? `no answer (${input.error || 'no response'})` : `HTTP ${status}`}`;
  const delayMs = Math.round(TOKEN_RETRY_BASE_DELAY_MS * 2 ** n * (0.5 + input.random() / 2));
  return n < MAX_TOKEN_ENDPOINT_RETRIES
    ? { retry: true, delayMs, reason: `${what}; retry ${n + 1} of ${MAX_TOKEN_ENDPOINT_RETRIES} in ${delayMs} ms` }
    : { retry: false, delayMs: 0, reason: `${what} on attempt ${n + 1}; giving up. Check status.netsuite.com and the network.` };
}

/**
 * Retries already made by request `requestId`, from `<requestId>|<retries>` kept between its
 * executions. Another request's entry starts afresh; an unreadable count means exhausted.
 */
export function tokenRetriesSoFar(raw: unknown, requestId: string): number {
  const parts = String(raw || '').split('|');
  return parts[0] !== requestId ? 0 : +parts[1]! >= 0 ? +parts[1]! : MAX_TOKEN_ENDPOINT_RETRIES;
}
