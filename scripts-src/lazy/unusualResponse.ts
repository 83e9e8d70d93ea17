// Lazy part of collection-test.js (build/lazyText.mjs): what only an unusual response needs — the
// diagnosis of a refusal, rate-limit decisions, paging and asynchronous-job following. Compiled
// only on a response that needs one of them.
export { diagnoseResponse } from '../pm/diagnoseResponse';
export { decideFollow } from '../core/follow';
export { decideRateLimitRetry } from '../core/rateLimitPolicy';
