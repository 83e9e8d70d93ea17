import { describe, expect, it } from 'vitest';
import type { RateLimitInput } from '../../scripts-src/core/rateLimitPolicy';
import { decideRateLimitRetry, isRateLimited, MAX_RATE_LIMIT_RETRIES, retryAfterMs } from '../../scripts-src/core/rateLimitPolicy';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const base: RateLimitInput = { status: 429, bodyText: '', retryAfter: undefined, retriesSoFar: 0, nowMs: NOW, random: () => 0.5 };

describe('rate limits', () => {
  it('recognises REST 429 and the RESTlet SSS_REQUEST_LIMIT_EXCEEDED', () => {
    expect(isRateLimited(429, '')).toBe(true);
    expect(isRateLimited(400, '{"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED"}}')).toBe(true);
    expect(isRateLimited(400, '{"error":{"code":"INVALID_PARAMETER"}}')).toBe(false);
    expect(decideRateLimitRetry({ ...base, status: 200 })).toEqual({ limited: false });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3', NOW)).toBe(3000);
    expect(retryAfterMs('Mon, 23 Nov 2026 12:00:05 GMT', NOW)).toBe(5000);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });

  it('honours Retry-After', () => {
    expect(decideRateLimitRetry({ ...base, retryAfter: '2' })).toMatchObject({ retry: true, delayMs: 2000 });
  });

  it('backs off exponentially with jitter when there is no Retry-After', () => {
    const delays = [0, 1, 2].map((retriesSoFar) => (decideRateLimitRetry({ ...base, retriesSoFar, random: () => 0 }) as { delayMs: number }).delayMs);
    expect(delays).toEqual([500, 1000, 2000]);
    const high = decideRateLimitRetry({ ...base, retriesSoFar: 2, random: () => 0.999 }) as { delayMs: number };
    expect(high.delayMs).toBeGreaterThan(3900);
    expect(high.delayMs).toBeLessThanOrEqual(4000);
  });

  it('gives up after the cap, and on a Retry-After longer than the run waits', () => {
    const out = decideRateLimitRetry({ ...base, retriesSoFar: MAX_RATE_LIMIT_RETRIES });
    expect(out).toMatchObject({ limited: true, retry: false });
    expect((out as { reason: string }).reason).toMatch(/after 3 retries/);
    expect(decideRateLimitRetry({ ...base, retryAfter: '120' })).toMatchObject({ retry: false, reason: expect.stringMatching(/Retry-After 120 s/) });
  });
});
