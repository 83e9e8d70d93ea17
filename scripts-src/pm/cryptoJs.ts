// crypto-js as both sandbox engines provide it through `require`. Everything the pure modules need
// as hash, HMAC, base64 or randomness parameters comes from here.
import type CryptoJSNamespace from 'crypto-js';

declare const require: (name: 'crypto-js') => typeof CryptoJSNamespace;

function cryptoJs(): typeof CryptoJSNamespace {
  return require('crypto-js');
}

export function hmacSha256Base64(key: string, data: string): string {
  const CryptoJS = cryptoJs();
  return CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(data, key));
}

export function sha256Base64(data: string): string {
  const CryptoJS = cryptoJs();
  return CryptoJS.enc.Base64.stringify(CryptoJS.SHA256(data));
}

export function base64Utf8(text: string): string {
  const CryptoJS = cryptoJs();
  return CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse(text));
}

/** A uniform integer in [0, maxExclusive) from crypto-js's secure random source. */
export function randomInt(maxExclusive: number): number {
  const CryptoJS = cryptoJs();
  const limit = Math.floor(0x100000000 / maxExclusive) * maxExclusive;
  for (;;) {
    const word = CryptoJS.lib.WordArray.random(4).words[0] as number;
    const value = word >>> 0;
    if (value < limit) return value % maxExclusive;
  }
}
