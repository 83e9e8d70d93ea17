import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideTokenRetry, MAX_TOKEN_ENDPOINT_RETRIES, tokenRetriesSoFar } from '../../scripts-src/core/tokenEndpointRetry';

const base = { status: 503 as number | undefined, retriesSoFar: 0, random: () => 0.5 };

describe('token endpoint retry', () => {
  it('retries 5xx and missing answers, not 2xx/4xx or an unresolvable host', () => {
    for (const status of [500, 502, 503, 504, 599]) expect(decideTokenRetry({ ...base, status })).toMatchObject({ retry: true });
    for (const status of [200, 400, 401, 429, 404]) expect(decideTokenRetry({ ...base, status })).toBeUndefined();
    expect(decideTokenRetry({ ...base, status: undefined, error: 'ESOCKETTIMEDOUT' })).toMatchObject({ retry: true, reason: expect.stringMatching(/no answer \(ESOCKETTIMEDOUT\)/) });
    expect(decideTokenRetry({ ...base, status: undefined, error: 'getaddrinfo ENOTFOUND x' })).toBeUndefined();
  });

  it('backs off exponentially with jitter, then gives up after 3 retries with a reason', () => {
    expect([0, 1, 2].map((n) => decideTokenRetry({ ...base, retriesSoFar: n, random: () => 0 })!.delayMs)).toEqual([250, 500, 1000]);
    expect([0, 1, 2].map((n) => decideTokenRetry({ ...base, retriesSoFar: n, random: () => 0.999999 })!.delayMs)).toEqual([500, 1000, 2000]);
    expect(decideTokenRetry({ ...base, retriesSoFar: 3 })).toEqual({ retry: false, delayMs: 0, reason: expect.stringMatching(/HTTP 503 on attempt 4; giving up/) });
  });

  it('property: any sequence of failures ends within 4 attempts and 3.5 s of waiting', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (statuses, r) => {
        let waited = 0;
        let attempts = 0;
        for (const status of statuses) {
          attempts += 1;
          const decision = decideTokenRetry({ status, error: 'ECONNRESET', retriesSoFar: attempts - 1, random: () => r });
          if (!decision || !decision.retry) break;
          waited += decision.delayMs;
        }
        expect(attempts).toBeLessThanOrEqual(MAX_TOKEN_ENDPOINT_RETRIES + 1);
        expect(waited).toBeLessThanOrEqual(3500);
      }),
    );
  });

  it('reads the per-request retry count and fails closed on garbage', () => {
    expect(tokenRetriesSoFar(undefined, 'a')).toBe(0);
    expect(tokenRetriesSoFar('a|2', 'a')).toBe(2);
    expect(tokenRetriesSoFar('b|2', 'a')).toBe(0);
    expect(tokenRetriesSoFar('a|x', 'a')).toBe(MAX_TOKEN_ENDPOINT_RETRIES);
  });
});
