import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyClientAssertion } from '../../simulator/clientAssertion.ts';
import { CertificateRegistry } from '../../simulator/certificates.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { createSelfSignedCertificate } from '../../simulator/x509Builder.ts';
import { call, envOf, JWT_BEARER, mintM2m, postToken, signAssertion, tokenUrlOf } from './helpers/m2m.ts';

function certificateFor(keys: { publicKey: KeyObject; privateKey: KeyObject }, days = 365): string {
  return createSelfSignedCertificate({
    ...keys,
    commonName: 'test',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + days * 86_400_000),
  });
}

describe('M2M client credentials', () => {
  let sim: RunningSimulator;
  let rsa: KeyObject;
  let clock = 0;
  const ec: Record<string, { publicKey: KeyObject; privateKey: KeyObject; kid?: string }> = {};
  let certificatesUrl: string;
  let bearer: string;

  beforeAll(async () => {
    sim = await startSimulator({ now: () => Date.now() + clock });
    rsa = createPrivateKey(envOf(sim).private_key!);
    for (const [alg, namedCurve] of [['ES256', 'P-256'], ['ES384', 'P-384'], ['ES512', 'P-521']] as const) {
      ec[alg] = generateKeyPairSync('ec', { namedCurve });
    }
    certificatesUrl = `${sim.baseUrl}/services/rest/auth/oauth2/v1/clients/${envOf(sim).client_id}/certificates`;
    const minted = await mintM2m(sim, rsa);
    bearer = minted.body.access_token as string;
  });
  afterAll(() => sim.stop());

  it('the environment key and certificate id mint a token with PS256, PS384 and PS512', async () => {
    for (const alg of ['PS256', 'PS384', 'PS512']) {
      const result = await mintM2m(sim, rsa, { alg });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
      expect(result.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('an uploaded EC certificate signs ES256, ES384 and ES512 assertions at once (many signatures each)', async () => {
    for (const alg of ['ES256', 'ES384', 'ES512']) {
      const keys = ec[alg]!;
      const upload = await call(certificatesUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        // Oracle's documented shape is {fileContent, entity, role}; {certificate} is accepted too.
        body: JSON.stringify(alg === 'ES256' ? { certificate: certificateFor(keys) } : { fileContent: certificateFor(keys), entity: 7, role: 3 }),
      });
      expect(upload.status).toBe(201);
      expect(upload.body).toMatchObject({ keyType: 'EC', status: 'ACTIVE' });
      keys.kid = upload.body.certificateId as string;
      expect(upload.headers.get('location')).toBe(`${certificatesUrl}/${keys.kid}`);
      for (let i = 0; i < 5; i += 1) {
        const result = await mintM2m(sim, keys.privateKey, { alg, kid: keys.kid });
        expect(result.status, `${alg} #${i}`).toBe(200);
      }
    }
    expect(sim.stats().certificatesUploaded).toBe(3);
  });

  it('refuses RS256 with an explanation', async () => {
    const result = await mintM2m(sim, rsa, { alg: 'RS256' });
    expect(result.status).toBe(401);
    expect(result.body.error).toBe('invalid_client');
    expect(result.body.error_description).toMatch(/RS256.*no longer accepted/);
  });

  it('refuses an algorithm that does not match the key (ES256 with a PS key kid)', async () => {
    const result = await mintM2m(sim, ec.ES256!.privateKey, { alg: 'ES256' });
    expect(result.status).toBe(401);
    expect(result.body.error).toBe('invalid_client');
    expect(sim.stats().rejections.assertion_key_mismatch).toBe(1);
  });

  const cases: Array<[string, () => Promise<Awaited<ReturnType<typeof postToken>>>, number, string, string]> = [];
  const add = (name: string, run: () => Promise<Awaited<ReturnType<typeof postToken>>>, status: number, error: string, reason: string) =>
    cases.push([name, run, status, error, reason]);
  const now = () => Math.floor(Date.now() / 1000);
  add('unknown kid', () => mintM2m(sim, rsa, { kid: 'nope' }), 401, 'invalid_client', 'assertion_kid_unknown');
  add('no kid', () => mintM2m(sim, rsa, { kid: null }), 401, 'invalid_client', 'assertion_kid_missing');
  add('typ not JWT', () => mintM2m(sim, rsa, { typ: 'JOSE' }), 401, 'invalid_client', 'assertion_typ');
  add('wrong iss', () => mintM2m(sim, rsa, { iss: 'someone-else' }), 401, 'invalid_client', 'assertion_iss');
  add('aud with the production host', () => mintM2m(sim, rsa, { aud: tokenUrlOf(sim).replace('1234567-sb1', '1234567') }), 401, 'invalid_client', 'assertion_aud');
  add('aud with the realm form', () => mintM2m(sim, rsa, { aud: tokenUrlOf(sim).replace('1234567-sb1', '1234567_SB1') }), 401, 'invalid_client', 'assertion_aud');
  add('aud with a trailing slash', () => mintM2m(sim, rsa, { aud: `${tokenUrlOf(sim)}/` }), 401, 'invalid_client', 'assertion_aud');
  add('no scope', () => mintM2m(sim, rsa, { scope: null }), 400, 'invalid_scope', 'assertion_scope');
  add('unknown scope', () => mintM2m(sim, rsa, { scope: 'rest_webservices,everything' }), 400, 'invalid_scope', 'assertion_scope');
  add('exp − iat = 3600', () => mintM2m(sim, rsa, { iat: now(), exp: now() + 3600 }), 400, 'invalid_grant', 'assertion_lifetime');
  add('expired', () => mintM2m(sim, rsa, { iat: now() - 1000, exp: now() - 10 }), 400, 'invalid_grant', 'assertion_expired');
  add('iat in the future', () => mintM2m(sim, rsa, { iat: now() + 600, exp: now() + 1200 }), 400, 'invalid_grant', 'assertion_iat_future');
  add('signed by another key', () => mintM2m(sim, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 400, 'invalid_grant', 'assertion_signature');
  add('tampered payload', async () => {
    const jwt = await signAssertion(sim, rsa);
    const [h, , s] = jwt.split('.');
    const payload = Buffer.from(JSON.stringify({ iss: envOf(sim).client_id, aud: tokenUrlOf(sim), scope: 'restlets', iat: now(), exp: now() + 100 })).toString('base64url');
    return postToken(tokenUrlOf(sim), { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: `${h}.${payload}.${s}` });
  }, 400, 'invalid_grant', 'assertion_signature');
  add('HS256', async () => {
    const body = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${body({ alg: 'HS256', typ: 'JWT', kid: envOf(sim).certificate_id })}.${body({ iss: 'x' })}.c2ln`;
    return postToken(tokenUrlOf(sim), { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: jwt });
  }, 401, 'invalid_client', 'assertion_alg_unsupported');
  add('garbage assertion', () => postToken(tokenUrlOf(sim), { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: 'abc' }), 400, 'invalid_request', 'assertion_malformed');
  add('wrong assertion type', async () => postToken(tokenUrlOf(sim), { grant_type: 'client_credentials', client_assertion_type: 'jwt', client_assertion: await signAssertion(sim, rsa) }), 400, 'invalid_request', 'assertion_type_invalid');
  add('no assertion', () => postToken(tokenUrlOf(sim), { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER }), 400, 'invalid_request', 'assertion_missing');
  add('unknown grant type', () => postToken(tokenUrlOf(sim), { grant_type: 'password' }), 400, 'unsupported_grant_type', 'grant_unsupported');
  add('JSON instead of a form', async () => {
    const response = await fetch(tokenUrlOf(sim), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":"client_credentials"}' });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }, 400, 'invalid_request', 'token_request_malformed');
  add('empty body', async () => {
    const response = await fetch(tokenUrlOf(sim), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }, 400, 'invalid_request', 'token_request_malformed');
  add('the production host (wrong account)', () => mintM2m(sim, rsa, {}, tokenUrlOf(sim).replace('/1234567-sb1/', '/1234567/')), 401, 'invalid_client', 'wrong_account');

  it.each(cases.map((c) => [c[0], c] as const))('refuses: %s', async (_name, [, run, status, error, reason]) => {
    const before = sim.stats().rejections[reason] ?? 0;
    const result = await run();
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ error, error_description: expect.any(String) });
    expect(sim.stats().rejections[reason]).toBe(before + 1);
  });

  it('refuses a revoked certificate, and the revoke is listed', async () => {
    const kid = ec.ES384!.kid!;
    // Oracle documents revocation as a POST.
    const revoke = await call(`${certificatesUrl}/${kid}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: '{}' });
    expect(revoke.status).toBe(204);
    const result = await mintM2m(sim, ec.ES384!.privateKey, { alg: 'ES384', kid });
    // A revoked (or expired, replaced) certificate and a key that does not match it: invalid_grant (seed 001).
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_grant');
    expect(sim.stats().rejections.assertion_kid_revoked).toBe(1);
    const list = await call(certificatesUrl, { headers: { authorization: `Bearer ${bearer}` } });
    expect(list.status).toBe(200);
    expect(list.body.items.find((item: { certificateId: string }) => item.certificateId === kid).status).toBe('REVOKED');
    expect(list.body.activeCount).toBe(3);
  });

  it('certificate upload: refuses RSA-2048, more than two years, more than 5 active, not a PEM; unknown ids 404', async () => {
    const auth = { authorization: `Bearer ${bearer}`, 'content-type': 'application/x-pem-file' };
    const weak = await call(certificatesUrl, { method: 'POST', headers: auth, body: certificateFor(generateKeyPairSync('rsa', { modulusLength: 2048 })) });
    expect(weak.status).toBe(400);
    expect(weak.body['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'INVALID_CERTIFICATE', detail: expect.stringMatching(/3072/) });
    const long = await call(certificatesUrl, { method: 'POST', headers: auth, body: certificateFor(ec.ES256!, 3 * 365) });
    expect(long.status).toBe(400);
    const junk = await call(certificatesUrl, { method: 'POST', headers: auth, body: 'hello' });
    expect(junk.status).toBe(400);
    // 3 active now (env RSA, ES256, ES512): two more fit, the sixth is refused.
    for (let i = 0; i < 2; i += 1) {
      expect((await call(certificatesUrl, { method: 'POST', headers: auth, body: certificateFor(ec.ES256!) })).status).toBe(201);
    }
    const sixth = await call(certificatesUrl, { method: 'POST', headers: auth, body: certificateFor(ec.ES256!) });
    expect(sixth.status).toBe(400);
    expect(sixth.body['o:errorDetails'][0]['o:errorCode']).toBe('CERTIFICATE_LIMIT_EXCEEDED');
    expect((await call(`${certificatesUrl}/unknown`, { method: 'DELETE', headers: auth })).status).toBe(404);
    expect((await call(certificatesUrl.replace(envOf(sim).client_id!, 'other'), { headers: auth })).status).toBe(404);
  });

  it('tokens expire after tokenLifetimeSeconds (with the injected clock)', async () => {
    sim.setFaults({ tokenLifetimeSeconds: 120 });
    const minted = await mintM2m(sim, rsa);
    expect(minted.body.expires_in).toBe(120);
    const url = `${sim.baseUrl}/services/rest/record/v1/customer/1`;
    const headers = { authorization: `Bearer ${minted.body.access_token as string}` };
    expect((await call(url, { headers })).status).toBe(200);
    clock = 121_000;
    const expired = await call(url, { headers });
    clock = 0;
    sim.setFaults({ tokenLifetimeSeconds: 3600 });
    expect(expired.status).toBe(401);
    expect(expired.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
    expect(sim.stats().rejections.token_expired).toBe(1);
  });

  it('counts minted tokens by grant type', () => {
    expect(sim.stats().tokensMinted.client_credentials).toBeGreaterThanOrEqual(1 + 3 + 15 + 1);
  });
});

describe('verifyClientAssertion (unit)', () => {
  it('refuses an RSA key under 3072 bits even if its certificate was registered', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const registry = new CertificateRegistry('client', () => 'x');
    const nowMs = Date.now();
    registry.upload(certificateFor(keys), nowMs, { id: 'weak', checkPolicy: false });
    const { SignJWT } = await import('jose');
    const tokenUrl = 'http://127.0.0.1:1/1234567-sb1/services/rest/auth/oauth2/v1/token';
    const jwt = await new SignJWT({ scope: 'restlets' })
      .setProtectedHeader({ alg: 'PS256', typ: 'JWT', kid: 'weak' })
      .setIssuer('client')
      .setAudience(tokenUrl)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(Math.floor(nowMs / 1000) + 60)
      .sign(keys.privateKey);
    const result = await verifyClientAssertion(jwt, { tokenUrl, clientId: 'client', certificates: registry, nowMs });
    expect(result).toMatchObject({ ok: false, error: 'invalid_client', reason: 'assertion_key_weak' });
  });
});
