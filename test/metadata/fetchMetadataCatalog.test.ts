/**
 * fetchMetadataCatalog against the simulator: the REST collection's Auth folder and collection
 * scripts authenticate the fetch with every auth method; failures are coded and carry the
 * project's diagnosis without a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetadataCatalog } from '../../runner/fetchMetadataCatalog.ts';
import { MetadataCatalogError } from '../../runner/MetadataCatalogError.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { catalogOf, environmentFor } from './helpers.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());

function withValues(method: string, values: Record<string, string>) {
  const env = environmentFor(sim, method);
  for (const [key, value] of Object.entries(values)) env.values.find((entry) => entry.key === key)!.value = value;
  return env as any;
}

async function failure(promise: Promise<unknown>): Promise<MetadataCatalogError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MetadataCatalogError);
  return error as MetadataCatalogError;
}

describe('fetchMetadataCatalog', () => {
  it.each(['m2m', 'tba', 'authcode'])('auth_method %s: returns the OpenAPI document of the selected record types', async (method) => {
    sim.reset();
    const result = await fetchMetadataCatalog({ environment: environmentFor(sim, method) as any, records: ['customer', 'salesorder', 'customrecord_nsp_project'] });
    expect(result.authMethod).toBe(method);
    expect(result.records).toEqual(['customer', 'salesorder', 'customrecord_nsp_project']);
    expect(result.url).toBe('<suitetalk_base_url>/services/rest/record/v1/metadata-catalog?select=customer,salesorder,customrecord_nsp_project');
    // The same document a client gets with its own token.
    expect(result.document).toEqual(await catalogOf(sim, 'customer,salesorder,customrecord_nsp_project'));
    expect(Object.keys(result.document.paths as object)).toContain('/salesorder/{id}/!transform/invoice');
    const stats = sim.stats();
    expect(stats.rejections).toEqual({});
    if (method === 'm2m') expect(stats.tokensMinted.client_credentials).toBeGreaterThanOrEqual(1);
    if (method === 'authcode') expect(stats.tokensMinted.refresh_token).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('refuses bad record type lists before sending anything', async () => {
    const before = sim.stats().requests.total;
    expect((await failure(fetchMetadataCatalog({ environment: sim.environment as any, records: [] }))).code).toBe('BAD_OPTION');
    expect((await failure(fetchMetadataCatalog({ environment: sim.environment as any, records: [' ', ''] }))).code).toBe('BAD_OPTION');
    const malformed = await failure(fetchMetadataCatalog({ environment: sim.environment as any, records: ['customer', 'sales order&x=1'] }));
    expect(malformed.code).toBe('BAD_OPTION');
    expect(malformed.message).toContain('"sales order&x=1"');
    expect(sim.stats().requests.total).toBe(before);
  });

  it('an unknown record type: CATALOG_REFUSED with NetSuite\'s words', async () => {
    const error = await failure(fetchMetadataCatalog({ environment: sim.environment as any, records: ['nosuchrecord'] }));
    expect(error.code).toBe('CATALOG_REFUSED');
    expect(error.status).toBe(400);
    expect(error.message).toContain('INVALID_PARAMETER: Unknown record type nosuchrecord');
  });

  it('a role without permission: CATALOG_REFUSED 403 with the diagnosis', async () => {
    sim.setFaults({ deniedRecordTypes: ['salesorder'] });
    try {
      const error = await failure(fetchMetadataCatalog({ environment: sim.environment as any, records: ['customer', 'salesorder'] }));
      expect(error.code).toBe('CATALOG_REFUSED');
      expect(error.status).toBe(403);
      expect(error.message).toMatch(/INSUFFICIENT_PERMISSION/);
    } finally {
      sim.reset();
    }
  });

  it('a wrong TBA token secret: CATALOG_REFUSED 401 with the INVALID_LOGIN diagnosis and no secret in the message', async () => {
    const secret = 'f'.repeat(64);
    const environment = withValues('tba', { token_secret: secret });
    const error = await failure(fetchMetadataCatalog({ environment, records: ['customer'] }));
    expect(error.code).toBe('CATALOG_REFUSED');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/INVALID_LOGIN diagnosis: oauth layer/);
    expect(error.message).toMatch(/Fix: /);
    for (const entry of environment.values) {
      if (entry.type === 'secret' && entry.value.length >= 6) expect(error.message).not.toContain(entry.value);
    }
  }, 60_000);

  it('an M2M certificate id NetSuite does not know: the request is not sent; the message has the invalid_client diagnosis', async () => {
    const error = await failure(fetchMetadataCatalog({ environment: withValues('m2m', { certificate_id: 'not-a-certificate' }), records: ['customer'] }));
    expect(error.code).toBe('CATALOG_NOT_SENT');
    expect(error.message).toContain('Auth / Mint M2M token: invalid_client diagnosis');
    expect(error.message).not.toContain(withValues('m2m', {}).values.find((entry: any) => entry.key === 'private_key').value.split('\n')[1]);
  }, 60_000);

  it('nothing listening at suitetalk_base_url: CATALOG_UNREACHABLE', async () => {
    const environment = withValues('tba', { suitetalk_base_url: 'http://127.0.0.1:9/1234567-sb1' });
    const error = await failure(fetchMetadataCatalog({ environment, records: ['customer'], timeoutRequest: 5000 }));
    expect(error.code).toBe('CATALOG_UNREACHABLE');
    expect(error.message).toMatch(/ECONNREFUSED|no answer/);
  }, 60_000);

  it('a missing REST collection: NO_REST_COLLECTION', async () => {
    const error = await failure(fetchMetadataCatalog({ environment: sim.environment as any, records: ['customer'], restCollectionFile: '/nonexistent/netsuite-rest.postman_collection.json' }));
    expect(error.code).toBe('NO_REST_COLLECTION');
  });
});
