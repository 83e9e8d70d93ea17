import { createHash } from 'node:crypto';
import { verifyClientAssertion } from './clientAssertion.ts';
import { parseBasicAuthorization, safeEqual } from './clientAuthentication.ts';
import { isFormContentType, jsonResponse, type SimRequest, type SimResponse } from './httpTypes.ts';
import { oauthError } from './netsuiteErrors.ts';
import { tokenUrl, type SimulatorState } from './simulatorState.ts';
import { countMint } from './stats.ts';
import type { GrantType } from './tokenStore.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** `POST <base>/services/rest/auth/oauth2/v1/token`: client_credentials, authorization_code, refresh_token. */
export async function handleTokenRequest(request: SimRequest, state: SimulatorState, wrongAccount: boolean): Promise<SimResponse> {
  if (state.faults.tokenEndpointFailures > 0) {
    state.faults = { ...state.faults, tokenEndpointFailures: state.faults.tokenEndpointFailures - 1 };
    return oauthError(503, 'temporarily_unavailable', 'The token endpoint is temporarily unavailable (simulated fault).', 'token_endpoint_unavailable', 'unavailable');
  }
  if (request.method !== 'POST') {
    return { ...oauthError(405, 'invalid_request', 'The token endpoint accepts POST only.', 'token_method'), outcome: 'error' };
  }
  if (wrongAccount) {
    return oauthError(401, 'invalid_client', 'The client is not known in this account (check the account id in the URL and the aud).', 'wrong_account');
  }
  if (!isFormContentType(request.headers['content-type']) || request.body.length === 0) {
    return oauthError(400, 'invalid_request', 'The token request must be a non-empty application/x-www-form-urlencoded body.', 'token_request_malformed');
  }
  const form = new URLSearchParams(request.body.toString('utf8'));
  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'client_credentials':
      return clientCredentials(form, state);
    case 'authorization_code':
      return authorizationCode(request, form, state);
    case 'refresh_token':
      return refreshToken(request, form, state);
    case null:
      return oauthError(400, 'invalid_request', 'grant_type is missing.', 'grant_missing');
    default:
      return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported.`, 'grant_unsupported');
  }
}

function mint(state: SimulatorState, clientId: string, scopes: string[], grantType: GrantType): { access_token: string; expires_in: number; token_type: 'Bearer' } {
  const lifetime = state.faults.tokenLifetimeSeconds;
  const token = state.tokens.issueAccessToken({ clientId, scopes, grantType, nowMs: state.now(), lifetimeSeconds: lifetime, audience: tokenUrl(state) });
  countMint(state.stats, grantType);
  return { access_token: token.token, expires_in: lifetime, token_type: 'Bearer' };
}

const tokenResponse = (body: unknown): SimResponse =>
  jsonResponse(200, body, 'application/json; charset=utf-8', { 'cache-control': 'no-store', pragma: 'no-cache' });

async function clientCredentials(form: URLSearchParams, state: SimulatorState): Promise<SimResponse> {
  const assertionType = form.get('client_assertion_type');
  if (assertionType !== JWT_BEARER) {
    return oauthError(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER}.`, 'assertion_type_invalid');
  }
  const assertion = form.get('client_assertion');
  if (!assertion) return oauthError(400, 'invalid_request', 'client_assertion is missing.', 'assertion_missing');
  // NetSuite answers the integration's and the certificate's state with a bare invalid_grant (seed 001).
  if (state.faults.integrationDisabled) return oauthError(400, 'invalid_grant', 'The integration record is disabled.', 'integration_disabled');
  if (state.faults.clientCredentialsGrantOff) {
    return oauthError(400, 'invalid_grant', 'The integration record does not allow the client credentials grant.', 'client_credentials_grant_off');
  }
  const result = await verifyClientAssertion(assertion, {
    tokenUrl: tokenUrl(state),
    clientId: state.credentials.clientId,
    certificates: state.certificates,
    nowMs: state.now(),
  });
  if (!result.ok) return oauthError(result.status, result.error, result.description, result.reason);
  const certificateFault = state.faults.certificateFault;
  if (certificateFault && result.kid === state.credentials.certificateId) {
    return oauthError(400, 'invalid_grant', `The certificate named by kid is ${certificateFault === 'replaced' ? 'no longer mapped (replaced)' : certificateFault}.`, `certificate_${certificateFault}`);
  }
  return tokenResponse(mint(state, result.clientId, result.scopes, 'client_credentials'));
}

