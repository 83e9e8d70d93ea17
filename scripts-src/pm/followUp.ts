// Following a request within a run (core/follow.ts): the pre-request side rewrites the item into
// its next page or job step and gives writes their idempotency key; the test side decides what
// comes next. The follow state lives in an implicit global, so it lasts one run and never leaks into
// a later Send (in the Postman app every Send is a run of one request). A write's pending key lives
// in `nsp_session` instead: a re-send after no answer, in a later run or Send, must reuse it.
import type { Expectation } from '../core/expectations';
import type { FollowState } from '../core/follow';
import { decideFollow } from '../core/follow';
import { uuidV4 } from '../core/uuid';
import { randomInt } from './cryptoJs';
import { resolved } from './outbound';
import { currentResponse } from './responseView';
import { clearPendingWrite, keyForWrite } from './sessionStore';

declare let __netsuitePostmanFollow: FollowState | undefined;

export const IDEMPOTENCY_HEADER = 'X-NetSuite-Idempotency-Key';
/** The request-local variable the generated writes put in their idempotency header. */
export const IDEMPOTENCY_VARIABLE = 'nsp_idempotency_key';

/**
 * The request this run's pre-request script gave an idempotency key (kept in `nsp_session` until
 * its answer comes). Only then does the test side read `nsp_session`: most responses never touch it.
 */
let keyedRequest: string | undefined;

function followState(): FollowState | undefined {
  return typeof __netsuitePostmanFollow === 'undefined' ? undefined : __netsuitePostmanFollow;
}

/**
 * Pre-request: a follow-up of this item goes to the state's URL (job steps as a plain GET); a
 * write whose idempotency header holds `{{nsp_idempotency_key}}` gets a fresh UUID, or the key of
 * its own unanswered earlier send (a retry after 401/429, or a re-send after no answer), so NetSuite
 * never executes it twice.
 */
export function applyFollowUp(): void {
  const state = followState();
  if (state) {
    if (state.id !== pm.info.requestId) {
      __netsuitePostmanFollow = undefined;
    } else {
      pm.request.url.update(state.url);
      if (state.method) {
        pm.request.method = state.method;
        pm.request.body = undefined;
        for (const name of ['Prefer', IDEMPOTENCY_HEADER, 'Content-Type']) pm.request.headers.remove(name);
      }
      return;
    }
  }
  const header = pm.request.headers.get(IDEMPOTENCY_HEADER);
  if (header === undefined || header.indexOf(`{{${IDEMPOTENCY_VARIABLE}}}`) < 0) return;
  const requestId = pm.info.requestId;
  const key = keyForWrite(requestId, () => uuidV4(randomInt));
  keyedRequest = requestId;
  pm.variables.set(IDEMPOTENCY_VARIABLE, key);
}

/**
 * Test side, after retries and diagnosis: schedules the item's next page or job step. Returns true
 * when this response must not be judged by the request's expectations (a job step).
 */
export function followResponse(nowMs: number, expectation: Expectation | undefined): boolean {
  if (keyedRequest === pm.info.requestId) {
    keyedRequest = undefined;
    clearPendingWrite(pm.info.requestId);
  }
  const state = followState();
  const walk = expectation !== undefined && expectation.walk === true;
  // decideFollow answers 'none' without a state of this item, a Location header (a job) or a walk:
  // the common response never compiles the following code.
  // Checked before the response is read (its headers copied, its body parsed): most responses stop here.
  if (!(state && state.id === pm.info.requestId) && !walk && !pm.response.headers.has('Location')) return false;
  const response = currentResponse();
  const decision = decideFollow({
    requestId: pm.info.requestId,
    requestUrl: resolved(pm.request.url.toString()),
    state,
    walk,
    code: response.code,
    headers: response.headers,
    json: response.json,
    nowMs,
  });
  const label = expectation ? expectation.label : pm.info.requestName;
  const prefix = `netsuite-postman: "${pm.info.requestName}": `;
  switch (decision.action) {
    case 'none':
      return false;
    case 'next':
      __netsuitePostmanFollow = decision.state;
      console.info(prefix + decision.note);
      pm.execution.setNextRequest(pm.info.requestId);
      if (decision.delayMs > 0) setTimeout(() => undefined, decision.delayMs);
      return !decision.judge;
    case 'final':
      __netsuitePostmanFollow = undefined;
      if (decision.summary) {
        const summary = decision.summary;
        console.info(prefix + summary.name);
        pm.test(`${label}: ${summary.name}`, () => {
          if (!summary.ok) throw new Error(summary.detail || 'the walk did not add up');
        });
      }
      return false;
    case 'fail':
      __netsuitePostmanFollow = undefined;
      console.error(`${prefix}${decision.name}: ${decision.detail}`);
      pm.test(`${label}: ${decision.name}`, () => {
        throw new Error(decision.detail);
      });
      return true;
  }
  return false;
}
