import { describe, it, expect } from 'vitest';
import {
  cacheKey, isFresh, parseBufferSeconds,
} from '../../scripts-src/core/tokenCache';
import type { CachedToken } from '../../scripts-src/core/tokenCache';
import { NspError } from '../../scripts-src/core/NspError';

const BASE = { accountRealm: '1234567_SB1', clientId: 'cid', authMethod: 'm2m', certificateId: 'cert-1', scope: 'rest_webservices,restlets' };
const key = cacheKey(BASE);
const entry: CachedToken = { key, accessToken: 'tok', expiresAt: 3_600_000 };

describe('cacheKey', () => {
  it('separates account, client, method, certificate and scope', () => {
    expect(key).toBe('m2m|1234567_SB1|cid|cert-1|rest_webservices,restlets');
    expect(cacheKey({ ...BASE, accountRealm: '1234567_sb1', authMethod: 'M2M' })).toBe(key);
    expect(cacheKey({ ...BASE, accountRealm: '1234567' })).not.toBe(key);
    expect(cacheKey({ ...BASE, clientId: 'cid2' })).not.toBe(key);
    expect(cacheKey({ ...BASE, authMethod: 'authcode' })).not.toBe(key);
    expect(cacheKey({ ...BASE, certificateId: 'cert-2' })).not.toBe(key);
    expect(cacheKey({ ...BASE, scope: 'rest_webservices' })).not.toBe(key);
    expect(cacheKey({ ...BASE, scope: 'rest_webservices,restlets,suite_analytics' })).not.toBe(key);
  });
  it('compares scopes as a set and ignores blanks around the certificate id', () => {
    expect(cacheKey({ ...BASE, scope: ' restlets  rest_webservices,restlets' })).toBe(key);
    expect(cacheKey({ ...BASE, certificateId: ' cert-1 ' })).toBe(key);
  });
});

describe('isFresh', () => {
  it('is fresh until expiry minus the buffer', () => {
    expect(isFresh(entry, key, 0, 600)).toBe(true);
    expect(isFresh(entry, key, 2_999_999, 600)).toBe(true);
    expect(isFresh(entry, key, 3_000_000, 600)).toBe(false);
    expect(isFresh(entry, key, 3_599_999, 0)).toBe(true);
    expect(isFresh(entry, key, 3_600_000, 0)).toBe(false);
  });
  it('is never fresh for another key, no entry, or a buffer as long as the token life', () => {
    expect(isFresh(entry, cacheKey({ ...BASE, certificateId: 'cert-2' }), 0, 600)).toBe(false);
    expect(isFresh(undefined, key, 0, 600)).toBe(false);
    expect(isFresh(entry, key, 0, 3600)).toBe(false);
    expect(isFresh(entry, key, 0, 99999)).toBe(false);
  });
});

describe('parseBufferSeconds', () => {
  it('defaults to 600 and reads whole seconds', () => {
    expect(parseBufferSeconds(undefined)).toBe(600);
    expect(parseBufferSeconds('')).toBe(600);
    expect(parseBufferSeconds('  ')).toBe(600);
    expect(parseBufferSeconds('0')).toBe(0);
    expect(parseBufferSeconds(' 300 ')).toBe(300);
    expect(parseBufferSeconds('7200')).toBe(7200);
  });
  it.each(['-1', '1.5', '10m', 'abc', '1e3', '99999999999999999999'])('refuses %j with BAD_REFRESH_BUFFER', (value) => {
    let caught: unknown;
    try { parseBufferSeconds(value); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(NspError);
    const error = caught as NspError;
    expect(error.code).toBe('BAD_REFRESH_BUFFER');
    expect(error.variable).toBe('token_refresh_buffer_seconds');
    expect(error.message).toContain('"token_refresh_buffer_seconds"');
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.message).toContain('non-negative integer such as 600');
  });
});
