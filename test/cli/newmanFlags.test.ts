/**
 * Newman's flags on `netsuite-postman run`, spawned as a user would against a simulator started in
 * this process: each flag does what Newman's does, and nothing it writes holds a secret or token.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator';
import { cli, leaks, secretsOf } from './cliHelpers';

let sim: RunningSimulator;
let dir: string;
let envFile: string;
let secrets: string[];

beforeAll(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(path.join(tmpdir(), 'nsp-flags-'));
  envFile = path.join(dir, 'sim.postman_environment.json');
  writeFileSync(envFile, JSON.stringify(sim.environment), { mode: 0o600 });
  secrets = secretsOf(sim.environment);
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const base = (...extra: string[]) => ['run', '--environment', envFile, '--collection', 'restlets', ...extra];

describe('run with Newman flags', () => {
  it('--iteration-data runs the collection once per row', async () => {
    writeFileSync(path.join(dir, 'rows.json'), JSON.stringify([{ row: 1 }, { row: 2 }, { row: 3 }]));
    const result = await cli(base('--auth-method', 'tba', '--reporters', 'cli', '--iteration-data', 'rows.json'), { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^restlets\s+tba\s+12\s+24\s+0\s/m); // 4 requests × 3 rows
  });

  it('--delay-request waits between requests (the run cannot be shorter than the delays)', async () => {
    const result = await cli(base('--auth-method', 'tba', '--reporters', 'cli', '--delay-request', '400'), { cwd: dir });
    expect(result.code).toBe(0);
    const seconds = Number(/^total\s+\d+\s+\d+\s+\d+\s+\d+\s+([\d.]+) s$/m.exec(result.stdout)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1.2); // 3 gaps × 400 ms, a lower bound that cannot flake
  });

  it('--reporters json writes a Newman JSON report with Authorization values, tokens and secrets redacted', async () => {
    const result = await cli(base('--auth-method', 'm2m', '--reporters', 'json', '--reports-dir', 'json-reports'), { cwd: dir });
    expect(result.code).toBe(0);
    const text = readFileSync(path.join(dir, 'json-reports', 'netsuite-restlets-m2m.json'), 'utf8');
    const report = JSON.parse(text);
    expect(report.run.executions.length).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(/"key":\s*"Authorization",\s*"value":\s*"\[redacted\]"/);
    expect(text).toMatch(/"key":\s*"client_assertion",\s*"value":\s*"\[redacted\]"/);
    // The report carries the collection's scripts (jsrsasign's source mentions "PRIVATE KEY-----"),
    // so check the secrets themselves and every JWT rather than the PEM-header heuristic.
    expect(leaks(text, secrets).filter((found) => found !== 'a PEM private key')).toEqual([]);
    for (const secret of secrets) for (const line of secret.split('\n').filter((l) => l.length >= 16)) expect(text).not.toContain(line);
  });

  it('--export-environment writes the environment as the run left it, without tokens or assertions', async () => {
    const result = await cli(base('--auth-method', 'm2m', '--reporters', 'cli', '--export-environment', 'exported.json'), { cwd: dir });
    expect(result.code).toBe(0);
    const file = path.join(dir, 'exported.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    const keys = exported.values.map((entry: { key: string }) => entry.key);
    expect(keys).toContain('account_id');
    expect(keys.filter((key: string) => /access_token|assertion|verifier/.test(key))).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.eyJ/);
  });

  it('--env-var sets a non-secret variable for the run', async () => {
    const result = await cli(base('--auth-method', 'tba', '--reporters', 'cli', '--env-var', 'restlet_deploy=customdeploy_not_there'), { cwd: dir });
    expect(result.stdout).toContain('--env-var set: restlet_deploy.');
    expect(result.code).toBe(1); // the simulator, like NetSuite, has no such deployment
  });

  it('--verbose shows each request as sent, its size and time, without a secret', async () => {
    const result = await cli(base('--auth-method', 'tba', '--reporters', 'cli', '--verbose'), { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {7}GET http:\/\/127\.0\.0\.1:\d+\/.*restlet\.nl\?script=/m);
    expect(result.stdout).toMatch(/^ {7}↳ 200 OK, \d+ bytes, \d+ ms$/m);
    expect(leaks(result.stdout, secrets)).toEqual([]);
  });

  it('--insecure is accepted; --ssl-* files must exist', async () => {
    expect((await cli(base('--auth-method', 'tba', '--reporters', 'cli', '--insecure'), { cwd: dir })).code).toBe(0);
    const missing = await cli(base('--ssl-client-cert', 'client.pem', '--ssl-client-key', 'client.key'), { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--ssl-client-cert client\.pem: no such file/);
  });
});

describe('doctor reads NETSUITE_* like run', () => {
  it('a secret from the process environment fills a blank one in the file', async () => {
    const blanked = structuredClone(sim.environment);
    const secret = blanked.values.find((entry) => entry.key === 'token_secret')!;
    const value = secret.value;
    secret.value = '';
    writeFileSync(path.join(dir, 'blank.json'), JSON.stringify(blanked));
    const result = await cli(['doctor', '--environment', 'blank.json', '--auth-method', 'tba'], { cwd: dir, env: { NETSUITE_TOKEN_SECRET: value } });
    expect(result.stdout).toContain('from the process environment: token_secret');
    expect(result.stdout).toMatch(/^OK: /m);
    expect(result.code).toBe(0);
    expect(leaks(result.stdout + result.stderr, secrets)).toEqual([]);
  });
});
