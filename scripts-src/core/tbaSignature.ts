import { NspError } from './NspError';
import { percentEncode, splitUri } from './rfc3986';

/** Everything one TBA (OAuth 1.0a, HMAC-SHA256) signature depends on. */
export interface TbaSignInput {
  /** HTTP method; upper-cased for the base string. */
  method: string;
  /**
   * Absolute request URL exactly as it will be sent, query string included. Query parameters are
   * read as application/x-www-form-urlencoded (RFC 5849 §3.4.1.3.1): `+` is a space and `%XX`
   * sequences are UTF-8; a literal plus must be written `%2B`.
   */
  url: string;
  /** Decoded name/value pairs of an `application/x-www-form-urlencoded` body; omit for JSON bodies. */
  formParams?: Array<[string, string]>;
  /** TBA realm: the account id in realm form (`1234567`, `1234567_SB1`, `1234567_RP`, `TSTDRV1234567`). */
  realm: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  /** 6–64 alphanumeric characters, unique per request. */
  nonce: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** HMAC-SHA256 of UTF-8 `data` under UTF-8 `key`, base64 encoded (crypto-js in the sandbox). */
  hmacSha256Base64: (key: string, data: string) => string;
}

export interface TbaSignature {
  /** The complete `Authorization` header value. */
  authorization: string;
  /** The base64 signature, not percent-encoded. */
  signature: string;
  /** The signature base string (contains no secret; useful for diagnosis). */
  baseString: string;
}

const REALM_PATTERN = /^(?:[0-9]+(?:_SB[1-9][0-9]*|_RP)?|TSTDRV[0-9]+)$/;

function decodeFormComponent(text: string, url: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch (_error) {
    throw new NspError(
      'BAD_REQUEST_URL',
      `The request URL's query has a malformed percent escape in ${JSON.stringify(text)} (a "%" not followed by two ` +
        `hex digits, or bytes that are not UTF-8), so it cannot be signed the way NetSuite will read it. ` +
        `Write a literal "%" as %25 and encode non-ASCII characters as UTF-8. URL: ${url}`,
    );
  }
}

/** Decoded name/value pairs of a form-urlencoded query (`a=1&b&c=x+y`); empty segments are skipped. */
export function parseQueryPairs(query: string, url = ''): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (query === '') return pairs;
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = eq >= 0 ? piece.slice(0, eq) : piece;
    const value = eq >= 0 ? piece.slice(eq + 1) : '';
    pairs.push([decodeFormComponent(name, url), decodeFormComponent(value, url)]);
  }
  return pairs;
}

/**
 * RFC 3986 §5.2.4 remove_dot_segments: `.` and `..` segments resolved, as every HTTP client does
 * before sending (so the signature covers the path the server actually receives).
 */
export function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..' && output.length > 1) output.pop();
      if (last) output.push('');
    } else {
      output.push(segment);
    }
  }
  const joined = output.join('/');
  return joined.charAt(0) === '/' || path.charAt(0) !== '/' ? joined : `/${joined}`;
}

/**
 * The base string URI (RFC 5849 §3.4.1.2): scheme and host lower-cased, port kept only when it is
 * not the scheme's default, path as sent (dot segments resolved, `/` when empty), no query or
 * fragment.
 */
export function baseStringUri(url: string): string {
  const parts = splitUri(url);
  if (!parts || (parts.scheme !== 'http' && parts.scheme !== 'https')) {
    throw new NspError(
      'BAD_REQUEST_URL',
      `The request URL ${JSON.stringify(url)} is not an absolute http(s) URL, so it cannot be TBA-signed. ` +
        'Check the base-URL variables (suitetalk_base_url, restlets_base_url) and that every {{variable}} in the URL is defined.',
    );
  }
  const defaultPort = parts.scheme === 'https' ? '443' : '80';
  const port = parts.port === undefined || Number(parts.port) === Number(defaultPort) ? '' : `:${Number(parts.port)}`;
  const path = parts.path === '' ? '/' : removeDotSegments(parts.path);
  return `${parts.scheme}://${parts.host.toLowerCase()}${port}${path}`;
}

