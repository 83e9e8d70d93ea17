import { describe, it, expect } from 'vitest';
import { NspError } from '../../scripts-src/core/NspError';
import { DEFAULT_JWT_ALGORITHM, JWT_ALGORITHMS, parseJwtAlgorithm } from '../../scripts-src/core/jwtAlgorithm';
import { errorOf } from '../helpers/nspError';


describe('parseJwtAlgorithm', () => {
  it('defaults to PS256 when the variable is unset or empty', () => {
    expect(DEFAULT_JWT_ALGORITHM).toBe('PS256');
    expect(parseJwtAlgorithm(undefined)).toBe('PS256');
    expect(parseJwtAlgorithm('')).toBe('PS256');
    expect(parseJwtAlgorithm('   ')).toBe('PS256');
    expect(parseJwtAlgorithm('""')).toBe('PS256');
  });

  it('accepts exactly the six NetSuite algorithms', () => {
    expect([...JWT_ALGORITHMS]).toEqual(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);
  });

  it.each(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'])('accepts %s in any case, trimmed and unquoted', (alg) => {
    expect(parseJwtAlgorithm(alg)).toBe(alg);
    expect(parseJwtAlgorithm(alg.toLowerCase())).toBe(alg);
    expect(parseJwtAlgorithm(alg.charAt(0) + alg.charAt(1).toLowerCase() + alg.slice(2))).toBe(alg);
    expect(parseJwtAlgorithm(`  ${alg}\n`)).toBe(alg);
    expect(parseJwtAlgorithm(`"${alg}"`)).toBe(alg);
  });

  it.each([
    ['RS256', 'PS256'],
    ['rs384', 'PS384'],
    [' Rs512 ', 'PS512'],
  ])('refuses %s with RS256_REFUSED and points to %s with the same key', (value, replacement) => {
    const error = errorOf(() => parseJwtAlgorithm(value));
    expect(error.code).toBe('RS256_REFUSED');
    expect(error.variable).toBe('jwt_algorithm');
    expect(error.message).toContain('jwt_algorithm');
    expect(error.message).toContain('2025-03-01');
    expect(error.message).toContain('PKCS#1 v1.5');
    expect(error.message).toContain(`Set jwt_algorithm to ${replacement}`);
    expect(error.message).toContain('same RSA key');
    expect(error.message).toContain('no new certificate is needed');
  });

  it.each(['HS256', 'hs384', 'HS512'])('refuses the HMAC algorithm %s with BAD_JWT_ALGORITHM', (value) => {
    const error = errorOf(() => parseJwtAlgorithm(value));
    expect(error.code).toBe('BAD_JWT_ALGORITHM');
    expect(error.variable).toBe('jwt_algorithm');
    expect(error.message).toContain(`"${value.toUpperCase()}"`);
    expect(error.message).toContain('HMAC');
    expect(error.message).toContain('PS256, PS384, PS512, ES256, ES384, ES512');
  });

  it.each(['none', 'EdDSA', 'ES256K', 'PS1024', 'RSA-PSS', 'RS1'])('refuses %s with BAD_JWT_ALGORITHM listing the accepted ones', (value) => {
    const error = errorOf(() => parseJwtAlgorithm(value));
    expect(error.code).toBe('BAD_JWT_ALGORITHM');
    expect(error.message).toMatch(/^jwt_algorithm is /);
    expect(error.message).toContain('PS256, PS384, PS512, ES256, ES384, ES512');
    expect(error.message).toContain('default PS256');
  });

  it('does not echo a long or odd value (it may be a secret pasted into the wrong variable)', () => {
    const secret = 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5';
    const error = errorOf(() => parseJwtAlgorithm(secret));
    expect(error.code).toBe('BAD_JWT_ALGORITHM');
    expect(error.message).not.toContain(secret.toUpperCase());
    expect(error.message).not.toContain(secret);
    expect(error.message).toContain('not an algorithm name');
    const odd = errorOf(() => parseJwtAlgorithm('PS256; drop'));
    expect(odd.message).not.toContain('DROP');
  });

  it('refuses a value that is not text', () => {
    const error = errorOf(() => parseJwtAlgorithm(256 as unknown as string));
    expect(error.code).toBe('BAD_JWT_ALGORITHM');
    expect(error.message).toContain('type number');
  });
});
