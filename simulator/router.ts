import { parseAccountId } from './accountIds.ts';
import { handleAuthorize } from './authorizeEndpoint.ts';
import { CONTROL_PREFIX, handleControl } from './controlEndpoints.ts';
import { checkGovernance } from './governance.ts';
import { jsonResponse, type SimRequest, type SimResponse } from './httpTypes.ts';
import { authenticate, checkBody, checkHeaders, invalidLogin, type Api } from './layers.ts';
import { restError } from './netsuiteErrors.ts';
import { handleRest } from './restApi.ts';
import { handleRestlet } from './restlet.ts';
import type { SimulatorState } from './simulatorState.ts';
import { countOutcome } from './stats.ts';
import { handleTokenRequest } from './tokenEndpoint.ts';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
export const AUTHORIZE_PATH = '/app/login/oauth2/authorize.nl';
export const RESTLET_PATH = '/app/site/hosting/restlet.nl';

export interface RouterEnvironment {
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

/** Handles one request: control endpoints directly, account requests through the layers, with stats, latency and a redacted log line. */
export async function handleRequest(request: SimRequest, state: SimulatorState, env: RouterEnvironment): Promise<SimResponse> {
  if (request.path.startsWith(CONTROL_PREFIX)) return handleControl(request, state);
  state.counters.inFlight += 1;
  let inFlight = true;
  let response: SimResponse;
  try {
    response = await routeAccountRequest(request, state);
  } catch (error) {
    env.log(`internal error: ${(error as Error).name}`);
    response = restError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred in the simulator.', 'internal_error');
  }
  if (response.outcome === 'limited') {
    state.counters.inFlight -= 1;
    inFlight = false;
  }
  if (state.faults.latencyMs > 0) await env.sleep(state.faults.latencyMs);
  if (inFlight) state.counters.inFlight -= 1;
  countOutcome(state.stats, response.outcome, response.reason);
  // Only method, path (never the query, headers or body) and the outcome are logged.
  env.log(`${request.method} ${request.path} -> ${response.status}${response.reason ? ` ${response.reason}` : ''}`);
  return response;
}

function unknownHost(request: SimRequest): SimResponse {
  return {
    ...jsonResponse(404, {
      error: 'unknown_host',
      message: `No NetSuite host for "${request.path.split('/')[1] ?? ''}": the first path segment must be the account's host form (lower case, hyphen), e.g. 1234567-sb1.`,
    }),
    reason: 'unknown_host',
  };
}

/** Layer 1 (host), then the endpoint: token, authorize, or an API through layers 2–5. */
async function routeAccountRequest(request: SimRequest, state: SimulatorState): Promise<SimResponse> {
  const match = /^\/([^/]+)(\/.*)?$/.exec(request.path);
  if (!match) return unknownHost(request);
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]!).toLowerCase();
  } catch {
    return unknownHost(request);
  }
  const subPath = match[2] ?? '/';
  let wrongAccount = false;
  if (segment !== state.account.hostForm) {
    const other = parseAccountId(segment);
    // The same account spelled as a realm (`1234567_sb1`) is no valid host name: unknown host.
    if (!other || other.realm === state.account.realm || other.hostForm !== segment) return unknownHost(request);
    wrongAccount = true;
  }
  if (subPath === TOKEN_PATH) return handleTokenRequest(request, state, wrongAccount);
  if (subPath === AUTHORIZE_PATH) return handleAuthorize(request, state, wrongAccount);
  const api: Api | undefined = subPath.startsWith('/services/rest/') ? 'rest' : subPath === RESTLET_PATH ? 'restlet' : undefined;
  if (!api) return restError(404, 'INVALID_URL', `The request URL ${request.path} does not match any resource.`, 'not_found');
  if (wrongAccount) return invalidLogin(api, 'wrong_account');
  const headerError = checkHeaders(request, api);
  if (headerError) return headerError;
  const bodyError = checkBody(request, api);
  if (bodyError) return bodyError;
  const auth = authenticate(request, api, state);
  if ('response' in auth) return auth.response;
  const limited = checkGovernance(api, state);
  if (limited) return limited;
  return api === 'rest' ? handleRest(request, state, subPath) : handleRestlet(request, state, auth.principal);
}
