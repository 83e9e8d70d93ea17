/**
 * Fault injection: whole Newman runs of the generated collections (built from the current
 * bundles) against the simulator with its faults on, in both sandbox engines. Each run must end
 * by itself, every request must end succeeded or failed with a reason, retries stay bounded, and
 * creates are executed once (asserted on the simulator's record store and stats).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import type { Engine, EngineRun } from '../helpers/engines';
import { ENGINES, runCollection } from '../helpers/engines';
import { MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';
import { failures, generatedCollection, simEnvironment } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

const SEEDED = 25;
const LIST = { name: 'List', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' };

function start(faults: Parameters<RunningSimulator['setFaults']>[0] = {}): void {
  sim.reset();
  sim.setFaults(faults);
}

function attempts(run: EngineRun, name: string): Array<number | undefined> {
  return run.executions.filter((e) => e.name === name && !e.skipped).map((e) => e.response?.code);
}

/** Every request that went out either got a response or appears in Newman's failures with its error. */
function everyRequestAccountedFor(run: EngineRun): void {
  for (const execution of run.executions.filter((e) => !e.skipped)) {
    if (execution.response) continue;
    expect(run.failures.some((f) => f.source === execution.name && f.error.length > 0), `${execution.name} ended without a response and without a reason`).toBe(true);
  }
}

/** The REST collection creates two customers and deletes one: exactly 26 records, no repeat. */
function createdOnce(): void {
  const stats = sim.stats();
  expect(stats.recordsCreated).toBe(2);
  expect(stats.idempotencyRepeats).toBe(0);
  // "Create customer" and "Upsert customer by external id" made one each; the run deleted both.
  expect(sim.records.list()).toHaveLength(SEEDED);
}

