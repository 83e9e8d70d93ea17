/**
 * The package as a user gets it: `npm pack`, then `npm install --omit=dev` of the tarball into an
 * empty project (offline, from the npm cache that installing this project filled — nothing leaves
 * the machine), then every command and the programmatic API used from there.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let project: string;
let tarballFiles: string[];
let simulator: ChildProcess | undefined;

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('NETSUITE_') && !key.startsWith('npm_') && !/^[a-z_]+$/.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

function bin(args: string[], env: Record<string, string> = {}, timeout = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(project, 'node_modules', '.bin', 'netsuite-postman'), args, { cwd: project, env: cleanEnv(env), timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

/**
 * The user project's lockfile: the tarball plus the runtime (non-dev) part of this project's own
 * lockfile, so `npm ci --offline` installs exactly what a user would get, from the npm cache, with
 * no registry request (a plain `npm install` of the tarball would ask the registry for metadata).
 */
function userLockfile(tarball: string): object {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'user-project', version: '1.0.0', dependencies: { 'netsuite-postman': tarball } },
    'node_modules/netsuite-postman': {
      version: pkg.version,
      resolved: tarball,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev || entry.devOptional) continue;
    packages[key] = entry;
  }
  return { name: 'user-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

beforeAll(() => {
  // `npm test` (or test:package) built dist/ first; a missing build fails here, it never skips.
  if (!existsSync(path.join(ROOT, 'dist', 'lib', 'cli.js'))) throw new Error('dist/lib/cli.js is missing: run `npm run build` first.');
  work = mkdtempSync(path.join(tmpdir(), 'nsp-package-'));
  const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarballFiles = packed[0]!.files.map((file) => file.path);
  project = path.join(work, 'project');
  mkdirSync(project);
  const tarball = `file:../${packed[0]!.filename}`;
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module', dependencies: { 'netsuite-postman': tarball } }),
  );
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(userLockfile(tarball), null, 2));
  execFileSync(NPM, ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, env: cleanEnv(), stdio: 'pipe' });
}, 300_000);

afterAll(() => {
  simulator?.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('carries the built CLI, API, bundles, collections, environments, schema and docs — not tests, benchmarks or CI files', () => {
    for (const file of ['bin/netsuite-postman.mjs', 'dist/lib/cli.js', 'dist/lib/index.js', 'dist/types/index.d.ts', 'dist/scripts/mint-m2m.js', 'dist/script-metadata.json',
      'collections/netsuite-rest.postman_collection.json', 'environments/sandbox.postman_environment.json', 'schemas/postman-collection-v2.1.0.schema.json', 'docs/getting-started.md', 'LICENSE', 'README.md', 'package.json']) {
      expect(tarballFiles, file).toContain(file);
    }
    for (const prefix of ['test/', 'bench/', '.github/', '.ci/', 'scripts-src/', 'generator/', 'cli/', 'runner/', 'node_modules/']) {
      expect(tarballFiles.filter((file) => file.startsWith(prefix)), prefix).toEqual([]);
    }
  });

  it('installs without dev dependencies: no tsx, ts-morph or jsrsasign at run time', () => {
    const installed = readdirSync(path.join(project, 'node_modules'));
    for (const dev of ['tsx', 'ts-morph', 'jsrsasign', 'vitest', 'rollup', 'typescript']) expect(installed, dev).not.toContain(dev);
  });
});

