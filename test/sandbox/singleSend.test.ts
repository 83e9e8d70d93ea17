/**
 * A single Send (a run of one request) or a collection run, told apart with both collection hooks
 * marked `"use sandbox2"` (no legacy `postman` object, no run cursor there), in the order of
 * scripts-src/pm/singleSend.ts: the run's length as an Auth request's item script read it; a second
 * request in the run; else, for the first request, the engine (Newman 6 has no Send). No deprecation
 * warning from the legacy object's Proxy either way.
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
const CACHED = { key: 'm2m|1234567_SB1|client-1|kid-1|rest_webservices', accessToken: 'cached-token', expiresAt: Date.now() + 3_000_000 };
const INVALID_LOGIN = { status: 401, body: { title: 'Unauthorized', status: 401, 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] } };
const LIST: ItemSpec = { name: 'List', method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5' };

const capture = captureServerForFile();
const env = () => m2mEnvironment(capture().origin, PRIVATE_PEM);
/** A collection of `items` whose `nsp_session` already holds a fresh m2m token (no mint before the first request). */
const withCachedToken = (items: ItemSpec[]) => ({ ...sandboxCollection(items), variable: [{ key: 'nsp_session', value: JSON.stringify({ m2m: CACHED }) }] });
const text = (run: EngineRun) => run.console.map((line) => line.text).join('\n');

describe.each(ENGINES)('single Send or run, %s engine', (engine: Engine) => {
  it('in a run that starts with the Auth folder the refused request is sent once more, with a new token, and nothing fails', async () => {
    const server = capture();
    server.reset();
    // The first API request is refused: it is sent again at once.
    server.apiAnswers.push(INVALID_LOGIN);
    const retried = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST, { ...LIST, name: 'List again' }]), environment: env() });
    expect(server.apiRequests()).toHaveLength(3);
    expect(server.tokenRequests()).toHaveLength(2);
    expect(failed(retried)).toEqual([]);
    expect(text(retried)).toMatch(/"List" got 401: .*sending it once more/);
    expect(text(retried)).not.toMatch(/deprecated/i);
  });

  it('in a run without the Auth folder, a 401 on its second request is sent once more (a Send has one request)', async () => {
    const server = capture();
    server.reset();
    server.apiAnswers.push({ status: 200, body: { items: [] } }, INVALID_LOGIN);
    const collection = withCachedToken([LIST, { ...LIST, name: 'List again' }, { ...LIST, name: 'List once more' }]);
    const run = await runCollection(engine, { collection, environment: env() });
    expect(text(run)).toMatch(/"List again" got 401: .*sending it once more/);
    expect(text(run)).not.toMatch(/deprecated/i);
    if (engine === 'app') {
      // The app's engine mints by itself (Web Crypto): the retry and the last request pass.
      expect(server.apiRequests()).toHaveLength(4);
      expect(failed(run)).toEqual([]);
    } else {
      // Newman cannot mint without the Auth folder's signer: the retry says so instead of "Send again".
      expect(failed(run).join('\n')).toMatch(/NEEDS_MINT: .*Send "Auth \/ Mint M2M token" first/);
      expect(failed(run).join('\n')).not.toMatch(/needs another Send/);
    }
  });

  if (engine === 'app') {
    it('a Send (a lone request in the app\'s engine) that meets a 401 for its cached token drops it and says the next Send mints', async () => {
      const server = capture();
      server.reset();
      server.apiAnswers.push(INVALID_LOGIN);
      const collection = withCachedToken([LIST]);
      const run = await runCollection(engine, { collection, environment: env() });
      expect(server.apiRequests()).toHaveLength(1);
      expect(failed(run).join('\n')).toMatch(/It has been dropped: the next Send mints a new one\./);
      expect(text(run)).not.toMatch(/once more/);
      expect(text(run)).not.toMatch(/deprecated/i);
    });

    it('a Send of an Auth request knows it is a Send from the run cursor (its item script has the legacy object)', async () => {
      const server = capture();
      server.reset();
      server.tokenAnswers.push({ status: 503, body: 'down' });
      const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM]), environment: env() });
      expect(server.tokenRequests()).toHaveLength(1);
      expect(failed(run).join('\n')).toMatch(/TOKEN_ENDPOINT_UNAVAILABLE: .*Send it again/);
    });

    it('a run that starts with an Auth request knows it is a run from that request on: its item script noted the run cursor for the collection hooks', async () => {
      const server = capture();
      server.reset();
      // The collection test hook judges this 429 on the run's first request: without the noted
      // length it would take it for a Send ("needs another Send") instead of sending it again.
      server.tokenAnswers.push({ status: 429, body: { error: 'Too Many Requests' } });
      const run = await runCollection(engine, { collection: sandboxCollection([MINT_ITEM, LIST]), environment: env() });
      expect(failed(run)).toEqual([]);
      expect(server.tokenRequests()).toHaveLength(2);
      expect(server.apiRequests()).toHaveLength(1);
    });

    it('the cost, documented in singleSend.ts: a run in this engine without the Auth folder answers a 401 on its first request with "Send again"', async () => {
      const server = capture();
      server.reset();
      server.apiAnswers.push(INVALID_LOGIN);
      const collection = withCachedToken([LIST, { ...LIST, name: 'List again' }]);
      const run = await runCollection(engine, { collection, environment: env() });
      expect(failed(run).join('\n')).toMatch(/"List" needs another Send/);
      // The token was dropped all the same: the next request mints one and passes.
      expect(server.tokenRequests()).toHaveLength(1);
      expect(server.apiRequests()).toHaveLength(2);
    });
  } else {
    it('Newman has no Send: a run of one request that meets a 401 for its cached token sends it once more (here: refused, no signer without the Auth folder)', async () => {
      const server = capture();
      server.reset();
      server.apiAnswers.push(INVALID_LOGIN);
      const collection = withCachedToken([LIST]);
      const run = await runCollection(engine, { collection, environment: env() });
      expect(text(run)).toMatch(/"List" got 401: .*sending it once more/);
      expect(failed(run).join('\n')).toMatch(/NEEDS_MINT/);
      expect(failed(run).join('\n')).not.toMatch(/needs another Send/);
    });
  }
});
