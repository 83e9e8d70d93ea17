/** What the end-to-end suites share: the committed collections, one simulator per file, an environment per auth method. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/startSimulator';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A committed collection (collections/<name>.postman_collection.json) as JSON. */
export function committedCollection(name: string): any {
  return JSON.parse(readFileSync(path.join(ROOT, 'collections', `${name}.postman_collection.json`), 'utf8'));
}

/** Starts a simulator before the file's tests and stops it after; the getter returns it. */
export function useSimulator(options: SimulatorOptions = {}): () => RunningSimulator {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator(options);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('the simulator is not started yet (use it inside a test)');
    return sim;
  };
}

/** A copy of the simulator's environment with `auth_method` set. */
export function environmentFor(sim: RunningSimulator, method: string): RunningSimulator['environment'] {
  const env = structuredClone(sim.environment);
  env.values.find((v) => v.key === 'auth_method')!.value = method;
  return env;
}
