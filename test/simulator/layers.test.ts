import { createPrivateKey, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { accessToken, call, envOf, INVALID_LOGIN_ATTEMPT_BODY, INVALID_LOGIN_BODY } from './helpers/m2m.ts';

describe("layers in NetSuite's order", () => {
  let sim: RunningSimulator;
  let key: KeyObject;
  let token: string;
  const logs: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ log: (line) => logs.push(line) });
    key = createPrivateKey(envOf(sim).private_key!);
    token = await accessToken(sim, key);
  });
  afterAll(() => sim.stop());

  const rest = () => `${sim.baseUrl}/services/rest/record/v1/customer`;
  const restlet = () => `${sim.baseUrl}/app/site/hosting/restlet.nl?script=customscript_nsp_echo&deploy=customdeploy_nsp_echo`;
  const bearer = () => ({ authorization: `Bearer ${token}` });
  const reasonCount = (reason: string) => sim.stats().rejections[reason] ?? 0;

  it('every response has a Date header and sets NetSuite-like cookies', async () => {
    const result = await call(`${rest()}/1`, { headers: bearer() });
    expect(result.status).toBe(200);
    expect(result.headers.get('date')).toMatch(/GMT$/);
    const cookies = result.headers.getSetCookie();
    expect(cookies.some((c) => /^JSESSIONID=[^;]+; Path=\//.test(c))).toBe(true);
    expect(cookies.some((c) => /^NS_ROUTING_VERSION=[^;]+; Path=\//.test(c))).toBe(true);
    const refused = await call(`${rest()}/1`);
    expect(refused.headers.getSetCookie().length).toBe(2);
  });

  it('a client that sends the cookies back fails: REST INVALID_LOGIN, RESTlet INVALID_LOGIN_ATTEMPT, even with a valid token', async () => {
    const first = await call(`${rest()}/1`, { headers: bearer() });
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const r = await call(`${rest()}/1`, { headers: { ...bearer(), cookie } });
    expect(r.status).toBe(401);
    expect(r.body).toEqual(INVALID_LOGIN_BODY);
    expect(r.headers.get('content-type')).toMatch(/application\/vnd\.oracle\.resource\+json; type=error/);
    const s = await call(restlet(), { headers: { ...bearer(), cookie } });
    expect(s.status).toBe(401);
    expect(s.body).toEqual(INVALID_LOGIN_ATTEMPT_BODY);
    expect(reasonCount('cookie_header')).toBe(2);
  });

  it('the cookie is checked before the body and the token', async () => {
    const r = await call(rest(), { method: 'POST', headers: { cookie: 'JSESSIONID=x', authorization: 'Bearer nope' } });
    expect(r.status).toBe(401);
    expect(reasonCount('cookie_header')).toBe(3);
  });

  it('missing or malformed Authorization → 401', async () => {
    for (const [headers, reason] of [
      [{}, 'authorization_missing'],
      [{ authorization: 'Basic abc' }, 'authorization_malformed'],
      [{ authorization: 'Bearer' }, 'authorization_malformed'],
      [{ authorization: 'Bearer two words' }, 'authorization_malformed'],
    ] as Array<[Record<string, string>, string]>) {
      const before = reasonCount(reason);
      const r = await call(rest(), { headers });
      expect(r.status).toBe(401);
      expect(r.body).toEqual(INVALID_LOGIN_BODY);
      expect(reasonCount(reason)).toBe(before + 1);
    }
    const s = await call(restlet());
    expect(s.status).toBe(401);
    expect(s.body).toEqual(INVALID_LOGIN_ATTEMPT_BODY);
  });

  it('POST, PUT, PATCH with an empty body → 401 at the gateway (before the token is looked at)', async () => {
    for (const method of ['POST', 'PATCH']) {
      const r = await call(method === 'POST' ? rest() : `${rest()}/1`, { method, headers: { ...bearer(), 'content-type': 'application/json' } });
      expect(r.status).toBe(401);
      expect(r.body).toEqual(INVALID_LOGIN_BODY);
    }
    const s = await call(restlet(), { method: 'PUT', headers: { authorization: 'Bearer unknown-token' } });
    expect(s.status).toBe(401);
    expect(s.body).toEqual(INVALID_LOGIN_ATTEMPT_BODY);
    expect(reasonCount('empty_body')).toBe(3);
    expect(reasonCount('token_unknown')).toBe(0);
    const del = await call(`${rest()}/25`, { method: 'DELETE', headers: bearer() });
    expect(del.status).toBe(204);
  });

  it('unknown token → 401; scope must cover the API', async () => {
    expect((await call(rest(), { headers: { authorization: 'Bearer abc.def.ghi' } })).status).toBe(401);
    expect(reasonCount('token_unknown')).toBe(1);
    const restletsOnly = await accessToken(sim, key, 'restlets');
    const r = await call(rest(), { headers: { authorization: `Bearer ${restletsOnly}` } });
    expect(r.status).toBe(401);
    expect(r.body).toEqual(INVALID_LOGIN_BODY);
    expect((await call(restlet(), { headers: { authorization: `Bearer ${restletsOnly}` } })).status).toBe(200);
    const restOnly = await accessToken(sim, key, 'rest_webservices');
    const s = await call(restlet(), { headers: { authorization: `Bearer ${restOnly}` } });
    expect(s.status).toBe(401);
    expect(s.body).toEqual(INVALID_LOGIN_ATTEMPT_BODY);
    expect(reasonCount('scope_missing')).toBe(2);
  });

  it('wrong account host → INVALID_LOGIN; unknown host → 404', async () => {
    const production = rest().replace('/1234567-sb1/', '/1234567/');
    const r = await call(production, { headers: bearer() });
    expect(r.status).toBe(401);
    expect(r.body).toEqual(INVALID_LOGIN_BODY);
    const s = await call(restlet().replace('/1234567-sb1/', '/1234567-sb2/'), { headers: bearer() });
    expect(s.status).toBe(401);
    expect(s.body).toEqual(INVALID_LOGIN_ATTEMPT_BODY);
    expect(reasonCount('wrong_account')).toBe(2);
    const realmForm = await call(rest().replace('/1234567-sb1/', '/1234567_SB1/'), { headers: bearer() });
    expect(realmForm.status).toBe(404);
    expect(realmForm.body.error).toBe('unknown_host');
    expect((await call(rest().replace('/1234567-sb1/', '/1234567-SB1/'), { headers: bearer() })).status).toBe(200);
  });

  it('revoked tokens → 401 (revokeAllTokens and the control endpoint)', async () => {
    const fresh = await accessToken(sim, key);
    expect(sim.revokeAllTokens()).toBeGreaterThan(0);
    expect((await call(rest(), { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(401);
    expect(reasonCount('token_revoked')).toBe(1);
    token = await accessToken(sim, key);
    const control = await call(`${new URL(sim.baseUrl).origin}/__simulator/revoke-tokens`, { method: 'POST' });
    expect(control.body).toEqual({ revoked: 1 });
    expect((await call(restlet(), { headers: bearer() })).status).toBe(401);
    token = await accessToken(sim, key);
  });

  it('permissions: a denied record type → 403 after authentication', async () => {
    sim.setFaults({ deniedRecordTypes: ['customer'] });
    const r = await call(`${rest()}/1`, { headers: bearer() });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ title: 'Forbidden', status: 403, 'o:errorDetails': [{ 'o:errorCode': 'INSUFFICIENT_PERMISSION' }] });
    const q = await call(`${sim.baseUrl}/services/rest/query/v1/suiteql`, {
      method: 'POST',
      headers: { ...bearer(), prefer: 'transient', 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'SELECT id FROM customer' }),
    });
    expect(q.status).toBe(403);
    // Authentication still comes first.
    expect((await call(`${rest()}/1`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    sim.setFaults({ deniedRecordTypes: [] });
    expect(sim.stats().rejections.permission_denied).toBe(2);
  });

  it('RESTlet: echoes method, parameters and JSON body; unknown script → NetSuite error', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const hasBody = method === 'POST' || method === 'PUT';
      const r = await call(`${restlet()}&x=1`, {
        method,
        headers: { ...bearer(), 'content-type': 'application/json' },
        ...(hasBody ? { body: JSON.stringify({ hello: method }) } : {}),
      });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        method,
        script: 'customscript_nsp_echo',
        deploy: 'customdeploy_nsp_echo',
        parameters: hasBody ? {} : { script: 'customscript_nsp_echo', deploy: 'customdeploy_nsp_echo', x: '1' },
        body: hasBody ? { hello: method } : null,
      });
    }
    const numeric = await call(`${sim.baseUrl}/app/site/hosting/restlet.nl?script=101&deploy=1`, { headers: bearer() });
    expect(numeric.status).toBe(200);
    const unknown = await call(`${sim.baseUrl}/app/site/hosting/restlet.nl?script=999&deploy=1`, { headers: bearer() });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: { code: 'SSS_INVALID_SCRIPTLET_ID', message: expect.any(String) } });
  });

  it('logs carry no secret, token, signature or cookie value', () => {
    const env = envOf(sim);
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(20);
    for (const name of ['private_key', 'client_secret', 'refresh_token', 'consumer_secret', 'token_secret', 'consumer_key', 'token_id']) {
      expect(text.includes(env[name]!), name).toBe(false);
    }
    expect(text.includes(token)).toBe(false);
    expect(text).not.toMatch(/eyJ|JSESSIONID=|Bearer|oauth_signature|BEGIN/);
  });
});