/** Encoded `name=value` pairs sorted by encoded name, then encoded value (code-unit order), joined with `&`. */
export function normalizeParameters(pairs: Array<[string, string]>): string {
  const encoded = pairs.map(([name, value]): [string, string] => [percentEncode(name), percentEncode(value)]);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

function requireText(value: unknown, variable: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new NspError(
      'MISSING_VARIABLE',
      `The variable "${variable}" is empty or missing; it is needed to sign TBA requests. Set it in the active environment.`,
      variable,
    );
  }
  return value;
}

/**
 * Signs one request with NetSuite token-based authentication (OAuth 1.0a, HMAC-SHA256). `realm`
 * goes in the header only, never in the base string. Throws `BAD_REALM` (variable `account_id`)
 * when `realm` is not in realm form, `BAD_NONCE`, `BAD_TIMESTAMP`, `BAD_HTTP_METHOD`,
 * `BAD_REQUEST_URL`, or `MISSING_VARIABLE` for an empty credential.
 */
export function signTba(input: TbaSignInput): TbaSignature {
  const consumerKey = requireText(input.consumerKey, 'consumer_key');
  const consumerSecret = requireText(input.consumerSecret, 'consumer_secret');
  const tokenId = requireText(input.tokenId, 'token_id');
  const tokenSecret = requireText(input.tokenSecret, 'token_secret');
  if (typeof input.realm !== 'string' || !REALM_PATTERN.test(input.realm)) {
    throw new NspError(
      'BAD_REALM',
      `The TBA realm ${JSON.stringify(String(input.realm))} is not an account id in realm form (upper case with underscore: ` +
        `1234567, 1234567_SB1, 1234567_RP, TSTDRV1234567); NetSuite rejects e.g. 1234567_sb1 or 1234567-SB1. ` +
        'Check the variable "account_id".',
      'account_id',
    );
  }
  if (typeof input.nonce !== 'string' || !/^[A-Za-z0-9]{6,64}$/.test(input.nonce)) {
    throw new NspError(
      'BAD_NONCE',
      'The TBA nonce must be 6 to 64 alphanumeric characters (NetSuite rejects other nonces); generate it with makeNonce.',
    );
  }
  const timestamp = input.timestamp;
  if (typeof timestamp !== 'number' || timestamp !== Math.floor(timestamp) || timestamp < 0 || !isFinite(timestamp)) {
    throw new NspError(
      'BAD_TIMESTAMP',
      `The TBA timestamp ${String(timestamp)} is not a whole number of seconds since 1970; pass Math.floor(Date.now() / 1000).`,
    );
  }
  const method = String(input.method === undefined ? '' : input.method).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) {
    throw new NspError('BAD_HTTP_METHOD', `The HTTP method ${JSON.stringify(method)} is not a plain method name such as GET or POST.`);
  }

  const uri = baseStringUri(input.url);
  const parts = splitUri(input.url);
  const query = parts && parts.query !== undefined ? parts.query : '';

  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', consumerKey],
    ['oauth_token', tokenId],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(timestamp)],
    ['oauth_nonce', input.nonce],
    ['oauth_version', '1.0'],
  ];
  const params = oauth.concat(parseQueryPairs(query, input.url), input.formParams || []);
  const baseString = `${method}&${percentEncode(uri)}&${percentEncode(normalizeParameters(params))}`;
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  const signature = input.hmacSha256Base64(key, baseString);

  const header = [`realm="${percentEncode(input.realm)}"`]
    .concat(oauth.map(([name, value]) => `${name}="${percentEncode(value)}"`))
    .concat(`oauth_signature="${percentEncode(signature)}"`);
  return { authorization: `OAuth ${header.join(',')}`, signature, baseString };
}
