/**
 * netsuite-postman echo RESTlet: answers every call with what it received, so the
 * netsuite-postman RESTlet collection can check authentication, the deployment and each HTTP
 * method end to end. It reads and writes no record.
 *
 * Answer (JSON; the collection sends Content-Type: application/json):
 *   { method, script, deploy, parameters, body }
 * - method: GET, POST, PUT or DELETE (the entry point NetSuite called);
 * - script, deploy: this script's and deployment's ids (runtime.getCurrentScript());
 * - parameters: the URL parameters (GET, DELETE; NetSuite passes them, script and deploy
 *   included, as requestParams), {} for POST and PUT (NetSuite passes only the body there);
 * - body: the request body (POST, PUT: the parsed JSON object, or the text for other content
 *   types), null for GET and DELETE.
 *
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
define(['N/runtime', 'N/log'], (runtime, log) => {
  /** Parameters as a plain object of strings (NetSuite passes an object; copied so nothing else leaks in). */
  const plainParameters = (requestParams) => {
    const out = {};
    if (requestParams && typeof requestParams === 'object') {
      Object.keys(requestParams).forEach((name) => {
        out[name] = requestParams[name];
      });
    }
    return out;
  };

  /** The echo for one call; pure apart from runtime (script ids) and log (one audit line, no values). */
  const echo = (method, requestParams, requestBody) => {
    const script = runtime.getCurrentScript();
    const answer = {
      method,
      script: script.id,
      deploy: script.deploymentId,
      parameters: method === 'GET' || method === 'DELETE' ? plainParameters(requestParams) : {},
      body: method === 'POST' || method === 'PUT' ? (requestBody === undefined ? null : requestBody) : null,
    };
    // Names only: never log parameter or body values (they may carry customer data).
    log.audit({ title: `netsuite-postman echo ${method}`, details: `parameters: ${Object.keys(answer.parameters).join(', ') || '(none)'}` });
    return answer;
  };

  return {
    get: (requestParams) => echo('GET', requestParams),
    post: (requestBody) => echo('POST', undefined, requestBody),
    put: (requestBody) => echo('PUT', undefined, requestBody),
    delete: (requestParams) => echo('DELETE', requestParams),
  };
});
