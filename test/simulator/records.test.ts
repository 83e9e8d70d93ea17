import { createPrivateKey, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { accessToken, call, envOf } from './helpers/m2m.ts';

describe('records, SuiteQL, metadata, async idempotent writes', () => {
  let sim: RunningSimulator;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator();
    auth = { authorization: `Bearer ${await accessToken(sim, createPrivateKey(envOf(sim).private_key!))}` };
  });
  afterAll(() => sim.stop());
  const customers = () => `${sim.baseUrl}/services/rest/record/v1/customer`;
  const json = () => ({ ...auth, 'content-type': 'application/json' });

  it('lists customers in pages with NetSuite links', async () => {
    const first = await call(`${customers()}?limit=10`, { headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/type=collection/);
    expect(first.body).toMatchObject({ count: 10, hasMore: true, offset: 0, totalResults: 25 });
    expect(first.body.items[0]).toEqual({ links: [{ rel: 'self', href: `${customers()}/1` }], id: '1' });
    const rels = Object.fromEntries(first.body.links.map((l: { rel: string; href: string }) => [l.rel, l.href]));
    expect(rels).toEqual({ next: `${customers()}?limit=10&offset=10`, last: `${customers()}?limit=10&offset=20`, self: `${customers()}?limit=10&offset=0` });
    const last = await call(rels.last, { headers: auth });
    expect(last.body).toMatchObject({ count: 5, hasMore: false, offset: 20 });
    expect(last.body.links.map((l: { rel: string }) => l.rel)).toEqual(['previous', 'first', 'last', 'self']);
    const bad = await call(`${customers()}?limit=0`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(bad.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
  });

  it('gets one record; a missing one is a NetSuite 404', async () => {
    const one = await call(`${customers()}/3`, { headers: auth });
    expect(one.body).toMatchObject({ id: '3', companyName: 'Simulated Customer 03', email: 'customer03@example.com', links: [{ rel: 'self' }] });
    const missing = await call(`${customers()}/9999`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5',
      title: 'Not Found',
      status: 404,
      'o:errorDetails': [{ detail: expect.any(String), 'o:errorCode': 'NONEXISTENT_ID' }],
    });
    expect((await call(`${sim.baseUrl}/services/rest/record/v1/salesorder/999`, { headers: auth })).status).toBe(404);
    expect((await call(`${sim.baseUrl}/services/rest/record/v1/vendorbill/1`, { headers: auth })).status).toBe(404);
  });

  it('create → 204 with Location; PATCH → 204; DELETE → 204', async () => {
    const created = await call(customers(), { method: 'POST', headers: json(), body: JSON.stringify({ companyName: 'Acme', email: 'a@acme.test' }) });
    expect(created.status).toBe(204);
    const location = created.headers.get('location')!;
    expect(location).toBe(`${customers()}/26`);
    expect(sim.records.get('26')).toMatchObject({ companyName: 'Acme' });
    const patched = await call(location, { method: 'PATCH', headers: json(), body: JSON.stringify({ email: 'b@acme.test' }) });
    expect(patched.status).toBe(204);
    expect((await call(location, { headers: auth })).body.email).toBe('b@acme.test');
    expect((await call(location, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await call(location, { headers: auth })).status).toBe(404);
    const invalid = await call(customers(), { method: 'POST', headers: json(), body: JSON.stringify({ email: 'x' }) });
    expect(invalid.status).toBe(400);
    const notJson = await call(customers(), { method: 'POST', headers: json(), body: 'companyName=x' });
    expect(notJson.status).toBe(400);
    expect(sim.stats()).toMatchObject({ recordsCreated: 1, recordsUpdated: 1, recordsDeleted: 1 });
  });

  it('idempotency key with respond-async → 202 job; the repeat is refused and creates nothing', async () => {
    const key = randomUUID();
    const headers = { ...json(), prefer: 'respond-async', 'x-netsuite-idempotency-key': key };
    const before = sim.records.count();
    const first = await call(customers(), { method: 'POST', headers, body: JSON.stringify({ companyName: 'Once Ltd' }) });
    expect(first.status).toBe(202);
    const jobUrl = first.headers.get('location')!;
    expect(jobUrl).toMatch(new RegExp(`^${sim.baseUrl}/services/rest/async/v1/job/\\d+$`));
    const job = await call(jobUrl, { headers: auth });
    expect(job.body).toMatchObject({ completed: true, progress: 'succeeded', result: { status: 204, location: expect.stringMatching(/\/customer\/\d+$/) } });
    const result = await call(`${jobUrl}/task/${job.body.id as string}/result`, { headers: auth });
    expect(result.status).toBe(204);
    expect(result.headers.get('location')).toBe(job.body.result.location);
    const repeat = await call(customers(), { method: 'POST', headers, body: JSON.stringify({ companyName: 'Once Ltd' }) });
    expect(repeat.status).toBe(409);
    expect(repeat.body['o:errorDetails'][0]['o:errorCode']).toBe('DUPLICATE_REQUEST');
    expect(sim.records.count()).toBe(before + 1);
    expect(sim.stats().idempotencyRepeats).toBe(1);
    const notUuid = await call(customers(), { method: 'POST', headers: { ...headers, 'x-netsuite-idempotency-key': 'abc' }, body: '{"companyName":"x"}' });
    expect(notUuid.status).toBe(400);
    const withoutAsync = await call(customers(), { method: 'POST', headers: { ...json(), 'x-netsuite-idempotency-key': randomUUID() }, body: '{"companyName":"x"}' });
    expect(withoutAsync.status).toBe(400);
    expect(sim.records.count()).toBe(before + 1);
  });

  it('SuiteQL: Prefer: transient required; simple queries with paging; anything else 400', async () => {
    const url = `${sim.baseUrl}/services/rest/query/v1/suiteql`;
    const q = (query: string, extra: Record<string, string> = { prefer: 'transient' }, suffix = '') =>
      call(`${url}${suffix}`, { method: 'POST', headers: { ...json(), ...extra }, body: JSON.stringify({ q: query }) });
    const noPrefer = await q('SELECT id FROM customer', {});
    expect(noPrefer.status).toBe(400);
    expect(noPrefer.body['o:errorDetails'][0].detail).toMatch(/Prefer: transient/);
    const page = await q('SELECT id, companyname, email FROM customer', undefined, '?limit=5&offset=5');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ count: 5, offset: 5, hasMore: true, totalResults: sim.records.count() });
    expect(page.body.items[0]).toEqual({ links: [], id: '6', companyname: 'Simulated Customer 06', email: 'customer06@example.com' });
    const where = await q("select companyname from customer where email = 'customer07@example.com'");
    expect(where.body.items).toEqual([{ links: [], companyname: 'Simulated Customer 07' }]);
    const ordered = await q('SELECT id FROM customer ORDER BY id DESC', undefined, '?limit=1');
    expect(ordered.body.items[0].id).toBe(String(Math.max(...sim.records.list().map((r) => Number(r.id)))));
    for (const bad of ['SELECT nope FROM customer', 'SELECT id FROM transaction', 'DELETE FROM customer', 'SELECT id FROM customer JOIN x']) {
      const result = await q(bad);
      expect(result.status, bad).toBe(400);
      expect(result.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
    }
  });

  it('metadata catalog: OpenAPI 3.0 with Accept: application/swagger+json', async () => {
    const url = `${sim.baseUrl}/services/rest/record/v1/metadata-catalog?select=customer`;
    const swagger = await call(url, { headers: { ...auth, accept: 'application/swagger+json' } });
    expect(swagger.status).toBe(200);
    expect(swagger.body.openapi).toMatch(/^3\.0/);
    expect(swagger.body.paths['/customer']).toBeDefined();
    expect(swagger.body.components.schemas.customer.properties.companyName.type).toBe('string');
    const index = await call(url, { headers: auth });
    expect(index.body.items[0].name).toBe('customer');
    expect((await call(`${sim.baseUrl}/services/rest/record/v1/metadata-catalog?select=nope`, { headers: auth })).status).toBe(400);
  });

  it('unknown REST paths → NetSuite 404', async () => {
    const result = await call(`${sim.baseUrl}/services/rest/unknown/v9`, { headers: auth });
    expect(result.status).toBe(404);
    expect(result.body.status).toBe(404);
  });
});
