/**
 * One runtime per run (build/runtimeCarrier.mjs, scripts-src/pm/runtimeCarrier.ts), in both engines:
 * the first request of a run compiles the runtime collection-prerequest.js carries and every later
 * request reuses it with its own `pm` (the token request, mints, refusals included); a runtime of
 * another version left in the run is replaced; a hook that cannot get the runtime says so as a
 * failing test instead of passing silently.
 */
import { readFileSync } from 'node:fs';
import { createHash, generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateText, payloadOf } from '../../build/runtimeCarrier.mjs';
import type { CaptureServer } from '../helpers/captureServer';
import { startCaptureServer } from '../helpers/captureServer';
import type { Engine, EngineRun } from '../helpers/engines';
import { ENGINES, failedAssertions, runCollection } from '../helpers/engines';
import type { ItemSpec } from '../helpers/sandboxCollection';
import { m2mEnvironment, MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const PRIVATE_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const prerequestBundle = () => readFileSync(path.join(ROOT, 'dist/scripts/collection-prerequest.js'), 'utf8');

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(async () => {
  await server.close();
});

const m2mEnv = (overrides: Record<string, string> = {}) => m2mEnvironment(server.origin, PRIVATE_PEM, overrides);

const CACHED = { key: 'm2m|1234567_SB1|client-1|kid-1|rest_webservices', accessToken: 'cached-token', expiresAt: Date.now() + 3_000_000 };

/**
 * An item whose own pre-request (run after the collection's) logs the run's runtime: its key, and
 * whether it is the very object an earlier request of the run compiled.
 */
function probed(name: string): ItemSpec {
  return {
    name,
    method: 'GET',
    url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5',
    prerequestLines: [
      "var r = typeof __netsuitePostmanRuntime === 'undefined' ? undefined : __netsuitePostmanRuntime;",
      "var again = typeof __probeSeen !== 'undefined' && !!r && __probeSeen === r.compiled;",
      'if (r) __probeSeen = r.compiled;',
      "console.log('runtime: ' + (r ? r.key.replace(/@[0-9a-f]{16}$/, '@hash') + (again ? ' (same)' : ' (new)') : 'none'));",
    ],
  };
}

const logged = (run: EngineRun) => run.console.map((line) => line.text).filter((text) => text.startsWith('runtime: '));
const failed = failedAssertions;

describe('the runtime payload', () => {
  it('decodes to the runtime text its key names, of its stated size, ASCII only', () => {
    const payload = payloadOf(prerequestBundle())!;
    expect(payload.key).toMatch(/^runtime@[0-9a-f]{16}$/);
    const text = inflateText(payload);
    expect(text).toHaveLength(payload.size);
    expect(text).toMatch(/^\(function\(\)\{var pm,postman,console,setTimeout,clearTimeout,require,crypto;/);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    expect(payload.key.slice('runtime@'.length)).toBe(createHash('sha256').update(text).digest('hex').slice(0, 16));
  });

  it('is what the committed collections carry (the collection pre-request script is the built bundle)', () => {
    for (const slug of ['netsuite-rest', 'netsuite-restlets']) {
      const collection = JSON.parse(readFileSync(path.join(ROOT, 'collections', `${slug}.postman_collection.json`), 'utf8'));
      const prerequest = collection.event.find((e: { listen: string }) => e.listen === 'prerequest').script.exec.join('\n');
      expect(payloadOf(prerequest), slug).toEqual(payloadOf(prerequestBundle()));
    }
  });
});

describe.each(ENGINES)('one runtime per run, %s engine', (engine: Engine) => {
  it('the first request compiles it; every later request of the run reuses it with its own pm', async () => {
    server.reset();
    const collection = { ...sandboxCollection([probed('A'), probed('B'), probed('C')]), variable: [{ key: 'nsp_session', value: JSON.stringify({ m2m: CACHED }) }] };
    const run = await runCollection(engine, { collection, environment: m2mEnv() });
    expect(failed(run)).toEqual([]);
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer cached-token', 'Bearer cached-token', 'Bearer cached-token']);
    expect(logged(run)).toEqual(['runtime: runtime@hash (new)', 'runtime: runtime@hash (same)', 'runtime: runtime@hash (same)']);
  });

  it('re-mints and refusals run in the one runtime, each with its own request (assertions still verify)', async () => {
    server.reset();
    server.expiresIn = 600;
    server.apiAnswers.push({ status: 200, body: { items: [] } }, { status: 403, body: { title: 'Forbidden', 'o:errorDetails': [{ detail: 'Permission Violation', 'o:errorCode': 'INSUFFICIENT_PERMISSION' }] } });
    const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, probed('A'), probed('B'), probed('C')]), environment: m2mEnv({ token_refresh_buffer_seconds: '600' }) });
    // The Auth item, then a re-mint before each of A, B and C (the token is always inside the buffer).
    expect(server.tokenRequests()).toHaveLength(4);
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(server.issued.slice(1).map((token) => `Bearer ${token}`));
    for (const mint of server.tokenRequests().slice(1)) {
      const assertion = new URLSearchParams(mint.body).get('client_assertion')!;
      await jwtVerify(assertion, rsa.publicKey, { algorithms: ['PS256'], audience: `${server.origin}/1234567-sb1/services/rest/auth/oauth2/v1/token` });
    }
    // (The probe first looks at A: "new" to it; the runtime was compiled by the Auth item's request.)
    expect(logged(run)).toEqual(['runtime: runtime@hash (new)', 'runtime: runtime@hash (same)', 'runtime: runtime@hash (same)']);
    // B's refusal was diagnosed by the runtime, naming B's own answer.
    expect(failed(run).some((line) => /INSUFFICIENT_PERMISSION|Permission/.test(line))).toBe(true);
  });

  it('a runtime of another version left in the run is replaced, not used', async () => {
    server.reset();
    const stale = {
      name: 'Stale',
      method: 'GET',
      url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=1',
      prerequestLines: ["__netsuitePostmanRuntime = { key: 'runtime@0000000000000000', compiled: { bind: function () {}, exports: { prerequest: function () { throw new Error('stale runtime used'); }, test: function () { throw new Error('stale runtime used'); } } } };"],
    };
    // The stale one is planted after the first request's collection pre-request: its test script uses it.
    const collection = { ...sandboxCollection([stale, probed('A')]), variable: [{ key: 'nsp_session', value: JSON.stringify({ m2m: CACHED }) }] };
    const run = await runCollection(engine, { collection, environment: m2mEnv() });
    expect([...run.failures.map((f) => f.error), ...failed(run)].join('\n')).toMatch(/stale runtime used/);
    // The next request's pre-request script compiled its own runtime again and used it.
    expect(logged(run)).toEqual(['runtime: runtime@hash (new)']);
    expect(server.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer cached-token', 'Bearer cached-token']);
  });

  it('a test script without the runtime fails a test that says why, instead of passing silently', async () => {
    server.reset();
    const collection = sandboxCollection([{ name: 'Alone', method: 'GET', url: `${server.origin}/1234567-sb1/services/rest/record/v1/customer?limit=1` }]);
    collection.event = collection.event.filter((e) => e.listen === 'test');
    const run = await runCollection(engine, { collection, environment: m2mEnv() });
    expect(failed(run)).toEqual([expect.stringMatching(/^netsuite-postman: collection scripts loaded: .*found no runtime: the collection pre-request script did not run/)]);
  });

  it('a damaged payload fails a test naming the problem, and the request carries no credentials', async () => {
    server.reset();
    const damaged = prerequestBundle().replace(/deflated:'([A-Za-z0-9+/=]{40})/, "deflated:'AAAA$1");
    const collection = sandboxCollection([probed('A')]);
    collection.event = collection.event.map((e) => (e.listen === 'prerequest' ? { ...e, script: { ...e.script, exec: damaged.split('\n') } } : e));
    const run = await runCollection(engine, { collection, environment: m2mEnv() });
    expect(failed(run)[0]).toMatch(/^netsuite-postman: collection scripts loaded: .*could not load its runtime \(/);
    expect(server.apiRequests().map((r) => r.headers.authorization ?? '')).toEqual(['']);
  });
});
