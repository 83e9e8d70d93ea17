import { isFormContentType, type SimRequest, type SimResponse } from './httpTypes.ts';
import { invalidLoginRest, invalidLoginRestlet } from './netsuiteErrors.ts';
import type { SimulatorState } from './simulatorState.ts';
import { verifyTba } from './tbaVerifier.ts';

/** Which API a request is for: REST web services (`/services/rest`) or a RESTlet (`restlet.nl`). */
export type Api = 'rest' | 'restlet';

/** Who a request authenticated as. */
export type Principal = { method: 'oauth2'; clientId: string; scopes: string[] } | { method: 'tba'; consumerKey: string; tokenId: string };

/** The 401 each API answers for any authentication failure; the cause is only in the reason. */
export function invalidLogin(api: Api, reason: string): SimResponse {
  return api === 'rest' ? invalidLoginRest(reason) : invalidLoginRestlet(reason);
}

/** Layer 2, headers: a `Cookie` makes it a browser session; Authorization must be Bearer or OAuth. */
export function checkHeaders(request: SimRequest, api: Api): SimResponse | undefined {
  if (request.headers.cookie !== undefined) return invalidLogin(api, 'cookie_header');
  const authorization = request.headers.authorization;
  if (authorization === undefined || authorization.trim() === '') return invalidLogin(api, 'authorization_missing');
  if (!/^Bearer [A-Za-z0-9\-._~+/]+=*$/.test(authorization.trim()) && !/^OAuth\s+\S/i.test(authorization.trim())) {
    return invalidLogin(api, 'authorization_malformed');
  }
  return undefined;
}

/** Layer 3, body: POST, PUT and PATCH with an empty body are refused at the gateway. */
export function checkBody(request: SimRequest, api: Api): SimResponse | undefined {
  if (['POST', 'PUT', 'PATCH'].includes(request.method) && request.body.length === 0) return invalidLogin(api, 'empty_body');
  return undefined;
}

const REQUIRED_SCOPE: Record<Api, string> = { rest: 'rest_webservices', restlet: 'restlets' };

/** Layer 4, OAuth: a Bearer token (known, unexpired, not revoked, right scope) or a TBA signature. */
export function authenticate(request: SimRequest, api: Api, state: SimulatorState): { principal: Principal } | { response: SimResponse } {
  const authorization = request.headers.authorization!.trim();
  const now = state.now();
  // The integration record's state and Allowed IPs apply to every credential; NetSuite answers them
  // with the same 401 as any other authentication failure.
  if (state.faults.integrationDisabled) return { response: invalidLogin(api, 'integration_disabled') };
  const allowed = state.faults.allowedIps;
  if (allowed.length > 0 && !allowed.includes(request.remoteAddress ?? '')) return { response: invalidLogin(api, 'ip_not_allowed') };
  if (authorization.startsWith('Bearer ')) {
    const token = state.tokens.findAccessToken(authorization.slice(7));
    if (!token) return { response: invalidLogin(api, 'token_unknown') };
    if (token.revoked) return { response: invalidLogin(api, 'token_revoked') };
    if (now >= token.expiresAtMs) return { response: invalidLogin(api, 'token_expired') };
    if (!token.scopes.includes(REQUIRED_SCOPE[api])) return { response: invalidLogin(api, 'scope_missing') };
    return { principal: { method: 'oauth2', clientId: token.clientId, scopes: token.scopes } };
  }
  const tba = state.credentials.tba;
  const result = verifyTba(
    {
      method: request.method,
      origin: request.origin,
      path: request.path,
      query: request.query,
      ...(isFormContentType(request.headers['content-type']) ? { form: new URLSearchParams(request.body.toString('utf8')) } : {}),
      authorization,
    },
    {
      realm: state.account.realm,
      nowMs: now,
      nonces: state.nonces,
      findCredentials: (consumerKey, tokenId) => ({
        ...(consumerKey === tba.consumerKey ? { consumer: tba } : {}),
        ...(consumerKey === tba.consumerKey && tokenId === tba.tokenId ? { token: tba } : {}),
      }),
    },
  );
  if (!result.ok) return { response: invalidLogin(api, result.reason) };
  return { principal: { method: 'tba', consumerKey: result.consumerKey, tokenId: result.tokenId } };
}
