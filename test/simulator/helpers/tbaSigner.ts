// An independent OAuth 1.0a (NetSuite TBA) signer for the tests, written from RFC 5849 and
// NetSuite's rules, sharing no code with the simulator or scripts-src.
import { createHmac, randomBytes } from 'node:crypto';

export interface TbaSecrets {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export function rfc3986(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface TbaSignInput {
  method: string;
  url: string;
  realm: string;
  secrets: TbaSecrets;
  nonce?: string;
  timestamp?: number;
  signatureMethod?: string;
  /** Form-urlencoded body parameters to include in the signature. */
  form?: Array<[string, string]>;
  /** Algorithm used for the HMAC (sha256 unless testing a refusal). */
  hmac?: 'sha256' | 'sha1';
}

export function tbaSignature(input: TbaSignInput): { signature: string; baseString: string; oauth: Array<[string, string]> } {
  const url = new URL(input.url);
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', input.secrets.consumerKey],
    ['oauth_token', input.secrets.token],
    ['oauth_signature_method', input.signatureMethod ?? 'HMAC-SHA256'],
    ['oauth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_nonce', input.nonce ?? randomBytes(12).toString('hex')],
    ['oauth_version', '1.0'],
  ];
  const params: Array<[string, string]> = [...oauth, ...url.searchParams, ...(input.form ?? [])];
  const pairs = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`);
  pairs.sort((a, b) => {
    const [ka, va] = a.split('=') as [string, string];
    const [kb, vb] = b.split('=') as [string, string];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return va < vb ? -1 : va > vb ? 1 : 0;
  });
  const defaultPort = (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443') || url.port === '';
  const baseUri = `${url.protocol}//${url.hostname}${defaultPort ? '' : `:${url.port}`}${url.pathname}`;
  const baseString = [input.method.toUpperCase(), rfc3986(baseUri), rfc3986(pairs.join('&'))].join('&');
  const key = `${rfc3986(input.secrets.consumerSecret)}&${rfc3986(input.secrets.tokenSecret)}`;
  const signature = createHmac(input.hmac ?? 'sha256', key).update(baseString).digest('base64');
  return { signature, baseString, oauth };
}

/** The Authorization header value for a request. */
export function tbaHeader(input: TbaSignInput): string {
  const { signature, oauth } = tbaSignature(input);
  const parts = [`realm="${input.realm}"`, ...[...oauth, ['oauth_signature', signature] as [string, string]].map(([k, v]) => `${k}="${rfc3986(v)}"`)];
  return `OAuth ${parts.join(',')}`;
}
