/**
 * Shared pieces of the reliability suites: the generated collections built in memory from the
 * current dist/scripts (never written to collections/), the simulator's environment with
 * overrides, and a Newman run with iteration data (one run, many bad inputs).
 */
import { generate } from '../../generator/generate';
import type { RunningSimulator } from '../../simulator/startSimulator';
import type { Engine, EngineRun } from '../helpers/engines';
import { loadNewman } from '../helpers/engines';

let built: Record<string, object> | undefined;

/** `netsuite-rest` / `netsuite-restlets`, as the generator builds them from dist/scripts now. */
export function generatedCollection(slug: 'netsuite-rest' | 'netsuite-restlets'): any {
  if (!built) {
    built = {};
    for (const file of generate().files) {
      const match = /^collections\/(.+)\.postman_collection\.json$/.exec(file.path);
      if (match) built[match[1]!] = JSON.parse(file.content);
    }
  }
  return structuredClone(built[slug]);
}

export function simEnvironment(sim: RunningSimulator, overrides: Record<string, string> = {}): any {
  const env = structuredClone(sim.environment) as any;
  for (const [key, value] of Object.entries(overrides)) {
    const entry = env.values.find((v: { key: string }) => v.key === key);
    if (entry) entry.value = value;
    else env.values.push({ key, value, type: 'default', enabled: true });
  }
  return env;
}

export function envValue(sim: RunningSimulator, key: string): string {
  return String(sim.environment.values.find((v) => v.key === key)!.value);
}

/** Every failed assertion as `item: assertion: error`. */
export function failures(run: EngineRun): string[] {
  return run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${e.name}: ${a.name}: ${a.error}`));
}

export interface IterationResult {
  iteration: number;
  sent: string[];
  skipped: string[];
  failed: string[];
  console: string[];
}

/** One Newman run, one iteration per data row; results grouped per iteration. */
export function runIterations(engine: Engine, options: { collection: object; environment: object; data: Array<Record<string, string>>; timeoutRequest?: number }): Promise<IterationResult[]> {
  const newman = loadNewman(engine);
  const results: IterationResult[] = options.data.map((_, iteration) => ({ iteration, sent: [], skipped: [], failed: [], console: [] }));
  return new Promise((resolve, reject) => {
    const emitter = newman.run(
      {
        collection: options.collection,
        environment: options.environment,
        iterationData: options.data,
        iterationCount: options.data.length,
        timeoutRequest: options.timeoutRequest,
        reporters: [],
      } as any,
      (err) => (err ? reject(err) : resolve(results)),
    );
    const at = (cursor: { iteration: number }) => results[cursor.iteration]!;
    emitter.on('request', (_e: unknown, args: any) => {
      if (args.request) at(args.cursor).sent.push(`${args.request.method} ${args.request.url.toString()}`);
    });
    emitter.on('assertion', (err: { message: string } | null, args: any) => {
      if (err) at(args.cursor).failed.push(`${args.assertion}: ${err.message}`);
    });
    emitter.on('console', (_e: unknown, args: any) => {
      at(args.cursor).console.push(args.messages.map((m: unknown) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
    });
  });
}
