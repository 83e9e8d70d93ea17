import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from './base64';
import { memoizeLast } from './memoizeLast';
import { utf8Bytes } from './utf8Bytes';

/**
 * HMAC-SHA256 keyed with `key` (its UTF-8 bytes), before any data: TBA's key is the same for a whole
 * run, so each signature starts from a copy of this state instead of hashing the padded key again.
 */
const keyed = memoizeLast((key: string) => hmac.create(sha256, utf8Bytes(key)));

/**
 * HMAC-SHA256 of the UTF-8 bytes of `data` under the UTF-8 bytes of `key`, base64 encoded: the TBA
 * signature (RFC 5849 §3.4.2, with SHA-256). @noble/hashes, bundled into the runtime, rather than
 * the sandbox's crypto-js: measured in both engines, crypto-js's HMAC cost 0.24–0.28 ms of every TBA
 * request, most of what TBA costs over a cached token (bench/RESULTS.md, section 8).
 */
export function hmacSha256Base64(key: string, data: string): string {
  return base64(keyed(key).clone().update(utf8Bytes(data)).digest());
}
