import { isFormContentType, isJsonContentType, jsonResponse, type SimRequest, type SimResponse } from './httpTypes.ts';
import type { Principal } from './layers.ts';
import { invalidLoginRestlet, restletError } from './netsuiteErrors.ts';
import type { RestletDeployment, SimulatorState } from './simulatorState.ts';

/** Query parameters as an object; repeated names become arrays. */
function parametersOf(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of query) {
    const existing = result[name];
    result[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

function bodyOf(request: SimRequest): unknown {
  if (request.body.length === 0) return null;
  const text = request.body.toString('utf8');
  if (isJsonContentType(request.headers['content-type'])) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (isFormContentType(request.headers['content-type'])) return parametersOf(new URLSearchParams(text));
  return text;
}

/** `<base>/app/site/hosting/restlet.nl?script=…&deploy=…`: the echo RESTlet. */
export function handleRestlet(request: SimRequest, state: SimulatorState, _principal: Principal): SimResponse {
  const script = request.query.get('script');
  const deploy = request.query.get('deploy');
  const deployment = state.restlets.find(
    (candidate) => (script === candidate.script || script === candidate.scriptNumber) && (deploy === candidate.deploy || deploy === candidate.deployNumber),
  );
  if (!deployment) {
    return restletError(400, 'SSS_INVALID_SCRIPTLET_ID', 'That Suitelet is invalid, disabled, or no longer exists.', 'restlet_unknown');
  }
  // A deployment in Testing status, or whose audience lacks the role, fails at authentication for external calls (seed 001).
  if (state.faults.restletDeploymentStatus === 'testing') return invalidLoginRestlet('deployment_testing');
  if (state.faults.restletAudienceExcludesRole) return invalidLoginRestlet('role_not_in_audience');
  if (!['GET', 'POST', 'PUT', 'DELETE'].includes(request.method)) {
    return restletError(405, 'SSS_INVALID_HTTP_METHOD', `The RESTlet does not support ${request.method}; use GET, POST, PUT or DELETE.`, 'method_not_allowed');
  }
  // Oracle: a call's method must match an entry point of the script, else 405 Method Not Allowed.
  if (!state.faults.restletMethods.includes(request.method)) {
    return restletError(405, 'SSS_INVALID_HTTP_METHOD', `The script has no ${request.method.toLowerCase()} entry point.`, 'entry_point_missing');
  }
  return jsonResponse(200, echoAnswer(request, deployment));
}

/**
 * What suitescript/…/nsp_echo_restlet.js answers (test/suitescript compares the two): NetSuite
 * hands GET and DELETE entry points the URL parameters and POST and PUT entry points the body.
 */
export function echoAnswer(request: SimRequest, deployment: RestletDeployment): Record<string, unknown> {
  const withParameters = request.method === 'GET' || request.method === 'DELETE';
  return {
    method: request.method,
    script: deployment.script,
    deploy: deployment.deploy,
    parameters: withParameters ? parametersOf(request.query) : {},
    body: withParameters ? null : bodyOf(request),
  };
}
