import { memoizeLast } from '../core/memoizeLast';
import { NspError } from '../core/NspError';
import { parseScopes } from '../core/scopes';
import type { CachedToken } from '../core/tokenCache';
import { cacheKey } from '../core/tokenCache';
import { basicAuthorization, clientCredentialsForm, refreshTokenForm } from '../core/tokenRequests';
import { parseTokenResponse } from '../core/tokenResponse';
import { decideTokenRetry } from '../core/tokenEndpointRetry';
import type { RunContext } from './context';
import { base64Utf8 } from './cryptoJs';
import type { M2mAssertionInput } from '../core/m2mSignerContract';
import { issuedRefreshToken } from './sessionStore';
import { readVariable, requireVariable } from './variables';

interface FormResponse {
  code: number;
  text: string;
}

/** pm.sendRequest uses the run's cookie jar even where requests disable cookies: empty it first. */
function clearCookies(url: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      pm.cookies.jar().clear(url, (error) => {
        if (error) console.warn(`netsuite-postman: could not clear cookies for the token endpoint (${String(error)}); add its domain to the cookie allowlist if NetSuite answers INVALID_LOGIN.`);
        resolve();
      });
    } catch (error) {
      console.warn(`netsuite-postman: could not clear cookies for the token endpoint (${String(error)}).`);
      resolve();
    }
  });
}

function postFormOnce(url: string, form: Array<[string, string]>, headers: Array<{ key: string; value: string }>): Promise<FormResponse> {
  return clearCookies(url).then(
    () =>
      new Promise<FormResponse>((resolve, reject) => {
        pm.sendRequest(
          {
            url,
            method: 'POST',
            header: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { key: 'Accept', value: 'application/json' }].concat(headers),
            body: { mode: 'urlencoded', urlencoded: form.map(([key, value]) => ({ key, value })) },
          },
          (error, response) => {
            if (error || !response) {
              reject(new Error(error instanceof Error ? error.message : String(error)));
              return;
            }
            resolve({ code: response.code, text: response.text() });
          },
        );
      }),
  );
}

/**
 * POSTs to the token endpoint; a 5xx or no answer is tried again a few times after a short,
 * growing wait (core/tokenEndpointRetry.ts bounds the count and each wait). The last
 * answer is returned (a 5xx then fails in parseTokenResponse with NetSuite's error), or, with
 * no answer at all, TOKEN_ENDPOINT_UNREACHABLE.
 */
function postForm(url: string, form: Array<[string, string]>, headers: Array<{ key: string; value: string }>, retriesSoFar = 0): Promise<FormResponse> {
  const next = (response: FormResponse | undefined, error?: string): Promise<FormResponse> => {
    const decision = decideTokenRetry({ status: response && response.code, error, retriesSoFar, random: Math.random });
    if (decision && decision.retry) {
      console.warn(`netsuite-postman: "${pm.info.requestName}": ${decision.reason}`);
      return new Promise<void>((resolve) => {
        setTimeout(resolve, decision.delayMs);
      }).then(() => postForm(url, form, headers, retriesSoFar + 1));
    }
    if (decision) console.error(`netsuite-postman: "${pm.info.requestName}": ${decision.reason}`);
    if (response) return Promise.resolve(response);
    return Promise.reject(
      new NspError(
        'TOKEN_ENDPOINT_UNREACHABLE',
        `The token endpoint ${url} did not answer (${error}). Check suitetalk_base_url / account_id and the network, or raise --timeout-request.`,
        'suitetalk_base_url',
      ),
    );
  };
  return postFormOnce(url, form, headers).then(next, (error: unknown) => next(undefined, error instanceof Error ? error.message : String(error)));
}

/** The cache key of the token the current variables call for (see core/tokenCache.ts). */
export function tokenCacheKey(context: RunContext): string {
  return cacheKeyOf(
    context.account.realm,
    readVariable(pm.variables, 'client_id') ?? '',
    context.method,
    context.method === 'm2m' ? readVariable(pm.variables, 'certificate_id') ?? '' : '',
    readVariable(pm.variables, 'scope') ?? '',
  );
}

/** The same values request after request: computed once while they stay the same (core/memoizeLast.ts). */
const cacheKeyOf = memoizeLast((accountRealm: string, clientId: string, authMethod: string, certificateId: string, scope: string) =>
  cacheKey({ accountRealm, clientId, authMethod, certificateId, scope }),
);

/** Signs a client assertion: Web Crypto (asynchronous) or the run's jsrsasign signer. */
export type AssertionSigner = (input: M2mAssertionInput) => string | PromiseLike<string>;

/** The values an M2M assertion needs, read here so the run-wide signer never sees `pm`. */
export function m2mAssertionInput(context: RunContext, nowMs: number, audience = context.tokenUrl): M2mAssertionInput {
  return {
    privateKeyPem: requireVariable(pm.variables, 'private_key', 'M2M (the key of the certificate uploaded to NetSuite)'),
    algorithm: readVariable(pm.variables, 'jwt_algorithm'),
    certificateId: requireVariable(pm.variables, 'certificate_id', 'M2M (the JWT kid)'),
    clientId: requireVariable(pm.variables, 'client_id', 'M2M (the JWT iss)'),
    scopes: parseScopes(readVariable(pm.variables, 'scope')),
    audience,
    nowSeconds: Math.floor(nowMs / 1000),
  };
}

/** Mints an M2M token with a fresh client assertion (client_credentials grant), cached under `key`. */
export function mintM2m(context: RunContext, sign: AssertionSigner, nowMs: number, key: string): Promise<CachedToken> {
  const input = m2mAssertionInput(context, nowMs);
  return Promise.resolve(sign(input))
    .then((assertion) => postForm(context.tokenUrl, clientCredentialsForm(assertion), []))
    .then((response) => {
      const token = parseTokenResponse(response.code, response.text, Date.now(), 'client_credentials');
      return { key, accessToken: token.accessToken, expiresAt: token.expiresAt };
    });
}

/** The refresh token to use: the environment's, else one issued by a code exchange this session. */
export function currentRefreshToken(): string | undefined {
  return readVariable(pm.variables, 'refresh_token') ?? issuedRefreshToken();
}

export function clientBasicHeader(neededFor: string): { key: string; value: string } {
  const clientId = requireVariable(pm.variables, 'client_id', neededFor);
  const secret = readVariable(pm.variables, 'client_secret') ?? '';
  return { key: 'Authorization', value: basicAuthorization(clientId, secret, base64Utf8) };
}

/** Gets a new access token with the refresh token (authcode). */
export function refreshAccessToken(context: RunContext, refreshToken: string, key: string): Promise<CachedToken> {
  const basic = clientBasicHeader('authcode (HTTP Basic at the token endpoint)');
  return postForm(context.tokenUrl, refreshTokenForm(refreshToken), [basic]).then((response) => {
    const token = parseTokenResponse(response.code, response.text, Date.now(), 'refresh_token');
    return { key, accessToken: token.accessToken, expiresAt: token.expiresAt };
  });
}
