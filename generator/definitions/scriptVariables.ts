import type { CollectionVariableDef } from './types.ts';

/**
 * The collection variables the scripts themselves read and write (scripts-src/pm/tokenStore.ts,
 * token-response.ts, the Auth requests' scripts), declared so the Postman app lists them. All
 * start empty; none reaches the environment. What lasts one run only (retries, the cookie jar's
 * state) is not a variable: scripts-src/pm/runState.ts.
 */
const SESSION = 'Kept for this Postman session (or this run); never copied into the environment.';

export const TOKEN_VARIABLES: CollectionVariableDef[] = [
  {
    key: 'nsp_token_m2m',
    value: '',
    description: `The cached M2M access token, as JSON {key, accessToken, expiresAt}. Written by the collection after a mint; reused while it is fresh for the same account, client, certificate id and scope (any change mints a new one). ${SESSION} Empty it to force a new mint.`,
  },
  {
    key: 'nsp_token_authcode',
    value: '',
    description: `The cached authorization-code access token, as JSON {key, accessToken, expiresAt}; refreshed with the refresh token when it ages. ${SESSION}`,
  },
  {
    key: 'nsp_refresh_token',
    value: '',
    description: `A refresh token NetSuite issued to "Auth / Exchange authorization code" in this session; \`refresh_token\` in the environment wins over it. Copy it into the environment (a secret) to run authcode unattended. ${SESSION}`,
  },
];

export const AUTHORIZE_VARIABLES: CollectionVariableDef[] = [
  {
    key: 'nsp_pkce_verifier',
    value: '',
    description: 'PKCE code verifier made by "Auth / Authorize URL (PKCE)" and sent by "Auth / Exchange authorization code". Set by the collection.',
  },
  {
    key: 'nsp_pkce_state',
    value: '',
    description: 'The `state` sent to the authorize endpoint by "Auth / Authorize URL (PKCE)"; the redirect must bring it back. Set by the collection.',
  },
  {
    key: 'nsp_authorization_code',
    value: '',
    description:
      'The authorization code from NetSuite\'s redirect. Filled by "Auth / Authorize URL (PKCE)" when the redirect comes back to Postman; after signing in in a browser, paste the `code` parameter of the redirect URL here yourself. "Auth / Exchange authorization code" uses it once and empties it.',
  },
];
