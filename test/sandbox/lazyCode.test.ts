/**
 * The lazy parts of the every-request bundles (build/lazyText.mjs, scripts-src/pm/lazyCode.ts), in
 * both engines: a success path never compiles them; a run compiles a part once, when a request
 * first needs it, and later requests of the run reuse that compiled part with their own `pm`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureServer } from '../helpers/captureServer';
import { startCaptureServer } from '../helpers/captureServer';
import type { Engine, EngineRun } from '../helpers/engines';
import { ENGINES, runCollection } from '../helpers/engines';
import type { ItemSpec } from '../helpers/sandboxCollection';
import { environment, MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';

const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const PRIVATE_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(async () => {
  await server.close();
});

function reset(): void {
  server.reset();
}

function m2mEnv(overrides: Record<string, string> = {}) {
  const base = `${server.origin}/1234567-sb1`;
  return environment({
    account_id: '1234567_SB1', auth_method: 'm2m', client_id: 'client-1', certificate_id: 'kid-1', private_key: PRIVATE_PEM,
    scope: 'rest_webservices', suitetalk_base_url: base, restlets_base_url: base, app_base_url: base, ...overrides,
  });
}

/**
 * An item whose own pre-request (run after the collection's) logs the compiled parts of the run:
 * their keys, and whether each is the very function an earlier request of the run compiled.
 */
function probed(name: string): ItemSpec {
  return {
    name,
    method: 'GET',
    url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5',
    prerequestLines: [
      "var cache = typeof __netsuitePostmanLazy === 'undefined' ? {} : __netsuitePostmanLazy;",
      "if (typeof __probeSeen === 'undefined') __probeSeen = {};",
      "console.log('lazy parts: ' + Object.keys(cache).sort().map(function (key) {",
      "  var again = __probeSeen[key] === cache[key]; __probeSeen[key] = cache[key];",
      "  return key.replace(/@[0-9a-f]{16}$/, '@hash') + (again ? ' (same)' : ' (new)');",
      "}).join(', '));",
    ],
  };
}

function partsLogged(run: EngineRun): string[] {
  return run.console.map((line) => line.text).filter((text) => text.startsWith('lazy parts: '));
}

function failed(run: EngineRun): string[] {
  return run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${a.name}: ${a.error}`));
}

describe.each(ENGINES)('lazy parts in the %s engine', (engine: Engine) => {
  it('a run of successes with a cached token never compiles a lazy part', async () => {
    reset();
    const cached = { key: 'm2m|1234567_SB1|client-1|kid-1|rest_webservices', accessToken: 'cached-token', expiresAt: Date.now() + 3_000_000 };
    const collection = { ...sandboxCollection([probed('A'), probed('B'), probed('C')]), variable: [{ key: 'nsp_token_m2m', value: JSON.stringify(cached) }] };
    const run = await runCollection(engine, { collection, environment: m2mEnv() });
    expect(failed(run)).toEqual([]);
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer cached-token', 'Bearer cached-token', 'Bearer cached-token']);
    // Logged after the collection pre-request and before the response: the third line also shows B's test side.
    expect(partsLogged(run)).toEqual(['lazy parts: ', 'lazy parts: ', 'lazy parts: ']);
  });

  it('re-mints compile the token part once per run; every later mint reuses it (and still signs a good assertion)', async () => {
    reset();
    server.expiresIn = 600;
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, probed('A'), probed('B'), probed('C')]), environment: m2mEnv({ token_refresh_buffer_seconds: '600' }) });
    expect(failed(run)).toEqual([]);
    // The Auth item, then a re-mint before each of A, B and C (the token is always inside the buffer).
    expect(server.tokenRequests()).toHaveLength(4);
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(server.issued.slice(1).map((token) => `Bearer ${token}`));
    for (const mint of server.tokenRequests().slice(1)) {
      const assertion = new URLSearchParams(mint.body).get('client_assertion')!;
      await jwtVerify(assertion, rsa.publicKey, { algorithms: ['PS256'], audience: `${server.origin}/1234567-sb1/services/rest/auth/oauth2/v1/token` });
    }
    expect(partsLogged(run)).toEqual(['lazy parts: newToken@hash (new)', 'lazy parts: newToken@hash (same)', 'lazy parts: newToken@hash (same)']);
  });

  it('refusals compile the response part when the first one is diagnosed, and reuse it for the next', async () => {
    reset();
    const cached = { key: 'm2m|1234567_SB1|client-1|kid-1|rest_webservices', accessToken: 'cached-token', expiresAt: Date.now() + 3_000_000 };
    server.apiAnswers.push({ status: 200, body: { items: [] } }, { status: 403, body: { title: 'Forbidden', 'o:errorDetails': [{ detail: 'Permission Violation', 'o:errorCode': 'INSUFFICIENT_PERMISSION' }] } }, { status: 403, body: { title: 'Forbidden' } });
    const collection = { ...sandboxCollection([probed('A'), probed('B'), probed('C'), probed('D')]), variable: [{ key: 'nsp_token_m2m', value: JSON.stringify(cached) }] };
    const run = await runCollection(engine, { collection, environment: m2mEnv() });
    expect(server.apiRequests()).toHaveLength(4);
    // A succeeded; B's refusal compiled the part (seen before C); C's refusal reused it (seen before D).
    expect(partsLogged(run)).toEqual(['lazy parts: ', 'lazy parts: ', 'lazy parts: unusualResponse@hash (new)', 'lazy parts: unusualResponse@hash (same)']);
    // The diagnosis ran in the compiled part with the current request's pm: its failing tests name B and C.
    expect(failed(run).some((line) => /INSUFFICIENT_PERMISSION|Permission|403/.test(line))).toBe(true);
  });
});