describe.each(ENGINES)('faults in the %s engine', (engine: Engine) => {
  it('token endpoint 503 on the first 2 tries: "Auth / Mint M2M token" is sent again, the run passes', async () => {
    start({ tokenEndpointFailures: 2 });
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-restlets'), environment: simEnvironment(sim) });
    expect(failures(run)).toEqual([]);
    expect(attempts(run, 'Mint M2M token')).toEqual([503, 503, 200]);
    expect(run.console.filter((l) => /token endpoint: HTTP 503; retry \d of 3 in \d+ ms/.test(l.text))).toHaveLength(2);
    expect(sim.stats().tokensMinted.client_credentials).toBe(1);
    expect(sim.stats().requests.unavailable).toBe(2);
  });

  it('token endpoint 503 four times: the Auth request gives up after 4 attempts with a reason; the next request mints', async () => {
    start({ tokenEndpointFailures: 4 });
    const began = Date.now();
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-restlets'), environment: simEnvironment(sim) });
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(attempts(run, 'Mint M2M token')).toEqual([503, 503, 503, 503]);
    expect(failures(run)).toEqual([expect.stringMatching(/Mint M2M token: .*TOKEN_ENDPOINT_UNAVAILABLE: token endpoint: HTTP 503 on attempt 4; giving up/)]);
    expect(run.executions.filter((e) => e.path[0] === 'RESTlet').map((e) => e.response?.code)).toEqual([200, 200, 200, 200]);
    expect(sim.stats().tokensMinted.client_credentials).toBe(1);
  });

  it('token endpoint 503 on the first 2 tries of a scripted refresh (pm.sendRequest): retried, the run passes', async () => {
    start({ tokenEndpointFailures: 2 });
    const run = await runCollection(engine, { collection: sandboxCollection([LIST, LIST]), environment: simEnvironment(sim, { auth_method: 'authcode' }) });
    expect(failures(run)).toEqual([]);
    expect(run.executions[0]!.scriptRequests.map((r) => r.code)).toEqual([503, 503, 200]);
    expect(sim.stats().tokensMinted.refresh_token).toBe(1);
  });

  it('token endpoint 503 on every try of a scripted refresh: 4 attempts, then the request is refused with the reason', async () => {
    start({ tokenEndpointFailures: 1000 });
    const began = Date.now();
    const run = await runCollection(engine, { collection: sandboxCollection([LIST]), environment: simEnvironment(sim, { auth_method: 'authcode' }) });
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(run.executions[0]!.scriptRequests.map((r) => r.code)).toEqual([503, 503, 503, 503]);
    expect(run.executions[0]!.skipped).toBe(true);
    expect(failures(run).join('\n')).toMatch(/HTTP 503/);
    expect(run.console.some((l) => /on attempt 4; giving up/.test(l.text))).toBe(true);
    expect(sim.stats().requests.accepted).toBe(0);
  });

  it('429 with Retry-After: every request passes, creates run once', async () => {
    start({ rateLimitEvery: 5, retryAfterSeconds: 1 });
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-rest'), environment: simEnvironment(sim) });
    expect(failures(run)).toEqual([]);
    expect(sim.stats().requests.limited).toBeGreaterThanOrEqual(2);
    expect(run.console.some((l) => /Retry-After 1 s/.test(l.text))).toBe(true);
    createdOnce();
  });

  it('429 without Retry-After (backoff): every request passes, creates run once', async () => {
    start({ rateLimitEvery: 4, retryAfterSeconds: null });
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-rest'), environment: simEnvironment(sim) });
    expect(failures(run)).toEqual([]);
    expect(sim.stats().requests.limited).toBeGreaterThanOrEqual(2);
    createdOnce();
  });

  it('429 on every request: each gives up after 3 retries with a reason, the run ends', async () => {
    start({ rateLimitEvery: 1, retryAfterSeconds: 0 });
    const began = Date.now();
    // As a run of the collection does, it starts with the Auth folder (skipped for tba): in the app's
    // engine a run's first request is otherwise taken for a Send (scripts-src/pm/singleSend.ts).
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST, LIST]), environment: simEnvironment(sim, { auth_method: 'tba' }) });
    expect(Date.now() - began).toBeLessThan(10_000);
    const api = run.executions.filter((e) => e.name === LIST.name);
    expect(api.map((e) => e.response?.code)).toEqual(Array(8).fill(429)); // 2 requests × (1 + 3 retries)
    expect(run.console.filter((l) => /after 3 retries/.test(l.text))).toHaveLength(2);
    expect(sim.stats().requests.limited).toBe(8);
  });

  it('RESTlet 400 SSS_REQUEST_LIMIT_EXCEEDED: retried after a backoff, the run passes', async () => {
    start({ restletLimitEvery: 2 });
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-restlets'), environment: simEnvironment(sim) });
    expect(failures(run)).toEqual([]);
    expect(sim.stats().requests.limited).toBeGreaterThanOrEqual(2);
    expect(run.executions.filter((e) => e.response?.code === 400).length).toBe(sim.stats().requests.limited);
  });

  it('tokens revoked in the middle of a run: one 401, a new token, the request once more; creates run once', async () => {
    start();
    const collection = generatedCollection('netsuite-rest');
    const records = collection.item.find((i: any) => i.name === 'Records');
    const create = records.item.find((i: any) => i.name === 'Create customer');
    const origin = new URL(sim.baseUrl).origin;
    create.event = [
      ...(create.event ?? []),
      { listen: 'test', script: { type: 'text/javascript', exec: [`if (pm.response.code === 202) pm.sendRequest({ url: '${origin}/__simulator/revoke-tokens', method: 'POST' }, function () {});`] } },
    ];
    const run = await runCollection(engine, { collection, environment: simEnvironment(sim) });
    expect(failures(run)).toEqual([]);
    const stats = sim.stats();
    expect(stats.tokensRevoked).toBeGreaterThanOrEqual(1);
    expect(stats.tokensMinted.client_credentials).toBe(2);
    expect(stats.rejections.token_revoked).toBe(1);
    expect(run.console.some((l) => /got 401: the cached access token was refused/.test(l.text))).toBe(true);
    createdOnce();
  });

  it('token lifetime shorter than the run: re-minted when it runs out, the run passes', async () => {
    start({ tokenLifetimeSeconds: 2, latencyMs: 120 });
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-rest'), environment: simEnvironment(sim, { token_refresh_buffer_seconds: '1' }) });
    expect(failures(run)).toEqual([]);
    expect(sim.stats().tokensMinted.client_credentials).toBeGreaterThanOrEqual(2);
    createdOnce();
  });

  it('responses slower than --timeout-request (TBA): every request fails with the timeout as reason, the run ends', async () => {
    start({ latencyMs: 1500 });
    const began = Date.now();
    const run = await runCollection(engine, { collection: generatedCollection('netsuite-restlets'), environment: simEnvironment(sim, { auth_method: 'tba' }), timeoutRequest: 300 });
    expect(Date.now() - began).toBeLessThan(10_000);
    const sent = run.executions.filter((e) => !e.skipped);
    expect(sent.length).toBe(4);
    everyRequestAccountedFor(run);
    expect(run.failures.filter((f) => /TIMEDOUT|timeout/i.test(f.error))).toHaveLength(4);
  });
});

describe('timeouts at the token endpoint (newman engine)', () => {
  it('M2M mint slower than --timeout-request: the Auth request and the scripted mint each try 4 times, then fail with a reason', async () => {
    start({ latencyMs: 1200 });
    const began = Date.now();
    const run = await runCollection('newman', { collection: sandboxCollection([MINT_ITEM, LIST]), environment: simEnvironment(sim), timeoutRequest: 300 });
    const elapsed = Date.now() - began;
    expect(elapsed).toBeLessThan(15_000);
    expect(attempts(run, 'Mint M2M token')).toEqual([undefined, undefined, undefined, undefined]);
    everyRequestAccountedFor(run);
    expect(failures(run).join('\n')).toMatch(/Mint M2M token: .*TOKEN_ENDPOINT_UNAVAILABLE: token endpoint: no answer/);
    const list = run.executions.find((e) => e.name === 'List')!;
    expect(list.skipped).toBe(true);
    expect(failures(run).join('\n')).toMatch(/TOKEN_ENDPOINT_UNREACHABLE/);
    // The simulator answers late, not never: it counts what the client gave up on. 4 + 4 token calls.
    expect(list.scriptRequests).toHaveLength(4);
    // Only token calls reached the simulator (it answers late, so it counts them as minted), at most 4 + 4;
    // the last may still be in its latency when the run has already ended. (requests.total is not used:
    // requests of the previous test, still inside their latency when the simulator was reset, land in it.)
    expect(sim.stats().tokensMinted.total).toBeLessThanOrEqual(8);
    expect(sim.stats().recordsCreated).toBe(0);
    expect(sim.stats().rejections).toEqual({});
  }, 30_000);
});
