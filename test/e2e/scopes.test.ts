/**
 * A token's scope must cover the API: the generated collections refuse, before sending, a RESTlet
 * request whose `scope` lacks `restlets` and a REST request whose `scope` lacks
 * `rest_webservices` (NetSuite would answer a bare 401), in both engines; TBA has no scopes.
 */
import { describe, expect, it } from 'vitest';
import { committedCollection, useSimulator } from '../helpers/simulatorSuite';
import { ENGINES, runCollection } from '../helpers/engines';


const simulator = useSimulator();

function environment(values: Record<string, string>) {
  const env = structuredClone(simulator().environment);
  for (const [key, value] of Object.entries(values)) env.values.find((v) => v.key === key)!.value = value;
  return env;
}

describe.each(ENGINES)('scope guard, %s engine', (engine) => {
  it.each(['m2m', 'authcode'])('%s: RESTlet requests are refused when scope lacks restlets, naming the variable', async (method) => {
    simulator().reset();
    const run = await runCollection(engine, { collection: committedCollection('netsuite-restlets'), environment: environment({ auth_method: method, scope: 'rest_webservices' }) });
    const restlet = run.executions.filter((e) => e.path[0] === 'RESTlet');
    expect(restlet).toHaveLength(4);
    for (const execution of restlet) {
      expect(execution.skipped, execution.name).toBe(true);
      const refusal = execution.assertions.find((a) => a.name === `netsuite-postman refused to send "${execution.name}": SCOPE_MISSING`);
      expect(refusal?.error).toContain('The variable "scope" is "rest_webservices", which lacks restlets');
      expect(refusal?.error).toContain('Set scope to rest_webservices,restlets');
    }
    expect(simulator().stats().rejections).toEqual({});
  });

  it('m2m: REST requests are refused when scope lacks rest_webservices; the token request still goes', async () => {
    simulator().reset();
    const run = await runCollection(engine, { collection: committedCollection('netsuite-rest'), environment: environment({ scope: 'restlets' }), folder: ['Auth', 'Records'] });
    const mint = run.executions.find((e) => e.name === 'Mint M2M token')!;
    expect(mint.skipped).toBe(false);
    const list = run.executions.find((e) => e.name === 'List customers')!;
    expect(list.skipped).toBe(true);
    expect(list.assertions.map((a) => a.name)).toContain('netsuite-postman refused to send "List customers": SCOPE_MISSING');
    expect(list.assertions.find((a) => a.name.includes('SCOPE_MISSING'))!.error).toContain('lacks rest_webservices');
    expect(simulator().stats().rejections).toEqual({});
  });

  it('tba: no scope applies, the RESTlet collection passes whatever scope says', async () => {
    simulator().reset();
    const run = await runCollection(engine, { collection: committedCollection('netsuite-restlets'), environment: environment({ auth_method: 'tba', scope: 'rest_webservices' }) });
    const failures = run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}`));
    expect(failures).toEqual([]);
  });
});