describe('the installed command', () => {
  it('--version prints the package version', async () => {
    const result = await bin(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('simulate writes an environment that run uses, from another process, for every auth method', async () => {
    const envFile = path.join(project, 'sim.postman_environment.json');
    simulator = spawn(path.join(project, 'node_modules', '.bin', 'netsuite-postman'), ['simulate', '--env-out', envFile], { cwd: project, env: cleanEnv() });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      simulator!.stdout!.on('data', (chunk) => {
        out += String(chunk);
        if (out.includes('listening at')) resolve();
      });
      simulator!.on('exit', (code) => reject(new Error(`simulate exited ${code}`)));
    });
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const result = await bin(['run', '--environment', envFile, '--auth-method', 'all', '--reporters', 'cli,junit,json', '--reports-dir', 'out']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/PASSED: 6 runs, no failures\./);
    expect(existsSync(path.join(project, 'out', 'netsuite-rest-m2m.json'))).toBe(true);
  });

  it('runs a collection file the user exported from Postman (--collection PATH)', async () => {
    const exported = path.join(project, 'exports', 'my-restlets.postman_collection.json');
    mkdirSync(path.dirname(exported), { recursive: true });
    writeFileSync(exported, readFileSync(path.join(project, 'node_modules', 'netsuite-postman', 'collections', 'netsuite-restlets.postman_collection.json')));
    const result = await bin(['run', '--environment', 'sim.postman_environment.json', '--collection', 'exports/my-restlets.postman_collection.json', '--auth-method', 'tba', '--reporters', 'cli']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/▶ my-restlets/);
  });

  it.each(['m2m', 'tba'])('doctor diagnoses the environment with %s and passes (m2m signs with the bundled jsrsasign)', async (method) => {
    const result = await bin(['doctor', '--environment', 'sim.postman_environment.json', '--auth-method', method]);
    expect(result.stdout).toMatch(/^OK: \d+ passed/m);
    expect(result.code).toBe(0);
  });

  it('metadata saves the catalog and generate --metadata builds a records collection that runs green', async () => {
    const fetched = await bin(['metadata', '-e', 'sim.postman_environment.json', '--records', 'customer,salesorder', '--out', 'catalog.json']);
    expect(fetched.code).toBe(0);
    const generated = await bin(['generate', '--metadata', 'catalog.json', '--out', 'records']);
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    const run = await bin(['run', '-e', 'sim.postman_environment.json', '--collection', 'records/collections/netsuite-records.postman_collection.json', '--auth-method', 'm2m', '--reporters', 'cli']);
    expect(run.code).toBe(0);
  });

  it('env writes a filled environment and refuses a bad account id', async () => {
    const ok = await bin(['env', '--out', 'local/mine.json'], { NETSUITE_ACCOUNT_ID: '1234567_SB1', NETSUITE_AUTH_METHOD: 'tba' });
    expect(ok.code).toBe(0);
    expect(existsSync(path.join(project, 'local', 'mine.json'))).toBe(true);
    const bad = await bin(['env', '--out', 'local/bad.json'], { NETSUITE_ACCOUNT_ID: '12 34' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/account_id \(BAD_ACCOUNT_ID\)/);
  });

  it('start generates into --out and runs everything against the simulator', async () => {
    const result = await bin(['start', '--out', 'generated', '--reports-dir', 'start-reports'], {}, 240_000);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/PASSED: 6 runs, no failures\./);
    expect(existsSync(path.join(project, 'generated', 'collections', 'netsuite-rest.postman_collection.json'))).toBe(true);
  }, 300_000);
});

describe('the programmatic API', () => {
  it("import { run, startSimulator, writeEnvironment, doctor } from 'netsuite-postman' works", () => {
    const script = `
      import { run, startSimulator, doctor, writeEnvironment, RunnerError } from 'netsuite-postman';
      const sim = await startSimulator();
      try {
        const result = await run({ environment: sim.environment, collections: ['restlets'], authMethods: ['m2m'], reporters: [] });
        const report = await doctor({ environment: sim.environment, authMethod: 'm2m' });
        let refused = '';
        try { writeEnvironment({ source: { NETSUITE_ACCOUNT_ID: 'x y' }, out: 'never.json' }); } catch (e) { refused = e.code; }
        let coded = '';
        try { await run({ collections: ['soap'] }); } catch (e) { coded = e instanceof RunnerError ? e.code : 'other'; }
        console.log(JSON.stringify({ failed: result.failed, rows: result.rows.length, doctorFailed: report.failed, refused, coded }));
      } finally { await sim.stop(); }
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ failed: false, rows: 1, doctorFailed: 0, refused: 'INVALID_VARIABLE', coded: 'UNKNOWN_COLLECTION' });
  });
});
