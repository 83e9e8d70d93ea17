import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NonceRegistry } from './nonceRegistry.ts';

/** TBA (OAuth 1.0a) credentials known to the simulated account. */
export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

export const TIMESTAMP_WINDOW_SECONDS = 300;

/** RFC 3986 percent-encoding: only `A-Z a-z 0-9 - . _ ~` stay as they are (UTF-8). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Base string URI: lower-case scheme and host, default port dropped, path kept, no query. */
export function baseStringUri(origin: string, path: string): string {
  const url = new URL(origin);
  const defaultPort = (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  const port = url.port && !defaultPort ? `:${url.port}` : '';
  return `${url.protocol.toLowerCase()}//${url.hostname.toLowerCase()}${port}${path}`;
}

/** `METHOD&enc(uri)&enc(params)`, params encoded, sorted by name then value, duplicates kept. */
export function signatureBaseString(method: string, uri: string, params: Array<[string, string]>): string {
  const encoded = params.map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = encoded.map(([name, value]) => `${name}=${value}`).join('&');
  return `${method.toUpperCase()}&${percentEncode(uri)}&${percentEncode(normalized)}`;
}

export function hmacSha256Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha256', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(baseString).digest('base64');
}

export interface ParsedOAuthHeader {
  realm?: string;
  /** oauth_* parameters, decoded, signature included. */
  params: Map<string, string>;
}

/** Parses `OAuth realm="…", oauth_…="…"`; undefined when malformed. */
export function parseOAuthHeader(value: string): ParsedOAuthHeader | undefined {
  const match = /^OAuth\s+(.*)$/is.exec(value.trim());
  if (!match) return undefined;
  const params = new Map<string, string>();
  let realm: string | undefined;
  for (const part of match[1]!.split(',')) {
    if (part.trim() === '') continue;
    const pair = /^\s*([A-Za-z0-9_]+)\s*=\s*"([^"]*)"\s*$/.exec(part);
    if (!pair) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pair[2]!);
    } catch {
      return undefined;
    }
    const name = pair[1]!;
    if (name === 'realm') {
      realm = decoded;
    } else {
      if (params.has(name)) return undefined;
      params.set(name, decoded);
    }
  }
  return { ...(realm !== undefined ? { realm } : {}), params };
}

export interface TbaRequest {
  method: string;
  origin: string;
  path: string;
  query: URLSearchParams;
  /** Form-urlencoded body parameters; omit for JSON or other bodies. */
  form?: URLSearchParams;
  authorization: string;
}

export interface TbaContext {
  realm: string;
  nowMs: number;
  findCredentials: (consumerKey: string, tokenId: string) => { consumer?: TbaCredentials; token?: TbaCredentials };
  nonces: NonceRegistry;
}

export type TbaResult = { ok: true; consumerKey: string; tokenId: string } | { ok: false; reason: string; detail: string };

const reject = (reason: string, detail: string): TbaResult => ({ ok: false, reason, detail });
const REQUIRED = ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature'];

/** Verifies a TBA request: header, realm, HMAC-SHA256, version, timestamp, credentials, signature, nonce. */
export function verifyTba(request: TbaRequest, context: TbaContext): TbaResult {
  const header = parseOAuthHeader(request.authorization);
  if (!header) return reject('tba_malformed', 'The OAuth header is malformed.');
  for (const name of REQUIRED) {
    if (!header.params.get(name)) return reject('tba_malformed', `The OAuth header lacks ${name}.`);
  }
  const p = (name: string): string => header.params.get(name) ?? '';
  if (header.realm === undefined) return reject('tba_realm', 'The OAuth header has no realm.');
  if (header.realm !== context.realm) {
    return reject('tba_realm', `The realm must be the account id in upper case with underscore (${context.realm}).`);
  }
  if (p('oauth_signature_method') !== 'HMAC-SHA256') {
    return reject('tba_signature_method', `oauth_signature_method ${p('oauth_signature_method')} is not accepted; use HMAC-SHA256.`);
  }
  if (header.params.has('oauth_version') && p('oauth_version') !== '1.0') {
    return reject('tba_version', 'oauth_version must be 1.0.');
  }
  const timestamp = Number(p('oauth_timestamp'));
  if (!/^\d+$/.test(p('oauth_timestamp')) || Math.abs(timestamp - context.nowMs / 1000) > TIMESTAMP_WINDOW_SECONDS) {
    return reject('tba_timestamp', 'oauth_timestamp is more than 5 minutes away from the server clock.');
  }
  if (!/^[A-Za-z0-9]{6,64}$/.test(p('oauth_nonce'))) {
    return reject('tba_nonce_invalid', 'oauth_nonce must be 6 to 64 alphanumeric characters.');
  }
  const { consumer, token } = context.findCredentials(p('oauth_consumer_key'), p('oauth_token'));
  if (!consumer) return reject('tba_consumer_unknown', 'Unknown consumer key.');
  if (!token) return reject('tba_token_unknown', 'Unknown or revoked token.');
  const params: Array<[string, string]> = [];
  for (const [name, value] of header.params) if (name !== 'oauth_signature') params.push([name, value]);
  for (const [name, value] of request.query) params.push([name, value]);
  if (request.form) for (const [name, value] of request.form) params.push([name, value]);
  const base = signatureBaseString(request.method, baseStringUri(request.origin, request.path), params);
  const expected = Buffer.from(hmacSha256Signature(base, consumer.consumerSecret, token.tokenSecret), 'base64');
  const given = Buffer.from(p('oauth_signature'), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject('tba_signature_invalid', 'The OAuth signature does not match.');
  }
  if (context.nonces.has(p('oauth_token'), p('oauth_nonce'), context.nowMs)) {
    return reject('tba_nonce_reused', 'oauth_nonce was already used.');
  }
  context.nonces.remember(p('oauth_token'), p('oauth_nonce'), context.nowMs);
  return { ok: true, consumerKey: p('oauth_consumer_key'), tokenId: p('oauth_token') };
}
