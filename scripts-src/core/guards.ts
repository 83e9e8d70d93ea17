import type { AccountId } from './accountId';
import { accountHostFormInUrl } from './baseUrls';
import { NspError } from './NspError';
import { isWrite, needsBody, requestKind } from './requestKind';
import { checkScopeFor } from './scopes';

export interface OutboundRequest {
  method: string;
  /** The URL as it will be sent, variables resolved. */
  url: string;
  bodyEmpty: boolean;
  /** The collection's own `{{nsp_…}}` placeholders left in the URL or body after resolution (core/unsetPlaceholders.ts). */
  unsetVariables?: readonly string[];
}

export interface GuardContext {
  account: AccountId;
  /** `allow_production` is exactly `true`. */
  allowProduction: boolean;
  /** Scopes of the OAuth 2.0 token the request will carry (m2m, authcode); undefined for TBA (no scopes). */
  scopes?: string[];
}

/**
 * Refuses, before anything is sent, the requests NetSuite would answer with a bare 401 or that
 * could damage a production account. Throws NspError; returns nothing when the request may go.
 */
export function guardRequest(request: OutboundRequest, context: GuardContext): void {
  const { account } = context;
  const urlHost = accountHostFormInUrl(request.url);
  if (urlHost !== undefined && urlHost !== account.hostForm) {
    throw new NspError(
      'ACCOUNT_HOST_MISMATCH',
      `The URL addresses account host "${urlHost}" but account_id is "${account.input}" (host "${account.hostForm}"). ` +
        'NetSuite rejects credentials of one account (or of its sandbox) at another account\'s host with INVALID_LOGIN. ' +
        'Fix account_id, or clear or correct suitetalk_base_url / restlets_base_url / app_base_url so they match it.',
      'account_id',
    );
  }
  const kind = requestKind(request.url);
  const guarded = kind === 'rest' || kind === 'restlet' || kind === 'other';
  if (guarded && account.kind === 'production' && isWrite(request.method) && !context.allowProduction) {
    throw new NspError(
      'PRODUCTION_WRITE_REFUSED',
      `Refused ${request.method.toUpperCase()} to production account "${account.realm}": writes to a production account need allow_production set to true in the environment. ` +
        'Use a sandbox account id (for example 1234567_SB1) to experiment.',
      'allow_production',
    );
  }
  if (context.scopes) checkScopeFor(kind, context.scopes);
  const unset = request.unsetVariables ?? [];
  if (unset.length) {
    const names = unset.map((name) => `{{${name}}}`).join(', ');
    throw new NspError(
      'UNSET_VARIABLE',
      `The request still contains ${names}: ${unset.length === 1 ? 'that collection variable has' : 'those collection variables have'} no value, so it would go out with the braces in it. ` +
        'In a collection run, the request that sets it runs first (the collection\'s description says which). On a single Send, add it in the collection\'s ' +
        'Variables tab with a value (it is not listed until something sets it: the collection declares only what every request needs), or replace the placeholder in the request.',
      unset[0],
    );
  }
  if (kind !== 'token' && needsBody(request.method) && request.bodyEmpty) {
    throw new NspError(
      'EMPTY_BODY',
      `Refused ${request.method.toUpperCase()} with an empty body: NetSuite's gateway answers a ${request.method.toUpperCase()} without a body with a bare 401 INVALID_LOGIN before it looks at the credentials. ` +
        'Send a body (JSON `{}` at least) with Content-Type: application/json.',
    );
  }
}
