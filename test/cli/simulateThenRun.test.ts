/**
 * As a new user would: `netsuite-postman simulate --env-out FILE` in one process, then
 * `netsuite-postman run --environment FILE` in another, with every auth method.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, cleanEnv, leaks, ROOT, secretsOf } from './cliHelpers';

const dir = mkdtempSync(path.join(tmpdir(), 'nsp-sim-run-'));
const envFile = path.join(dir, 'simulator.postman_environment.json');
let simulator: ReturnType<typeof spawn>;

beforeAll(async () => {
  simulator = spawn(process.execPath, [BIN, 'simulate', '--port', '0', '--env-out', envFile], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`simulate printed no base URL: ${out}`)), 30_000);
    simulator.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/listening at http:\/\/127\.0\.0\.1:\d+/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}, 40_000);

afterAll(async () => {
  const exited = new Promise((resolve) => simulator.once('exit', resolve));
  simulator.kill('SIGTERM');
  await exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('simulate, then run with the environment it wrote', () => {
  it('passes every collection with every auth method, and prints no secret', async () => {
    const result = await cli(['run', '--environment', envFile, '--auth-method', 'all', '--reporters', 'cli', '--reports-dir', path.join(dir, 'reports')], { cwd: ROOT, timeout: 120_000 });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    for (const method of ['m2m', 'tba', 'authcode']) expect(result.stdout).toMatch(new RegExp(`rest\\s+${method}\\s+\\d+\\s+\\d+\\s+0\\b`));
    const secrets = secretsOf(JSON.parse(readFileSync(envFile, 'utf8')));
    expect(secrets.length).toBeGreaterThan(5);
    expect(leaks(result.stdout + result.stderr, secrets)).toEqual([]);
  }, 150_000);
});
