/**
 * Bad input end to end: the real bundles in both sandbox engines against the simulator. Each
 * refusal must be a failing test whose text names the variable, and the simulator must have seen
 * nothing (stats: no API request, no token request). Accepted inputs must pass every guard and be
 * accepted by a simulator configured for that account. One Newman run with one iteration per input
 * wherever the inputs share a collection.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import { createSelfSignedCertificate } from '../../simulator/x509Builder';
import type { Engine } from '../helpers/engines';
import { ENGINES, runCollection } from '../helpers/engines';
import type { ItemSpec } from '../helpers/sandboxCollection';
import { MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';
import { envValue, failures, runIterations, simEnvironment, type IterationResult } from './helpers';

const LIST: ItemSpec = { name: 'List', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' };
const RESTLET: ItemSpec = { name: 'Echo', method: 'GET', url: '{{restlets_base_url}}/app/site/hosting/restlet.nl?script={{restlet_script}}&deploy={{restlet_deploy}}&x=1' };
const METHODS = ['m2m', 'tba', 'authcode'] as const;

/** Simulators: the default (1234567_SB1) and one per other accepted account kind. */
const sims: Record<string, RunningSimulator> = {};
const SIM_ACCOUNTS = ['1234567_SB1', '1234567', 'TSTDRV1234567', '1234567_RP'];
/** The id of an EC P-256 certificate uploaded to the default simulator, and its SEC1 key. */
let ecCertificateId = '';
let ecSec1Pem = '';
let ecPkcs8Pem = '';

