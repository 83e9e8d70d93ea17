import { describe, expect, it } from 'vitest';
import type { RetryInput } from '../../scripts-src/core/retryPolicy';
import { decideRetry } from '../../scripts-src/core/retryPolicy';

const base: RetryInput = { status: 401, requestKind: 'rest', method: 'm2m', sentBearer: true, sentCookie: false, alreadyRetried: false };

describe('decideRetry', () => {
  it('retries a refused cached bearer token once, dropping the token', () => {
    expect(decideRetry(base)).toMatchObject({ retry: true, dropToken: true });
    expect(decideRetry({ ...base, alreadyRetried: true })).toEqual({ retry: false });
  });

  it('retries when a cookie went out, without dropping the token', () => {
    expect(decideRetry({ ...base, method: 'tba', sentBearer: false, sentCookie: true })).toMatchObject({ retry: true, dropToken: false });
  });

  it('does not retry TBA signatures, other statuses or auth endpoints', () => {
    expect(decideRetry({ ...base, method: 'tba', sentBearer: false })).toEqual({ retry: false });
    expect(decideRetry({ ...base, status: 403 })).toEqual({ retry: false });
    expect(decideRetry({ ...base, status: 200 })).toEqual({ retry: false });
    expect(decideRetry({ ...base, requestKind: 'token' })).toEqual({ retry: false });
  });

  it('retries RESTlet 401s too', () => {
    expect(decideRetry({ ...base, requestKind: 'restlet', method: 'authcode' })).toMatchObject({ retry: true });
  });
});
