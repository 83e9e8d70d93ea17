/**
 * An independent OAuth 1.0a (HMAC-SHA256) verifier for tests: parses the Authorization header a
 * server received and recomputes the signature with node:crypto and WHATWG URLSearchParams.
 * It shares no code with scripts-src/ or simulator/.
 */
import { createHmac } from 'node:crypto';

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function parseOAuthHeader(header: string): Record<string, string> {
  if (!/^OAuth\s/.test(header)) throw new Error(`not an OAuth header: ${header.slice(0, 12)}`);
  const out: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) out[match[1]!] = decodeURIComponent(match[2]!);
  return out;
}

export interface ReceivedRequest {
  method: string;
  /** Absolute base URL of the server, e.g. http://127.0.0.1:1234 */
  origin: string;
  /** The request target as received: path and query. */
  target: string;
  authorization: string;
  contentType?: string;
  body?: string;
}

export function verifyTba(request: ReceivedRequest, secrets: { consumerSecret: string; tokenSecret: string }): { valid: boolean; params: Record<string, string>; baseString: string } {
  const params = parseOAuthHeader(request.authorization);
  const url = new URL(request.target, request.origin);
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(params)) if (k !== 'realm' && k !== 'oauth_signature') pairs.push([k, v]);
  for (const [k, v] of url.searchParams) pairs.push([k, v]);
  if (request.contentType?.startsWith('application/x-www-form-urlencoded') && request.body) {
    for (const [k, v] of new URLSearchParams(request.body)) pairs.push([k, v]);
  }
  const normalized = pairs
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const baseString = `${request.method.toUpperCase()}&${enc(`${url.protocol}//${url.host}${url.pathname}`)}&${enc(normalized)}`;
  const expected = createHmac('sha256', `${enc(secrets.consumerSecret)}&${enc(secrets.tokenSecret)}`).update(baseString).digest('base64');
  return { valid: expected === params.oauth_signature, params, baseString };
}
