/**
 * The echo RESTlet users deploy (suitescript/): its logic with stubs of N/runtime and N/log, its
 * SDF project (ids, file path, deployment), and the simulator's RESTlet answering exactly as the
 * script does for the same calls.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_RESTLET } from '../../simulator/simulatorState.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { accessToken, call, envOf } from '../simulator/helpers/m2m.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROJECT = path.join(ROOT, 'suitescript/src');
const SCRIPT_PATH = 'SuiteScripts/netsuite-postman/nsp_echo_restlet.js';

type EntryPoints = Record<'get' | 'post' | 'put' | 'delete', (input: unknown) => unknown>;
interface Loaded {
  entry: EntryPoints;
  dependencies: string[];
  logs: Array<{ level: string; title: string; details: string }>;
}

/** Evaluates the script as NetSuite's AMD loader would, with stub N/ modules. */
function loadScript(ids = { id: 'customscript_nsp_echo', deploymentId: 'customdeploy_nsp_echo' }): Loaded {
  const source = readFileSync(path.join(PROJECT, 'FileCabinet', SCRIPT_PATH), 'utf8');
  const logs: Loaded['logs'] = [];
  const stubs: Record<string, unknown> = {
    'N/runtime': { getCurrentScript: () => ({ id: ids.id, deploymentId: ids.deploymentId }) },
    'N/log': Object.fromEntries(['debug', 'audit', 'error', 'emergency'].map((level) => [level, (o: { title: string; details: string }) => logs.push({ level, ...o })])),
  };
  let loaded: Loaded | undefined;
  const define = (dependencies: string[], factory: (...modules: unknown[]) => EntryPoints) => {
    loaded = { entry: factory(...dependencies.map((name) => stubs[name] ?? (() => { throw new Error(`unstubbed module ${name}`); })())), dependencies, logs };
  };
  new Function('define', source)(define);
  if (!loaded) throw new Error('the script did not call define');
  return loaded;
}

describe('echo RESTlet script', () => {
  it('is SuiteScript 2.1, a Restlet, and uses only N/runtime and N/log', () => {
    const source = readFileSync(path.join(PROJECT, 'FileCabinet', SCRIPT_PATH), 'utf8');
    expect(source).toMatch(/@NApiVersion 2\.1/);
    expect(source).toMatch(/@NScriptType Restlet/);
    expect(loadScript().dependencies).toEqual(['N/runtime', 'N/log']);
  });

  it('implements GET, POST, PUT and DELETE, echoing what each entry point receives', () => {
    const { entry } = loadScript();
    expect(Object.keys(entry).sort()).toEqual(['delete', 'get', 'post', 'put']);
    const params = { script: '101', deploy: '1', id: '42' };
    expect(entry.get(params)).toEqual({ method: 'GET', script: 'customscript_nsp_echo', deploy: 'customdeploy_nsp_echo', parameters: params, body: null });
    expect(entry.delete(params)).toEqual({ method: 'DELETE', script: 'customscript_nsp_echo', deploy: 'customdeploy_nsp_echo', parameters: params, body: null });
    const body = { action: 'create', record: { quantity: 1 } };
    expect(entry.post(body)).toEqual({ method: 'POST', script: 'customscript_nsp_echo', deploy: 'customdeploy_nsp_echo', parameters: {}, body });
    expect(entry.put('plain text')).toEqual({ method: 'PUT', script: 'customscript_nsp_echo', deploy: 'customdeploy_nsp_echo', parameters: {}, body: 'plain text' });
    expect(entry.post(undefined)).toMatchObject({ body: null });
  });

  it('reports the deployment it runs as (a user\'s own ids)', () => {
    const { entry } = loadScript({ id: 'customscript_acme', deploymentId: 'customdeploy_acme_2' });
    expect(entry.get({})).toMatchObject({ script: 'customscript_acme', deploy: 'customdeploy_acme_2' });
  });

  it('logs one audit line per call with parameter names only, never values', () => {
    const { entry, logs } = loadScript();
    entry.get({ id: '42', email: 'secret@example.com' });
    entry.post({ password: 'hunter2' });
    expect(logs).toEqual([
      { level: 'audit', title: 'netsuite-postman echo GET', details: 'parameters: id, email' },
      { level: 'audit', title: 'netsuite-postman echo POST', details: 'parameters: (none)' },
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/secret@|hunter2|42/);
  });
});

describe('SDF project', () => {
  const object = readFileSync(path.join(PROJECT, 'Objects', `${ECHO_RESTLET.script}.xml`), 'utf8');

  it('deploys the script file under the ids the simulator and the environments use, released', () => {
    expect(object).toMatch(new RegExp(`<restlet scriptid="${ECHO_RESTLET.script}">`));
    expect(object).toContain(`<scriptfile>[/${SCRIPT_PATH}]</scriptfile>`);
    expect(existsSync(path.join(PROJECT, 'FileCabinet', SCRIPT_PATH))).toBe(true);
    expect(object).toMatch(new RegExp(`<scriptdeployment scriptid="${ECHO_RESTLET.deploy}">[\\s\\S]*<status>RELEASED</status>[\\s\\S]*</scriptdeployment>`));
    expect(object).toContain('<isdeployed>T</isdeployed>');
  });

  it('manifest and deploy.xml name the account-customization project, its files and objects', () => {
    expect(readFileSync(path.join(PROJECT, 'manifest.xml'), 'utf8')).toContain('projecttype="ACCOUNTCUSTOMIZATION"');
    const deploy = readFileSync(path.join(PROJECT, 'deploy.xml'), 'utf8');
    expect(deploy).toContain('<path>~/FileCabinet/SuiteScripts/netsuite-postman/*</path>');
    expect(deploy).toContain('<path>~/Objects/*</path>');
  });

  it('every XML file is balanced (each opened element closed in order)', () => {
    for (const file of ['manifest.xml', 'deploy.xml', `Objects/${ECHO_RESTLET.script}.xml`]) {
      const text = readFileSync(path.join(PROJECT, file), 'utf8');
      const stack: string[] = [];
      for (const [, closing, name, selfClosing] of text.matchAll(/<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>/g)) {
        if (selfClosing) continue;
        if (closing) expect(stack.pop(), `${file}: </${name}>`).toBe(name);
        else stack.push(name!);
      }
      expect(stack, file).toEqual([]);
    }
  });
});

describe('the simulator answers as the script does', () => {
  let sim: RunningSimulator;
  let bearer: string;
  beforeAll(async () => {
    sim = await startSimulator();
    bearer = `Bearer ${await accessToken(sim, createPrivateKey(envOf(sim).private_key!))}`;
  });
  afterAll(() => sim.stop());

  it.each(['GET', 'POST', 'PUT', 'DELETE'])('%s', async (method) => {
    const { entry } = loadScript();
    const query = new URLSearchParams({ script: ECHO_RESTLET.script, deploy: ECHO_RESTLET.deploy, id: '42', note: 'a b&c' });
    const body = { action: method.toLowerCase(), record: { name: 'x', quantity: 2 }, list: [1, 'two', null] };
    const hasBody = method === 'POST' || method === 'PUT';
    const response = await call(`${sim.baseUrl}/app/site/hosting/restlet.nl?${query}`, {
      method,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      ...(hasBody ? { body: JSON.stringify(body) } : {}),
    });
    expect(response.status).toBe(200);
    const fromScript = hasBody ? entry[method.toLowerCase() as 'post'](body) : entry[method.toLowerCase() as 'get'](Object.fromEntries(query));
    expect(response.body).toEqual(fromScript);
  });
});
