import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateCommand } from '../../cli/simulate.ts';
import { CliError, type CliIo } from '../../cli/cliTypes.ts';

const dir = mkdtempSync(join(tmpdir(), 'nsp-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('netsuite-postman simulate (CLI)', () => {
  it('starts, writes the environment, serves an authenticated call, stops with 0 on SIGTERM', async () => {
    const envFile = join(dir, 'sim.postman_environment.json');
    const child = spawn(process.execPath, ['bin/netsuite-postman.mjs', 'simulate', '--port', '0', '--env-out', envFile], {
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no base URL line; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening at (http:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    try {
      const environment = JSON.parse(readFileSync(envFile, 'utf8'));
      expect(statSync(envFile).mode & 0o077).toBe(0);
      expect(environment).toMatchObject({ name: 'netsuite-postman simulator', _postman_variable_scope: 'environment' });
      const env = Object.fromEntries(environment.values.map((v: { key: string; value: string }) => [v.key, v.value]));
      const types = Object.fromEntries(environment.values.map((v: { key: string; type: string }) => [v.key, v.type]));
      expect(env.suitetalk_base_url).toBe(baseUrl);
      expect(env.account_id).toBe('1234567_SB1');
      expect(types.private_key).toBe('secret');
      expect(types.client_id).toBe('default');
      expect(stdout).not.toContain(env.client_secret);
      expect(stdout).not.toContain('PRIVATE KEY');
      const tokenUrl = `${baseUrl}/services/rest/auth/oauth2/v1/token`;
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ scope: env.scope })
        .setProtectedHeader({ alg: env.jwt_algorithm, typ: 'JWT', kid: env.certificate_id })
        .setIssuer(env.client_id)
        .setAudience(tokenUrl)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(createPrivateKey(env.private_key));
      const token = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
      });
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      const record = await fetch(`${baseUrl}/services/rest/record/v1/customer/1`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(record.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses unknown flags and bad values with a CliError', async () => {
    const io: CliIo = { out: () => {}, err: () => {}, env: {}, cwd: dir, interrupted: new Promise(() => {}) };
    await expect(simulateCommand.run(['--nope'], io)).rejects.toThrow(CliError);
    await expect(simulateCommand.run(['--port', 'abc'], io)).rejects.toThrow(/--port/);
    await expect(simulateCommand.run(['--account', 'not an account'], io)).rejects.toThrow(/--account/);
    await expect(simulateCommand.run(['--faults', '{"bad":1}'], io)).rejects.toThrow(/Unknown fault/);
  });

  it('runs in-process until interrupted and returns 0', async () => {
    const lines: string[] = [];
    let interrupt!: (signal: string) => void;
    const io: CliIo = { out: (l) => lines.push(l), err: () => {}, env: {}, cwd: dir, interrupted: new Promise((r) => (interrupt = r)) };
    const running = simulateCommand.run(['--account', 'TSTDRV1234567', '--token-lifetime', '60'], io);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (lines.some((l) => l.includes('listening at'))) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    expect(lines.join('\n')).toMatch(/listening at http:\/\/127\.0\.0\.1:\d+\/tstdrv1234567/);
    interrupt('SIGINT');
    expect(await running).toBe(0);
  });
});
