import { parseAuthMethod } from '../core/authMethod';
import { captures, checkResponse, EXPECTATIONS } from '../core/expectations';
import { decideRetry } from '../core/retryPolicy';
import { requestKind } from '../core/requestKind';
import { markJarDirty } from './cookies';
import { currentResponse } from './responseView';
import { dropToken } from './tokenStore';
import { readVariable } from './variables';

const RETRIED = 'nsp_retried_request';

/** Retries a refused cached token once; returns true when this response is superseded by a retry. */
function retryIfUseful(): boolean {
  const method = parseAuthMethod(readVariable(pm.variables, 'auth_method'));
  const sentCookie = pm.request.headers.has('Cookie');
  if (sentCookie) {
    markJarDirty();
    console.warn('netsuite-postman: a Cookie header went out with this request (from the cookie jar). NetSuite treats such requests as browser sessions; the jar is emptied before the next request.');
  }
  const authorization = pm.request.headers.get('Authorization') ?? '';
  const retried = pm.collectionVariables.get(RETRIED) === pm.info.requestId;
  const decision = decideRetry({
    status: pm.response.code,
    requestKind: requestKind(pm.variables.replaceIn(pm.request.url.toString())),
    method,
    sentBearer: /^Bearer\s/i.test(authorization),
    sentCookie,
    alreadyRetried: retried,
  });
  if (retried) pm.collectionVariables.unset(RETRIED);
  if (!decision.retry) return false;
  if (decision.dropToken && method !== 'tba') dropToken(method);
  pm.collectionVariables.set(RETRIED, pm.info.requestId);
  pm.execution.setNextRequest(pm.info.requestId);
  console.warn(`netsuite-postman: "${pm.info.requestName}" got 401: ${decision.reason}; sending it once more.`);
  return true;
}

/** The every-response script: one retry where it helps, then the request's expectations. */
export function collectionTest(): void {
  if (retryIfUseful()) return;
  const expectation = EXPECTATIONS[pm.info.requestName];
  if (!expectation) return;
  const response = currentResponse();
  for (const result of checkResponse(expectation, response)) {
    pm.test(result.name, () => {
      if (!result.ok) throw new Error(result.detail ?? 'expectation not met');
    });
  }
  for (const [name, value] of captures(expectation, response)) pm.collectionVariables.set(name, value);
}
