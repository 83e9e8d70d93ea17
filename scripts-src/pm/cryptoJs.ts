// crypto-js as both sandbox engines provide it through `require`: the hash, base64 and randomness
// the pure modules take as parameters (TBA's HMAC is core/hmacSha256Base64.ts).
import type CryptoJSNamespace from 'crypto-js';

declare const require: (name: 'crypto-js') => typeof CryptoJSNamespace;
/** Web Crypto, present in postman-sandbox 6.x (Postman app, Postman CLI), absent in 4.7.1 (Newman 6). */
declare const crypto: { getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T } | undefined;

/** Secure random bytes from Web Crypto, or undefined where the engine has none (Newman 6). */
export function webCryptoBytes(): ((length: number) => Uint8Array) | undefined {
  // One expression, so the bundle check sees every use of `crypto` behind its typeof test.
  return typeof crypto !== 'undefined' && crypto && typeof crypto.getRandomValues === 'function'
    ? bytesFrom(crypto)
    : undefined;
}

function bytesFrom(source: NonNullable<typeof crypto>): (length: number) => Uint8Array {
  return (length) => source.getRandomValues(new Uint8Array(length));
}

function cryptoJs(): typeof CryptoJSNamespace {
  return require('crypto-js');
}

export function sha256Base64(data: string): string {
  const CryptoJS = cryptoJs();
  return CryptoJS.enc.Base64.stringify(CryptoJS.SHA256(data));
}

/** Decodes base64url (or base64) to UTF-8 text, e.g. a JWT segment. */
export function base64UrlToUtf8(text: string): string {
  const CryptoJS = cryptoJs();
  return CryptoJS.enc.Base64.parse(text.replace(/-/g, '+').replace(/_/g, '/')).toString(CryptoJS.enc.Utf8);
}

export function base64Utf8(text: string): string {
  const CryptoJS = cryptoJs();
  return CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(text));
}

/**
 * `count` × 32 random bits: Web Crypto where the engine has it; else crypto-js's `WordArray.random`,
 * which in the crypto-js 3.3.0 both sandboxes ship is Math.random-based — the best Newman 6's
 * sandbox offers. Used for TBA nonces (uniqueness is what NetSuite checks), idempotency keys, PKCE
 * verifiers and `state`. Signatures need no randomness from here: ECDSA nonces are deterministic
 * (RFC 6979).
 */
function freshWords(count: number): ArrayLike<number> {
  if (typeof crypto !== 'undefined' && crypto && typeof crypto.getRandomValues === 'function') {
    return crypto.getRandomValues(new Uint32Array(count));
  }
  return cryptoJs().lib.WordArray.random(4 * count).words;
}

/**
 * Words are drawn POOL_WORDS at a time and each handed out once: a TBA nonce takes about 20, and
 * one call into the engine's random source per word cost every signed request (in the app's
 * engine, a typed array and a cross-realm call each). The pool lives as long as the module: a
 * request, or a run for the collection runtime.
 */
const POOL_WORDS = 64;
let pool: ArrayLike<number> = [];
let next = 0;

function randomWord(): number {
  if (next >= pool.length) {
    pool = freshWords(POOL_WORDS);
    next = 0;
  }
  const word = pool[next] as number;
  next += 1;
  return word >>> 0;
}

/** A uniform integer in [0, maxExclusive), without modulo bias. */
export function randomInt(maxExclusive: number): number {
  const limit = Math.floor(0x100000000 / maxExclusive) * maxExclusive;
  for (;;) {
    const value = randomWord();
    if (value < limit) return value % maxExclusive;
  }
}
