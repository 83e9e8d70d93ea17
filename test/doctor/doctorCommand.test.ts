/** `netsuite-postman doctor`, spawned against the in-process simulator with injected faults. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import { environmentWith, envValue, RSA_2048_PEM } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(path.join(tmpdir(), 'nsp-doctor-'));
});
afterAll(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function doctor(overrides: Record<string, string>, args: string[] = []) {
  const file = path.join(dir, `env-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(environmentWith(sim, overrides)), { mode: 0o600 });
  try {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/netsuite-postman.mjs'), 'doctor', '--environment', file, ...args], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

function expectNoSecret(out: string) {
  for (const name of ['private_key', 'client_secret', 'refresh_token', 'consumer_secret', 'token_secret', 'token_id', 'consumer_key']) {
    expect(out).not.toContain(envValue(sim, name).slice(0, 40));
  }
}

describe('netsuite-postman doctor', { timeout: 30_000 }, () => {
  it('passes every check against the healthy simulator (m2m, tba, authcode)', async () => {
    sim.reset();
    for (const method of ['m2m', 'tba', 'authcode']) {
      const { code, out } = await doctor({}, ['--auth-method', method]);
      expect(code, out).toBe(0);
      expect(out).toMatch(/PASS +permissions +authenticated GET/);
      expect(out).toMatch(/PASS +permissions +RESTlet GET/);
      expect(out).not.toMatch(/^FAIL/m);
      expectNoSecret(out);
    }
  });

  it.each([
    ['RS256', { jwt_algorithm: 'RS256' }, /FAIL +oauth +algorithm: .*RS256/, /PS256/],
    ['RSA-2048 key', { private_key: RSA_2048_PEM }, /FAIL +oauth +private key: RSA-2048/, /rsa:3072/],
    ['unknown kid', { certificate_id: 'no-such-kid' }, /FAIL +oauth +token endpoint: HTTP 401 invalid_client: .*kid "no-such-kid"/, /Set certificate_id to the certificate id/],
    ['wrong account host', { suitetalk_base_url: '@sb2', restlets_base_url: '@sb2' }, /FAIL +transport +account host: .*addresses account "1234567-sb2"/, /same account/],
    ['sandbox credentials against a production URL', { suitetalk_base_url: '@prod', restlets_base_url: '@prod' }, /FAIL +transport +account host: .*sandbox credentials against a production URL/, /separate credentials/],
    ['wrong aud (a base URL alias)', { suitetalk_base_url: '@localhost', restlets_base_url: '@localhost' }, /FAIL +oauth +token endpoint: HTTP 401 invalid_client/, /certificate_id|aud/],
    ['wrong TBA secret', { auth_method: 'tba', consumer_secret: 'wrong-secret-000' }, /FAIL +oauth +authenticated GET: HTTP 401 INVALID_LOGIN: the TBA signature or token was refused/, /consumer_secret/],
    ['scope missing', { scope: 'rest_webservices' }, /FAIL +oauth +RESTlet GET: HTTP 401 INVALID_LOGIN_ATTEMPT: the token's scope \(rest_webservices\) lacks restlets/, /Add restlets to scope/],
    ['missing variable', { client_id: '' }, /FAIL +config +variables: missing for m2m: client_id/, /Set client_id/],
  ])('%s', async (_name, overrides, line, fix) => {
    sim.reset();
    const base = sim.baseUrl;
    const resolved = Object.fromEntries(Object.entries(overrides as Record<string, string>).map(([k, v]) => [k,
      v === '@sb2' ? base.replace(/1234567-sb1$/, '1234567-sb2') : v === '@prod' ? base.replace(/1234567-sb1$/, '1234567') : v === '@localhost' ? base.replace('127.0.0.1', 'localhost') : v]));
    const { code, out } = await doctor(resolved);
    expect(code, out).toBe(1);
    expect(out).toMatch(line);
    expect(out).toMatch(fix);
    expectNoSecret(out);
  });

  it.each([
    ['integration record disabled', { integrationDisabled: true }, {}, /FAIL +oauth +token endpoint: HTTP 400 invalid_grant: NetSuite refused a well-formed assertion/, /State Enabled/],
    ['certificate expired', { certificateFault: 'expired' as const }, {}, /FAIL +oauth +token endpoint: HTTP 400 invalid_grant: .*expired, revoked or replaced/, /upload a new certificate/],
    ['deployment in Testing status', { restletDeploymentStatus: 'testing' as const }, {}, /FAIL +oauth +RESTlet GET: HTTP 401 INVALID_LOGIN_ATTEMPT: the RESTlet refused an unexpired token/, /Status Released/],
    ['wrong script id', {}, { restlet_script: 'customscript_nope' }, /FAIL +deployment +RESTlet GET: HTTP 400 SSS_INVALID_SCRIPTLET_ID: script=customscript_nope/, /restlet_script and restlet_deploy/],
  ])('real-account cause: %s', async (_name, faults, overrides, line, fix) => {
    sim.reset();
    sim.setFaults(faults);
    const { code, out } = await doctor(overrides);
    expect(code, out).toBe(1);
    expect(out).toMatch(line);
    expect(out).toMatch(fix);
    expectNoSecret(out);
  });

  it('tells a permission failure (403) apart from an auth failure', async () => {
    sim.reset();
    sim.setFaults({ deniedRecordTypes: ['customer'] });
    const { code, out } = await doctor({});
    expect(code, out).toBe(1);
    expect(out).toMatch(/PASS +oauth +token endpoint/);
    expect(out).toMatch(/FAIL +permissions +authenticated GET: HTTP 403 .*authentication succeeded/);
  });

  it('names the concurrency limit (governance)', async () => {
    sim.reset();
    sim.setFaults({ rateLimitEvery: 1 });
    const { code, out } = await doctor({});
    expect(code, out).toBe(1);
    expect(out).toMatch(/FAIL +governance +authenticated GET: HTTP 429 .*concurrency limit/);
    expect(out).toMatch(/fewer requests at once/);
  });

  it('exits 2 on usage errors', async () => {
    const { code, out } = await doctor({}, ['--auth-method', 'kerberos']);
    expect(code).toBe(2);
    expect(out).toContain('auth method must be');
  });
});
