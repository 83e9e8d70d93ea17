const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j += 1) out += alphabet.charAt((n >> (18 - 6 * j)) & 63);
    if (pad) for (let j = chars; j < 4; j += 1) out += '=';
  }
  return out;
}

/** RFC 4648 §4 base64, padded (an OAuth 1.0a signature). */
export function base64(bytes: Uint8Array): string {
  return encode(bytes, ALPHABET, true);
}

/** RFC 4648 §5 base64url, unpadded (JWT segments). */
export function base64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_ALPHABET, false);
}
