import { describe, expect, it, vi } from 'vitest';
import type { AuthPlanInput } from '../../scripts-src/core/authPlan';
import { planAuth } from '../../scripts-src/core/authPlan';

const NOW = 1_700_000_000_000;
const KEY = 'm2m|1234567_SB1|client';
const fresh = { key: KEY, accessToken: 'tok-fresh', expiresAt: NOW + 3600_000 };
const stale = { key: KEY, accessToken: 'tok-stale', expiresAt: NOW + 300_000 };

function input(overrides: Partial<AuthPlanInput>): AuthPlanInput {
  return {
    method: 'm2m',
    requestKind: 'rest',
    cached: undefined,
    cacheKey: KEY,
    nowMs: NOW,
    bufferSeconds: 600,
    canMint: false,
    hasRefreshToken: () => false,
    ...overrides,
  };
}

describe('planAuth', () => {
  it('adds nothing to auth endpoints', () => {
    expect(planAuth(input({ requestKind: 'token' }))).toEqual({ kind: 'none' });
    expect(planAuth(input({ requestKind: 'authorize', method: 'authcode' }))).toEqual({ kind: 'none' });
  });

  it('signs every TBA request', () => {
    expect(planAuth(input({ method: 'tba', cached: fresh }))).toEqual({ kind: 'tba' });
  });

  it('reuses a fresh cached token', () => {
    expect(planAuth(input({ cached: fresh }))).toEqual({ kind: 'bearer', accessToken: 'tok-fresh' });
    expect(planAuth(input({ method: 'authcode', cached: { ...fresh, key: KEY } }))).toEqual({ kind: 'bearer', accessToken: 'tok-fresh' });
  });

  it('re-mints inside the refresh buffer when the signer is loaded', () => {
    expect(planAuth(input({ cached: stale, canMint: true }))).toEqual({ kind: 'mint-m2m' });
  });

  it('never reuses a token minted for another account or client', () => {
    expect(planAuth(input({ cached: { ...fresh, key: 'm2m|7654321|client' }, canMint: true }))).toEqual({ kind: 'mint-m2m' });
  });

  it('names the one request to send first when it cannot mint (Newman, no signer)', () => {
    expect(() => planAuth(input({ cached: stale }))).toThrow(/Send "Auth \/ Mint M2M token" first/);
    try {
      planAuth(input({}));
    } catch (error) {
      expect((error as { code: string }).code).toBe('NEEDS_MINT');
    }
  });

  it('refreshes authcode tokens with the refresh token, or says how to get one', () => {
    expect(planAuth(input({ method: 'authcode', hasRefreshToken: () => true }))).toEqual({ kind: 'refresh' });
    // The refresh token is looked up only when the cached token cannot be used.
    const lookup = vi.fn(() => true);
    expect(planAuth(input({ method: 'authcode', cached: fresh, hasRefreshToken: lookup }))).toEqual({ kind: 'bearer', accessToken: 'tok-fresh' });
    expect(lookup).not.toHaveBeenCalled();
    expect(() => planAuth(input({ method: 'authcode' }))).toThrow(/Auth \/ Authorize URL \(PKCE\)/);
  });
});
