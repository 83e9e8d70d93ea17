// Gathers, from the request that actually went out and NetSuite's answer, the facts the pure
// diagnosis needs; reports its verdict as a failing pm.test and in the console, with the outbound
// request logged and every secret redacted. Runs only for refusals (see isDiagnosable).
import type { DiagnosisFacts } from '../core/diagnosis';
import { accountForms, diagnose, errorLabel, hostFormInUrl, isDiagnosable } from '../core/diagnosis';
import { redactHeaders, redactText } from '../core/redact';
import { base64UrlToUtf8 } from './cryptoJs';
import { currentOutbound } from './outbound';
import type { CachedToken } from '../core/tokenCache';
import type { TokenSlot } from './sessionStore';
import { loadToken } from './sessionStore';
import { readSecretsForRedaction, readVariable } from './variables';

/** OAuth 1.0a nonces sent in this run (the last 50): an implicit global, so tracking them costs
 * no collection-variable write on every TBA response. Like the signer, it lives for one run. */
declare let __netsuitePostmanNonces: string[] | undefined;

/** The cached token of `slot`, or none when `nsp_session` cannot be read: a diagnosis never fails on it. */
function cachedTokenIfReadable(slot: TokenSlot): CachedToken | undefined {
  try {
    return loadToken(slot);
  } catch (_error) {
    return undefined;
  }
}

/** A JWT segment's JSON, or an empty object. */
function claims(segment: string | undefined): { [name: string]: unknown } {
  try {
    return JSON.parse(base64UrlToUtf8(String(segment))) || {};
  } catch (_error) {
    return {};
  }
}

/**
 * For a request sent with an OAuth 1.0a header: remembers its nonce (the last 50 of the run) and
 * says whether it was sent before. Cheap; runs on every TBA response.
 */
export function tbaNonceSeenBefore(authorization: string): boolean {
  const match = /oauth_nonce="([^"]*)"/.exec(authorization);
  if (!match) return false;
  const nonce = match[1] as string;
  const seen = typeof __netsuitePostmanNonces === 'undefined' || !__netsuitePostmanNonces ? [] : __netsuitePostmanNonces;
  const before = seen.indexOf(nonce) >= 0;
  if (!before) __netsuitePostmanNonces = seen.slice(-49).concat(nonce);
  return before;
}

export function diagnoseResponse(nowMs: number, nonceReused: boolean): void {
  const status = pm.response.code;
  const body = pm.response.text();
  if (!isDiagnosable(status, body, status === 405 ? pm.request.url.toString() : undefined)) return;
  const out = currentOutbound();
  const headers: Record<string, string> = {};
  pm.request.headers.each((h) => {
    if (!h.disabled) headers[h.key] = String(h.value);
  });
  const auth = pm.request.headers.get('Authorization') || '';
  const scheme = (/^\S*/.exec(auth) as RegExpExecArray)[0];
  const authMethod = readVariable(pm.variables, 'auth_method') || 'm2m';
  const date = Date.parse(pm.response.headers.get('Date') || '');
  const form: { [name: string]: string } = {};
  for (const [key, value] of out.formParams) form[key] = value;
  const facts: DiagnosisFacts = {
    status,
    body,
    method: out.method,
    url: out.url,
    authMethod,
    account: accountForms(readVariable(pm.variables, 'account_id')),
    urlHost: hostFormInUrl(out.url),
    cookie: pm.request.headers.has('Cookie'),
    bodyEmpty: out.bodyEmpty,
    authScheme: scheme,
    nowMs,
    serverDateMs: date > 0 ? date : undefined,
    nonceReused,
    grant: form.grant_type,
  };
  if (/^Bearer$/i.test(scheme)) {
    const token = auth.slice(7).trim();
    const cached = cachedTokenIfReadable(authMethod === 'authcode' ? 'authcode' : 'm2m');
    const exp = cached && cached.accessToken === token ? cached.expiresAt : Number(claims(token.split('.')[1]).exp) * 1000;
    if (exp > 0) facts.tokenExpiresAt = exp;
    facts.scopes = (readVariable(pm.variables, 'scope') || 'rest_webservices,restlets').split(/[\s,]+/);
  } else if (/^OAuth$/i.test(scheme)) {
    const tba: { [name: string]: string } = {};
    auth.replace(/([a-z_]+)="([^"]*)"/g, (_all: string, key: string, value: string) => {
      try {
        tba[key] = decodeURIComponent(value);
      } catch (_error) {
        tba[key] = value;
      }
      return '';
    });
    facts.tba = tba;
  }
  const assertion = form.client_assertion;
  if (assertion) {
    const parts = assertion.split('.');
    const header = claims(parts[0]);
    const payload = claims(parts[1]);
    facts.assertion = {
      alg: header.alg,
      kid: header.kid,
      aud: payload.aud,
      iat: payload.iat,
      exp: payload.exp,
      signatureBits: Math.floor(((parts[2] || '').length * 6) / 8) * 8,
    };
  }
  const verdict = diagnose(facts);
  const name = `${errorLabel(status, body)} diagnosis: ${verdict.layer} layer — ${verdict.cause}`;
  const secrets = readSecretsForRedaction(pm.variables);
  const sentBody = out.formParams.length ? out.formParams.map((p) => p.join('=')).join('&') : (pm.request.body && pm.request.body.raw) || '';
  console.error(
    `netsuite-postman: "${pm.info.requestName}": ${name}. Fix: ${verdict.fix}\n` +
      `Sent: ${out.method} ${redactText(out.url, secrets)}\nHeaders: ${JSON.stringify(redactHeaders(headers, secrets))}\n` +
      `Body: ${redactText(sentBody, secrets) || '(empty)'}`,
  );
  pm.test(name, () => {
    throw new Error(`Fix: ${verdict.fix}`);
  });
}
