import { jsonResponse, type SimRequest, type SimResponse } from './httpTypes.ts';
import { parseScopes } from './scopes.ts';
import type { SimulatorState } from './simulatorState.ts';

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function errorPage(error: string, description: string, reason: string): SimResponse {
  return { ...jsonResponse(400, { error, error_description: description }), reason, outcome: 'rejected' };
}

function redirect(target: string, params: Record<string, string>, reason?: string): SimResponse {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return { status: 302, headers: { location: url.toString(), 'cache-control': 'no-store' }, outcome: reason ? 'rejected' : 'accepted', ...(reason ? { reason } : {}) };
}

/**
 * `GET <base>/app/login/oauth2/authorize.nl`: checks client_id and redirect_uri (errors shown, not
 * redirected), then response_type, scope, state and PKCE (errors redirected), then consents for
 * the simulated user and redirects with `code` and `state`.
 */
export function handleAuthorize(request: SimRequest, state: SimulatorState, wrongAccount: boolean): SimResponse {
  if (request.method !== 'GET') return { ...jsonResponse(405, { error: 'invalid_request', error_description: 'Use GET.' }), reason: 'authorize_method' };
  const q = request.query;
  if (wrongAccount || q.get('client_id') !== state.credentials.clientId) {
    return errorPage('invalid_client', 'Unknown client_id for this account.', wrongAccount ? 'wrong_account' : 'authorize_client_unknown');
  }
  const redirectUri = q.get('redirect_uri');
  if (redirectUri !== state.credentials.redirectUri) {
    return errorPage('invalid_request', 'redirect_uri does not match the integration record exactly.', 'authorize_redirect_uri');
  }
  const clientState = q.get('state');
  const withState = (params: Record<string, string>): Record<string, string> => (clientState ? { ...params, state: clientState } : params);
  if (q.get('response_type') !== 'code') {
    return redirect(redirectUri, withState({ error: 'unsupported_response_type' }), 'authorize_response_type');
  }
  const scopes = parseScopes(q.get('scope') ?? undefined);
  if (!scopes || scopes.unknown.length > 0) {
    return redirect(redirectUri, withState({ error: 'invalid_scope' }), 'authorize_scope');
  }
  if (!clientState) return redirect(redirectUri, { error: 'invalid_request', error_description: 'state is required' }, 'authorize_state');
  const challenge = q.get('code_challenge');
  if (q.get('code_challenge_method') !== 'S256' || !challenge || !PKCE_CHALLENGE.test(challenge)) {
    return redirect(redirectUri, withState({ error: 'invalid_request', error_description: 'PKCE with code_challenge_method=S256 is required' }), 'authorize_pkce');
  }
  const code = state.tokens.issueAuthorizationCode({
    clientId: state.credentials.clientId,
    redirectUri,
    scopes: scopes.scopes,
    codeChallenge: challenge,
    nowMs: state.now(),
  });
  state.stats.authorizationCodesIssued += 1;
  return redirect(redirectUri, { code: code.code, state: clientState, role: '3', entity: '-5', company: state.account.realm });
}
