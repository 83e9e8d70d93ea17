/**
 * The in-collection diagnosis (collection-level test script), in both sandbox engines against the
 * simulator with injected faults: each cause is named as its own layer with its own fix. Causes the
 * pre-request guards refuse before sending are asserted as refusals, and their diagnosis is tested
 * with hand-made requests sent past the guards (items without the pre-request script).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import type { Engine, EngineRun } from '../helpers/engines';
import { ENGINES, runCollection } from '../helpers/engines';
import { generateKeyPairSync } from 'node:crypto';
import { runtimeInstallerScript } from '../helpers/runtimeInstaller';
import { assertion, environmentWith, envValue, mintToken, RSA_2048_PEM, tbaHeader, TOKEN_PATH } from './helpers';

const OTHER_RSA_3072_PEM = generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const ROOT = path.resolve(import.meta.dirname, '../..');
let sim: RunningSimulator;
const lines = (file: string) => readFileSync(file, 'utf8').split('\n');

beforeAll(async () => {
  sim = await startSimulator();
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

interface Item {
  name?: string;
  method: string;
  path: string;
  base?: string;
  headers?: Array<[string, string]>;
  raw?: string;
  form?: Array<[string, string]>;
  mint?: boolean;
}

const dist = (name: string) => lines(path.join(ROOT, 'dist/scripts', `${name}.js`));

function collection(items: Item[], withPrerequest: boolean) {
  return {
    info: { name: 'diagnosis', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    event: [
      // Without the pre-request script's guards, the runtime the test script calls is still installed.
      { listen: 'prerequest', script: { type: 'text/javascript', exec: withPrerequest ? dist('collection-prerequest') : runtimeInstallerScript() } },
      { listen: 'test', script: { type: 'text/javascript', exec: dist('collection-test') } },
    ],
    item: items.map((spec, index) => ({
      name: spec.name ?? `item ${index}`,
      event: spec.mint
        ? [
            { listen: 'prerequest', script: { type: 'text/javascript', exec: dist('mint-m2m') } },
            { listen: 'test', script: { type: 'text/javascript', exec: dist('token-response') } },
          ]
        : [],
      request: {
        method: spec.method,
        url: `${spec.base ?? '{{suitetalk_base_url}}'}${spec.path}`,
        header: (spec.headers ?? []).map(([key, value]) => ({ key, value })),
        ...(spec.form ? { body: { mode: 'urlencoded', urlencoded: spec.form.map(([key, value]) => ({ key, value })) } } : {}),
        ...(spec.raw !== undefined ? { body: { mode: 'raw', raw: spec.raw } } : {}),
      },
      protocolProfileBehavior: { disableCookies: true },
    })),
  };
}

const LIST = '/services/rest/record/v1/customer?limit=1';
const RESTLET = '/app/site/hosting/restlet.nl?script=customscript_nsp_echo&deploy=customdeploy_nsp_echo';

function diagnoses(run: EngineRun) {
  return run.executions.flatMap((e) => e.assertions.filter((a) => a.name.includes(' diagnosis: ')).map((a) => ({ name: a.name, error: a.error ?? '' })));
}
function refusals(run: EngineRun) {
  return run.executions.flatMap((e) => e.assertions.filter((a) => a.name.startsWith('netsuite-postman refused')).map((a) => a.name));
}

const MINT: Item = { name: 'Mint M2M token', method: 'POST', path: TOKEN_PATH, form: [['grant_type', 'client_credentials']], mint: true };

/** With the pre-request script, an M2M collection mints first (the signer loads there), as the generated ones do. */
async function run(engine: Engine, items: Item[], options: { prerequest?: boolean; env?: Record<string, string> } = {}) {
  const mintFirst = options.prerequest && (options.env?.auth_method ?? 'm2m') === 'm2m' && !items.some((i) => i.mint);
  const all = mintFirst ? [MINT, ...items] : items;
  return runCollection(engine, { collection: collection(all, options.prerequest ?? false), environment: environmentWith(sim, options.env ?? {}) });
}

