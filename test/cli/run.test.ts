/**
 * `netsuite-postman run` spawned as a user would, against a simulator started in this process
 * (its environment written to a file, as `simulate --env-out` does), and without --environment.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator';
import { cli, junitCounts, leaks, listFiles, secretsOf } from './cliHelpers';

let sim: RunningSimulator;
let dir: string;
let envFile: string;
let secrets: string[];

type Env = RunningSimulator['environment'];
function writeEnv(name: string, edit: (env: Env) => void = () => {}): string {
  const env = structuredClone(sim.environment);
  edit(env);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(env, null, 2), { mode: 0o600 });
  return file;
}
function setValue(env: Env, key: string, value: string): void {
  env.values.find((entry) => entry.key === key)!.value = value;
}
function expectNoLeak(...texts: string[]): void {
  for (const text of texts) expect(leaks(text, secrets)).toEqual([]);
}

beforeAll(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(path.join(tmpdir(), 'nsp-run-'));
  envFile = writeEnv('simulator.postman_environment.json');
  secrets = secretsOf(sim.environment);
  expect(secrets.length).toBeGreaterThanOrEqual(7);
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('run --environment FILE', () => {
  it('runs a collection with an overridden auth method, prints progress and the summary, writes JUnit and HTML', async () => {
    const reports = path.join(dir, 'reports-tba');
    const result = await cli(['run', '--environment', envFile, '--collection', 'restlets', '--auth-method', 'tba', '--reports-dir', reports], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}\[restlets · tba\] RESTlet \/ RESTlet GET — 200 OK, \d+ ms, 2\/2 passed$/m);
    expect(result.stdout).toMatch(/^restlets\s+tba\s+4\s+8\s+0\s+0\s+\S+/m);
    expect(result.stdout).toMatch(/^total\s+4\s+8\s+0\s+0/m);
    expect(result.stdout).toContain('PASSED: 1 run, no failures.');
    expect(listFiles(reports)).toEqual(['netsuite-restlets-tba.html', 'netsuite-restlets-tba.xml']);
    const counts = junitCounts(path.join(reports, 'netsuite-restlets-tba.xml'));
    expect(counts).toEqual({ suites: 4, tests: 8, testcases: 8, failures: 0 });
    const html = readFileSync(path.join(reports, 'netsuite-restlets-tba.html'), 'utf8');
    expect(html).toContain('RESTlet GET');
    expectNoLeak(result.stdout, result.stderr, html, readFileSync(path.join(reports, 'netsuite-restlets-tba.xml'), 'utf8'));
  });

  it('--folder Records with m2m passes: the Auth folder runs first and loads the signer', async () => {
    const result = await cli(['run', '--environment', envFile, '--folder', 'Records', '--auth-method', 'm2m', '--reporters', 'cli'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('note: restlets has none of "Records"; not run.');
    expect(result.stdout).toContain('"Auth", "Records" (Auth first, so the run can authenticate)');
    expect(result.stdout).toMatch(/^ok {3}\[rest · m2m\] Auth \/ Mint M2M token — 200 OK/m);
    expect(result.stdout).toMatch(/^ok {3}\[rest · m2m\] Records \/ Delete customer — 204 No Content/m);
    expect(result.stdout).not.toContain('SuiteQL /');
    expect(result.stdout).not.toContain('NEEDS_MINT');
    // 14 sends: the two writes are followed through job, task and result (3 more sends each).
    expect(result.stdout).toMatch(/^rest\s+m2m\s+14\s+11\s+0\s+1\s/m);
    expect(existsSync(path.join(dir, 'reports'))).toBe(false); // cli only: no report written
    expectNoLeak(result.stdout, result.stderr);
  });

  it('takes secrets from process environment variables (NETSUITE_*), never printing them', async () => {
    const partial = writeEnv('no-secrets.postman_environment.json', (env) => {
      setValue(env, 'consumer_secret', '');
      setValue(env, 'token_secret', '');
    });
    const value = (key: string) => sim.environment.values.find((entry) => entry.key === key)!.value;
    const result = await cli(['run', '-e', partial, '--collection', 'netsuite-restlets', '--auth-method', 'tba', '--reporters', 'cli'], {
      cwd: dir,
      env: { NETSUITE_CONSUMER_SECRET: value('consumer_secret'), NETSUITE_TOKEN_SECRET: value('token_secret') },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('from the process environment: consumer_secret, token_secret');
    expectNoLeak(result.stdout, result.stderr);
  });

  it('exits 1 and names the failing requests when NetSuite rejects the credentials; still no secret printed', async () => {
    const wrong = 'WrongTokenSecret0123456789abcdef';
    const bad = writeEnv('bad-secret.postman_environment.json', (env) => setValue(env, 'token_secret', wrong));
    const reports = path.join(dir, 'reports-bad');
    const result = await cli(['run', '-e', bad, '--collection', 'restlets', '--auth-method', 'tba', '--reporters', 'cli,junit', '--reports-dir', reports], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL \[restlets · tba\] RESTlet \/ RESTlet GET — 401/m);
    expect(result.stdout).toContain('FAILED: see the FAIL lines above and the reports.');
    expect(result.stdout).toMatch(/^restlets\s+tba\s+4\s+\d+\s+[1-9]\d*\s/m);
    expect(junitCounts(path.join(reports, 'netsuite-restlets-tba.xml')).failures).toBeGreaterThan(0);
    expect(leaks(result.stdout + result.stderr, [...secrets, wrong])).toEqual([]);
  });
});

describe('run without --environment', () => {
  it('starts the embedded simulator and counts the tokens it minted', async () => {
    const reports = path.join(dir, 'reports-embedded');
    const result = await cli(['run', '--collection', 'restlets', '--reporters', 'cli,junit', '--reports-dir', reports], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No --environment: using the embedded NetSuite simulator at http:\/\/127\.0\.0\.1:\d+\/1234567-sb1\.$/m);
    expect(result.stdout).toMatch(/^restlets\s+m2m\s+5\s+9\s+0\s+1\s/m);
    expect(listFiles(reports)).toEqual(['netsuite-restlets-m2m.xml']);
    expect(junitCounts(path.join(reports, 'netsuite-restlets-m2m.xml'))).toEqual({ suites: 5, tests: 9, testcases: 9, failures: 0 });
  });
});

describe('env then run, as the CI workflow does', () => {
  it('builds the environment from NETSUITE_* variables with `env`, then runs it', async () => {
    const vars: Record<string, string> = {};
    for (const entry of sim.environment.values) {
      if (/^[a-z_]+$/.test(entry.key) && !entry.key.startsWith('nsp_')) vars[`NETSUITE_${entry.key.toUpperCase()}`] = entry.value;
    }
    const made = await cli(['env', '--template', 'sandbox'], { cwd: dir, env: vars });
    expect(made.code, made.stderr).toBe(0);
    expectNoLeak(made.stdout, made.stderr);
    const result = await cli(['run', '--environment', 'local/netsuite.postman_environment.json', '--collection', 'restlets', '--auth-method', 'authcode', '--reporters', 'cli'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}\[restlets · authcode\] Auth \/ Refresh access token — 200 OK/m);
    expectNoLeak(result.stdout, result.stderr);
  });
});

describe.concurrent('friendly usage errors (exit 2, no stack trace)', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['a missing environment file, named', ['run', '--environment', 'missing/env.json'], /environment file missing\/env\.json does not exist/],
    ['invalid JSON', ['run', '--environment', 'broken.json'], /environment file broken\.json is not valid JSON/],
    ['a collection given as the environment', ['run', '--environment', 'collection.json'], /not a Postman environment\. It looks like a collection/],
    ['an unknown collection, listing the valid names', ['run', '--collection', 'soap'], /unknown collection "soap"\. Valid names: rest \(netsuite-rest\), restlets \(netsuite-restlets\), or the path of a collection file\./],
    ['an unknown folder, listing the folders', ['run', '--folder', 'Invoices'], /no folder or request named "Invoices".*rest: Auth, Records, SuiteQL, Metadata, Certificates; restlets: Auth, RESTlet/],
    ['an unknown auth method', ['run', '--auth-method', 'basic'], /unknown auth method "basic"\. Valid: m2m, tba, authcode/],
    ['an unknown flag', ['run', '--colection', 'rest'], /Unknown option '--colection'/],
    ['a secret on the command line', ['run', '--env-var', 'token_secret=x'], /--env-var token_secret=… refused: token_secret is a secret.*Export NETSUITE_TOKEN_SECRET/],
    ['a secret on the command line, prefixed', ['run', '--env-var', 'NETSUITE_PRIVATE_KEY=x'], /private_key is a secret/],
    ['a missing iteration data file', ['run', '--iteration-data', 'rows.csv'], /--iteration-data rows\.csv: no such file/],
    ['a missing collection file', ['run', '--collection', 'exports/mine.postman_collection.json'], /collection file exports\/mine\.postman_collection\.json does not exist/],
    ['a bad number', ['run', '--timeout-request', 'soon'], /--timeout-request must be an integer/],
    ['an unknown flag of start', ['start', '--fast'], /Unknown option '--fast'/],
  ];
  beforeAll(() => {
    writeFileSync(path.join(dir, 'broken.json'), '{"values": [');
    writeFileSync(path.join(dir, 'collection.json'), JSON.stringify({ info: { name: 'x' }, item: [] }));
  });
  it.each(cases)('%s', async (_label, args, message) => {
    const result = await cli(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toMatch(/NetSuite simulator listening|▶/);
  });

  it('--help prints the usage of run and start (exit 0)', async () => {
    const [run, start] = await Promise.all([cli(['run', '--help'], { cwd: dir }), cli(['start', '--help'], { cwd: dir })]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: netsuite-postman run \[--environment FILE\]/);
    expect(run.stdout).toContain('Exit codes: 0');
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/^Usage: netsuite-postman start/);
  });
});
