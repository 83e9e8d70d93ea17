/**
 * Secrets never leak: the committed collections and environment templates, and the JUnit report,
 * console output and exported environment of end-to-end runs made with the simulator's known
 * secrets, pass secretlint and an exact search for those secrets, PEM blocks, bearer tokens and
 * cookie values. The exported environment holds no token or assertion.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/startSimulator';
import { startSimulator } from '../../simulator/startSimulator';
import { loadNewman } from '../helpers/engines';
import { generatedCollection, simEnvironment } from './helpers';
import { exactScan, secretlint } from './secretScan';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = mkdtempSync(path.join(tmpdir(), 'nsp-secrets-'));
let sim: RunningSimulator;
const issuedTokens: string[] = [];

function secretValues(): string[] {
  return sim.environment.values.filter((v) => v.type === 'secret' && v.value).map((v) => String(v.value));
}

beforeAll(async () => {
  sim = await startSimulator();
  const newman = loadNewman('newman');
  for (const method of ['m2m', 'tba', 'authcode']) {
    for (const slug of ['netsuite-rest', 'netsuite-restlets'] as const) {
      sim.reset();
      const stem = `${slug}-${method}`;
      const consoleLines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const emitter = newman.run(
          {
            collection: generatedCollection(slug),
            environment: simEnvironment(sim, { auth_method: method }),
            reporters: ['junit'],
            reporter: { junit: { export: path.join(OUT, `${stem}.xml`) } },
            exportEnvironment: path.join(OUT, `${stem}.environment.json`),
          } as any,
          (err: Error | null) => (err ? reject(err) : resolve()),
        );
        emitter.on('console', (_e: unknown, args: any) => consoleLines.push(`${args.level}: ${args.messages.join(' ')}`));
        emitter.on('request', (_e: unknown, args: any) => {
          const auth = args.request?.headers?.get?.('Authorization');
          if (typeof auth === 'string' && auth.startsWith('Bearer ')) issuedTokens.push(auth.slice(7));
          const body = args.response?.stream?.toString() ?? '';
          const token = /"access_token"\s*:\s*"([^"]+)"/.exec(body)?.[1];
          if (token) issuedTokens.push(token);
        });
      });
      writeFileSync(path.join(OUT, `${stem}.console.txt`), consoleLines.join('\n'));
    }
  }
}, 90_000);

afterAll(async () => {
  await sim.stop();
});

const files = () => readdirSync(OUT).map((f) => path.join(OUT, f));

describe('secrets', () => {
  it('the runs produced reports, console output and exported environments, and saw real tokens', () => {
    expect(files().filter((f) => f.endsWith('.xml'))).toHaveLength(6);
    expect(files().filter((f) => f.endsWith('.environment.json'))).toHaveLength(6);
    expect(new Set(issuedTokens).size).toBeGreaterThanOrEqual(2);
  });

  it('secretlint finds nothing in collections/, environments/ and the run outputs', () => {
    expect(secretlint(['collections/**/*', 'environments/**/*'])).toBe('');
    // Exported environments copy the environment the run was given (its secrets included, by design):
    // they are checked for tokens below, not for the input's own secrets.
    expect(secretlint(['*.xml', '*.console.txt'], OUT)).toBe('');
  });

  it('secretlint does flag a PEM private key (the scanner works)', () => {
    const bait = path.join(mkdtempSync(path.join(tmpdir(), 'nsp-bait-')), 'bait.txt');
    writeFileSync(bait, String(sim.environment.values.find((v) => v.key === 'private_key')!.value));
    expect(secretlint(['bait.txt'], path.dirname(bait))).toMatch(/private ?key/i);
  });

  it('no known secret, issued token, PEM block, bearer token or cookie value in any of them', () => {
    const committed = ['collections', 'environments'].flatMap((dir) => readdirSync(path.join(ROOT, dir)).map((f) => path.join(ROOT, dir, f)));
    const outputs = files().filter((f) => !f.endsWith('.environment.json'));
    const found = exactScan([...committed, ...outputs], [...secretValues(), ...issuedTokens]);
    expect(found.map((f) => `${path.basename(f.file)}: ${f.what}`)).toEqual([]);
  });

  it('exported environments hold no token, assertion or derived secret: only the keys the run was given', () => {
    const given = new Set(sim.environment.values.map((v) => v.key));
    for (const file of files().filter((f) => f.endsWith('.environment.json'))) {
      const exported = JSON.parse(readFileSync(file, 'utf8')) as { values: Array<{ key: string; value: unknown }> };
      const extra = exported.values.map((v) => v.key).filter((k) => !given.has(k) && !/_base_url$/.test(k));
      expect(extra, file).toEqual([]);
      const text = JSON.stringify(exported);
      for (const token of issuedTokens) expect(text.includes(token), `${file} holds an access token`).toBe(false);
      expect(text, file).not.toMatch(/access_token|client_assertion|nsp_token|eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
    }
  });
});