/** HTTP Basic client authentication; a response when it fails. */
function authenticateClient(request: SimRequest, state: SimulatorState): SimResponse | undefined {
  const basic = parseBasicAuthorization(request.headers.authorization);
  const unauthorized = (description: string, reason: string): SimResponse => {
    const response = oauthError(401, 'invalid_client', description, reason);
    response.headers['www-authenticate'] = 'Basic realm="netsuite"';
    return response;
  };
  if (!basic) return unauthorized('Client authentication with HTTP Basic (client_id:client_secret) is required.', 'client_auth_missing');
  if (!safeEqual(basic.clientId, state.credentials.clientId) || !safeEqual(basic.clientSecret, state.credentials.clientSecret)) {
    return unauthorized('Unknown client or wrong client secret.', 'client_auth_invalid');
  }
  return undefined;
}

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

function authorizationCode(request: SimRequest, form: URLSearchParams, state: SimulatorState): SimResponse {
  const clientError = authenticateClient(request, state);
  if (clientError) return clientError;
  const code = form.get('code');
  if (!code) return oauthError(400, 'invalid_request', 'code is missing.', 'code_missing');
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return oauthError(400, 'invalid_request', 'redirect_uri is missing.', 'redirect_uri_missing');
  const record = state.tokens.findAuthorizationCode(code);
  if (!record || record.clientId !== state.credentials.clientId) {
    return oauthError(400, 'invalid_grant', 'The authorization code is not valid.', 'code_invalid');
  }
  if (record.used) return oauthError(400, 'invalid_grant', 'The authorization code has already been used.', 'code_used');
  if (state.now() >= record.expiresAtMs) return oauthError(400, 'invalid_grant', 'The authorization code has expired (codes last 10 minutes).', 'code_expired');
  if (redirectUri !== record.redirectUri) {
    return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used at the authorize endpoint.', 'redirect_uri_mismatch');
  }
  const verifier = form.get('code_verifier');
  if (!verifier) return oauthError(400, 'invalid_grant', 'code_verifier is missing (PKCE is required).', 'pkce_missing');
  if (!PKCE_VERIFIER.test(verifier)) {
    return oauthError(400, 'invalid_grant', 'code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.', 'pkce_verifier_format');
  }
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  if (challenge !== record.codeChallenge) {
    return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge (S256).', 'pkce_mismatch');
  }
  record.used = true;
  const refresh = state.tokens.issueRefreshToken({
    clientId: record.clientId,
    scopes: record.scopes,
    nowMs: state.now(),
    lifetimeSeconds: state.refreshTokenLifetimeSeconds,
  });
  const access = mint(state, record.clientId, record.scopes, 'authorization_code');
  return tokenResponse({ access_token: access.access_token, refresh_token: refresh.token, expires_in: access.expires_in, token_type: 'Bearer' });
}

function refreshToken(request: SimRequest, form: URLSearchParams, state: SimulatorState): SimResponse {
  const clientError = authenticateClient(request, state);
  if (clientError) return clientError;
  const token = form.get('refresh_token');
  if (!token) return oauthError(400, 'invalid_request', 'refresh_token is missing.', 'refresh_token_missing');
  const record = state.tokens.findRefreshToken(token);
  if (!record || record.revoked || record.clientId !== state.credentials.clientId) {
    return oauthError(400, 'invalid_grant', 'The refresh token is not valid.', 'refresh_token_invalid');
  }
  if (state.now() >= record.expiresAtMs) return oauthError(400, 'invalid_grant', 'The refresh token has expired.', 'refresh_token_expired');
  // NetSuite does not rotate refresh tokens: the response carries no new one.
  return tokenResponse(mint(state, record.clientId, record.scopes, 'refresh_token'));
}
