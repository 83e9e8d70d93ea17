/**
 * The collection's own state in ONE collection variable, `nsp_session` (scripts-src/core/sessionState.ts,
 * scripts-src/pm/sessionStore.ts), in both engines: a cached token in it is reused with no token
 * request and no write; a mint writes the token into it and keeps its other fields; a value that is
 * not the collection's JSON refuses every request that reads it, saying so without printing it;
 * emptied, the next run starts over.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { captureServerForFile } from '../helpers/captureServer';
import type { Engine, EngineRun } from '../helpers/engines';
import { ENGINES, failedAssertions as failed, runCollection } from '../helpers/engines';
import type { ItemSpec } from '../helpers/sandboxCollection';
import { m2mEnvironment, MINT_ITEM, sandboxCollection } from '../helpers/sandboxCollection';

const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const PRIVATE_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY = 'm2m|1234567_SB1|client-1|kid-1|rest_webservices';
const LIST: ItemSpec = { name: 'List', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' };
/** Fields a mint must leave as they are. */
const OTHERS = { refreshToken: 'issued-refresh-secret', pkce: { verifier: 'v'.repeat(43), state: 'state-1' } };

const capture = captureServerForFile();
const env = () => m2mEnvironment(capture().origin, PRIVATE_PEM);
const withSession = (items: ItemSpec[], value: string) => ({ ...sandboxCollection(items), variable: [{ key: 'nsp_session', value, type: 'string' }] });
/** The last request's test copies `nsp_session` into the environment, which the run summary keeps. */
const probed = (spec: ItemSpec): ItemSpec => ({ ...spec, testLines: ["pm.environment.set('session_after', pm.collectionVariables.get('nsp_session'));"] });
/** `nsp_session` as the run left it (after the probed request). */
const sessionAfter = (run: EngineRun): string => String((run.summary.environment as any).get('session_after') ?? '');
const everything = (run: EngineRun) => [...run.console.map((line) => line.text), ...failed(run), ...run.failures.map((f) => f.error)].join('\n');

