import { createHash, randomInt } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { codeChallengeS256, makeCodeVerifier, makeState, UNRESERVED } from '../../scripts-src/core/pkce';
import { NspError } from '../../scripts-src/core/NspError';

const sha256Base64 = (data: string) => createHash('sha256').update(data, 'utf8').digest('base64');
const rnd = (n: number) => randomInt(n);

function failure(fn: () => unknown): NspError {
  try { fn(); } catch (error) { expect(error).toBeInstanceOf(NspError); return error as NspError; }
  throw new Error('expected an NspError');
}

describe('PKCE', () => {
  it('matches RFC 7636 appendix B', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', sha256Base64)).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
  it('produces base64url without padding that matches node', () => {
    for (let i = 0; i < 200; i++) {
      const verifier = makeCodeVerifier(rnd);
      const challenge = codeChallengeS256(verifier, sha256Base64);
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    }
  });
  it('makes verifiers of 43–128 unreserved characters', () => {
    expect(makeCodeVerifier(rnd)).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(makeCodeVerifier(rnd, 43)).toHaveLength(43);
    expect(makeCodeVerifier(rnd, 128)).toHaveLength(128);
    let i = 0;
    expect(makeCodeVerifier(() => i++ % 66, 66)).toBe(UNRESERVED);
    expect(UNRESERVED).toHaveLength(66);
  });
  it.each([42, 129, 50.5])('refuses verifier length %s with BAD_CODE_VERIFIER_LENGTH', (length) => {
    const error = failure(() => makeCodeVerifier(rnd, length));
    expect(error.code).toBe('BAD_CODE_VERIFIER_LENGTH');
    expect(error.message).toContain('43 to 128 characters');
  });
  it.each(['short', 'a'.repeat(129), 'a'.repeat(42) + '+', 'a'.repeat(43) + ' '])('refuses verifier %j with BAD_CODE_VERIFIER', (verifier) => {
    const error = failure(() => codeChallengeS256(verifier, sha256Base64));
    expect(error.code).toBe('BAD_CODE_VERIFIER');
    expect(error.message).toContain('43 to 128 characters from A-Z a-z 0-9 - . _ ~');
    expect(error.message).toContain(`it has ${verifier.length} characters`);
  });
  it('makes alphanumeric states', () => {
    expect(makeState(rnd)).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(makeState(() => 1, 16)).toBe('B'.repeat(16));
  });
  it.each([15, 257, 1.5])('refuses state length %s with BAD_STATE_LENGTH', (length) => {
    const error = failure(() => makeState(rnd, length));
    expect(error.code).toBe('BAD_STATE_LENGTH');
    expect(error.message).toContain('from 16 to 256');
  });
});
