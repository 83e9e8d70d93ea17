// Retry state between attempts of one request, kept for the run (pm/runState.ts).
import { runState } from './runState';

/**
 * True when the collection-level test script already decided to send the current request again
 * (it runs before item-level test scripts), so an item script must not judge this attempt.
 */
export function supersededByRetry(): boolean {
  const pending = runState().rateLimitRetries;
  return pending !== undefined && pending.split('|')[0] === pm.info.requestId;
}