async function uploadCertificate(sim: RunningSimulator, privateKey: KeyObject, publicKey: KeyObject): Promise<string> {
  const clientId = envValue(sim, 'client_id');
  const tokenUrl = `${sim.baseUrl}/services/rest/auth/oauth2/v1/token`;
  const key = await importPKCS8(envValue(sim, 'private_key'), 'PS256');
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ scope: 'rest_webservices' })
    .setProtectedHeader({ alg: 'PS256', typ: 'JWT', kid: envValue(sim, 'certificate_id') })
    .setIssuer(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(key);
  const token = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
  });
  if (!token.ok) throw new Error(`mint for the certificate upload: HTTP ${token.status} ${await token.text()}`);
  const accessToken = ((await token.json()) as { access_token: string }).access_token;
  const certificatePem = createSelfSignedCertificate({
    privateKey,
    publicKey,
    commonName: 'bad input test EC key',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 30 * 24 * 3600 * 1000),
  });
  const upload = await fetch(`${sim.baseUrl}/services/rest/auth/oauth2/v1/clients/${clientId}/certificates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ fileContent: certificatePem }),
  });
  if (upload.status !== 201) throw new Error(`certificate upload: HTTP ${upload.status} ${await upload.text()}`);
  return ((await upload.json()) as { certificateId: string }).certificateId;
}

beforeAll(async () => {
  const started = await Promise.all(SIM_ACCOUNTS.map((accountId) => startSimulator({ accountId })));
  SIM_ACCOUNTS.forEach((accountId, i) => (sims[accountId] = started[i]!));
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  ecSec1Pem = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  ecPkcs8Pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  ecCertificateId = await uploadCertificate(sims['1234567_SB1']!, ec.privateKey, ec.publicKey);
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((sim) => sim.stop()));
});

const sb1 = (): RunningSimulator => sims['1234567_SB1']!;

/** Nothing reached the simulator: no API request, no token request. */
function nothingSent(sim: RunningSimulator): void {
  const stats = sim.stats();
  expect(stats.requests.total, JSON.stringify(stats.requests)).toBe(0);
  expect(stats.tokensMinted.total).toBe(0);
}

/** Every iteration was refused before sending, with a failing test naming `code` and `variable`. */
function refusedEach(results: IterationResult[], expected: Array<{ code: string; variable: string; text?: RegExp }>): void {
  results.forEach((result, i) => {
    const want = expected[i]!;
    const label = `iteration ${i} (${want.code})`;
    expect(result.sent, label).toEqual([]);
    expect(result.failed.length, label).toBeGreaterThan(0);
    const text = result.failed.join('\n');
    expect(text, label).toContain(`: ${want.code}:`);
    expect(text, label).toContain(want.variable);
    if (want.text) expect(text, label).toMatch(want.text);
  });
}

function pemVariants(pem: string): Record<string, string> {
  const trimmed = pem.trim();
  return {
    'real newlines': pem,
    'escaped \\n': trimmed.replace(/\n/g, '\\n'),
    CRLF: trimmed.replace(/\n/g, '\r\n'),
    'one line (spaces)': trimmed.replace(/\n/g, ' '),
    'one line (nothing between)': trimmed.replace(/\n/g, ''),
    'in quotes with a trailing newline': `"${trimmed}"\n`,
  };
}

function pick(variants: Record<string, string>, names: string[]): Array<[string, string]> {
  return names.map((name) => [name, variants[name]!]);
}

describe.each(ENGINES)('bad input in the %s engine', (engine: Engine) => {
  it('accepted account_id forms (1234567, 1234567_SB1, 1234567-sb1, 1234567_sb1 any case, TSTDRV1234567, 1234567_RP) pass the guards; the simulator for that account accepts every request', async () => {
    const forms: Record<string, string[]> = {
      '1234567_SB1': ['1234567_SB1', '1234567-sb1', '1234567_sb1', '1234567-SB1', '1234567_Sb1', ' 1234567_SB1 '],
      '1234567': ['1234567'],
      TSTDRV1234567: ['TSTDRV1234567', 'tstdrv1234567'],
      '1234567_RP': ['1234567_RP', '1234567-rp'],
    };
    for (const [simAccount, spellings] of Object.entries(forms)) {
      const sim = sims[simAccount]!;
      sim.reset();
      const data = spellings.flatMap((account_id) => METHODS.map((auth_method) => ({ account_id, auth_method })));
      const results = await runIterations(engine, { collection: sandboxCollection([MINT_ITEM, LIST, RESTLET]), environment: simEnvironment(sim), data });
      results.forEach((result, i) => {
        expect(result.failed, `${simAccount}: ${JSON.stringify(data[i])}`).toEqual([]);
        expect(result.sent.filter((s) => !/\/oauth2\/v1\/token$/.test(s)), JSON.stringify(data[i])).toHaveLength(2);
      });
      const stats = sim.stats();
      expect(stats.rejections, simAccount).toEqual({});
      expect(stats.requests.accepted, simAccount).toBe(data.length * 2 + stats.tokensMinted.total);
      expect(stats.tokensMinted.client_credentials, simAccount).toBe(spellings.length); // the Auth request mints each m2m iteration
      expect(stats.tokensMinted.refresh_token, simAccount).toBe(1); // cached across spellings of the same account
    }
  });

  it('rejected account_id forms (empty, 1234567.sb1, 1234567_SB, a pasted URL, spaces inside, letters in the number): refused naming account_id, nothing sent', async () => {
    const sim = sb1();
    sim.reset();
    const forms: Array<{ value: string; code: string; text: RegExp }> = [
      { value: '', code: 'MISSING_VARIABLE', text: /The variable "account_id" is empty or missing/ },
      { value: '1234567.sb1', code: 'BAD_ACCOUNT_ID', text: /The variable "account_id" is "1234567\.sb1"/ },
      { value: '1234567_SB', code: 'BAD_ACCOUNT_ID', text: /"account_id" is "1234567_SB".*needs its number/ },
      { value: 'https://1234567-sb1.app.netsuite.com/app/center/card.nl', code: 'BAD_ACCOUNT_ID', text: /not an account id\. Set account_id to 1234567_SB1/ },
      { value: '1234 567', code: 'BAD_ACCOUNT_ID', text: /"account_id" is "1234 567".*whitespace inside/ },
      { value: '12A4567', code: 'BAD_ACCOUNT_ID', text: /"account_id" is "12A4567"/ },
    ];
    const rows = forms.flatMap((form) => METHODS.map((auth_method) => ({ form, row: { account_id: form.value, auth_method } })));
    const results = await runIterations(engine, { collection: sandboxCollection([MINT_ITEM, LIST, RESTLET]), environment: simEnvironment(sim), data: rows.map((r) => r.row) });
    refusedEach(results, rows.map(({ form }) => ({ code: form.code, variable: '"account_id"', text: form.text })));
    nothingSent(sim);
  });

  it('missing variables of each auth method: refused naming the variable, nothing sent', async () => {
    const sim = sb1();
    sim.reset();
    const rows: Array<{ row: Record<string, string>; code: string; variable: string }> = [
      ...['client_id', 'certificate_id', 'private_key'].map((name) => ({ row: { auth_method: 'm2m', [name]: '' }, code: 'MISSING_VARIABLE', variable: `"${name}"` })),
      ...['consumer_key', 'consumer_secret', 'token_id', 'token_secret'].map((name) => ({ row: { auth_method: 'tba', [name]: '' }, code: 'MISSING_VARIABLE', variable: `"${name}"` })),
      ...['client_id', 'client_secret'].map((name) => ({ row: { auth_method: 'authcode', [name]: '' }, code: 'MISSING_VARIABLE', variable: `"${name}"` })),
      { row: { auth_method: 'authcode', refresh_token: '' }, code: 'NEEDS_AUTHORIZATION', variable: 'set refresh_token in the environment' },
    ];
    const results = await runIterations(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: simEnvironment(sim), data: rows.map((r) => r.row) });
    results.forEach((result, i) => {
      const { code, variable } = rows[i]!;
      const label = JSON.stringify(rows[i]!.row);
      expect(result.sent, label).toEqual([]);
      const text = result.failed.join('\n');
      expect(text, label).toContain(`: ${code}:`);
      expect(text, label).toContain(variable);
    });
    nothingSent(sim);
  });

  it('PEM variants that must work (real newlines, escaped \\n, CRLF, one line, quoted, PKCS#1, SEC1, EC PKCS#8): the mint works and the request is accepted', async () => {
    const sim = sb1();
    sim.reset();
    const rsaPkcs8 = envValue(sim, 'private_key');
    const rsaPkcs1 = createPrivateKey(rsaPkcs8).export({ type: 'pkcs1', format: 'pem' }).toString();
    const rsaCertificate = envValue(sim, 'certificate_id');
    const rows: Array<{ name: string; row: Record<string, string> }> = [
      ...Object.entries(pemVariants(rsaPkcs8)).map(([name, private_key]) => ({ name: `PKCS#8 ${name}`, row: { private_key } })),
      // PKCS#1 and SEC1 in the three most common shapes (the normalisation is shared, tested above).
      ...pick(pemVariants(rsaPkcs1), ['real newlines', 'escaped \\n', 'CRLF']).map(([name, private_key]) => ({ name: `PKCS#1 ${name}`, row: { private_key } })),
      ...pick(pemVariants(ecSec1Pem), ['real newlines', 'escaped \\n', 'one line (spaces)']).map(([name, private_key]) => ({
        name: `SEC1 ${name}`,
        row: { private_key, jwt_algorithm: 'ES256', certificate_id: ecCertificateId },
      })),
      { name: 'EC PKCS#8', row: { private_key: ecPkcs8Pem, jwt_algorithm: 'es256', certificate_id: ecCertificateId } },
    ];
    const data = rows.map((r) => ({ auth_method: 'm2m', certificate_id: rsaCertificate, jwt_algorithm: 'PS256', ...r.row }));
    const results = await runIterations(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: simEnvironment(sim), data });
    results.forEach((result, i) => {
      expect(result.failed, rows[i]!.name).toEqual([]);
      expect(result.sent, rows[i]!.name).toHaveLength(2);
    });
    const stats = sim.stats();
    expect(stats.rejections).toEqual({});
    expect(stats.tokensMinted.client_credentials).toBe(rows.length);
    expect(stats.requests.accepted).toBe(rows.length * 2);
  });

  it('PEM variants and keys that must be refused (encrypted, public key, certificate, newlines mangled to n, garbage, RSA 1024/2048, EC with PS256, RS256): their own codes, naming the variable, nothing sent', async () => {
    const sim = sb1();
    sim.reset();
    const rsaPkcs8 = envValue(sim, 'private_key');
    const rsa = createPrivateKey(rsaPkcs8);
    const small = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const certificatePem = createSelfSignedCertificate({ privateKey: rsa, publicKey: createPublicKey(rsa), commonName: 'x', notBefore: new Date(), notAfter: new Date(Date.now() + 86_400_000) });
    const cases: Array<{ name: string; row: Record<string, string>; code: string; variable: string }> = [
      { name: 'encrypted PKCS#8', row: { private_key: rsa.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString() }, code: 'ENCRYPTED_PRIVATE_KEY', variable: 'private_key' },
      { name: 'encrypted PKCS#1 (Proc-Type)', row: { private_key: rsa.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString() }, code: 'ENCRYPTED_PRIVATE_KEY', variable: 'private_key' },
      { name: 'public key', row: { private_key: createPublicKey(rsa).export({ type: 'spki', format: 'pem' }).toString() }, code: 'PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY', variable: 'private_key' },
      { name: 'certificate', row: { private_key: certificatePem }, code: 'CERTIFICATE_INSTEAD_OF_PRIVATE_KEY', variable: 'private_key' },
      { name: 'newlines mangled to n', row: { private_key: rsaPkcs8.trim().replace(/\n/g, 'n') }, code: 'PRIVATE_KEY_NEWLINES_MANGLED', variable: 'private_key' },
      { name: 'garbage', row: { private_key: 'this is not a key at all' }, code: 'BAD_PRIVATE_KEY', variable: 'private_key' },
      { name: 'RSA 1024', row: { private_key: small(1024) }, code: 'RSA_KEY_TOO_SMALL', variable: 'private_key' },
      { name: 'RSA 2048', row: { private_key: small(2048) }, code: 'RSA_KEY_TOO_SMALL', variable: 'private_key' },
      { name: 'EC key with PS256', row: { private_key: ecSec1Pem, jwt_algorithm: 'PS256' }, code: 'KEY_ALGORITHM_MISMATCH', variable: 'jwt_algorithm' },
      { name: 'RS256', row: { jwt_algorithm: 'RS256' }, code: 'RS256_REFUSED', variable: 'jwt_algorithm' },
    ];
    const data = cases.map((c) => ({ auth_method: 'm2m', ...c.row }));
    const results = await runIterations(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: simEnvironment(sim), data });
    refusedEach(results, cases.map((c) => ({ code: c.code, variable: c.variable })));
    // No key material in any refusal.
    const everything = JSON.stringify(results);
    expect(everything).not.toMatch(/MII[A-Za-z0-9+/]{20}/);
    nothingSent(sim);
  });

  it('guards: an empty POST body and a URL of another account are refused before minting or sending; a hand-set Cookie header is removed and the request succeeds', async () => {
    const sim = sb1();
    sim.reset();
    const other = `${new URL(sim.baseUrl).origin}/7654321/services/rest/record/v1/customer`;
    const items: ItemSpec[] = [
      { name: 'Empty POST', method: 'POST', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer', raw: '', headers: [['Content-Type', 'application/json']] },
      { name: 'Other account', method: 'GET', url: other },
      MINT_ITEM,
      { ...LIST, name: 'Hand cookie', headers: [['Cookie', 'JSESSIONID=typed-by-hand']] },
    ];
    const data = METHODS.map((auth_method) => ({ auth_method }));
    const results = await runIterations(engine, { collection: sandboxCollection(items), environment: simEnvironment(sim), data });
    results.forEach((result, i) => {
      const label = METHODS[i]!;
      expect(result.failed, label).toEqual([
        expect.stringMatching(/^netsuite-postman refused to send "Empty POST": EMPTY_BODY: Refused POST with an empty body/),
        expect.stringMatching(/^netsuite-postman refused to send "Other account": ACCOUNT_HOST_MISMATCH: The URL addresses account host "7654321" but account_id is "1234567_SB1"/),
      ]);
      expect(result.sent.filter((s) => /^POST .*\/customer$/.test(s) || s.includes('/7654321/')), label).toEqual([]);
    });
    const stats = sim.stats();
    // Only the m2m Auth request's mint, the authcode refresh made for "Hand cookie", and the three "Hand cookie" GETs.
    expect(stats.tokensMinted.client_credentials).toBe(1);
    expect(stats.tokensMinted.refresh_token).toBe(1);
    expect(stats.requests.total).toBe(5);
    expect(stats.requests.accepted).toBe(5);
    expect(stats.rejections).toEqual({}); // the simulator answers a Cookie header with INVALID_LOGIN (cookie_header): none seen
    expect(stats.recordsCreated).toBe(0);
  });

  it('a production write without allow_production is refused naming allow_production (every auth method, before minting); with allow_production=true it goes through', async () => {
    const sim = sims['1234567']!;
    sim.reset();
    const items: ItemSpec[] = [{ name: 'Delete', method: 'DELETE', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer/3' }, MINT_ITEM];
    const data = [...METHODS.map((auth_method) => ({ auth_method, allow_production: 'false' })), { auth_method: 'authcode', allow_production: '' }, { auth_method: 'tba', allow_production: 'true' }];
    const results = await runIterations(engine, { collection: sandboxCollection(items), environment: simEnvironment(sim), data });
    results.slice(0, 4).forEach((result, i) => {
      expect(result.failed, JSON.stringify(data[i])).toEqual([expect.stringMatching(/refused to send "Delete": PRODUCTION_WRITE_REFUSED: Refused DELETE to production account "1234567".*allow_production set to true/)]);
      expect(result.sent.filter((s) => s.startsWith('DELETE')), JSON.stringify(data[i])).toEqual([]);
    });
    expect(results[4]!.failed).toEqual([]);
    const stats = sim.stats();
    expect(stats.tokensMinted.refresh_token).toBe(0);
    expect(stats.tokensMinted.client_credentials).toBe(1); // the m2m row's Auth request, after the refusal
    expect(stats.recordsDeleted).toBe(1);
    expect(stats.requests.total).toBe(2);
    expect(stats.rejections).toEqual({});
  });

  it('TBA: query values with space + * ! \' ( ) ~, UTF-8 and duplicate keys, and such form fields, verify at the simulator', async () => {
    const sim = sb1();
    sim.reset();
    const restlet = '{{restlets_base_url}}/app/site/hosting/restlet.nl?script={{restlet_script}}&deploy={{restlet_deploy}}';
    const items: ItemSpec[] = [
      { name: 'Query', method: 'GET', url: `${restlet}&q=a b*c!'(d)~e&q=dup&name=Ünïcødé 😀&plus=1%2B1&empty=` },
      { name: 'Form', method: 'POST', url: `${restlet}&k=v w`, form: [['b', "x y*!'()~"], ['a', 'Ü'], ['a', '~'], ['p', '1+1']] },
      { name: 'Json', method: 'PUT', url: `${restlet}&k=(x)`, raw: '{"companyName":"A (B) & C ~ Ü"}', headers: [['Content-Type', 'application/json']] },
      { name: 'Rest', method: 'GET', url: "{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5&offset=0&q=it's (ok)*!~" },
    ];
    const run = await runCollection(engine, { collection: sandboxCollection(items), environment: simEnvironment(sim, { auth_method: 'tba' }) });
    expect(failures(run)).toEqual([]);
    expect(run.executions.map((e) => e.response?.code)).toEqual([200, 200, 200, 200]);
    const stats = sim.stats();
    expect(stats.rejections).toEqual({});
    expect(stats.requests.accepted).toBe(4);
    const query = JSON.parse(run.executions[0]!.response!.body).parameters;
    expect(query.q).toHaveLength(2);
    expect(query.q[1]).toBe('dup');
    expect(query.name).toBe('Ünïcødé 😀');
    expect(query.plus).toBe('1+1');
    const form = JSON.parse(run.executions[1]!.response!.body).body;
    expect(form).toEqual({ b: "x y*!'()~", a: ['Ü', '~'], p: '1+1' });
  });
});