describe.each(ENGINES)('nsp_session, %s engine', (engine: Engine) => {
  it('a fresh cached token in nsp_session is reused: no token request, and nsp_session is not written', async () => {
    const server = capture();
    server.reset();
    const session = { m2m: { key: KEY, accessToken: 'cached-session-token', expiresAt: Date.now() + 3_000_000 }, ...OTHERS };
    // Indented on purpose: any write would store the compact form.
    const text = JSON.stringify(session, null, 2);
    const run = await runCollection(engine, { collection: withSession([LIST, probed({ ...LIST, name: 'List again' })], text), environment: env() });
    expect(failed(run)).toEqual([]);
    expect(server.tokenRequests()).toHaveLength(0);
    expect(server.apiRequests().map((request) => request.headers.authorization)).toEqual(['Bearer cached-session-token', 'Bearer cached-session-token']);
    expect(sessionAfter(run)).toBe(text);
  });

  it('a mint writes its token into nsp_session and keeps the other fields; a stale or foreign token there is replaced', async () => {
    for (const stale of [
      { key: KEY, accessToken: 'expired-token', expiresAt: Date.now() - 1000 },
      { key: 'm2m|7654321|client-9|kid-9|rest_webservices', accessToken: 'other-account-token', expiresAt: Date.now() + 3_000_000 },
    ]) {
      const server = capture();
      server.reset();
      const run = await runCollection(engine, { collection: withSession([MINT_ITEM, probed(LIST)], JSON.stringify({ m2m: stale, ...OTHERS })), environment: env() });
      expect(failed(run)).toEqual([]);
      expect(server.tokenRequests()).toHaveLength(1);
      const minted = server.issued[0]!;
      expect(server.apiRequests().map((request) => request.headers.authorization)).toEqual([`Bearer ${minted}`]);
      const after = JSON.parse(sessionAfter(run));
      expect(after).toEqual({ m2m: { key: KEY, accessToken: minted, expiresAt: expect.any(Number) }, ...OTHERS });
      expect(after.m2m.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
      expect(everything(run)).not.toContain(minted);
    }
  });

  it('an empty nsp_session is an empty session: the run mints and writes it', async () => {
    const server = capture();
    server.reset();
    const run = await runCollection(engine, { collection: withSession([MINT_ITEM, probed(LIST)], ''), environment: env() });
    expect(failed(run)).toEqual([]);
    expect(Object.keys(JSON.parse(sessionAfter(run)))).toEqual(['m2m']);
  });

  it('authcode: the refresh token an exchange left in nsp_session is used when the environment has none; the environment\'s wins', async () => {
    for (const [envToken, expected] of [['', 'session-refresh-token'], ['environment-refresh-token', 'environment-refresh-token']] as const) {
      const server = capture();
      server.reset();
      const authcode = m2mEnvironment(server.origin, PRIVATE_PEM, { auth_method: 'authcode', client_secret: 'secret-1', redirect_uri: 'https://example.test/cb', refresh_token: envToken });
      const run = await runCollection(engine, { collection: withSession([probed(LIST)], JSON.stringify({ refreshToken: 'session-refresh-token' })), environment: authcode });
      expect(failed(run)).toEqual([]);
      expect(server.tokenRequests().map((request) => new URLSearchParams(request.body).get('refresh_token'))).toEqual([expected]);
      const refreshed = server.issued[0]!;
      expect(JSON.parse(sessionAfter(run))).toEqual({
        authcode: { key: 'authcode|1234567_SB1|client-1||rest_webservices', accessToken: refreshed, expiresAt: expect.any(Number) },
        refreshToken: 'session-refresh-token',
      });
    }
  });

  it('a write keeps its idempotency key in nsp_session until its answer comes, then only the token stays', async () => {
    const server = capture();
    server.reset();
    const cached = { key: KEY, accessToken: 'cached-session-token', expiresAt: Date.now() + 3_000_000 };
    const write: ItemSpec = { name: 'Create', method: 'POST', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer', raw: '{"companyName":"x"}', headers: [['Content-Type', 'application/json'], ['X-NetSuite-Idempotency-Key', '{{nsp_idempotency_key}}']] };
    // What the pre-request script left in nsp_session, copied before the request goes out.
    const seen = { ...write, prerequestLines: ["pm.environment.set('session_before_send', pm.collectionVariables.get('nsp_session'));"] };
    const run = await runCollection(engine, { collection: withSession([seen, probed(LIST)], JSON.stringify({ m2m: cached })), environment: env() });
    expect(failed(run)).toEqual([]);
    const sent = server.apiRequests()[0]!.headers['x-netsuite-idempotency-key'];
    expect(sent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const before = JSON.parse(String((run.summary.environment as any).get('session_before_send')));
    expect(before).toEqual({ m2m: cached, idempotencyPending: { requestId: run.executions[0]!.itemId, key: sent } });
    expect(JSON.parse(sessionAfter(run))).toEqual({ m2m: cached });
  });

  it.each([
    ['not JSON', '{"m2m": {"accessToken": "edited-secret-token"', /it is not JSON/],
    ['the token text pasted in', JSON.stringify({ key: KEY, accessToken: 'pasted-secret-token', expiresAt: Date.now() + 3_000_000 }), /it is not a JSON object of m2m, authcode/],
    ['a token without its expiry', JSON.stringify({ m2m: { key: KEY, accessToken: 'edited-secret-token' } }), /"m2m" is not \{key, accessToken, expiresAt\}/],
  ])('nsp_session edited into %s: every request is refused with BAD_SESSION, nothing is sent, its text is never printed', async (_name, text, reason) => {
    const server = capture();
    server.reset();
    const run = await runCollection(engine, { collection: withSession([MINT_ITEM, LIST], text), environment: env() });
    expect(server.requests).toHaveLength(0);
    const failures = failed(run);
    expect(failures).toHaveLength(2);
    for (const [index, name] of ['Mint M2M token', 'List'].entries()) {
      expect(failures[index]).toMatch(new RegExp(`^netsuite-postman refused to send "${name}": BAD_SESSION: The collection variable "nsp_session" is not what this collection writes \\(`));
      expect(failures[index]).toMatch(reason);
      expect(failures[index]).toMatch(/Empty "nsp_session" \(its current value\) to start over: the next request gets a new token\./);
    }
    expect(everything(run)).not.toMatch(/secret-token|"m2m": \{/);

    // Emptied, the next run starts over.
    const fresh = await runCollection(engine, { collection: withSession([MINT_ITEM, LIST], ''), environment: env() });
    expect(failed(fresh)).toEqual([]);
    expect(server.apiRequests()).toHaveLength(1);
  });
});
