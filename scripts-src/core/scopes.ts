import { NspError } from './NspError';

const KNOWN_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'];

/** The scopes used when `scope` is unset: both collections work with them. */
export const DEFAULT_SCOPES = ['rest_webservices', 'restlets'];

/** `scope` as a list: comma- or space-separated; unset means `rest_webservices,restlets`. */
export function parseScopes(value: string | undefined): string[] {
  if (value === undefined) return DEFAULT_SCOPES.slice();
  const scopes = value.split(/[\s,]+/).filter((s) => s !== '');
  const unknown = scopes.filter((s) => KNOWN_SCOPES.indexOf(s) < 0);
  if (scopes.length === 0 || unknown.length > 0) {
    throw new NspError(
      'BAD_SCOPE',
      `The variable "scope" has ${unknown.length > 0 ? `unknown scope "${unknown.join('", "')}"` : 'no scope'}. Use rest_webservices, restlets or suite_analytics, comma-separated, matching the scopes ticked on the integration record.`,
      'scope',
    );
  }
  return scopes;
}

/** The scope a request of this kind needs from its OAuth 2.0 token, or undefined (token/authorize endpoints, other hosts). */
export function requiredScope(kind: string): string | undefined {
  if (kind === 'restlet') return 'restlets';
  if (kind === 'rest' || kind === 'rest-read') return 'rest_webservices';
  return undefined;
}

/**
 * Refuses a request whose OAuth 2.0 token cannot carry the scope it needs: NetSuite would answer
 * it with a bare 401 INVALID_LOGIN (REST) or INVALID_LOGIN_ATTEMPT (RESTlet).
 */
export function checkScopeFor(kind: string, scopes: string[]): void {
  const need = requiredScope(kind);
  if (need === undefined || scopes.indexOf(need) >= 0) return;
  const api = need === 'restlets' ? 'a RESTlet' : 'REST web services';
  throw new NspError(
    'SCOPE_MISSING',
    `The variable "scope" is "${scopes.join(',')}", which lacks ${need}: a token for it cannot call ${api}, and NetSuite would answer 401. ` +
      `Set scope to rest_webservices,restlets (add ${need}), and tick the same scope on the integration record. M2M mints a token for the new scope by itself (the token cache is keyed by scope); authcode needs a new authorization, since a refresh keeps the granted scope.`,
    'scope',
  );
}
