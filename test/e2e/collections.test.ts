/**
 * The generated, committed collections run top to bottom against the simulator with every auth
 * method, in both sandbox engines, exactly as a user's Newman run would.
 */
import { describe, expect, it } from 'vitest';
import { committedCollection, environmentFor, useSimulator } from '../helpers/simulatorSuite';
import { ENGINES, runCollection } from '../helpers/engines';


const simulator = useSimulator();


const AUTH_REQUESTS: Record<string, string[]> = {
  m2m: ['Mint M2M token'],
  tba: [],
  authcode: ['Authorize URL (PKCE)', 'Exchange authorization code', 'Refresh access token'],
};

describe.each(ENGINES)('generated collections in the %s engine', (engine) => {
  describe.each(['m2m', 'tba', 'authcode'])('auth_method %s', (method) => {
    it.each(['netsuite-rest', 'netsuite-restlets'])('%s passes top to bottom', async (name) => {
      simulator().reset();
      const run = await runCollection(engine, { collection: committedCollection(name), environment: environmentFor(simulator(), method) });
      const failures = run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}: ${a.error}`));
      expect(failures).toEqual([]);
      expect(run.failures).toEqual([]);
      const sent = run.executions.filter((e) => !e.skipped);
      const stats = simulator().stats();
      const apiRequests = sent.filter((e) => e.path[0] !== 'Auth');
      const apiItems = [...new Set(apiRequests.map((e) => e.name))];
      expect(apiItems.length).toBeGreaterThanOrEqual(name === 'netsuite-rest' ? 12 : 4);
      // Every item is judged (a followed write's job steps are not; its result is).
      for (const item of apiItems) expect(apiRequests.filter((e) => e.name === item).flatMap((e) => e.assertions).length, item).toBeGreaterThan(0);
      if (name === 'netsuite-rest') {
        // Both writes went asynchronously with an idempotency key and were followed to their result.
        for (const write of ['Create customer', 'Upsert customer by external id']) {
          const sends = apiRequests.filter((e) => e.name === write);
          expect(sends.map((e) => `${e.request.method} ${e.response?.code}`), write).toEqual([
            `${write === 'Create customer' ? 'POST' : 'PUT'} 202`,
            'GET 200',
            'GET 200',
            'GET 204',
          ]);
          expect(sends[0]!.request.headers['x-netsuite-idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(sends[0]!.request.headers.prefer).toBe('respond-async');
        }
        expect(stats.recordsCreated).toBe(2);
      }
      const sentAuth = sent.filter((e) => e.path[0] === 'Auth').map((e) => e.name);
      expect(sentAuth).toEqual(AUTH_REQUESTS[method]!.filter((n) => name === 'netsuite-rest' || n !== 'Authorize URL (PKCE)' && n !== 'Exchange authorization code'));
      expect(stats.rejections).toEqual({});
      expect(stats.requests.rejected).toBe(0);
      if (method === 'm2m') expect(stats.tokensMinted.client_credentials).toBe(1);
      if (method === 'tba') expect(stats.tokensMinted.total).toBe(0);
      for (const execution of sent) expect(execution.request.headers.cookie, execution.name).toBeUndefined();
    });
  });
});
