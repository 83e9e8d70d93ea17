import { NspError } from './NspError';

/** A source of randomness: an integer in `[0, maxExclusive)`. The adapter supplies a CSPRNG-backed one. */
export type RandomInt = (maxExclusive: number) => number;

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `length` characters drawn uniformly from `alphabet` with `randomInt`. Throws `BAD_RANDOM_SOURCE`
 * when `randomInt` returns something other than an integer in range (a broken adapter must not
 * silently produce predictable values).
 */
export function randomString(randomInt: RandomInt, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const index = randomInt(alphabet.length);
    if (typeof index !== 'number' || index !== Math.floor(index) || index < 0 || index >= alphabet.length) {
      throw new NspError(
        'BAD_RANDOM_SOURCE',
        `The random source returned ${String(index)} when asked for an integer from 0 to ${alphabet.length - 1}. ` +
          'This is a bug in the script adapter, not in your environment.',
      );
    }
    out += alphabet.charAt(index);
  }
  return out;
}

/**
 * A TBA nonce: `length` alphanumeric characters (NetSuite accepts 6–64; default 20). Throws
 * `BAD_NONCE_LENGTH` for another length.
 */
export function makeNonce(randomInt: RandomInt, length = 20): string {
  if (typeof length !== 'number' || length !== Math.floor(length) || length < 6 || length > 64) {
    throw new NspError(
      'BAD_NONCE_LENGTH',
      `A TBA nonce length of ${String(length)} was requested; NetSuite accepts 6 to 64 alphanumeric characters. Use an integer from 6 to 64 (default 20).`,
    );
  }
  return randomString(randomInt, ALPHANUMERIC, length);
}
