import type { AuthPlan } from '../core/authPlan';
import { NspError } from '../core/NspError';
import { planAuth } from '../core/authPlan';
import { guardRequest } from '../core/guards';
import { makeNonce } from '../core/nonce';
import { requestKind } from '../core/requestKind';
import { parseScopes } from '../core/scopes';
import { memoizeLast } from '../core/memoizeLast';
import { signTba } from '../core/tbaSignature';
import type { CachedToken } from '../core/tokenCache';
import { parseBufferSeconds } from '../core/tokenCache';
import type { RunContext } from './context';
import { loadContext } from './context';
import { clearJarIfNeeded, removeCookieHeader } from './cookies';
import { randomInt } from './cryptoJs';
import { hmacSha256Base64 } from '../core/hmacSha256Base64';
import type { Outbound } from './outbound';
import { applyFollowUp } from './followUp';
import { currentOutbound } from './outbound';
import { refuse } from './refuse';
import { loadedSigner } from './signerGlobal';
import { currentRefreshToken, tokenCacheKey, type AssertionSigner } from './tokenEndpoint';
import { loadToken, saveToken } from './sessionStore';
import { readVariable, requireVariable, type ContractVariable } from './variables';
import { noteRequest } from './singleSend';
import { resolveVaultReferences } from './vault';
import { holdUntilSettled, webCryptoSubtle } from './webCrypto';
import { webCryptoAssertion } from '../core/webCryptoAssertion';
import { mintM2m, refreshAccessToken } from './tokenEndpoint';

// The same values request after request: parsed once while they stay the same (core/memoizeLast.ts).
const scopesOf = memoizeLast(parseScopes);
const bufferSecondsOf = memoizeLast(parseBufferSeconds);

function setBearer(accessToken: string): void {
  pm.request.headers.upsert({ key: 'Authorization', value: `Bearer ${accessToken}` });
}

function signWithTba(context: RunContext, outbound: Outbound, nowMs: number): void {
  const signed = signTba({
    method: outbound.method,
    url: outbound.url,
    formParams: outbound.formParams,
    realm: context.account.realm,
    consumerKey: requireVariable(pm.variables, 'consumer_key', 'TBA'),
    consumerSecret: requireVariable(pm.variables, 'consumer_secret', 'TBA'),
    tokenId: requireVariable(pm.variables, 'token_id', 'TBA'),
    tokenSecret: requireVariable(pm.variables, 'token_secret', 'TBA'),
    nonce: makeNonce(randomInt, 20),
    timestamp: Math.floor(nowMs / 1000),
    hmacSha256Base64,
  });
  pm.request.headers.upsert({ key: 'Authorization', value: signed.authorization });
}

/**
 * How this engine signs an assertion: Web Crypto where the engine has it (the Postman app: any
 * request, Sent alone, mints its own token), else the jsrsasign signer "Auth / Mint M2M token"
 * left for this run (Newman).
 */
function assertionSigner(): AssertionSigner | undefined {
  const subtle = webCryptoSubtle();
  if (subtle) return (input) => webCryptoAssertion(subtle, input);
  const signer = loadedSigner();
  return signer ? (input) => signer.assertion(input) : undefined;
}

/** Runs `then` once the named secrets that are Postman Vault references are resolved (usually at once). */
function withSecrets(names: ContractVariable[], then: () => Promise<void> | undefined): Promise<void> | undefined {
  const vault = resolveVaultReferences(names);
  return vault ? vault.then(then) : then();
}

function execute(plan: AuthPlan, context: RunContext, outbound: Outbound, nowMs: number, key: string): Promise<void> | undefined {
  switch (plan.kind) {
    case 'none':
      // The Auth requests' own scripts read these after this script (local variables are shared).
      return withSecrets(context.method === 'm2m' ? ['private_key'] : context.method === 'authcode' ? ['client_secret', 'refresh_token'] : [], () => undefined);
    case 'bearer':
      setBearer(plan.accessToken);
      return undefined;
    case 'tba':
      return withSecrets(['consumer_secret', 'token_secret'], () => {
        signWithTba(context, outbound, nowMs);
        return undefined;
      });
    case 'mint-m2m':
      return withSecrets(['private_key'], () => mintM2m(context, assertionSigner()!, nowMs, key).then((token) => store('m2m', token)));
    case 'refresh':
      return withSecrets(['client_secret', 'refresh_token'], () => refreshAccessToken(context, currentRefreshToken()!, key).then((token) => store('authcode', token)));
  }
}

function store(slot: 'm2m' | 'authcode', token: CachedToken): void {
  saveToken(slot, token);
  console.info(`netsuite-postman: minted a new ${slot} access token (valid until ${new Date(token.expiresAt).toISOString()}).`);
  setBearer(token.accessToken);
}

/**
 * The every-request script: fills base URLs, drops cookies, refuses what NetSuite would reject
 * with a bare 401, then adds credentials for `auth_method`. With a cached, fresh token this path
 * is synchronous and small; minting or refreshing happens only when the token is missing or old.
 */
export function collectionPrerequest(nowMs: number): void {
  let pending: Promise<void> | undefined;
  // A Send is one request: a second one in this run tells the test hook it is in a run (singleSend.ts).
  noteRequest();
  try {
    const context = loadContext();
    removeCookieHeader();
    applyFollowUp();
    const outbound = currentOutbound();
    guardRequest(outbound, {
      account: context.account,
      // Only a production account consults allow_production: other accounts skip the read.
      allowProduction: context.account.kind === 'production' && readVariable(pm.variables, 'allow_production') === 'true',
      // A token's scopes are what `scope` asked for; TBA tokens have none.
      scopes: context.method === 'tba' ? undefined : scopesOf(readVariable(pm.variables, 'scope')),
    });
    // Validated for every method, as before; tba never looks at a token.
    const bufferSeconds = bufferSecondsOf(readVariable(pm.variables, 'token_refresh_buffer_seconds'));
    const slot = context.method === 'tba' ? undefined : context.method;
    const key = slot ? tokenCacheKey(context) : '';
    const plan = planAuth({
      method: context.method,
      requestKind: requestKind(outbound.url),
      cached: slot ? loadToken(slot) : undefined,
      cacheKey: key,
      nowMs,
      bufferSeconds,
      canMint: context.method === 'm2m' && assertionSigner() !== undefined,
      // Read only when the cached token cannot be used (planAuth asks last).
      hasRefreshToken: () => context.method === 'authcode' && currentRefreshToken() !== undefined,
    });
    const jar = clearJarIfNeeded(outbound.url);
    pending = jar ? jar.then(() => execute(plan, context, outbound, nowMs, key)) : execute(plan, context, outbound, nowMs, key);
  } catch (error) {
    refuse(error);
    return;
  }
  // Web Crypto's promises do not keep the sandbox waiting: a timer does, until the mint settles.
  if (pending) holdUntilSettled(pending.catch(refuse), MINT_HOLD_MS, () => refuse(new NspError('MINT_TIMEOUT', `The token request did not finish within ${MINT_HOLD_MS / 1000} s.`)));
}

const MINT_HOLD_MS = 120_000;
