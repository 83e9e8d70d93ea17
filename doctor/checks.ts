/**
 * The doctor's diagnostic sequence (seeds 000/001/003): offline checks of the environment, then
 * live checks in NetSuite's layer order. Signs with the same pure modules the Postman scripts use.
 * GET only, besides the token request; no result line ever carries a secret.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { parseAccountId, type AccountId } from '../scripts-src/core/accountId.ts';
import { accountHostFormInUrl, defaultBaseUrls, normalizeBaseUrl, tokenUrl } from '../scripts-src/core/baseUrls.ts';
import { algorithmsForKey, buildClientAssertion, MIN_RSA_BITS } from '../scripts-src/core/clientAssertion.ts';
import { diagnose, type DiagnosisFacts } from '../scripts-src/core/diagnosis.ts';
import { parseJwtAlgorithm } from '../scripts-src/core/jwtAlgorithm.ts';
import { parsePrivateKeyPem, type ParsedKey } from '../scripts-src/core/pem.ts';
import { redactText } from '../scripts-src/core/redact.ts';
import { DEFAULT_SCOPES, parseScopes } from '../scripts-src/core/scopes.ts';
import { signTba } from '../scripts-src/core/tbaSignature.ts';
import { basicAuthorization, clientCredentialsForm, encodeFormBody, refreshTokenForm } from '../scripts-src/core/tokenRequests.ts';

export type CheckStatus = 'PASS' | 'FAIL' | 'WARN';
export interface CheckResult {
  status: CheckStatus;
  layer: string;
  name: string;
  detail: string;
  fix?: string;
}

export interface DoctorInput {
  variables: (name: string) => string | undefined;
  /** The contract's secret variables: their values never appear in a result. */
  secretNames: readonly string[];
  authMethod: string;
  timeoutMs: number;
  now?: () => number;
}

const REQUIRED: Record<string, string[]> = {
  m2m: ['account_id', 'client_id', 'certificate_id', 'private_key'],
  tba: ['account_id', 'consumer_key', 'consumer_secret', 'token_id', 'token_secret'],
  authcode: ['account_id', 'client_id', 'client_secret', 'refresh_token'],
};

