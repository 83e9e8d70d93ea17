// State that lasts one run: retries in progress and whether the cookie jar leaked a cookie. Kept in
// an implicit global, which both sandbox engines keep for the rest of a run and drop with it (in
// the Postman app every Send is a run of one request, where nothing is retried). Collection
// variables would outlive the run, and the engines copy every collection variable into every
// script execution, twice a request (bench/RESULTS.md).
//
// The runtime, token-response.js and the generated answer checks (generator/metadata/
// answerCheckScript.ts) share it: all run in the same sandbox context during a run.

/** The implicit global's name (the generated answer checks read it by name). */
export const RUN_STATE_GLOBAL = '__netsuitePostmanRunState';

export interface RunState {
  /** The id of a request being sent once more after a 401 for its cached token. */
  retriedRequest?: string;
  /** `<requestId>|<retries so far>` while a rate-limited request is being retried. */
  rateLimitRetries?: string;
  /** `<requestId>|<retries so far>` while a token request that met a 5xx is retried. */
  tokenEndpointRetries?: string;
  /** The jar was emptied for this run's first request. */
  jarCleared?: boolean;
  /** A cookie went out despite `disableCookies`: the jar is emptied before every later request. */
  cookieJarDirty?: boolean;
}

declare let __netsuitePostmanRunState: RunState | undefined;

/** This run's state (created empty on first use). */
export function runState(): RunState {
  if (typeof __netsuitePostmanRunState !== 'object' || !__netsuitePostmanRunState) __netsuitePostmanRunState = {};
  return __netsuitePostmanRunState;
}
