import { NspError } from './NspError';
import type { AccountId } from './accountId';
import { splitUri } from './rfc3986';

/** The three NetSuite base URLs of an account, without trailing slash. */
export interface BaseUrls {
  suitetalk: string;
  restlets: string;
  app: string;
}

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
export const AUTHORIZE_PATH = '/app/login/oauth2/authorize.nl';

/** `https://<host form>.suitetalk.api.netsuite.com` and its RESTlet and UI siblings. */
export function defaultBaseUrls(account: AccountId): BaseUrls {
  const host = account.hostForm;
  return {
    suitetalk: `https://${host}.suitetalk.api.netsuite.com`,
    restlets: `https://${host}.restlets.api.netsuite.com`,
    app: `https://${host}.app.netsuite.com`,
  };
}

function stripTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

/** The OAuth 2.0 token endpoint under a SuiteTalk base URL (also the M2M JWT `aud`). */
export function tokenUrl(suitetalkBaseUrl: string): string {
  return stripTrailingSlashes(suitetalkBaseUrl) + TOKEN_PATH;
}

/** The OAuth 2.0 authorize endpoint under an app (UI) base URL, without query. */
export function authorizeUrlBase(appBaseUrl: string): string {
  return stripTrailingSlashes(appBaseUrl) + AUTHORIZE_PATH;
}

const NETSUITE_HOST_SUFFIXES = ['.suitetalk.api.netsuite.com', '.restlets.api.netsuite.com', '.app.netsuite.com'];
const HOST_FORM_PATTERN = /^(?:[0-9]+(?:-sb[1-9][0-9]*|-rp)?|tstdrv[0-9]+)$/;

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = /^127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(host);
  if (!octets) return false;
  for (let i = 1; i <= 3; i++) {
    if (Number(octets[i]) > 255) return false;
  }
  return true;
}

/**
 * The account host form a URL addresses, or `undefined` when it cannot tell (a custom proxy):
 * - `https://<label>.suitetalk.api.netsuite.com/…`, `…restlets.api.netsuite.com`, `…app.netsuite.com`:
 *   the first DNS label, lower-cased, as written (even if it is not a valid host form such as
 *   `1234567_sb1`, so that callers can report the mismatch);
 * - loopback hosts (127.0.0.0/8, `localhost`, `[::1]`, the simulator): the first path segment,
 *   lower-cased, when it is a valid host form (`http://127.0.0.1:PORT/1234567-sb1/…`).
 */
export function accountHostFormInUrl(url: string): string | undefined {
  const parts = splitUri(String(url).trim());
  if (!parts) return undefined;
  const host = parts.host.toLowerCase().replace(/\.$/, '');
  for (const suffix of NETSUITE_HOST_SUFFIXES) {
    if (host.length > suffix.length && host.slice(-suffix.length) === suffix) {
      const label = host.slice(0, -suffix.length);
      return label.indexOf('.') >= 0 ? undefined : label;
    }
  }
  if (isLoopbackHost(host)) {
    const segment = (parts.path.split('/')[1] ?? '').toLowerCase();
    return HOST_FORM_PATTERN.test(segment) ? segment : undefined;
  }
  return undefined;
}

/**
 * A base-URL variable (`suitetalk_base_url`, …) checked and normalised: trimmed, trailing slashes
 * removed, scheme and host lower-cased (the JWT `aud` must match NetSuite's token URL exactly).
 * Throws `BAD_BASE_URL` naming `variableName` when it is not an `http(s)://host[:port][/path]` URL
 * (no query or fragment). Base URLs are not secrets, so the message quotes the value.
 */
export function normalizeBaseUrl(value: string, variableName: string): string {
  const text = String(value === undefined || value === null ? '' : value).trim();
  const fail = (why: string): never => {
    const shown = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
    throw new NspError(
      'BAD_BASE_URL',
      `The variable "${variableName}" is ${shown}: ${why} ` +
        `Use an http(s) URL with no query, such as https://1234567-sb1.suitetalk.api.netsuite.com, ` +
        `or leave it empty to derive it from account_id.`,
      variableName,
    );
  };
  if (text === '') return fail('it is empty.');
  if (/\{\{[^}]*\}\}/.test(text)) {
    return fail('it contains an unresolved {{variable}} reference; define that variable or write the URL out.');
  }
  const parts = splitUri(text);
  if (!parts || (parts.scheme !== 'http' && parts.scheme !== 'https')) {
    return fail('it is not an absolute http:// or https:// URL.');
  }
  if (/\s/.test(text)) return fail('it contains whitespace.');
  if (parts.query !== undefined || parts.fragment !== undefined) {
    return fail('a base URL cannot have a query (?…) or fragment (#…).');
  }
  const authorityStart = text.indexOf('//') + 2;
  const pathStart = text.indexOf('/', authorityStart);
  const authority = pathStart < 0 ? text.slice(authorityStart) : text.slice(authorityStart, pathStart);
  if (authority.indexOf('@') >= 0) return fail('a base URL cannot carry user credentials (user@host).');
  const path = stripTrailingSlashes(parts.path);
  return `${parts.scheme}://${authority.toLowerCase()}${path}`;
}
