// Collection variables that carry retry state from one attempt of a request to the next.

/** `<requestId>|<retries so far>` while a rate-limited request is being retried. */
export const RATE_LIMIT_RETRIES = 'nsp_rate_limit_retries';
/** The id of a request being sent once more after a 401 for its cached token. */
export const RETRIED_AFTER_401 = 'nsp_retried_request';

/**
 * True when the collection-level test script already decided to send the current request again
 * (it runs before item-level test scripts), so an item script must not judge this attempt.
 */
export function supersededByRetry(): boolean {
  const pending = String(pm.collectionVariables.get(RATE_LIMIT_RETRIES) ?? '');
  return pending.split('|')[0] === pm.info.requestId;
}
