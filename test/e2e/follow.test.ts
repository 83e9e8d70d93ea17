/**
 * Paging, asynchronous jobs and idempotent writes of the generated REST collection, in both
 * engines against the simulator: every page of a table larger than one page is read and totalled;
 * a pending job is polled until done and its result fetched; a write sent again with the key of an
 * earlier, unanswered send is not executed twice, and the earlier job's result is used.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import { ENGINES, runCollection, type EngineRun } from '../helpers/engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REST = () => JSON.parse(readFileSync(path.join(ROOT, 'collections', 'netsuite-rest.postman_collection.json'), 'utf8'));
const ROWS = 2345;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seedRecords: ROWS });
});
afterAll(async () => {
  await sim.stop();
});

function environment(values: Record<string, string> = {}) {
  const env = structuredClone(sim.environment);
  for (const [key, value] of Object.entries(values)) env.values.find((v) => v.key === key)!.value = value;
  return env;
}
const sends = (run: EngineRun, name: string) => run.executions.filter((e) => e.name === name && !e.skipped);
const failures = (run: EngineRun) => run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}: ${a.error}`));

describe.each(ENGINES)('%s engine', (engine) => {
  it.each(['m2m', 'tba'])('%s: list and SuiteQL walk every page of a 2,345-row table and report the total', async (method) => {
    sim.reset();
    const run = await runCollection(engine, { collection: REST(), environment: environment({ auth_method: method }), folder: ['Auth', 'Records', 'SuiteQL'] });
    expect(failures(run)).toEqual([]);
    for (const [name, label, offsetIn] of [
      ['List customers', 'Records / List customers', 'url'],
      ['Run SuiteQL query', 'SuiteQL / Run SuiteQL query', 'url'],
    ] as const) {
      const pages = sends(run, name).filter((e) => e.response?.code === 200);
      expect(pages.map((e) => new URL(e.request.url).searchParams.get('offset') ?? '0'), `${name} ${offsetIn}`).toEqual(['0', '1000', '2000']);
      expect(pages.map((e) => JSON.parse(e.response!.body).count)).toEqual([1000, 1000, ROWS - 2000]);
      if (name === 'Run SuiteQL query') for (const p of pages) expect(p.request.method).toBe('POST');
      const total = pages.flatMap((e) => e.assertions).find((a) => a.name.startsWith(`${label}: walked all`));
      // SuiteQL runs after the Records folder made and deleted its two customers: the same count.
      const rows = ROWS;
      expect(total?.name).toBe(`${label}: walked all 3 pages: ${rows} rows (totalResults ${rows})`);
      expect(total?.error).toBeUndefined();
      expect(run.console.map((c) => c.text)).toContain(`netsuite-postman: "${name}": walked all 3 pages: ${rows} rows (totalResults ${rows})`);
    }
  });

  it('a pending asynchronous job is polled until it completes, then its result is read', async () => {
    sim.reset();
    sim.setFaults({ asyncPendingPolls: 2 });
    const run = await runCollection(engine, { collection: REST(), environment: environment(), folder: ['Auth', 'Records'] });
    expect(failures(run)).toEqual([]);
    const create = sends(run, 'Create customer');
    expect(create.map((e) => `${e.request.method} ${new URL(e.request.url).pathname.replace(/^\/[^/]+/, '')} ${e.response?.code}`)).toEqual([
      'POST /services/rest/record/v1/customer 202',
      'GET /services/rest/async/v1/job/1 200',
      'GET /services/rest/async/v1/job/1 200',
      'GET /services/rest/async/v1/job/1 200',
      'GET /services/rest/async/v1/job/1/task 200',
      'GET /services/rest/async/v1/job/1/task/1/result 204',
    ]);
    expect(create.slice(1, 4).map((e) => JSON.parse(e.response!.body).progress)).toEqual(['pending', 'pending', 'succeeded']);
    for (const step of create.slice(1)) {
      expect(step.request.headers['x-netsuite-idempotency-key']).toBeUndefined();
      expect(step.request.headers.prefer).toBeUndefined();
    }
    // The id came from the result's Location: Get, Update and Delete customer used it.
    const get = sends(run, 'Get customer')[0]!;
    expect(get.response!.code).toBe(200);
    expect(new URL(get.request.url).pathname).toMatch(/\/customer\/2346$/);
  });

  it('a write sent again with the key of an unanswered send is not executed twice; the first job\'s result is used', async () => {
    sim.reset();
    // An earlier send of "Create customer" reached NetSuite, but its answer was lost.
    const collection = REST();
    const records = collection.item.find((i: { name: string }) => i.name === 'Records');
    const createItem = records.item.find((i: { name: string }) => i.name === 'Create customer');
    const key = randomUUID();
    const first = await fetch(`${sim.baseUrl}/services/rest/record/v1/customer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await mint()}`, 'content-type': 'application/json', prefer: 'respond-async', 'x-netsuite-idempotency-key': key },
      body: JSON.stringify({ companyName: 'sent once' }),
    });
    expect(first.status).toBe(202);
    const session = collection.variable.find((v: { key: string }) => v.key === 'nsp_session');
    session.value = JSON.stringify({ idempotencyPending: { requestId: createItem.id, key } });
    const before = sim.stats().recordsCreated;
    const run = await runCollection(engine, { collection, environment: environment(), folder: ['Auth', 'Records'] });
    expect(failures(run)).toEqual([]);
    const create = sends(run, 'Create customer');
    expect(create[0]!.request.headers['x-netsuite-idempotency-key']).toBe(key);
    expect(create.map((e) => e.response?.code)).toEqual([400, 200, 200, 204]);
    expect(JSON.parse(create[0]!.response!.body)['o:errorDetails'][0]['o:errorCode']).toBe('IDEMPOTENCY_ERROR');
    expect(sim.stats().idempotencyRepeats).toBe(1);
    // Only the upsert created a record in the run; the customer of the first send was read, updated and deleted.
    expect(sim.stats().recordsCreated - before).toBe(1);
    expect(new URL(sends(run, 'Get customer')[0]!.request.url).pathname).toMatch(/\/customer\/2346$/);
    // The next write gets a new key.
    const upsert = sends(run, 'Upsert customer by external id')[0]!;
    expect(upsert.request.headers['x-netsuite-idempotency-key']).not.toBe(key);
  });
});

describe.each(ENGINES)('retries reuse the key, %s engine', (engine) => {
  it('a write refused with 429 is sent again with the same idempotency key, and runs once', async () => {
    sim.reset();
    sim.setFaults({ rateLimitEvery: 2, retryAfterSeconds: 0 });
    const before = sim.stats().recordsCreated;
    const run = await runCollection(engine, { collection: REST(), environment: environment(), folder: ['Auth', 'Records'] });
    expect(failures(run)).toEqual([]);
    const posts = sends(run, 'Create customer').filter((e) => e.request.method === 'POST');
    expect(posts.map((e) => e.response?.code)).toEqual([429, 202]);
    expect(posts[1]!.request.headers['x-netsuite-idempotency-key']).toBe(posts[0]!.request.headers['x-netsuite-idempotency-key']);
    const upsert = sends(run, 'Upsert customer by external id').filter((e) => e.request.method === 'PUT');
    expect(upsert[0]!.request.headers['x-netsuite-idempotency-key']).not.toBe(posts[0]!.request.headers['x-netsuite-idempotency-key']);
    expect(sim.stats().recordsCreated - before).toBe(2);
    expect(sim.stats().idempotencyRepeats).toBe(0);
  });
});

async function mint(): Promise<string> {
  const run = await runCollection('newman', { collection: REST(), environment: environment(), folder: ['Auth'] });
  const mintExecution = run.executions.find((e) => e.name === 'Mint M2M token')!;
  return JSON.parse(mintExecution.response!.body).access_token as string;
}
