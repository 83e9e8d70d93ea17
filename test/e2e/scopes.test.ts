/**
 * A token's scope must cover the API: the generated collections refuse, before sending, a RESTlet
 * request whose `scope` lacks `restlets` and a REST request whose `scope` lacks
 * `rest_webservices` (NetSuite would answer a bare 401), in both engines; TBA has no scopes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import { ENGINES, runCollection } from '../helpers/engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const collection = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'collections', `${name}.postman_collection.json`), 'utf8'));

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

function environment(values: Record<string, string>) {
  const env = structuredClone(sim.environment);
  for (const [key, value] of Object.entries(values)) env.values.find((v) => v.key === key)!.value = value;
  return env;
}

describe.each(ENGINES)('scope guard, %s engine', (engine) => {
  it.each(['m2m', 'authcode'])('%s: RESTlet requests are refused when scope lacks restlets, naming the variable', async (method) => {
    sim.reset();
    const run = await runCollection(engine, { collection: collection('netsuite-restlets'), environment: environment({ auth_method: method, scope: 'rest_webservices' }) });
    const restlet = run.executions.filter((e) => e.path[0] === 'RESTlet');
    expect(restlet).toHaveLength(4);
    for (const execution of restlet) {
      expect(execution.skipped, execution.name).toBe(true);
      const refusal = execution.assertions.find((a) => a.name === `netsuite-postman refused to send "${execution.name}": SCOPE_MISSING`);
      expect(refusal?.error).toContain('The variable "scope" is "rest_webservices", which lacks restlets');
      expect(refusal?.error).toContain('Set scope to rest_webservices,restlets');
    }
    expect(sim.stats().rejections).toEqual({});
  });

  it('m2m: REST requests are refused when scope lacks rest_webservices; the token request still goes', async () => {
    sim.reset();
    const run = await runCollection(engine, { collection: collection('netsuite-rest'), environment: environment({ scope: 'restlets' }), folder: ['Auth', 'Records'] });
    const mint = run.executions.find((e) => e.name === 'Mint M2M token')!;
    expect(mint.skipped).toBe(false);
    const list = run.executions.find((e) => e.name === 'List customers')!;
    expect(list.skipped).toBe(true);
    expect(list.assertions.map((a) => a.name)).toContain('netsuite-postman refused to send "List customers": SCOPE_MISSING');
    expect(list.assertions.find((a) => a.name.includes('SCOPE_MISSING'))!.error).toContain('lacks rest_webservices');
    expect(sim.stats().rejections).toEqual({});
  });

  it('tba: no scope applies, the RESTlet collection passes whatever scope says', async () => {
    sim.reset();
    const run = await runCollection(engine, { collection: collection('netsuite-restlets'), environment: environment({ auth_method: 'tba', scope: 'rest_webservices' }) });
    const failures = run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}`));
    expect(failures).toEqual([]);
  });
});
