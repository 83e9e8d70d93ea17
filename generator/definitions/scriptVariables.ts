import type { CollectionVariableDef } from './types.ts';

/**
 * The collection variables the scripts themselves read and write, declared so the Postman app
 * lists them. All start empty; none reaches the environment. The engines copy every declared
 * collection variable into every script execution (about 30 µs per variable per request), so the
 * state nobody edits is ONE variable, `nsp_session` (scripts-src/core/sessionState.ts,
 * scripts-src/pm/sessionStore.ts). What lasts one run only (retries, the cookie jar's state) is not
 * a variable: scripts-src/pm/runState.ts.
 */
const TOKENS =
  '`m2m` and `authcode`, the cached access tokens {key, accessToken, expiresAt}, each reused while it is fresh for the same account, client, certificate id and scope (any change mints a new one)';
const KEPT =
  'Kept for this Postman session (or this run); never copied into the environment. Empty it to start over: the next request mints (or refreshes) a new token. A value that is not the collection\'s JSON makes every request that reads it refuse to send, saying so.';
const BECAUSE =
  'each declared collection variable is copied into every script execution, about 30 µs per variable per request, so the scripts\' own state, which nobody edits, now lives in one variable';

/**
 * Why a variable only some requests use is not declared (definitions' `undeclared`, in the
 * CHANGELOG): measured in bench/RESULTS.md, sections 7 and 8.
 */
export const UNDECLARED =
  'each declared collection variable is copied into every script execution of every request, about 30 µs per variable per request; these are used by a few requests only, and are created when first set';

/** The REST collection's: tokens, the issued refresh token, PKCE, a pending write. */
export const SESSION_VARIABLE: CollectionVariableDef = {
  key: 'nsp_session',
  value: '',
  description: [
    `The collection's own state, as JSON written only by its scripts (do not edit it): ${TOKENS};`,
    '`refreshToken`, a refresh token NetSuite issued to "Auth / Exchange authorization code" (copy it into `refresh_token` in the',
    'environment, a secret, to run authcode unattended; the environment\'s wins); `pkce`, the PKCE verifier and state between',
    '"Auth / Authorize URL (PKCE)" and the exchange; `idempotencyPending`, a write sent and not yet answered (sending it again',
    `reuses its \`nsp_idempotency_key\`). ${KEPT}`,
  ].join(' '),
  replaces: {
    variables: ['nsp_token_m2m', 'nsp_token_authcode', 'nsp_refresh_token', 'nsp_pkce_verifier', 'nsp_pkce_state', 'nsp_idempotency_pending'],
    because: BECAUSE,
  },
};

/** The RESTlets collection's: it has no code exchange, PKCE or idempotent writes, so only the tokens. */
export const RESTLETS_SESSION_VARIABLE: CollectionVariableDef = {
  key: 'nsp_session',
  value: '',
  description: `The collection's own state, as JSON written only by its scripts (do not edit it): ${TOKENS}. The authcode refresh uses \`refresh_token\` from the environment. ${KEPT}`,
  replaces: { variables: ['nsp_token_m2m', 'nsp_token_authcode', 'nsp_refresh_token'], because: BECAUSE },
};

export const AUTHORIZATION_CODE_VARIABLE: CollectionVariableDef = {
  key: 'nsp_authorization_code',
  value: '',
  description:
    'The authorization code from NetSuite\'s redirect. Filled by "Auth / Authorize URL (PKCE)" when the redirect comes back to Postman; after signing in in a browser, paste the `code` parameter of the redirect URL here yourself. "Auth / Exchange authorization code" uses it once and empties it.',
};
