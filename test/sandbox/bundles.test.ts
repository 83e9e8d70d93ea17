/**
 * The Rollup bundles, run inside both sandbox engines (Newman 6.2.2 / postman-sandbox 4.7.1 and
 * postman-runtime 7.56.1 / postman-sandbox 6.7.4) against a loopback capture server. Assertions
 * are verified with jose and TBA headers by an independent verifier.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureServer } from '../helpers/captureServer';
import { startCaptureServer } from '../helpers/captureServer';
import type { Engine, EngineRun } from '../helpers/engines';
import { ENGINES, failedAssertions, runCollection } from '../helpers/engines';
import type { ItemSpec } from '../helpers/sandboxCollection';
import { environment, MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';
import { verifyTba } from '../helpers/tbaVerify';
import { createM2mSigner } from '../../scripts-src/core/m2mSigner';
import { answerCheckScript } from '../../generator/metadata/answerCheckScript';

const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const PRIVATE_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const EC_PEM = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const LIST: ItemSpec = { name: 'List things', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' };

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(async () => {
  await server.close();
});

function base(host = '1234567-sb1'): string {
  return `${server.origin}/${host}`;
}

function m2mEnv(overrides: Record<string, string> = {}) {
  return environment({
    account_id: '1234567_SB1',
    auth_method: 'm2m',
    client_id: 'client-1',
    certificate_id: 'kid-1',
    private_key: PRIVATE_PEM,
    scope: 'rest_webservices,restlets',
    suitetalk_base_url: base(),
    restlets_base_url: base(),
    app_base_url: base(),
    ...overrides,
  });
}

function reset(): void {
  server.reset();
}

const failed = failedAssertions;

function formOf(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

/** Refusal texts seen in the newman engine, compared with the app engine's (the engines run in this order). */
const REFUSAL_TEXTS = new Map<string, string>();

