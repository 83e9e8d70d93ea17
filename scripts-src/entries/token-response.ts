// Test script of the token requests (Mint M2M token, Exchange authorization code, Refresh access
// token): checks NetSuite's answer, explains an OAuth error, and caches the token for the run.
import { decideTokenRetry, tokenRetriesSoFar } from '../core/tokenEndpointRetry';
import { parseTokenResponse } from '../core/tokenResponse';
import { loadContext } from '../pm/context';
import { describeError } from '../pm/refuse';
import { supersededByRetry } from '../pm/retryState';
import { runState } from '../pm/runState';
import { grantOfRequest } from '../pm/grantOfRequest';
import { isSingleSend, noteRunLength } from '../pm/singleSend';
import { tokenCacheKey } from '../pm/tokenEndpoint';
import { saveIssuedRefreshToken, saveToken } from '../pm/sessionStore';
import { SESSION_VARIABLE } from '../core/sessionState';

// This item script has the legacy `postman` object: the run's length, for the collection hooks (pm/singleSend.ts).
noteRunLength();

const name = pm.info.requestName;
const grant = grantOfRequest() ?? 'client_credentials';

/**
 * A 5xx (or no answer) from the token endpoint: send this request again after a short wait, a
 * few times (bounds in core/tokenEndpointRetry.ts). The retry runs the pre-request script again,
 * so an M2M request gets a fresh assertion. Returns true when the response is dealt with here.
 */
function retryIfTransient(): boolean {
  const response = pm.response;
  const id = pm.info.requestId;
  const say = `netsuite-postman: "${name}": `;
  const state = runState();
  const retries = tokenRetriesSoFar(state.tokenEndpointRetries, id);
  const decision = decideTokenRetry({
    status: response ? response.code : undefined,
    retriesSoFar: retries,
    random: Math.random,
  });
  if (decision && decision.retry && isSingleSend()) {
    // A single Send cannot send it again; no wait for a re-send that never comes.
    state.tokenEndpointRetries = undefined;
    const message = `the token endpoint answered ${response ? `HTTP ${response.code}` : 'nothing'} (NetSuite unavailable for a moment). Send it again.`;
    console.warn(say + message);
    pm.test(`${name}: TOKEN_ENDPOINT_UNAVAILABLE`, () => {
      throw new Error(message);
    });
    return true;
  }
  if (decision && decision.retry) {
    state.tokenEndpointRetries = `${id}|${retries + 1}`;
    console.warn(say + decision.reason);
    pm.execution.setNextRequest(id);
    // The script (and so the run) waits here; the sandbox ends a script only when its timers have run.
    setTimeout(() => undefined, decision.delayMs);
    return true;
  }
  state.tokenEndpointRetries = undefined;
  if (!decision) return false;
  console.error(say + decision.reason);
  pm.test(`${name}: TOKEN_ENDPOINT_UNAVAILABLE`, () => {
    throw new Error(decision.reason);
  });
  return true;
}

function judgeTokenResponse(): void {
  try {
    const token = parseTokenResponse(pm.response.code, pm.response.text(), Date.now(), grant);
    const context = loadContext();
    saveToken(grant === 'client_credentials' ? 'm2m' : 'authcode', {
      key: tokenCacheKey(context),
      accessToken: token.accessToken,
      expiresAt: token.expiresAt,
    });
    if (grant === 'authorization_code') {
      const issued = (pm.response.json() as { refresh_token?: unknown }).refresh_token;
      if (typeof issued === 'string' && issued !== '') {
        saveIssuedRefreshToken(issued);
        console.info(`netsuite-postman: NetSuite issued a refresh token; it is kept in the collection variable ${SESSION_VARIABLE} (field refreshToken) for this session. Copy it into refresh_token (a secret) in your environment to run authcode unattended.`);
      }
    }
    const seconds = Math.round((token.expiresAt - Date.now()) / 1000);
    pm.test(`${name}: NetSuite issued an access token (${grant}, valid ${seconds} s)`, () => undefined);
  } catch (error) {
    const { code, message } = describeError(error);
    pm.test(`${name}: NetSuite refused the token request (${code})`, () => {
      throw new Error(message);
    });
  }
}

// A rate-limited attempt that the collection-level script is already retrying is not judged here.
if (!supersededByRetry() && !retryIfTransient()) judgeTokenResponse();
