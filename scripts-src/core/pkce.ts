import { NspError } from './NspError';
import { ALPHANUMERIC, randomString } from './nonce';
import type { RandomInt } from './nonce';

/** RFC 7636 §4.1 `unreserved` characters. */
export const UNRESERVED = `${ALPHANUMERIC}-._~`;

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A PKCE code verifier (RFC 7636 §4.1): `length` (43–128, default 64) characters drawn from the
 * unreserved set. Throws `BAD_CODE_VERIFIER_LENGTH` for another length.
 */
export function makeCodeVerifier(randomInt: RandomInt, length = 64): string {
  if (typeof length !== 'number' || length !== Math.floor(length) || length < 43 || length > 128) {
    throw new NspError(
      'BAD_CODE_VERIFIER_LENGTH',
      `A PKCE code verifier length of ${String(length)} was requested; RFC 7636 requires 43 to 128 characters. Use an integer from 43 to 128 (default 64).`,
    );
  }
  return randomString(randomInt, UNRESERVED, length);
}

/**
 * The S256 code challenge: BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2).
 * `sha256Base64` returns standard base64 of the SHA-256 of its (ASCII) input. Throws
 * `BAD_CODE_VERIFIER` when `verifier` is not 43–128 unreserved characters.
 */
export function codeChallengeS256(verifier: string, sha256Base64: (data: string) => string): string {
  if (typeof verifier !== 'string' || !VERIFIER_PATTERN.test(verifier)) {
    throw new NspError(
      'BAD_CODE_VERIFIER',
      `The PKCE code verifier is not 43 to 128 characters from A-Z a-z 0-9 - . _ ~ (it has ${typeof verifier === 'string' ? verifier.length : 0} characters). Generate it with makeCodeVerifier.`,
    );
  }
  return sha256Base64(verifier).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An OAuth `state` value: `length` (default 32, at least 16) alphanumeric characters. */
export function makeState(randomInt: RandomInt, length = 32): string {
  if (typeof length !== 'number' || length !== Math.floor(length) || length < 16 || length > 256) {
    throw new NspError(
      'BAD_STATE_LENGTH',
      `An OAuth state length of ${String(length)} was requested; use an integer from 16 to 256 (default 32) so it cannot be guessed.`,
    );
  }
  return randomString(randomInt, ALPHANUMERIC, length);
}
