/**
 * NetSuite's concurrency limit: REST web services answer 429, RESTlets 400 with
 * SSS_REQUEST_LIMIT_EXCEEDED. Such a request was not executed, so sending it again is safe.
 * Retry-After is honoured when NetSuite sends it (unconfirmed that it does); otherwise the wait
 * grows exponentially with jitter. Attempts and each wait are capped so a run always ends.
 */
export const MAX_RATE_LIMIT_RETRIES = 3;
export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30_000;

export interface RateLimitInput {
  status: number;
  bodyText: string;
  /** The Retry-After header, if any: seconds or an HTTP date. */
  retryAfter: string | undefined;
  /** Retries already made for this request. */
  retriesSoFar: number;
  nowMs: number;
  /** A uniform number in [0, 1), for jitter. */
  random: () => number;
}

export type RateLimitDecision =
  | { limited: false }
  | { limited: true; retry: true; delayMs: number; reason: string }
  | { limited: true; retry: false; reason: string };

export function isRateLimited(status: number, bodyText: string): boolean {
  return status === 429 || (status === 400 && bodyText.indexOf('SSS_REQUEST_LIMIT_EXCEEDED') >= 0);
}

/** Milliseconds the server asked to wait, or undefined when the header is absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function decideRateLimitRetry(input: RateLimitInput): RateLimitDecision {
  if (!isRateLimited(input.status, input.bodyText)) return { limited: false };
  const what = input.status === 429 ? '429 Too Many Requests' : '400 SSS_REQUEST_LIMIT_EXCEEDED';
  if (input.retriesSoFar >= MAX_RATE_LIMIT_RETRIES) {
    return {
      limited: true,
      retry: false,
      reason: `${what} after ${MAX_RATE_LIMIT_RETRIES} retries: the account's concurrency limit is still exhausted. Run fewer requests in parallel (CI matrix max-parallel, other integrations of the account) or raise the account's limit.`,
    };
  }
  const asked = retryAfterMs(input.retryAfter, input.nowMs);
  if (asked !== undefined && asked > MAX_DELAY_MS) {
    return {
      limited: true,
      retry: false,
      reason: `${what} with Retry-After ${Math.round(asked / 1000)} s, longer than the ${MAX_DELAY_MS / 1000} s this run waits. Try again later.`,
    };
  }
  const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * Math.pow(2, input.retriesSoFar));
  const delayMs = asked !== undefined ? asked : Math.round(backoff / 2 + input.random() * (backoff / 2));
  return {
    limited: true,
    retry: true,
    delayMs,
    reason: `${what}${asked !== undefined ? ` (Retry-After ${Math.round(asked / 1000)} s)` : ''}: waiting ${delayMs} ms, then retry ${input.retriesSoFar + 1} of ${MAX_RATE_LIMIT_RETRIES}`,
  };
}
