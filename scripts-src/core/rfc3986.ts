/**
 * RFC 3986 helpers: strict percent-encoding (OAuth 1.0a / RFC 5849 §3.6) and splitting an absolute
 * URI into its components (RFC 3986 appendix B), for a sandbox where `URL` is not guaranteed.
 */

const HEX = '0123456789ABCDEF';

function isUnreserved(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e // ~
  );
}

function pushByte(out: string[], byte: number): void {
  out.push('%', HEX.charAt(byte >> 4), HEX.charAt(byte & 0x0f));
}

/**
 * Percent-encodes `value` as RFC 3986 requires for OAuth 1.0a: only `A-Z a-z 0-9 - . _ ~` stay
 * as they are; every other character is UTF-8 encoded and each byte written `%XX` with upper-case
 * hex. Unlike `encodeURIComponent`, `! * ' ( )` are escaped too.
 *
 * Lone surrogates (a UTF-16 high surrogate not followed by a low one, or a low surrogate alone)
 * cannot be UTF-8 encoded; `encodeURIComponent` throws on them. Here each one is replaced by
 * U+FFFD (`%EF%BF%BD`), which is what `TextEncoder`, Node's `Buffer` and the WHATWG URL parser do
 * when they put such a string on the wire, so the signature covers the bytes actually sent.
 */
export function percentEncode(value: string): string {
  // Most values (keys, ids, nonces, timestamps) need nothing, and the rest are what
  // encodeURIComponent does plus `! * ' ( )`: native code, fast from a run's first request, where
  // a character loop runs interpreted until the engine has warmed it up (every run: a new sandbox).
  if (UNRESERVED_ONLY.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch (_error) {
    return encodeBytes(value); // a lone surrogate: U+FFFD, below
  }
  return encoded.replace(KEPT_BY_ENCODE_URI_COMPONENT, escapeCharacter);
}

const UNRESERVED_ONLY = /^[A-Za-z0-9._~-]*$/;
const KEPT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

function escapeCharacter(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** The same encoding, byte by byte, with lone surrogates written as U+FFFD. */
function encodeBytes(value: string): string {
  const out: string[] = [];
  const length = value.length;
  for (let i = 0; i < length; i++) {
    let code = value.charCodeAt(i);
    if (code < 0x80) {
      if (isUnreserved(code)) out.push(value.charAt(i));
      else pushByte(out, code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < length ? value.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x800) {
      pushByte(out, 0xc0 | (code >> 6));
      pushByte(out, 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      pushByte(out, 0xe0 | (code >> 12));
      pushByte(out, 0x80 | ((code >> 6) & 0x3f));
      pushByte(out, 0x80 | (code & 0x3f));
    } else {
      pushByte(out, 0xf0 | (code >> 18));
      pushByte(out, 0x80 | ((code >> 12) & 0x3f));
      pushByte(out, 0x80 | ((code >> 6) & 0x3f));
      pushByte(out, 0x80 | (code & 0x3f));
    }
  }
  return out.join('');
}

/** The components of an absolute URI. `host` keeps IPv6 brackets (`[::1]`) and its case. */
export interface UriParts {
  /** Scheme without the colon, lower-cased. */
  scheme: string;
  /** Host as written (brackets kept for IPv6 literals); empty when the URI has no authority. */
  host: string;
  /** Port digits as written, or `undefined` when absent or empty. */
  port: string | undefined;
  /** Path as written (may be empty). */
  path: string;
  /** Query without the `?`, or `undefined` when there is no `?`. */
  query: string | undefined;
  /** Fragment without the `#`, or `undefined`. */
  fragment: string | undefined;
}

// RFC 3986 appendix B, anchored; every string matches it.
const URI_PATTERN = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;

/**
 * Splits an absolute URI with an authority (`scheme://host[:port]/path?query#fragment`) into its
 * parts, dropping any `userinfo@`. Returns `undefined` when `value` has no scheme, no `//`
 * authority, an empty host, or a port that is not all digits. No decoding is done.
 */
export function splitUri(value: string): UriParts | undefined {
  const match = URI_PATTERN.exec(value);
  if (!match) return undefined;
  const scheme = match[1];
  const authority = match[2];
  if (scheme === undefined || authority === undefined) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme)) return undefined;
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  let host: string;
  let portText: string | undefined;
  if (hostPort.charAt(0) === '[') {
    const close = hostPort.indexOf(']');
    if (close < 0) return undefined;
    host = hostPort.slice(0, close + 1);
    const rest = hostPort.slice(close + 1);
    if (rest !== '' && rest.charAt(0) !== ':') return undefined;
    portText = rest === '' ? undefined : rest.slice(1);
  } else {
    const colon = hostPort.indexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    portText = colon >= 0 ? hostPort.slice(colon + 1) : undefined;
  }
  if (host === '') return undefined;
  if (portText !== undefined && !/^[0-9]*$/.test(portText)) return undefined;
  return {
    scheme: scheme.toLowerCase(),
    host,
    port: portText === undefined || portText === '' ? undefined : portText,
    path: match[3] ?? '',
    query: match[4],
    fragment: match[5],
  };
}