function expectOne(result: EngineRun, layer: string, cause: RegExp, fix: RegExp) {
  const found = diagnoses(result);
  const seen = result.executions.map((e) => `${e.name} ${e.response?.code ?? 'skipped'} ${e.assertions.map((a) => `${a.name}${a.error ? `: ${a.error}` : ''}`).join(' | ')}`);
  expect(found, JSON.stringify(seen)).toHaveLength(1);
  expect(found[0]!.name).toMatch(new RegExp(` diagnosis: ${layer} layer — `));
  expect(found[0]!.name).toMatch(cause);
  expect(found[0]!.error).toMatch(fix);
  const log = result.console.map((c) => c.text).join('\n');
  expect(log).toContain('Sent: ');
  for (const secret of ['private_key', 'consumer_secret', 'token_secret', 'client_secret', 'refresh_token']) {
    expect(log).not.toContain(envValue(sim, secret).slice(0, 40));
  }
}

describe.each(ENGINES)('in-collection diagnosis, %s engine', (engine) => {
  it('Cookie header: removed by the pre-request script; diagnosed (headers) when sent past it', async () => {
    sim.reset();
    const guarded = await run(engine, [{ method: 'GET', path: LIST, headers: [['Cookie', 'JSESSIONID=abc']] }], { prerequest: true });
    expect(diagnoses(guarded)).toEqual([]);
    expect(guarded.executions[0]!.response!.code).toBe(200);
    const token = await mintToken(sim);
    const result = await run(engine, [{ method: 'GET', path: LIST, headers: [['Cookie', 'JSESSIONID=abc'], ['Authorization', `Bearer ${token}`]] }]);
    expectOne(result, 'headers', /INVALID_LOGIN diagnosis: headers layer — a Cookie header was sent/, /browser session.*Disable cookie jar/);
    expect(result.console.map((c) => c.text).join('\n')).not.toContain(token);
  });

  it('empty body: refused before sending; diagnosed (body) when sent past the guard', async () => {
    sim.reset();
    const guarded = await run(engine, [{ method: 'POST', path: '/services/rest/record/v1/customer' }], { prerequest: true });
    expect(refusals(guarded).join()).toContain('EMPTY_BODY');
    const token = await mintToken(sim);
    const result = await run(engine, [{ method: 'POST', path: '/services/rest/record/v1/customer', headers: [['Authorization', `Bearer ${token}`]] }]);
    expectOne(result, 'body', /the POST had an empty body/, /JSON body/);
    expect(sim.stats().rejections.empty_body).toBeGreaterThan(0);
  });

  it('expired token (oauth)', async () => {
    sim.reset();
    sim.setFaults({ tokenLifetimeSeconds: 1 });
    const token = await mintToken(sim);
    sim.setFaults({ tokenLifetimeSeconds: 3600 });
    await new Promise((r) => setTimeout(r, 2100));
    const result = await run(engine, [{ method: 'GET', path: LIST, headers: [['Authorization', `Bearer ${token}`]] }]);
    expectOne(result, 'oauth', /the access token expired \d+ s ago/, /refresh at ~50/);
  });

  it('revoked token (oauth); with the pre-request script the retry mints a new one', async () => {
    sim.reset();
    const token = await mintToken(sim);
    sim.revokeAllTokens();
    const result = await run(engine, [{ method: 'GET', path: LIST, headers: [['Authorization', `Bearer ${token}`]] }]);
    expectOne(result, 'oauth', /revoked or unknown/, /Mint a new token/);
  });

  it('wrong account host: refused before sending; diagnosed (transport) when sent past the guard', async () => {
    sim.reset();
    const other = sim.baseUrl.replace(/1234567-sb1$/, '1234567-sb2');
    const guarded = await run(engine, [{ method: 'GET', path: LIST, base: other }], { prerequest: true });
    expect(refusals(guarded).join()).toContain('ACCOUNT_HOST_MISMATCH');
    const result = await run(engine, [{ method: 'GET', path: LIST, base: other, headers: [['Authorization', `Bearer ${await mintToken(sim)}`]] }]);
    expectOne(result, 'transport', /addresses account "1234567-sb2" but account_id is 1234567_SB1/, /same account/);
  });

  it('sandbox credentials against a production URL (transport)', async () => {
    sim.reset();
    const production = sim.baseUrl.replace(/1234567-sb1$/, '1234567');
    const result = await run(engine, [{ method: 'GET', path: LIST, base: production, headers: [['Authorization', `Bearer ${await mintToken(sim)}`]] }]);
    expectOne(result, 'transport', /1234567_SB1 credentials were sent to the production host "1234567"/, /separate integrations/);
  });

  it('wrong aud (oauth)', async () => {
    sim.reset();
    const wrongAud = `https://1234567-sb1.suitetalk.api.netsuite.com${TOKEN_PATH}`;
    const result = await run(engine, [tokenRequest(await assertion(sim, { aud: wrongAud }))]);
    expectOne(result, 'oauth', /aud is "https:\/\/1234567-sb1\.suitetalk/, /aud must be exactly the token URL/);
  });

  it('RS256: refused before signing; diagnosed (oauth) when a hand-made assertion uses it', async () => {
    sim.reset();
    const guarded = await run(engine, [{ method: 'POST', path: TOKEN_PATH, form: [['grant_type', 'client_credentials']], mint: true }], { prerequest: true, env: { jwt_algorithm: 'RS256' } });
    expect(refusals(guarded).join()).toMatch(/RS256|JWT_ALGORITHM/);
    const result = await run(engine, [tokenRequest(await assertion(sim, { alg: 'RS256' }))]);
    expectOne(result, 'oauth', /signed with RS256/, /set jwt_algorithm to PS256/);
  });

  it('unknown kid (oauth)', async () => {
    sim.reset();
    const result = await run(engine, [{ method: 'POST', path: TOKEN_PATH, form: [['grant_type', 'client_credentials']], mint: true }], { prerequest: true, env: { certificate_id: 'no-such-certificate' } });
    expectOne(result, 'oauth', /invalid_client diagnosis: oauth layer — NetSuite does not accept certificate_id \(kid "no-such-certificate"\)/, /Set certificate_id to the certificate id/);
  });

  it('RSA-2048 key: refused before signing; diagnosed (oauth) when a hand-made assertion uses it', async () => {
    sim.reset();
    const guarded = await run(engine, [{ method: 'POST', path: TOKEN_PATH, form: [['grant_type', 'client_credentials']], mint: true }], { prerequest: true, env: { private_key: RSA_2048_PEM } });
    expect(refusals(guarded).join()).toMatch(/KEY|RSA/);
    const result = await run(engine, [tokenRequest(await assertion(sim, { pem: RSA_2048_PEM }))]);
    expectOne(result, 'oauth', /RSA-2048 key/, /RSA 3072 or 4096/);
  });

  it('wrong TBA secret (oauth)', async () => {
    sim.reset();
    const result = await run(engine, [{ method: 'GET', path: LIST }], { prerequest: true, env: { auth_method: 'tba', consumer_secret: 'not-the-secret-0000' } });
    expectOne(result, 'oauth', /TBA signature or token was refused/, /consumer_secret/);
    expect(sim.stats().rejections.tba_signature_invalid).toBeGreaterThan(0);
  });

  it('stale TBA timestamp (oauth), from the response Date header', async () => {
    sim.reset();
    const url = `${sim.baseUrl}${LIST}`;
    const result = await run(engine, [{ method: 'GET', path: LIST, base: sim.baseUrl, headers: [['Authorization', tbaHeader(sim, 'GET', url, { timestamp: Math.floor(Date.now() / 1000) - 900 })]] }]);
    expectOne(result, 'oauth', /oauth_timestamp is -\d+ s off NetSuite's clock/, /synchronise this computer's clock/);
  });

  it('reused TBA nonce (oauth)', async () => {
    sim.reset();
    const url = `${sim.baseUrl}${LIST}`;
    const header = tbaHeader(sim, 'GET', url);
    const item: Item = { method: 'GET', path: LIST, base: sim.baseUrl, headers: [['Authorization', header]] };
    const result = await run(engine, [item, item]);
    expect(result.executions[0]!.response!.code).toBe(200);
    expectOne(result, 'oauth', /oauth_nonce "[0-9a-f]+" was already used/, /fresh oauth_nonce/);
  });

  it('HMAC-SHA1 in a hand-made TBA header (oauth)', async () => {
    sim.reset();
    const url = `${sim.baseUrl}${LIST}`;
    const header = tbaHeader(sim, 'GET', url).replace('HMAC-SHA256', 'HMAC-SHA1');
    const result = await run(engine, [{ method: 'GET', path: LIST, base: sim.baseUrl, headers: [['Authorization', header]] }]);
    expectOne(result, 'oauth', /signed with HMAC-SHA1/, /only HMAC-SHA256/);
  });

  it('scope missing: refused before sending; diagnosed (oauth) when a rest_webservices token reaches a RESTlet', async () => {
    sim.reset();
    const guarded = await run(engine, [{ method: 'GET', path: RESTLET, base: '{{restlets_base_url}}' }], { prerequest: true, env: { scope: 'rest_webservices' } });
    expect(refusals(guarded)).toEqual([`netsuite-postman refused to send "item 1": SCOPE_MISSING`]);
    expect(diagnoses(guarded)).toEqual([]);
    const token = await mintToken(sim, 'rest_webservices');
    const result = await run(engine, [{ method: 'GET', path: RESTLET, base: '{{restlets_base_url}}', headers: [['Authorization', `Bearer ${token}`]] }], { env: { scope: 'rest_webservices' } });
    expectOne(result, 'oauth', /INVALID_LOGIN_ATTEMPT diagnosis: oauth layer — the token's scope \(rest_webservices\) lacks restlets/, /Add restlets to scope/);
  });

  describe('M2M invalid_grant causes (the integration record, the certificate, the key)', () => {
    const FIX = /State Enabled.*Client Credentials \(Machine to Machine\) Grant.*not revoked and not past its end date.*openssl pkey/;
    it.each([
      ['integration record disabled', { integrationDisabled: true }, 'integration_disabled'],
      ['client credentials grant off', { clientCredentialsGrantOff: true }, 'client_credentials_grant_off'],
      ['certificate expired', { certificateFault: 'expired' as const }, 'certificate_expired'],
      ['certificate revoked', { certificateFault: 'revoked' as const }, 'certificate_revoked'],
      ['certificate replaced', { certificateFault: 'replaced' as const }, 'certificate_replaced'],
    ])('%s: named among the candidates, not the clock', async (_name, faults, reason) => {
      sim.reset();
      sim.setFaults(faults);
      const result = await run(engine, [MINT], { prerequest: true });
      expectOne(result, 'oauth', /invalid_grant diagnosis: oauth layer — NetSuite refused a well-formed assertion .*disabled or its client credentials grant is off.*expired, revoked or replaced.*private_key does not match it/, FIX);
      expect(diagnoses(result)[0]!.name).not.toMatch(/clock/);
      expect(sim.stats().rejections[reason]).toBe(1);
    });

    it('a private key that does not match the certificate', async () => {
      sim.reset();
      const result = await run(engine, [MINT], { prerequest: true, env: { private_key: OTHER_RSA_3072_PEM } });
      expectOne(result, 'oauth', /invalid_grant diagnosis: oauth layer — NetSuite refused a well-formed assertion/, FIX);
      expect(sim.stats().rejections.assertion_signature).toBe(1);
    });
  });

  describe('RESTlet causes', () => {
    const RESTLET_ITEM: Item = { method: 'GET', path: RESTLET, base: '{{restlets_base_url}}', headers: [['Content-Type', 'application/json']] };
    it.each([
      ['deployment in Testing status', { restletDeploymentStatus: 'testing' as const }, 'deployment_testing'],
      ['deployment not released to the role', { restletAudienceExcludesRole: true }, 'role_not_in_audience'],
      ['the integration\'s Allowed IPs', { allowedIps: ['203.0.113.7'] }, 'ip_not_allowed'],
    ])('%s (M2M): the deployment, audience and Allowed IPs are named together (the wire cannot tell them apart)', async (_name, faults, reason) => {
      sim.reset();
      sim.setFaults(faults);
      const result = await run(engine, [RESTLET_ITEM], { prerequest: true });
      expectOne(result, 'oauth', /INVALID_LOGIN_ATTEMPT diagnosis: oauth layer — the RESTlet refused an unexpired token with the restlets scope: its deployment \(Testing status, audience without the role\), the integration's Allowed IPs/, /Allowed IPs.*Status Released.*Audience that includes the role/);
      expect(sim.stats().rejections[reason]).toBeGreaterThan(0);
    });

    it('deployment in Testing status (TBA): named with the TBA causes', async () => {
      sim.reset();
      sim.setFaults({ restletDeploymentStatus: 'testing' });
      const result = await run(engine, [RESTLET_ITEM], { prerequest: true, env: { auth_method: 'tba' } });
      expectOne(result, 'oauth', /TBA signature or token was refused/, /Status Released.*Audience/);
    });

    it('Allowed IPs on a REST request are named too', async () => {
      sim.reset();
      sim.setFaults({ allowedIps: ['203.0.113.7'] });
      const result = await run(engine, [{ method: 'GET', path: LIST }], { prerequest: true });
      expectOne(result, 'oauth', /revoked or unknown, or the integration's Allowed IPs or state/, /"Allowed IPs", this machine's public IP/);
    });

    it('a wrong script or deploy id (SSS_INVALID_SCRIPTLET_ID, deployment)', async () => {
      sim.reset();
      const result = await run(engine, [{ ...RESTLET_ITEM, path: '/app/site/hosting/restlet.nl?script=customscript_nope&deploy=1' }], { prerequest: true });
      expectOne(result, 'deployment', /SSS_INVALID_SCRIPTLET_ID diagnosis: deployment layer — script=customscript_nope&deploy=1 names no active RESTlet deployment/, /Set restlet_script and restlet_deploy to the ids on the deployment record/);
    });

    it('a method the script does not implement (405, deployment)', async () => {
      sim.reset();
      sim.setFaults({ restletMethods: ['GET', 'POST'] });
      const result = await run(engine, [{ ...RESTLET_ITEM, method: 'PUT', raw: '{"a":1}' }], { prerequest: true });
      expectOne(result, 'deployment', /HTTP 405 diagnosis: deployment layer — the RESTlet script has no put entry point/, /Add a put function/);
    });
  });

  it('role without permission (403, permissions)', async () => {
    sim.reset();
    sim.setFaults({ deniedRecordTypes: ['customer'] });
    const result = await run(engine, [{ method: 'GET', path: LIST }], { prerequest: true });
    expectOne(result, 'permissions', /authentication succeeded/, /Manage Roles > Permissions/);
  });

  it('concurrency limit (governance), only after the last retry', async () => {
    sim.reset();
    sim.setFaults({ rateLimitEvery: 1, retryAfterSeconds: 0 });
    const result = await run(engine, [{ method: 'GET', path: LIST }], { prerequest: true });
    expectOne(result, 'governance', /concurrency limit was exceeded/, /fewer requests at once/);
    expect(result.executions.filter((e) => e.response?.code === 429).length).toBe(4);
  });

  it('a successful request gets no diagnosis', async () => {
    sim.reset();
    const result = await run(engine, [{ method: 'GET', path: LIST }], { prerequest: true });
    expect(diagnoses(result)).toEqual([]);
    expect(result.executions[0]!.response!.code).toBe(200);
  });
});

function tokenRequest(clientAssertion: string): Item {
  return {
    method: 'POST',
    path: TOKEN_PATH,
    form: [
      ['grant_type', 'client_credentials'],
      ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
      ['client_assertion', clientAssertion],
    ],
  };
}
