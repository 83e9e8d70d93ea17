/**
 * The generated, committed collections run top to bottom against the simulator with every auth
 * method, in both sandbox engines, exactly as a user's Newman run would.
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

function environmentFor(method: string) {
  const env = structuredClone(sim.environment);
  env.values.find((v) => v.key === 'auth_method')!.value = method;
  return env;
}

const AUTH_REQUESTS: Record<string, string[]> = {
  m2m: ['Mint M2M token'],
  tba: [],
  authcode: ['Authorize URL (PKCE)', 'Exchange authorization code', 'Refresh access token'],
};

describe.each(ENGINES)('generated collections in the %s engine', (engine) => {
  describe.each(['m2m', 'tba', 'authcode'])('auth_method %s', (method) => {
    it.each(['netsuite-rest', 'netsuite-restlets'])('%s passes top to bottom', async (name) => {
      sim.reset();
      const run = await runCollection(engine, { collection: collection(name), environment: environmentFor(method) });
      const failures = run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}: ${a.error}`));
      expect(failures).toEqual([]);
      expect(run.failures).toEqual([]);
      const sent = run.executions.filter((e) => !e.skipped);
      const apiRequests = sent.filter((e) => e.path[0] !== 'Auth');
      expect(apiRequests.length).toBeGreaterThanOrEqual(name === 'netsuite-rest' ? 11 : 4);
      for (const execution of apiRequests) expect(execution.assertions.length, execution.name).toBeGreaterThan(0);
      const sentAuth = sent.filter((e) => e.path[0] === 'Auth').map((e) => e.name);
      expect(sentAuth).toEqual(AUTH_REQUESTS[method]!.filter((n) => name === 'netsuite-rest' || n !== 'Authorize URL (PKCE)' && n !== 'Exchange authorization code'));
      const stats = sim.stats();
      expect(stats.rejections).toEqual({});
      expect(stats.requests.rejected).toBe(0);
      if (method === 'm2m') expect(stats.tokensMinted.client_credentials).toBe(1);
      if (method === 'tba') expect(stats.tokensMinted.total).toBe(0);
      for (const execution of sent) expect(execution.request.headers.cookie, execution.name).toBeUndefined();
    });
  });
});
