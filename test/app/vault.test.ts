/**
 * Postman Vault references (`{{vault:NAME}}`) in secret variables: resolved by pm.vault in the app
 * engine, by postman-runtime 7.56's own secret resolution where its consumer provides one, and
 * refused in Newman with the variable named and the way to pass the secret instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import { AppSession } from '../helpers/appSend';
import { ENGINES, runCollection } from '../helpers/engines';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REST = JSON.parse(readFileSync(path.join(ROOT, 'collections', 'netsuite-rest.postman_collection.json'), 'utf8'));

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

const SECRETS: Record<string, string[]> = { m2m: ['private_key'], tba: ['consumer_secret', 'token_secret'], authcode: ['client_secret', 'refresh_token'] };

/** The simulator's environment for `method`, with its secrets moved into a vault. */
function vaulted(method: string) {
  const env = structuredClone(sim.environment);
  env.values.find((v) => v.key === 'auth_method')!.value = method;
  const vault: Record<string, string> = {};
  for (const name of SECRETS[method]!) {
    const variable = env.values.find((v) => v.key === name)!;
    vault[`netsuite ${name}`] = String(variable.value);
    variable.value = `{{vault:netsuite ${name}}}`;
  }
  return { env, vault };
}

describe('Postman Vault references in the app engine', () => {
  it.each(['m2m', 'tba', 'authcode'])('%s: pm.vault resolves the secrets, and a Send is authenticated', async (method) => {
    sim.reset();
    const { env, vault } = vaulted(method);
    const session = new AppSession(REST, env, { vaultSecrets: vault });
    // The Auth requests' own scripts read the secrets after the collection script resolved them.
    const auth = method === 'm2m' ? ['Auth/Mint M2M token'] : method === 'authcode' ? ['Auth/Refresh access token'] : [];
    for (const request of ['Records/List customers', 'SuiteQL/Run SuiteQL query', ...auth]) {
      const send = await session.send(request);
      expect(send.failures, request).toEqual([]);
      expect(send.request!.code, request).toBe(200);
    }
    // The secret stays in the vault: nothing resolved is written back to the environment or the collection.
    for (const name of SECRETS[method]!) expect(session.environment.toJSON().values.find((v) => v.key === name)!.value).toBe(`{{vault:netsuite ${name}}}`);
  });

  it('a vault without the named secret is refused, naming the variable and the vault entry', async () => {
    const { env } = vaulted('m2m');
    const session = new AppSession(REST, env, { vaultSecrets: { other: 'x' } });
    const send = await session.send('Records/List customers');
    expect(send.request).toBeUndefined();
    expect(send.failures.join('\n')).toMatch(/VAULT_SECRET_MISSING: private_key is a Postman Vault reference, to the vault secret "netsuite private_key", but the vault has no value for "netsuite private_key"/);
  });

  it("postman-runtime's own secret resolution (secretResolver) hands the scripts the resolved value", async () => {
    sim.reset();
    const { env, vault } = vaulted('m2m');
    for (const variable of env.values) if (variable.key === 'private_key') Object.assign(variable, { secret: true });
    const asked: string[] = [];
    const session = new AppSession(REST, env, {
      secretResolver: ({ secrets }, callback) => {
        callback(null, secrets.map(({ variable }) => {
          const match = /^\{\{vault:(.+)\}\}$/.exec(String(variable.value));
          asked.push(variable.key);
          return match ? { resolvedValue: vault[match[1]!] } : {};
        }));
      },
    });
    const send = await session.send('Records/List customers');
    expect(send.failures).toEqual([]);
    expect(send.request!.code).toBe(200);
    expect(asked).toContain('private_key');
  });
});

describe.each(ENGINES)('Postman Vault references in the %s engine run by Newman', (engine) => {
  it('a collection run refuses, naming the variable and the vault secret (Newman: how to pass the secret instead)', async () => {
    sim.reset();
    const { env } = vaulted('tba');
    const run = await runCollection(engine, { collection: REST, environment: env, folder: 'Records' });
    const failures = run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${a.name}: ${a.error}`));
    expect(failures.length).toBeGreaterThan(0);
    expect(sim.stats().requests.total).toBe(0);
    if (engine === 'newman') {
      expect(failures[0]).toMatch(/VAULT_UNAVAILABLE: consumer_secret is a Postman Vault reference, to the vault secret "netsuite consumer_secret", but this engine \(Newman\) has no Postman Vault\. Pass the secret itself instead: export NETSUITE_CONSUMER_SECRET .*never committed .*Not on the command line/);
    } else {
      // Newman driving postman-runtime 7.56 gives the sandbox pm.vault, but no vault (nor script access) behind it.
      expect(failures[0]).toMatch(/VAULT_DENIED: consumer_secret is a Postman Vault reference, to the vault secret "netsuite consumer_secret", and the vault refused it \(Vault access denied\)/);
    }
  });
});
