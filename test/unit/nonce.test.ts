import { randomInt } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { makeNonce, randomString } from '../../scripts-src/core/nonce';
import { NspError } from '../../scripts-src/core/NspError';

function failure(fn: () => unknown): NspError {
  try { fn(); } catch (error) { expect(error).toBeInstanceOf(NspError); return error as NspError; }
  throw new Error('expected an NspError');
}

describe('makeNonce', () => {
  it('makes 20 alphanumeric characters by default', () => {
    const nonce = makeNonce((n) => randomInt(n));
    expect(nonce).toMatch(/^[A-Za-z0-9]{20}$/);
  });
  it('is deterministic for a given random source and covers the alphabet', () => {
    let i = 0;
    expect(makeNonce(() => i++ % 62, 62)).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    expect(makeNonce(() => 0, 6)).toBe('AAAAAA');
    expect(makeNonce(() => 61, 64)).toBe('9'.repeat(64));
  });
  it('asks the random source for the alphabet size', () => {
    const asked: number[] = [];
    makeNonce((n) => { asked.push(n); return 0; }, 6);
    expect(asked).toEqual([62, 62, 62, 62, 62, 62]);
  });
  it.each([5, 65, 0, 20.5, NaN])('refuses length %s with BAD_NONCE_LENGTH', (length) => {
    const error = failure(() => makeNonce(() => 0, length));
    expect(error.code).toBe('BAD_NONCE_LENGTH');
    expect(error.message).toContain('6 to 64 alphanumeric');
    expect(error.message).toContain(String(length));
  });
  it.each([62, -1, 1.5, NaN])('refuses a random source returning %s with BAD_RANDOM_SOURCE', (value) => {
    const error = failure(() => makeNonce(() => value));
    expect(error.code).toBe('BAD_RANDOM_SOURCE');
    expect(error.message).toContain('from 0 to 61');
    expect(error.message).toContain('bug in the script adapter');
  });
  it('randomString draws from any alphabet', () => {
    expect(randomString(() => 1, 'xy', 3)).toBe('yyy');
    expect(randomString(() => 0, 'xy', 0)).toBe('');
  });
});
