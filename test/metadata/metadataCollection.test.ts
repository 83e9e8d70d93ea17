/**
 * A collection generated from the simulator's metadata catalog runs top to bottom against the
 * simulator with every auth method, in both sandbox engines, and validates against the Postman
 * v2.1.0 schema.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMetadataCollection } from '../../generator/metadata/generateMetadataCollection.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { ENGINES, runCollection } from '../helpers/engines.ts';
import { catalogOf, cleanTemps, collectionValidator, environmentFor, readJson, tempDir } from './helpers.ts';

let sim: RunningSimulator;
let collection: any;
let catalog: Record<string, any>;

beforeAll(async () => {
  sim = await startSimulator();
  catalog = await catalogOf(sim);
  const outDir = tempDir();
  const result = await generateMetadataCollection({ document: catalog, outDir });
  collection = readJson(join(outDir, 'collections', 'netsuite-records.postman_collection.json'));
  expect(result.written).toEqual(['collections/netsuite-records.postman_collection.json', 'collections/CHANGELOG.md']);
}, 60_000);

afterAll(async () => {
  await sim.stop();
  cleanTemps();
});

const AUTH_SENT: Record<string, string[]> = {
  m2m: ['Mint M2M token'],
  tba: [],
  authcode: ['Authorize URL (PKCE)', 'Exchange authorization code', 'Refresh access token'],
};

describe('the generated records collection', () => {
  it('validates against the Postman Collection v2.1.0 schema', () => {
    const validate = collectionValidator();
    expect(validate(collection), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it('has the Auth folder first, then a folder per record type with every operation of the catalog', () => {
    expect(collection.item.map((folder: any) => folder.name)).toEqual(['Auth', ...catalog.tags.map((tag: any) => tag.name)]);
    const requests = collection.item.slice(1).flatMap((folder: any) => folder.item);
    const operations = Object.entries(catalog.paths).flatMap(([path, item]: [string, any]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // One request per operation, plus a `fields` variant of each get.
    const gets = operations.filter((operation) => /^GET \/[^/]+\/\{id\}$/.test(operation)).length;
    expect(requests.length).toBe(operations.length + gets);
    for (const request of requests) {
      expect(request.request.url.raw, request.name).toMatch(/^\{\{suitetalk_base_url\}\}\/services\/rest\/record\/v1\//);
      expect(JSON.stringify(request.request), request.name).not.toContain('127.0.0.1');
    }
  });
});

describe.each(ENGINES)('the generated records collection in the %s engine', (engine) => {
  it.each(['m2m', 'tba', 'authcode'])('auth_method %s: passes top to bottom', async (method) => {
    sim.reset();
    const run = await runCollection(engine, { collection, environment: environmentFor(sim, method) });
    const failures = run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}: ${a.error}`));
    expect(failures).toEqual([]);
    expect(run.failures).toEqual([]);
    const sent = run.executions.filter((e) => !e.skipped);
    expect(sent.filter((e) => e.path[0] === 'Auth').map((e) => e.name)).toEqual(AUTH_SENT[method]);
    const records = sent.filter((e) => e.path[0] !== 'Auth');
    expect(records.length).toBe(collection.item.slice(1).flatMap((folder: any) => folder.item).length);
    for (const execution of records) {
      expect(execution.assertions.length, execution.name).toBeGreaterThan(0);
      expect(execution.request.headers.cookie, execution.name).toBeUndefined();
    }
    const stats = sim.stats();
    expect(stats.rejections).toEqual({});
    expect(stats.requests.rejected).toBe(0);
    // Every create, upsert and transform made a record; the run deleted what it created.
    expect(stats.recordsCreated).toBeGreaterThanOrEqual(12);
    expect(stats.recordsDeleted).toBe(6);
    if (method === 'm2m') expect(stats.tokensMinted.client_credentials).toBe(1);
    if (method === 'tba') expect(stats.tokensMinted.total).toBe(0);
  }, 120_000);
});

describe('the generated checks fail when the account answers otherwise', () => {
  it('a role without permission for contact: the contact requests fail with the diagnosis; the others pass', async () => {
    sim.reset();
    sim.setFaults({ deniedRecordTypes: ['contact'] });
    try {
      const run = await runCollection('newman', { collection, environment: environmentFor(sim, 'm2m') });
      const failedBy = (folder: string) =>
        run.executions.filter((e) => e.path[0] === folder).flatMap((e) => e.assertions.filter((a) => a.error).map((a) => a.name));
      expect(failedBy('customer')).toEqual([]);
      expect(failedBy('salesorder')).toEqual([]);
      const contact = failedBy('contact');
      expect(contact).toContain('contact / List contact records: status 200');
      expect(contact).toContain('contact / Create contact record: status 204');
      expect(contact.some((name) => /INSUFFICIENT_PERMISSION diagnosis/.test(name))).toBe(true);
    } finally {
      sim.reset();
    }
  }, 120_000);
});
