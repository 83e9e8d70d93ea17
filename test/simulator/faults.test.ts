import { createPrivateKey, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { accessToken, call, envOf, mintM2m } from './helpers/m2m.ts';

describe('faults, control endpoints and stats', () => {
  let sim: RunningSimulator;
  let key: KeyObject;
  let auth: Record<string, string>;
  let origin: string;
  beforeAll(async () => {
    sim = await startSimulator({ faults: { latencyMs: 0 } });
    key = createPrivateKey(envOf(sim).private_key!);
    auth = { authorization: `Bearer ${await accessToken(sim, key)}` };
    origin = new URL(sim.baseUrl).origin;
  });
  beforeEach(() => sim.reset());
  afterAll(() => sim.stop());
  const rest = () => `${sim.baseUrl}/services/rest/record/v1/customer/1`;
  const restlet = () => `${sim.baseUrl}/app/site/hosting/restlet.nl?script=101&deploy=1`;
  const postFaults = (body: unknown) => call(`${origin}/__simulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('rateLimitEvery: every Nth REST request → 429 with Retry-After when configured', async () => {
    expect((await postFaults({ rateLimitEvery: 3, retryAfterSeconds: 2 })).status).toBe(200);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i += 1) {
      const r = await call(rest(), { headers: auth });
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get('retry-after');
        expect(r.body).toMatchObject({ status: 429, title: 'Too Many Requests', 'o:errorDetails': [{ 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] });
      }
    }
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(retryAfter).toBe('2');
    sim.setFaults({ rateLimitEvery: 1, retryAfterSeconds: null });
    const none = await call(rest(), { headers: auth });
    expect(none.status).toBe(429);
    expect(none.headers.get('retry-after')).toBeNull();
    expect(sim.stats().rejections.rate_limited).toBe(3);
    expect(sim.stats().requests.limited).toBe(3);
  });

  it('restletLimitEvery: every Nth RESTlet request → 400 SSS_REQUEST_LIMIT_EXCEEDED', async () => {
    sim.setFaults({ restletLimitEvery: 2 });
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await call(restlet(), { headers: auth }));
    expect(results.map((r) => r.status)).toEqual([200, 400, 200, 400]);
    expect(results[1]!.body).toEqual({ error: { code: 'SSS_REQUEST_LIMIT_EXCEEDED', message: expect.any(String) } });
    expect(sim.stats().rejections.restlet_limited).toBe(2);
  });

  it('concurrencyLimit with latency: requests over the limit → 429 REST / SSS_REQUEST_LIMIT_EXCEEDED RESTlet', async () => {
    sim.setFaults({ concurrencyLimit: 1, latencyMs: 300 });
    const started = Date.now();
    const results = await Promise.all([call(rest(), { headers: auth }), call(rest(), { headers: auth }), call(restlet(), { headers: auth })]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429 || s === 400)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(sim.stats().rejections.concurrency_limited).toBe(2);
    sim.setFaults({ concurrencyLimit: 0, latencyMs: 0 });
    const sequential = [await call(rest(), { headers: auth }), await call(rest(), { headers: auth })];
    expect(sequential.map((r) => r.status)).toEqual([200, 200]);
  });

  it('latencyMs delays responses', async () => {
    sim.setFaults({ latencyMs: 200 });
    const started = Date.now();
    await call(rest(), { headers: auth });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('tokenEndpointFailures: the next K token calls → 503, then minting works again', async () => {
    await postFaults({ tokenEndpointFailures: 2 });
    const a = await mintM2m(sim, key);
    const b = await mintM2m(sim, key);
    const c = await mintM2m(sim, key);
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.body.error).toBe('temporarily_unavailable');
    expect(sim.stats().requests.unavailable).toBe(2);
    expect(sim.faults().tokenEndpointFailures).toBe(0);
  });

  it('revokeAllTokens through faults; the control endpoints answer; bad faults → 400', async () => {
    const token = await accessToken(sim, key);
    await postFaults({ revokeAllTokens: true });
    expect((await call(rest(), { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    auth = { authorization: `Bearer ${await accessToken(sim, key)}` };
    const bad = await postFaults({ rateLimitEvery: -1 });
    expect(bad.status).toBe(400);
    expect((await postFaults({ nonsense: 1 })).status).toBe(400);
    const current = await call(`${origin}/__simulator/faults`);
    expect(current.body).toMatchObject({ rateLimitEvery: 0, tokenLifetimeSeconds: 3600 });
    const stats = await call(`${origin}/__simulator/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.tokensMinted.client_credentials).toBeGreaterThan(0);
    expect(stats.body.tokensRevoked).toBeGreaterThan(0);
    expect(stats.headers.getSetCookie()).toEqual([]);
    expect((await call(`${origin}/__simulator/nothing`)).status).toBe(404);
  });

  it('reset restores records, stats and faults', async () => {
    sim.setFaults({ rateLimitEvery: 1 });
    await call(`${sim.baseUrl}/services/rest/record/v1/customer`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"companyName":"x"}' });
    sim.setFaults({ rateLimitEvery: 0 });
    await call(`${sim.baseUrl}/services/rest/record/v1/customer`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"companyName":"x"}' });
    expect(sim.records.count()).toBe(26);
    sim.setFaults({ latencyMs: 50 });
    const reset = await call(`${origin}/__simulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(sim.records.count()).toBe(25);
    expect(sim.stats().requests.total).toBe(0);
    expect(sim.faults().latencyMs).toBe(0);
    expect((await call(rest(), { headers: auth })).status).toBe(200);
  });

  it('stats count requests by outcome and rejections by reason', async () => {
    await call(rest(), { headers: auth });
    await call(rest());
    await call(`${sim.baseUrl}/services/rest/record/v1/customer/999`, { headers: auth });
    const stats = sim.stats();
    expect(stats.requests).toMatchObject({ accepted: 1, rejected: 1, error: 1, total: 3 });
    expect(stats.rejections).toEqual({ authorization_missing: 1, record_not_found: 1 });
  });
});
