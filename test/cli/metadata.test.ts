/**
 * `netsuite-postman metadata` and `generate --metadata`, spawned as a user would against a
 * simulator started in this process: fetch the catalog, generate the records collection, run it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator';
import { cli, leaks, secretsOf } from './cliHelpers';

let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(path.join(tmpdir(), 'nsp-metadata-'));
  writeFileSync(path.join(dir, 'sim.json'), JSON.stringify(sim.environment), { mode: 0o600 });
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('metadata → generate --metadata → run', () => {
  it('saves the catalog, generates a collection from it and runs it green', async () => {
    const fetched = await cli(['metadata', '-e', 'sim.json', '--records', 'customer,salesorder', '--records', 'customrecord_nsp_project', '--out', 'catalog/openapi.json'], { cwd: dir });
    expect(fetched.stderr).toBe('');
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toMatch(/^Saved catalog\/openapi\.json \(OpenAPI 3\.\d\.\d+, \d+ paths, auth_method m2m\)\.$/m);
    expect(leaks(fetched.stdout, secretsOf(sim.environment))).toEqual([]);
    const document = JSON.parse(readFileSync(path.join(dir, 'catalog', 'openapi.json'), 'utf8'));
    expect(document.openapi).toMatch(/^3\./);

    const generated = await cli(['generate', '--metadata', 'catalog/openapi.json', '--out', 'gen', '--records', 'customer,customrecord_nsp_project'], { cwd: dir });
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/collections\/netsuite-records\.postman_collection\.json 1\.0\.0/);
    expect(generated.stdout).toMatch(/^2 record types, \d+ requests: customer, customrecord_nsp_project\.$/m);

    const run = await cli(['run', '-e', 'sim.json', '--collection', 'gen/collections/netsuite-records.postman_collection.json', '--auth-method', 'tba', '--reporters', 'cli'], { cwd: dir, timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/▶ netsuite-records /);
    expect(run.stdout).toContain('PASSED: 1 run, no failures.');
  });

  it.each([
    ['metadata without --records', ['metadata', '-e', 'sim.json'], /--records is required/],
    ['metadata without --environment', ['metadata', '--records', 'customer'], /--environment FILE is required/],
    ['generate --metadata of a file that is not OpenAPI 3', ['generate', '--metadata', 'not-openapi.json', '--out', 'bad'], /not-openapi\.json/],
    ['generate --metadata with an unknown record type', ['generate', '--metadata', 'catalog/openapi.json', '--records', 'vendorbill', '--out', 'bad'], /vendorbill/],
    ['--records without --metadata', ['generate', '--records', 'customer'], /--records and --name go with --metadata/],
  ])('%s: exit 2, a clear message, nothing written', async (_label, args, message) => {
    writeFileSync(path.join(dir, 'not-openapi.json'), JSON.stringify({ swagger: '2.0', paths: {} }));
    const result = await cli(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(dir, 'bad'))).toBe(false);
  });

  it('metadata whose auth NetSuite refuses exits 1 with the diagnosis, writing nothing', async () => {
    const env = structuredClone(sim.environment);
    env.values.find((entry) => entry.key === 'token_secret')!.value = 'wrong-token-secret-value';
    env.values.find((entry) => entry.key === 'auth_method')!.value = 'tba';
    writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify(env));
    const result = await cli(['metadata', '-e', 'wrong.json', '--records', 'customer', '--out', 'never.json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/401|INVALID_LOGIN/);
    expect(existsSync(path.join(dir, 'never.json'))).toBe(false);
    expect(result.stderr).not.toContain('wrong-token-secret-value');
  });
});
