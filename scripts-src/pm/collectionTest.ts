import { parseAuthMethod } from '../core/authMethod';
import { captures, checkResponse, EXPECTATIONS } from '../core/expectations';
import { decideRateLimitRetry } from '../core/rateLimitPolicy';
import { decideRetry } from '../core/retryPolicy';
import { requestKind } from '../core/requestKind';
import { markJarDirty } from './cookies';
import { runState } from './runState';
import { diagnoseResponse, tbaNonceSeenBefore } from './diagnoseResponse';
import { followResponse } from './followUp';
import { resolved } from './outbound';
import { currentResponse } from './responseView';
import { dropToken } from './sessionStore';
import { readVariable } from './variables';
import { isSingleSend } from './singleSend';


/** A single Send's refusal that the next Send repairs: said once, plainly, as a failing test. */
function sendAgain(message: string): void {
  console.warn(`netsuite-postman: ${message}`);
  pm.test(`netsuite-postman: "${pm.info.requestName}" needs another Send`, () => {
    throw new Error(message);
  });
}

/** Sends a rate-limited request again after the wait NetSuite asked for (or a backoff), a few times. */
function retryIfRateLimited(nowMs: number): boolean {
  const code = pm.response.code;
  const state = runState();
  const pending = state.rateLimitRetries;
  if (code !== 429 && code !== 400 && !pending) return false;
  const [forRequest, count] = String(pending ?? '').split('|');
  const retriesSoFar = forRequest === pm.info.requestId ? Number(count) || 0 : 0;
  const decision = decideRateLimitRetry({
    status: code,
    bodyText: code === 400 ? pm.response.text() : '',
    retryAfter: pm.response.headers.get('Retry-After'),
    retriesSoFar,
    nowMs,
    random: Math.random,
  });
  if (!decision.limited) {
    if (forRequest === pm.info.requestId) state.rateLimitRetries = undefined;
    return false;
  }
  if (!decision.retry) {
    state.rateLimitRetries = undefined;
    console.error(`netsuite-postman: "${pm.info.requestName}": ${decision.reason}`);
    return false;
  }
  if (isSingleSend()) {
    // A single Send cannot send the request again: no wait for a re-send that never comes.
    if (forRequest === pm.info.requestId) state.rateLimitRetries = undefined;
    sendAgain(`NetSuite's concurrency limit refused "${pm.info.requestName}" (HTTP ${code}); it was not executed. Send it again in about ${Math.max(1, Math.ceil(decision.delayMs / 1000))} s.`);
    return true;
  }
  state.rateLimitRetries = `${pm.info.requestId}|${retriesSoFar + 1}`;
  console.warn(`netsuite-postman: "${pm.info.requestName}": ${decision.reason}.`);
  pm.execution.setNextRequest(pm.info.requestId);
  // The script (and so the run) waits here; the sandbox ends a script only when its timers have run.
  setTimeout(() => undefined, decision.delayMs);
  return true;
}

/** Retries a refused cached token once; returns true when this response is superseded by a retry. */
function retryIfUseful(): boolean {
  const sentCookie = pm.request.headers.has('Cookie');
  if (sentCookie) {
    markJarDirty();
    console.warn('netsuite-postman: a Cookie header went out with this request (from the cookie jar). NetSuite treats such requests as browser sessions; the jar is emptied before every following request.');
  }
  const state = runState();
  const retried = state.retriedRequest;
  state.retriedRequest = undefined;
  if (pm.response.code !== 401) return false;
  const method = parseAuthMethod(readVariable(pm.variables, 'auth_method'));
  const decision = decideRetry({
    status: pm.response.code,
    requestKind: requestKind(resolved(pm.request.url.toString())),
    method,
    sentBearer: /^Bearer\s/i.test(pm.request.headers.get('Authorization') ?? ''),
    sentCookie,
    alreadyRetried: retried === pm.info.requestId,
  });
  if (!decision.retry) return false;
  if (decision.dropToken && method !== 'tba') dropToken(method);
  if (isSingleSend()) {
    // Nothing is sent again: this answer is final, so it is diagnosed and judged as usual below.
    sendAgain(decision.dropToken
      ? `"${pm.info.requestName}" got 401: the cached access token was refused (revoked or expired early). It has been dropped: the next Send mints a new one.`
      : `"${pm.info.requestName}" got 401: a Cookie header went out with the request. The cookie jar is emptied before the next Send; Send it again.`);
    return false;
  }
  state.retriedRequest = pm.info.requestId;
  pm.execution.setNextRequest(pm.info.requestId);
  console.warn(`netsuite-postman: "${pm.info.requestName}" got 401: ${decision.reason}; sending it once more.`);
  return true;
}

/** The every-response script: a bounded retry where it helps, a diagnosis of a final refusal, then the request's expectations. */
export function collectionTest(nowMs: number): void {
  const authorization = pm.request.headers.get('Authorization');
  const nonceReused = authorization !== undefined && /^OAuth /.test(authorization) && tbaNonceSeenBefore(authorization);
  if (retryIfRateLimited(nowMs)) return;
  if (retryIfUseful()) return;
  // Only the final attempt of a refused request is diagnosed (retries above return first).
  if (pm.response.code >= 400) diagnoseResponse(nowMs, nonceReused);
  const expectation = EXPECTATIONS[pm.info.requestName];
  // Pages and asynchronous jobs: send the item again for the next page or job step.
  if (followResponse(nowMs, expectation)) return;
  if (!expectation) return;
  const response = currentResponse();
  for (const result of checkResponse(expectation, response)) {
    pm.test(result.name, () => {
      if (!result.ok) throw new Error(result.detail ?? 'expectation not met');
    });
  }
  for (const [name, value] of captures(expectation, response)) pm.collectionVariables.set(name, value);
}
