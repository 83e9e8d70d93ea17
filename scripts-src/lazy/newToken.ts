// Lazy part of collection-prerequest.js (build/lazyText.mjs): getting a new token — the Web Crypto
// M2M signer with the PEM reader and every refusal message, the token endpoint's requests, retries
// and error explanations. Compiled only on a request that mints or refreshes.
export { mintM2m, refreshAccessToken } from '../pm/tokenEndpoint';
export { webCryptoAssertion } from '../core/webCryptoAssertion';
