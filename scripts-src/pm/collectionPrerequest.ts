import type { AuthPlan } from '../core/authPlan';
import { planAuth } from '../core/authPlan';
import { guardRequest } from '../core/guards';
import { makeNonce } from '../core/nonce';
import { requestKind } from '../core/requestKind';
import { parseScopes } from '../core/scopes';
import { signTba } from '../core/tbaSignature';
import type { CachedToken } from '../core/tokenCache';
import { parseBufferSeconds } from '../core/tokenCache';
import type { RunContext } from './context';
import { loadContext } from './context';
import { clearJarIfNeeded, removeCookieHeader } from './cookies';
import { hmacSha256Base64, randomInt } from './cryptoJs';
import type { Outbound } from './outbound';
import { applyFollowUp } from './followUp';
import { currentOutbound } from './outbound';
import { refuse } from './refuse';
import { loadedSigner } from './signerGlobal';
import { currentRefreshToken, mintM2m, refreshAccessToken, tokenCacheKey } from './tokenEndpoint';
import { loadToken, saveToken } from './tokenStore';
import { readVariable, requireVariable } from './variables';

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

function execute(plan: AuthPlan, context: RunContext, outbound: Outbound, nowMs: number): Promise<void> | undefined {
  switch (plan.kind) {
    case 'none':
      return undefined;
    case 'bearer':
      setBearer(plan.accessToken);
      return undefined;
    case 'tba':
      signWithTba(context, outbound, nowMs);
      return undefined;
    case 'mint-m2m':
      return mintM2m(context, loadedSigner()!, nowMs).then((token) => store('m2m', token));
    case 'refresh':
      return refreshAccessToken(context, currentRefreshToken()!).then((token) => store('authcode', token));
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
      scopes: context.method === 'tba' ? undefined : parseScopes(readVariable(pm.variables, 'scope')),
    });
    // Validated for every method, as before; tba never looks at a token.
    const bufferSeconds = parseBufferSeconds(readVariable(pm.variables, 'token_refresh_buffer_seconds'));
    const slot = context.method === 'tba' ? undefined : context.method;
    const plan = planAuth({
      method: context.method,
      requestKind: requestKind(outbound.url),
      cached: slot ? loadToken(slot) : undefined,
      cacheKey: slot ? tokenCacheKey(context, readVariable(pm.variables, 'client_id')) : '',
      nowMs,
      bufferSeconds,
      signerLoaded: loadedSigner() !== undefined,
      // Read only when the cached token cannot be used (planAuth asks last).
      hasRefreshToken: () => context.method === 'authcode' && currentRefreshToken() !== undefined,
    });
    const jar = clearJarIfNeeded(outbound.url);
    pending = jar ? jar.then(() => execute(plan, context, outbound, nowMs)) : execute(plan, context, outbound, nowMs);
  } catch (error) {
    refuse(error);
    return;
  }
  if (pending) pending.catch(refuse);
}
