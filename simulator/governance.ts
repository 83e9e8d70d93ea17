import type { SimResponse } from './httpTypes.ts';
import type { Api } from './layers.ts';
import { restError, restletError } from './netsuiteErrors.ts';
import type { SimulatorState } from './simulatorState.ts';

const REST_LIMIT_DETAIL = 'Concurrent request limit exceeded. Request blocked.';
const RESTLET_LIMIT_MESSAGE = 'You have exceeded the maximum number of concurrent requests. Please try again later.';

function limited(api: Api, state: SimulatorState, reason: string): SimResponse {
  if (api === 'restlet') return restletError(400, 'SSS_REQUEST_LIMIT_EXCEEDED', RESTLET_LIMIT_MESSAGE, reason, 'limited');
  const retryAfter = state.faults.retryAfterSeconds;
  return restError(429, 'CONCURRENCY_LIMIT_EXCEEDED', REST_LIMIT_DETAIL, reason, 'limited', retryAfter === null ? {} : { 'retry-after': String(retryAfter) });
}

/**
 * Account governance faults, checked after authentication: the concurrency limit (in-flight
 * requests, this one included) and "every Nth request" limits for REST (429) and RESTlets (400).
 */
export function checkGovernance(api: Api, state: SimulatorState): SimResponse | undefined {
  const faults = state.faults;
  if (faults.concurrencyLimit > 0 && state.counters.inFlight > faults.concurrencyLimit) return limited(api, state, 'concurrency_limited');
  if (api === 'rest') {
    state.counters.rest += 1;
    if (faults.rateLimitEvery > 0 && state.counters.rest % faults.rateLimitEvery === 0) return limited(api, state, 'rate_limited');
  } else {
    state.counters.restlet += 1;
    if (faults.restletLimitEvery > 0 && state.counters.restlet % faults.restletLimitEvery === 0) return limited(api, state, 'restlet_limited');
  }
  return undefined;
}
