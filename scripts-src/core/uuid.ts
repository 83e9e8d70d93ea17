import type { RandomInt } from './nonce';
import { randomString } from './nonce';

const HEX = '0123456789abcdef';

/**
 * A random (version 4, RFC 9562) UUID from `randomInt`, e.g. for `X-NetSuite-Idempotency-Key`.
 * 122 random bits: the version nibble is 4 and the variant nibble one of 8, 9, a, b.
 */
export function uuidV4(randomInt: RandomInt): string {
  const hex = randomString(randomInt, HEX, 30);
  const variant = randomString(randomInt, '89ab', 1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-${variant}${hex.slice(15, 18)}-${hex.slice(18, 30)}`;
}