describe.each(ENGINES)('bundles in the %s engine', (engine: Engine) => {
  it('M2M: mints once with a PS256 assertion jose verifies, then reuses the token', async () => {
    reset();
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST, LIST, LIST]), environment: m2mEnv() });
    expect(failed(run)).toEqual([]);
    const mints = server.tokenRequests();
    expect(mints).toHaveLength(1);
    const form = formOf(mints[0]!.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = form.get('client_assertion')!;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'kid-1' });
    const { payload } = await jwtVerify(assertion, rsa.publicKey, {
      algorithms: ['PS256'],
      issuer: 'client-1',
      audience: `${base()}${TOKEN_PATH}`,
    });
    expect(payload.scope).toBe('rest_webservices,restlets');
    expect(payload.exp! - payload.iat!).toBeLessThan(3600);
    expect(payload.exp! - payload.iat!).toBeGreaterThan(0);
    const api = server.apiRequests();
    expect(api).toHaveLength(3);
    for (const request of api) {
      expect(request.headers.authorization).toBe(`Bearer ${server.issued[0]}`);
      expect(request.headers.cookie).toBeUndefined();
    }
  });

  it('M2M: ES256 with a SEC1 key and literal \\n escapes', async () => {
    reset();
    const escaped = EC_PEM.trim().replace(/\n/g, '\\n');
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: m2mEnv({ private_key: escaped, jwt_algorithm: 'ES256' }) });
    expect(failed(run)).toEqual([]);
    const assertion = formOf(server.tokenRequests()[0]!.body).get('client_assertion')!;
    await jwtVerify(assertion, ec.publicKey, { algorithms: ['ES256'], audience: `${base()}${TOKEN_PATH}` });
  });

  it('M2M: re-mints with the run-wide signer whenever the cached token is inside the refresh buffer', async () => {
    reset();
    server.expiresIn = 600;
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST, LIST]), environment: m2mEnv({ token_refresh_buffer_seconds: '600' }) });
    expect(failed(run)).toEqual([]);
    expect(server.tokenRequests()).toHaveLength(3);
    const api = server.apiRequests();
    expect(api.map((r) => r.headers.authorization)).toEqual([`Bearer ${server.issued[1]}`, `Bearer ${server.issued[2]}`]);
    for (const mint of server.tokenRequests().slice(1)) {
      await jwtVerify(formOf(mint.body).get('client_assertion')!, rsa.publicKey, { algorithms: ['PS256'], audience: `${base()}${TOKEN_PATH}` });
    }
  });

  it('M2M: a 401 for the cached token drops it, re-mints and retries the request once', async () => {
    reset();
    server.tokenAnswers.push({ status: 200, body: { access_token: 'doomed-token', expires_in: 3600, token_type: 'Bearer' } });
    server.revoked.add('doomed-token');
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: m2mEnv() });
    expect(failed(run)).toEqual([]);
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer doomed-token', `Bearer ${server.issued[0]}`]);
    expect(run.console.some((line) => /got 401: the cached access token was refused/.test(line.text))).toBe(true);
    expect(JSON.stringify(run.console)).not.toContain('doomed-token');
  });

  it('M2M: a request sent alone mints with Web Crypto in the app engine; in Newman it names the request to send first', async () => {
    reset();
    const run = await runCollection(engine, { collection: sandboxCollection([LIST]), environment: m2mEnv() });
    if (engine === 'newman') {
      expect(server.requests).toHaveLength(0);
      expect(run.executions[0]!.skipped).toBe(true);
      expect(failed(run).join('\n')).toMatch(/NEEDS_MINT.*Send "Auth \/ Mint M2M token" first/s);
      return;
    }
    expect(failed(run)).toEqual([]);
    expect(server.tokenRequests()).toHaveLength(1);
    const assertion = formOf(server.tokenRequests()[0]!.body).get('client_assertion')!;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'kid-1' });
    await jwtVerify(assertion, rsa.publicKey, { algorithms: ['PS256'], issuer: 'client-1', audience: `${base()}${TOKEN_PATH}` });
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${server.issued[0]}`]);
  });

  it('M2M: PS384/PS512/ES384/ES512 from PKCS#8 and PKCS#1/SEC1 keys (escaped newlines), verified by jose (app: Sent alone, Web Crypto; Newman: after the mint, jsrsasign)', async () => {
    const keys: Array<[string, ReturnType<typeof generateKeyPairSync>, 'pkcs1' | 'sec1']> = [
      ['PS384', generateKeyPairSync('rsa', { modulusLength: 4096 }), 'pkcs1'],
      ['PS512', rsa, 'pkcs1'],
      ['ES384', generateKeyPairSync('ec', { namedCurve: 'P-384' }), 'sec1'],
      ['ES512', generateKeyPairSync('ec', { namedCurve: 'P-521' }), 'sec1'],
    ];
    for (const [alg, pair, inner] of keys) {
      for (const pem of [pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), pair.privateKey.export({ type: inner, format: 'pem' }).toString().replace(/\n/g, '\\n')]) {
        reset();
        const run = await runCollection(engine, { collection: sandboxCollection(engine === 'app' ? [LIST] : [MINT_ITEM, LIST]), environment: m2mEnv({ private_key: pem, jwt_algorithm: alg }) });
        expect(failed(run), alg).toEqual([]);
        const assertion = formOf(server.tokenRequests()[0]!.body).get('client_assertion')!;
        await jwtVerify(assertion, pair.publicKey, { algorithms: [alg], audience: `${base()}${TOKEN_PATH}` });
        expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${server.issued[0]}`]);
      }
    }
  });

  it('M2M: a request Sent alone is refused with the same words in both engines (RS256, small key, mismatch, mangled PEM)', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: Array<[Record<string, string>, string]> = [
      [{ jwt_algorithm: 'RS256' }, 'RS256_REFUSED'],
      [{ private_key: small }, 'RSA_KEY_TOO_SMALL'],
      [{ jwt_algorithm: 'ES256' }, 'KEY_ALGORITHM_MISMATCH'],
      [{ private_key: PRIVATE_PEM.replace(/\n/g, 'n') }, 'PRIVATE_KEY_NEWLINES_MANGLED'],
    ];
    for (const [overrides, code] of cases) {
      reset();
      // In Newman the refusal comes from "Mint M2M token" (jsrsasign); in the app from the request itself (Web Crypto).
      const items = engine === 'newman' ? [MINT_ITEM] : [LIST];
      const run = await runCollection(engine, { collection: sandboxCollection(items), environment: m2mEnv(overrides) });
      expect(server.requests, code).toHaveLength(0);
      const failures = failed(run);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(new RegExp(`refused to send "[^"]+": ${code}: `));
      const reference = (() => {
        try {
          createM2mSigner().assertion({ privateKeyPem: overrides.private_key ?? PRIVATE_PEM, algorithm: overrides.jwt_algorithm, certificateId: 'kid-1', clientId: 'client-1', scopes: ['rest_webservices'], audience: `${base()}${TOKEN_PATH}`, nowSeconds: 1 });
        } catch (error) {
          return (error as Error).message;
        }
        return 'signed';
      })();
      // The words are the jsrsasign signer's (redacted where they quote a PEM), and identical in both engines.
      const text = failures[0]!.replace(/^.*?: [A-Z0-9_]+: /s, '');
      expect(text.slice(0, 60)).toBe(reference.slice(0, 60));
      if (engine === 'newman') REFUSAL_TEXTS.set(code, text);
      else if (REFUSAL_TEXTS.has(code)) expect(text).toBe(REFUSAL_TEXTS.get(code));
    }
  });

  // A lone request is a Send in the app's engine only: Newman 6 has no Send (scripts-src/pm/singleSend.ts).
  if (engine === 'app') it('a Send (a run of one request) that meets a 401 for its cached token drops it and says the next Send mints; no retry, no wait', async () => {
    reset();
    server.revoked.add('doomed-token');
    const cached = { key: 'm2m|1234567_SB1|client-1|kid-1|rest_webservices,restlets', accessToken: 'doomed-token', expiresAt: Date.now() + 3_000_000 };
    const single = { ...sandboxCollection([LIST]), variable: [{ key: 'nsp_session', value: JSON.stringify({ m2m: cached }) }] };
    const run = await runCollection(engine, { collection: single, environment: m2mEnv() });
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer doomed-token']);
    expect(server.tokenRequests()).toHaveLength(0);
    // The message first; the answer is final, so the usual diagnosis of the 401 may follow.
    expect(failed(run)[0]).toBe(
      'netsuite-postman: "List things" needs another Send: "List things" got 401: the cached access token was refused (revoked or expired early). It has been dropped: the next Send mints a new one.',
    );
    expect(run.console.map((line) => line.text).join('\n')).not.toMatch(/once more/);
  });

  if (engine === 'app') it('a Send that is rate-limited says when to Send again instead of waiting for a re-send that never comes', async () => {
    reset();
    server.apiAnswers.push({ status: 429, body: { title: 'Too Many Requests' }, headers: { 'Retry-After': '25' } });
    const run = await runCollection(engine, { collection: sandboxCollection([{ ...LIST, name: 'Limited' }]), environment: environment({ account_id: '1234567-SB1', auth_method: 'tba', consumer_key: 'ck-1', consumer_secret: 'cs-1', token_id: 'tk-1', token_secret: 'ts-1', suitetalk_base_url: base(), restlets_base_url: base(), app_base_url: base() }) });
    expect(server.apiRequests()).toHaveLength(1);
    expect(failed(run)).toEqual([
      'netsuite-postman: "Limited" needs another Send: NetSuite\'s concurrency limit refused "Limited" (HTTP 429); it was not executed. Send it again in about 25 s.',
    ]);
  });

  if (engine === 'newman') it('Newman has no Send: a rate-limited request of a one-request run is sent again after the wait', async () => {
    reset();
    server.apiAnswers.push({ status: 429, body: { title: 'Too Many Requests' }, headers: { 'Retry-After': '1' } });
    const run = await runCollection(engine, { collection: sandboxCollection([{ ...LIST, name: 'Limited' }]), environment: environment({ account_id: '1234567-SB1', auth_method: 'tba', consumer_key: 'ck-1', consumer_secret: 'cs-1', token_id: 'tk-1', token_secret: 'ts-1', suitetalk_base_url: base(), restlets_base_url: base(), app_base_url: base() }) });
    expect(server.apiRequests()).toHaveLength(2);
    expect(failed(run)).toEqual([]);
  });

  it('M2M: RS256 is refused before anything is sent, with the reason', async () => {
    reset();
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM]), environment: m2mEnv({ jwt_algorithm: 'RS256' }) });
    expect(server.requests).toHaveLength(0);
    expect(failed(run).join('\n')).toMatch(/RS256_REFUSED/);
    expect(failed(run).join('\n')).toMatch(/2025-03-01/);
  });

  it('M2M: a failed mint fails loudly with NetSuite\'s error and what it means', async () => {
    reset();
    server.tokenAnswers.push({ status: 400, body: { error: 'invalid_client' } });
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM]), environment: m2mEnv() });
    const text = failed(run).join('\n');
    expect(text).toMatch(/TOKEN_INVALID_CLIENT/);
    expect(text).toMatch(/aud/);
  });

  it('TBA: signs query and form parameters so an independent verifier accepts them', async () => {
    reset();
    const secrets = { consumerSecret: 'consumer-secret-1', tokenSecret: 'token-secret-1' };
    const items: ItemSpec[] = [
      { name: 'Query', method: 'GET', url: "{{restlets_base_url}}/app/site/hosting/restlet.nl?script=7&deploy=1&q=a b+c*!'()~&q=dup&name=Ünïcødé" },
      { name: 'Form', method: 'POST', url: '{{restlets_base_url}}/app/site/hosting/restlet.nl?script=7&deploy=1', form: [['b', 'x y'], ['a', '!*'], ['a', '~']] },
      { name: 'Json', method: 'PATCH', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer/5', raw: '{"companyName":"A (B) & C"}', headers: [['Content-Type', 'application/json']] },
      // More signed requests than one pool of random words serves (pm/cryptoJs.ts: 64 words, ~20 a nonce).
      ...Array.from({ length: 5 }, (_, i): ItemSpec => ({ name: `More ${i + 1}`, method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' })),
    ];
    const run = await runCollection(engine, {
      collection: sandboxCollection(items),
      environment: environment({
        account_id: '1234567-SB1',
        auth_method: 'tba',
        consumer_key: 'ck-1',
        consumer_secret: secrets.consumerSecret,
        token_id: 'tk-1',
        token_secret: secrets.tokenSecret,
        suitetalk_base_url: base(),
        restlets_base_url: base(),
        app_base_url: base(),
      }),
    });
    expect(failed(run)).toEqual([]);
    const requests = server.apiRequests();
    expect(requests).toHaveLength(8);
    const nonces = new Set<string>();
    for (const request of requests) {
      const result = verifyTba(
        { method: request.method, origin: server.origin, target: request.target, authorization: String(request.headers.authorization), contentType: request.headers['content-type'], body: request.body },
        secrets,
      );
      expect(result.valid, result.baseString).toBe(true);
      expect(result.params.realm).toBe('1234567_SB1');
      expect(result.params.oauth_signature_method).toBe('HMAC-SHA256');
      expect(result.params.oauth_nonce).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(Math.abs(Number(result.params.oauth_timestamp) - Date.now() / 1000)).toBeLessThan(60);
      nonces.add(result.params.oauth_nonce!);
    }
    expect(nonces.size).toBe(8);
  });

  it('authcode: refreshes with HTTP Basic when no token is cached, then reuses it', async () => {
    reset();
    const run = await runCollection(engine, {
      collection: sandboxCollection([LIST, LIST]),
      environment: environment({
        account_id: '1234567_SB1',
        auth_method: 'authcode',
        client_id: 'client:1',
        client_secret: 'se cret',
        refresh_token: 'refresh-1',
        suitetalk_base_url: base(),
        restlets_base_url: base(),
        app_base_url: base(),
      }),
    });
    expect(failed(run)).toEqual([]);
    const [refresh] = server.tokenRequests();
    expect(server.tokenRequests()).toHaveLength(1);
    expect(refresh!.headers.authorization).toBe(`Basic ${Buffer.from('client%3A1:se+cret').toString('base64')}`);
    expect(Object.fromEntries(formOf(refresh!.body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'refresh-1' });
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${server.issued[0]}`, `Bearer ${server.issued[0]}`]);
  });

  describe('guards refuse before sending', () => {
    it('a POST with an empty body', async () => {
      reset();
      const run = await runCollection(engine, {
        collection: sandboxCollection([MINT_ITEM, { name: 'Empty', method: 'POST', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer', raw: '' }]),
        environment: m2mEnv(),
      });
      expect(server.apiRequests()).toHaveLength(0);
      expect(failed(run).join('\n')).toMatch(/EMPTY_BODY.*bare 401/s);
    });

    it('a write to production without allow_production, and lets it through with it', async () => {
      reset();
      const items = [MINT_ITEM, { name: 'Delete', method: 'DELETE', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer/9' }];
      const prod = { account_id: '1234567', suitetalk_base_url: base('1234567'), restlets_base_url: base('1234567'), app_base_url: base('1234567') };
      const refused = await runCollection(engine, { collection: sandboxCollection(items), environment: m2mEnv(prod) });
      expect(server.apiRequests()).toHaveLength(0);
      expect(failed(refused).join('\n')).toMatch(/PRODUCTION_WRITE_REFUSED/);
      reset();
      const allowed = await runCollection(engine, { collection: sandboxCollection(items), environment: m2mEnv({ ...prod, allow_production: 'true' }) });
      expect(failed(allowed)).toEqual([]);
      expect(server.apiRequests()).toHaveLength(1);
    });

    it('a URL whose account does not match account_id', async () => {
      reset();
      const run = await runCollection(engine, {
        collection: sandboxCollection([MINT_ITEM, { name: 'Other account', method: 'GET', url: `${base('7654321')}/services/rest/record/v1/customer` }]),
        environment: m2mEnv(),
      });
      expect(server.apiRequests()).toHaveLength(0);
      expect(failed(run).join('\n')).toMatch(/ACCOUNT_HOST_MISMATCH/);
    });

    it('a request that still carries an unset {{nsp_…}} placeholder, and lets it through once it is set', async () => {
      reset();
      const byId = { name: 'By id', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer/{{nsp_customer_id}}' };
      const refused = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, byId]), environment: m2mEnv() });
      expect(server.apiRequests()).toHaveLength(0);
      expect(failed(refused).join('\n')).toMatch(/UNSET_VARIABLE: The request still contains \{\{nsp_customer_id\}\}/);
      reset();
      const set = { ...sandboxCollection([MINT_ITEM, byId]), variable: [{ key: 'nsp_customer_id', value: '107', type: 'string' }] };
      const sent = await runCollection(engine, { collection: set, environment: m2mEnv() });
      expect(failed(sent)).toEqual([]);
      expect(server.apiRequests().map((r) => r.target)).toEqual([expect.stringMatching(/\/customer\/107$/)]);
    });

    it('a missing account_id, naming the variable', async () => {
      reset();
      const run = await runCollection(engine, { collection: sandboxCollection([LIST]), environment: m2mEnv({ account_id: '' }) });
      expect(server.requests).toHaveLength(0);
      expect(failed(run).join('\n')).toMatch(/MISSING_VARIABLE.*"account_id"/s);
    });

    it('an account id in the wrong form', async () => {
      reset();
      const run = await runCollection(engine, { collection: sandboxCollection([LIST]), environment: m2mEnv({ account_id: '1234567.sb1' }) });
      expect(server.requests).toHaveLength(0);
      expect(failed(run).join('\n')).toMatch(/BAD_ACCOUNT_ID/);
    });
  });

  it('removes a Cookie header set by hand, and empties the jar once a jar cookie goes out', async () => {
    reset();
    const items: ItemSpec[] = [
      MINT_ITEM,
      { ...LIST, name: 'Hand cookie', headers: [['Cookie', 'JSESSIONID=typed-by-hand']] },
      { ...LIST, name: 'Jar 1', disableCookies: false },
      { ...LIST, name: 'Jar 2', disableCookies: false },
      { ...LIST, name: 'Jar 3', disableCookies: false },
    ];
    const run = await runCollection(engine, { collection: sandboxCollection(items), environment: m2mEnv() });
    expect(failed(run)).toEqual([]);
    const cookies = server.apiRequests().map((r) => r.headers.cookie);
    expect(cookies[0]).toBeUndefined();
    expect(cookies[1]).toBeUndefined();
    // Jar 1 had no cookie (jar emptied at run start, and disableCookies on before); Jar 2 may carry
    // the cookie Jar 1's response set; from then on the jar is emptied before every request.
    expect(cookies[3]).toBeUndefined();
    expect(JSON.stringify(run.console)).not.toContain('capture-session');
  });

  describe('rate limits', () => {
    const limited = { status: 429, body: { title: 'Too Many Requests', status: 429, 'o:errorDetails': [{ detail: 'Concurrency limit', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] } };
    const restletLimited = { status: 400, body: { error: { code: 'SSS_REQUEST_LIMIT_EXCEEDED', message: 'Request limit exceeded' } } };

    it('retries a 429 after Retry-After and a RESTlet SSS_REQUEST_LIMIT_EXCEEDED after a backoff, then passes', async () => {
      reset();
      server.apiAnswers.push({ ...limited, headers: { 'Retry-After': '1' } }, restletLimited);
      const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: m2mEnv() });
      expect(failed(run)).toEqual([]);
      expect(server.apiRequests()).toHaveLength(3);
      expect(run.console.filter((line) => /waiting \d+ ms, then retry/.test(line.text))).toHaveLength(2);
      expect(run.console.some((line) => /Retry-After 1 s/.test(line.text))).toBe(true);
    });

    it('a generated answer check does not judge an attempt the collection is sending again (429, then 401 for a cached token)', async () => {
      // The run's retry state is shared by the collection runtime and item scripts (scripts-src/pm/runState.ts).
      const checked: ItemSpec = { ...LIST, name: 'Checked', testLines: answerCheckScript({ label: 'Records / Checked', status: [200], json: 'object' }) };
      reset();
      server.apiAnswers.push({ ...limited, headers: { 'Retry-After': '0' } });
      const limitedRun = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, checked]), environment: m2mEnv() });
      expect(server.apiRequests()).toHaveLength(2);
      expect(failed(limitedRun)).toEqual([]);
      reset();
      server.apiAnswers.push({ status: 401, body: { title: 'Unauthorized', status: 401, 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] } });
      const refusedRun = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, checked]), environment: m2mEnv() });
      expect(server.apiRequests()).toHaveLength(2);
      expect(failed(refusedRun)).toEqual([]);
      // The attempt that counts was judged: the check's assertions ran and passed.
      for (const run of [limitedRun, refusedRun]) {
        const names = run.executions.flatMap((e) => e.assertions.map((a) => a.name));
        expect(names).toContain('Records / Checked: status 200');
        expect(names).toContain('Records / Checked: JSON object');
      }
    });

    it('a 429 on "Mint M2M token" is retried, not reported as a failed mint', async () => {
      reset();
      server.tokenAnswers.push({ status: 429, body: { error: 'too_many_requests' } });
      const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: m2mEnv() });
      expect(failed(run)).toEqual([]);
      expect(server.tokenRequests()).toHaveLength(2);
      expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${server.issued[0]}`]);
    });

    it('gives up after 3 retries, and the run ends with a failure that says why', async () => {
      reset();
      for (let i = 0; i < 4; i += 1) server.apiAnswers.push({ ...limited, headers: { 'Retry-After': '0' } });
      const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, { ...LIST, name: 'List customers' }]), environment: m2mEnv() });
      expect(server.apiRequests()).toHaveLength(4);
      expect(run.console.some((line) => /after 3 retries: the account's concurrency limit is still exhausted/.test(line.text))).toBe(true);
      expect(failed(run).join('\n')).toMatch(/429/);
    });
  });

  it('derives the three base URLs from account_id when the environment leaves them empty (nothing is sent)', async () => {
    reset();
    const probe: ItemSpec = {
      name: 'Probe',
      method: 'GET',
      url: '{{suitetalk_base_url}}/services/rest/record/v1/customer',
      prerequestLines: [
        "console.log('derived', pm.variables.get('suitetalk_base_url'), pm.variables.get('restlets_base_url'), pm.variables.get('app_base_url'), pm.variables.replaceIn(pm.request.url.toString()));",
        "console.log('realm', /realm=\"([^\"]+)\"/.exec(pm.request.headers.get('Authorization'))[1]);",
        'pm.execution.skipRequest();',
      ],
    };
    const run = await runCollection(engine, {
      collection: sandboxCollection([probe]),
      environment: environment({ account_id: '1234567-sb1', auth_method: 'tba', consumer_key: 'ck', consumer_secret: 'cs', token_id: 'tk', token_secret: 'ts', suitetalk_base_url: '', restlets_base_url: '' }),
    });
    expect(server.requests).toHaveLength(0);
    const lines = run.console.map((line) => line.text);
    expect(lines).toContain(
      'derived https://1234567-sb1.suitetalk.api.netsuite.com https://1234567-sb1.restlets.api.netsuite.com https://1234567-sb1.app.netsuite.com https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer',
    );
    expect(lines).toContain('realm 1234567_SB1');
  });
});
