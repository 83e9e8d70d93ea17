import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import type { RunningSimulator } from '../../simulator/startSimulator.ts';
import { accessToken, call, envOf } from '../simulator/helpers/m2m.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The project's own copy of the Postman Collection v2.1.0 schema. */
export const SCHEMA_FILE = join(ROOT, 'schemas', 'postman-collection-v2.1.0.schema.json');

const temps: string[] = [];

export function tempDir(prefix = 'nsp-meta-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

let validator: ReturnType<Ajv['compile']> | undefined;

export function collectionValidator() {
  if (!validator) validator = new Ajv({ allErrors: true, strict: false }).compile(readJson(SCHEMA_FILE));
  return validator;
}

/** The simulator's catalog as a client gets it over HTTP (M2M token signed by the test, not by the project). */
export async function catalogOf(sim: RunningSimulator, select?: string): Promise<Record<string, any>> {
  const token = await accessToken(sim, createPrivateKey(envOf(sim).private_key!));
  const query = select ? `?select=${select}` : '';
  const answer = await call(`${sim.baseUrl}/services/rest/record/v1/metadata-catalog${query}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/swagger+json' },
  });
  if (answer.status !== 200) throw new Error(`catalog: ${answer.status} ${answer.text}`);
  return answer.body;
}

export function environmentFor(sim: RunningSimulator, method: string) {
  const env = structuredClone(sim.environment);
  env.values.find((value) => value.key === 'auth_method')!.value = method;
  return env;
}