interface Http {
  status: number;
  headers: Headers;
  text: string;
}

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Http> {
  const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs every check; `emit` receives each result as soon as it is known. */
export async function runDoctor(input: DoctorInput, emit: (result: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const v = input.variables;
  const secrets = input.secretNames
    .map((name) => v(name))
    .filter((value): value is string => value !== undefined);
  const add = (status: CheckStatus, layer: string, name: string, detail: string, fix?: string): void => {
    const result = { status, layer, name, detail: redactText(detail, secrets), ...(fix ? { fix: redactText(fix, secrets) } : {}) };
    results.push(result);
    emit(result);
  };
  const now = input.now ?? Date.now;
  const method = input.authMethod;

  // 1. Offline.
  const missing = (REQUIRED[method] ?? []).filter((name) => v(name) === undefined);
  if (missing.length > 0) {
    add('FAIL', 'config', 'variables', `missing for ${method}: ${missing.join(', ')}`, `Set ${missing.join(', ')} in the environment (or NETSUITE_<NAME> in the process environment).`);
    return results;
  }
  add('PASS', 'config', 'variables', `every variable ${method} needs is set`);

  let account: AccountId;
  try {
    account = parseAccountId(v('account_id') as string);
    add('PASS', 'config', 'account id', `${account.realm} (${account.kind}); realm ${account.realm}, host form ${account.hostForm}`);
  } catch (error) {
    add('FAIL', 'config', 'account id', message(error), 'Use the id from Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1.');
    return results;
  }

  const defaults = defaultBaseUrls(account);
  let suitetalk: string;
  let restlets: string;
  try {
    suitetalk = v('suitetalk_base_url') ? normalizeBaseUrl(v('suitetalk_base_url') as string, 'suitetalk_base_url') : defaults.suitetalk;
    restlets = v('restlets_base_url') ? normalizeBaseUrl(v('restlets_base_url') as string, 'restlets_base_url') : defaults.restlets;
  } catch (error) {
    add('FAIL', 'transport', 'base URLs', message(error), 'Fix the base URL, or leave it empty to derive it from account_id.');
    return results;
  }
  const audience = tokenUrl(suitetalk);
  let hostsOk = true;
  for (const [name, url] of [['suitetalk_base_url', suitetalk], ['restlets_base_url', restlets]] as const) {
    const host = accountHostFormInUrl(url);
    if (host !== undefined && host !== account.hostForm) {
      hostsOk = false;
      const sandboxToProduction = /^[0-9]+$/.test(host) && account.kind !== 'production';
      add('FAIL', 'transport', 'account host', `${name} ${url} addresses account "${host}" but account_id is ${account.realm}${sandboxToProduction ? ' (sandbox credentials against a production URL)' : ''}`,
        'Make account_id and the base URLs name the same account (clear the base URLs to derive them from account_id); sandbox and production have separate credentials.');
    }
  }
  if (hostsOk) add('PASS', 'transport', 'base URLs', `REST ${suitetalk}, RESTlets ${restlets}${method === 'm2m' ? `, token URL and aud ${audience}` : ''}`);

  let scopes: string[] = DEFAULT_SCOPES.slice();
  let key: ParsedKey | undefined;
  let algorithm: ReturnType<typeof parseJwtAlgorithm> | undefined;
  if (method === 'm2m' || method === 'authcode') {
    try {
      scopes = parseScopes(v('scope'));
      const restletWanted = v('restlet_script') !== undefined;
      if (restletWanted && scopes.indexOf('restlets') < 0) {
        add('WARN', 'oauth', 'scope', `scope ${scopes.join(',')} lacks restlets, but restlet_script is set`, 'Add restlets to scope (and tick it on the integration record) to call the RESTlet.');
      } else add('PASS', 'oauth', 'scope', scopes.join(','));
    } catch (error) {
      add('FAIL', 'oauth', 'scope', message(error), 'Use rest_webservices, restlets or suite_analytics, comma-separated.');
    }
  }
  if (method === 'm2m') {
    try {
      algorithm = parseJwtAlgorithm(v('jwt_algorithm'));
    } catch (error) {
      add('FAIL', 'oauth', 'algorithm', message(error), 'Set jwt_algorithm to PS256 (RSA key) or ES256/ES384/ES512 (EC key); NetSuite refuses RS256 since 2025-03-01.');
    }
    try {
      key = parsePrivateKeyPem(v('private_key'));
      const size = key.kind === 'RSA' ? `RSA-${key.bits}` : `EC ${key.curve}`;
      if (key.kind === 'RSA' && key.bits < MIN_RSA_BITS) {
        add('FAIL', 'oauth', 'private key', `${size} (${key.format}); NetSuite needs RSA 3072/4096 or EC P-256/384/521`, 'Generate a new key (openssl req -x509 -newkey rsa:3072 …), upload its certificate to the M2M mapping, update private_key and certificate_id.');
        key = undefined;
      } else if (algorithm && algorithmsForKey(key).indexOf(algorithm) < 0) {
        add('FAIL', 'oauth', 'private key', `${size} does not fit jwt_algorithm ${algorithm}`, `Set jwt_algorithm to ${algorithmsForKey(key).join(' or ')}.`);
        key = undefined;
      } else add('PASS', 'oauth', 'private key', `${size} (${key.format}), ${algorithm ?? '?'}`);
    } catch (error) {
      add('FAIL', 'oauth', 'private key', message(error), 'Paste the PEM private key of the certificate uploaded to the M2M mapping.');
    }
  }
  if (method === 'tba') add('WARN', 'oauth', 'auth method', 'TBA is being retired for new integrations (none from 2027.1)', 'Prefer M2M (OAuth 2.0 client credentials) for new integrations.');

  // Clock skew and "the host answers": one GET to the REST host.
  let skewS = 0;
  try {
    const probe = await request(suitetalk, { method: 'GET' }, input.timeoutMs);
    add('PASS', 'transport', 'host answers', `${suitetalk} answered HTTP ${probe.status}`);
    const date = Date.parse(probe.headers.get('date') ?? '');
    if (Number.isNaN(date)) add('WARN', 'transport', 'clock skew', 'the server sent no Date header', 'Check the base URL points at NetSuite.');
    else {
      skewS = Math.round((now() - date) / 1000);
      const status: CheckStatus = Math.abs(skewS) > 300 ? 'FAIL' : Math.abs(skewS) > 60 ? 'WARN' : 'PASS';
      add(status, 'transport', 'clock skew', `local clock is ${skewS} s off the server's Date header`, status === 'PASS' ? undefined : 'Synchronise this computer\'s clock (NTP): TBA timestamps must be within ±300 s, assertion iat close to NetSuite\'s time.');
    }
  } catch (error) {
    add('FAIL', 'transport', 'host answers', `${suitetalk} did not answer: ${message(error)}`, 'Check the account id / base URL, DNS, proxy and firewall.');
    return results;
  }
  if (results.some((r) => r.status === 'FAIL')) return results;

  // 2. Live, in layer order.
  const facts = (url: string, httpMethod: string, response: Http, extra: Partial<DiagnosisFacts>): DiagnosisFacts => ({
    status: response.status,
    body: response.text,
    method: httpMethod,
    url,
    authMethod: method,
    account,
    urlHost: accountHostFormInUrl(url),
    cookie: false,
    bodyEmpty: httpMethod === 'GET',
    authScheme: 'Bearer',
    nowMs: now(),
    serverDateMs: Date.parse(response.headers.get('date') ?? '') || undefined,
    scopes,
    ...extra,
  });
  const failWith = (name: string, url: string, httpMethod: string, response: Http, extra: Partial<DiagnosisFacts>): void => {
    const verdict = diagnose(facts(url, httpMethod, response, extra));
    const code = /"(?:o:errorCode|code|error)"\s*:\s*"([A-Za-z_]+)"/.exec(response.text)?.[1] ?? `HTTP ${response.status}`;
    add('FAIL', verdict.layer, name, `HTTP ${response.status} ${code}: ${verdict.cause}`, verdict.fix);
  };

  let authorize: (httpMethod: string, url: string) => string;
  if (method === 'tba') {
    authorize = (httpMethod, url) =>
      signTba({
        method: httpMethod,
        url,
        realm: account.realm,
        consumerKey: v('consumer_key') as string,
        consumerSecret: v('consumer_secret') as string,
        tokenId: v('token_id') as string,
        tokenSecret: v('token_secret') as string,
        nonce: randomBytes(16).toString('hex'),
        timestamp: Math.floor(now() / 1000),
        hmacSha256Base64: (k, data) => createHmac('sha256', k).update(data).digest('base64'),
      }).authorization;
  } else {
    if (method === 'm2m' && (!key || !algorithm)) return results;
    let form: Array<[string, string]>;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    let clientAssertion: string | undefined;
    if (method === 'm2m') {
      clientAssertion = buildClientAssertion({
        algorithm: algorithm!,
        key: key!,
        certificateId: v('certificate_id') as string,
        clientId: v('client_id') as string,
        scopes,
        audience,
        nowSeconds: Math.floor(now() / 1000),
      });
      form = clientCredentialsForm(clientAssertion);
    } else {
      form = refreshTokenForm(v('refresh_token') as string);
      headers.authorization = basicAuthorization(v('client_id') as string, v('client_secret') as string, (s) => Buffer.from(s, 'utf8').toString('base64'));
    }
    let token: string;
    try {
      const response = await request(audience, { method: 'POST', headers, body: encodeFormBody(form) }, input.timeoutMs);
      const json = (() => {
        try {
          return JSON.parse(response.text) as { access_token?: string; expires_in?: number };
        } catch {
          return {};
        }
      })();
      if (response.status !== 200 || !json.access_token) {
        const parts = clientAssertion?.split('.') ?? [];
        const decode = (s: string | undefined) => JSON.parse(Buffer.from(s ?? '', 'base64url').toString('utf8') || '{}') as Record<string, unknown>;
        failWith('token endpoint', audience, 'POST', response, {
          grant: method === 'm2m' ? 'client_credentials' : 'refresh_token',
          authScheme: method === 'm2m' ? '' : 'Basic',
          bodyEmpty: false,
          ...(clientAssertion ? { assertion: { ...decode(parts[0]), ...decode(parts[1]), signatureBits: Math.floor(((parts[2] ?? '').length * 6) / 8) * 8 } } : {}),
        });
        if (account.kind === 'production' && response.status === 401) {
          add('WARN', 'transport', 'environment', `account_id ${account.realm} is a production account`, 'If these credentials were made in a sandbox, set account_id to the sandbox id (e.g. 1234567_SB1): sandbox credentials do not exist in production.');
        }
        return results;
      }
      token = json.access_token;
      add('PASS', 'oauth', 'token endpoint', `${method === 'm2m' ? 'a freshly signed assertion' : 'the refresh token'} was accepted (access token valid ${json.expires_in ?? '?'} s)`);
    } catch (error) {
      add('FAIL', 'transport', 'token endpoint', `${audience} did not answer: ${message(error)}`, 'Check network access to the SuiteTalk host.');
      return results;
    }
    authorize = () => `Bearer ${token}`;
  }

  const get = async (name: string, url: string): Promise<void> => {
    try {
      const response = await request(url, { method: 'GET', headers: { authorization: authorize('GET', url), accept: 'application/json' } }, input.timeoutMs);
      if (response.status >= 200 && response.status < 300) {
        add('PASS', 'permissions', name, `GET ${url.replace(/\?.*$/, '')} answered HTTP ${response.status}`);
        return;
      }
      const tba = method === 'tba' ? { tba: Object.fromEntries([...authorize('GET', url).matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1]!, decodeURIComponent(m[2]!)])) } : {};
      failWith(name, url, 'GET', response, { authScheme: method === 'tba' ? 'OAuth' : 'Bearer', ...tba });
    } catch (error) {
      add('FAIL', 'transport', name, `GET ${url.replace(/\?.*$/, '')} did not answer: ${message(error)}`, 'Check network access to the host.');
    }
  };
  await get('authenticated GET', `${suitetalk}/services/rest/record/v1/customer?limit=1`);
  const script = v('restlet_script');
  if (script !== undefined) {
    const deploy = v('restlet_deploy') ?? '1';
    await get('RESTlet GET', `${restlets}/app/site/hosting/restlet.nl?script=${encodeURIComponent(script)}&deploy=${encodeURIComponent(deploy)}`);
  }
  return results;
}
