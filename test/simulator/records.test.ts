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

  it('idempotency key with respond-async → 202 job in NetSuite\'s shape; the repeat is refused (400 IDEMPOTENCY_ERROR naming the job) and creates nothing', async () => {
    const key = randomUUID();
    const headers = { ...json(), prefer: 'respond-async', 'x-netsuite-idempotency-key': key };
    const before = sim.records.count();
    const first = await call(customers(), { method: 'POST', headers, body: JSON.stringify({ companyName: 'Once Ltd' }) });
    expect(first.status).toBe(202);
    expect(first.headers.get('preference-applied')).toBe('respond-async');
    const jobUrl = first.headers.get('location')!;
    expect(jobUrl).toMatch(new RegExp(`^${sim.baseUrl}/services/rest/async/v1/job/\\d+$`));
    const job = await call(jobUrl, { headers: auth });
    expect(job.body).toEqual({ links: [{ rel: 'self', href: jobUrl }], completed: true, id: expect.any(String), progress: 'succeeded', task: { links: [{ rel: 'self', href: `${jobUrl}/task` }] } });
    const tasks = await call(`${jobUrl}/task`, { headers: auth });
    const taskUrl = tasks.body.items[0].links[0].href as string;
    const result = await call(`${taskUrl}/result`, { headers: auth });
    expect(result.status).toBe(204);
    expect(result.headers.get('location')).toMatch(/\/customer\/\d+$/);
    const repeat = await call(customers(), { method: 'POST', headers, body: JSON.stringify({ companyName: 'Once Ltd' }) });
    expect(repeat.status).toBe(400);
    expect(repeat.headers.get('location')).toBe(jobUrl);
    expect(repeat.body).toMatchObject({ title: 'Conflict', status: 400, 'o:errorDetails': [{ 'o:errorCode': 'IDEMPOTENCY_ERROR' }] });
    expect(sim.records.count()).toBe(before + 1);
    expect(sim.stats().idempotencyRepeats).toBe(1);
    const notUuid = await call(customers(), { method: 'POST', headers: { ...headers, 'x-netsuite-idempotency-key': 'abc' }, body: '{"companyName":"x"}' });
    expect(notUuid.status).toBe(400);
    expect(sim.records.count()).toBe(before + 1);
    // Without respond-async NetSuite ignores the key: the write runs, every time.
    const syncKey = randomUUID();
    for (let i = 0; i < 2; i++) {
      const sync = await call(customers(), { method: 'POST', headers: { ...json(), 'x-netsuite-idempotency-key': syncKey }, body: '{"companyName":"x"}' });
      expect(sync.status).toBe(204);
    }
    expect(sim.records.count()).toBe(before + 3);
  });

  it('a job reads pending for the polls the fault asks, and has no task until it completes', async () => {
    sim.setFaults({ asyncPendingPolls: 2 });
    try {
      const first = await call(customers(), { method: 'POST', headers: { ...json(), prefer: 'respond-async' }, body: '{"companyName":"Later Ltd"}' });
      const jobUrl = first.headers.get('location')!;
      const early = await call(`${jobUrl}/task`, { headers: auth });
      expect(early.status).toBe(404);
      const progress: string[] = [];
      for (let i = 0; i < 3; i++) progress.push((await call(jobUrl, { headers: auth })).body.progress);
      expect(progress).toEqual(['pending', 'pending', 'succeeded']);
      expect((await call(`${jobUrl}/task`, { headers: auth })).status).toBe(200);
    } finally {
      sim.setFaults({ asyncPendingPolls: 0 });
    }
  });

  it('PUT on eid:<externalId> upserts: creates once, then updates the same record; GET and DELETE by external id', async () => {
    const url = `${customers()}/eid:ext-${randomUUID()}`;
    const before = sim.records.count();
    const created = await call(url, { method: 'PUT', headers: json(), body: JSON.stringify({ companyName: 'Upsert Ltd' }) });
    expect(created.status).toBe(204);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/\/customer\/\d+$/);
    const again = await call(url, { method: 'PUT', headers: json(), body: JSON.stringify({ companyName: 'Upsert Ltd', phone: '555' }) });
    expect(again.headers.get('location')).toBe(location);
    expect(sim.records.count()).toBe(before + 1);
    const read = await call(url, { headers: auth });
    expect(read.body).toMatchObject({ companyName: 'Upsert Ltd', phone: '555', externalId: url.split('eid:')[1] });
    const missing = await call(`${customers()}/eid:none-${randomUUID()}`, { method: 'PUT', headers: json(), body: '{"phone":"1"}' });
    expect(missing.status).toBe(400);
    expect((await call(url, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await call(url, { headers: auth })).status).toBe(404);
    expect(sim.records.count()).toBe(before);
  });

  it('paging follows NetSuite\'s limits: offset a multiple of limit, at most 1,000 pages and 100,000 results', async () => {
    const offBy = await call(`${customers()}?limit=10&offset=5`, { headers: auth });
    expect(offBy.status).toBe(400);
    expect(offBy.body['o:errorDetails'][0].detail).toContain('multiple of the limit');
    const farPages = await call(`${customers()}?limit=1&offset=1000`, { headers: auth });
    expect(farPages.status).toBe(400);
    expect(farPages.body['o:errorDetails'][0].detail).toContain('at most 1000 pages');
    const farRows = await call(`${customers()}?limit=1000&offset=100000`, { headers: auth });
    expect(farRows.status).toBe(400);
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
