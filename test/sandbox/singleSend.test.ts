/**
 * A single Send (a run of one request) or a collection run, told apart in both engines with the
 * collection test hook marked `"use sandbox2"` (no legacy `postman` object there): the pre-request
 * hook reads the run cursor once per run and the runtime remembers it (scripts-src/pm/singleSend.ts),
 * without the deprecation warning the legacy object's Proxy logs on a plain property read.
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
const text = (run: EngineRun) => run.console.map((line) => line.text).join('\n');

describe.each(ENGINES)('single Send or run, %s engine', (engine: Engine) => {
  it('a run of one request (a Send) that meets a 401 for its cached token drops it and says the next Send mints', async () => {
    const server = capture();
    server.reset();
    server.apiAnswers.push(INVALID_LOGIN);
    const collection = { ...sandboxCollection([LIST]), variable: [{ key: 'nsp_session', value: JSON.stringify({ m2m: CACHED }) }] };
    const run = await runCollection(engine, { collection, environment: env() });
    expect(server.apiRequests()).toHaveLength(1);
    expect(failed(run).join('\n')).toMatch(/It has been dropped: the next Send mints a new one\./);
    expect(text(run)).not.toMatch(/once more/);
    expect(text(run)).not.toMatch(/deprecated/i);
  });

  it('in a run of several requests the refused request is sent once more, with a new token, and nothing fails', async () => {
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
});
