/**
 * Runs collections through both sandbox engines the scripts must support:
 * - `newman`: Newman 6.2.2 as shipped (postman-runtime 7.39.1, postman-sandbox 4.7.1);
 * - `app`: the same Newman driving postman-runtime 7.56.1 (postman-sandbox 6.7.x), the engine of
 *   today's Postman app and Postman CLI.
 * Newman loads `postman-runtime` once, when its run module is first required, so the second copy
 * is loaded with the module cache pointing newman's nested runtime at the top-level 7.56.1.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';

export type Engine = 'newman' | 'app';
export const ENGINES: Engine[] = ['newman', 'app'];

type NewmanModule = { run(options: NewmanRunOptions, cb: (err: Error | null, summary: NewmanRunSummary) => void): NodeJS.EventEmitter };

const require = createRequire(import.meta.url);
const loaded = new Map<Engine, NewmanModule>();

function newmanDir(): string {
  return path.dirname(require.resolve('newman/package.json'));
}

export function engineVersions(engine: Engine): { runtime: string; sandbox: string } {
  const base = engine === 'newman' ? [newmanDir()] : [path.dirname(require.resolve('postman-runtime/package.json'))];
  const runtimeDir = engine === 'newman' ? path.dirname(require.resolve('postman-runtime/package.json', { paths: base })) : base[0]!;
  const runtime = require(path.join(runtimeDir, 'package.json')).version as string;
  const sandboxPkg = require.resolve('postman-sandbox/package.json', { paths: [runtimeDir] });
  const sandbox = require(sandboxPkg).version as string;
  return { runtime, sandbox };
}

export function loadNewman(engine: Engine): NewmanModule {
  const cached = loaded.get(engine);
  if (cached) return cached;
  const dir = newmanDir();
  if (engine === 'newman') {
    const mod = require('newman') as NewmanModule;
    loaded.set(engine, mod);
    return mod;
  }
  // Newman's own copies of the runtime and of the collection SDK are swapped for the top-level
  // ones (postman-runtime 7.56.1 expects the SDK version it was built with).
  const swapped = ['postman-runtime', 'postman-collection'].map((name) => {
    const nested = require.resolve(name, { paths: [dir] });
    const top = require.resolve(name);
    if (nested === top) throw new Error(`newman has no nested ${name}; cannot load both engines`);
    return { nested, top };
  });
  const saved = new Map<string, NodeModule | undefined>();
  for (const file of Object.keys(require.cache).filter((f) => f.startsWith(dir + path.sep))) {
    saved.set(file, require.cache[file]);
    delete require.cache[file];
  }
  for (const { nested, top } of swapped) {
    require(top);
    require.cache[nested] = require.cache[top]!;
  }
  try {
    const mod = require(path.join(dir, 'lib', 'run', 'index.js')) as NewmanModule['run'];
    const wrapped: NewmanModule = { run: mod as unknown as NewmanModule['run'] };
    loaded.set(engine, wrapped);
    return wrapped;
  } finally {
    // Put the cache back so later `require('newman')` calls get the stock engine.
    for (const file of Object.keys(require.cache)) {
      if (file.startsWith(dir + path.sep)) delete require.cache[file];
    }
    for (const [file, entry] of saved) if (entry) require.cache[file] = entry;
  }
}

export interface Execution {
  name: string;
  path: string[];
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { code: number; headers: Record<string, string>; body: string };
  assertions: Array<{ name: string; error?: string; skipped?: boolean }>;
  /** True when the item's own request was never sent (skipped by a pre-request script). */
  skipped: boolean;
  /** Requests the item's scripts sent with pm.sendRequest (token mints, refreshes). */
  scriptRequests: Array<{ method: string; url: string; headers: Record<string, string>; body: string; code?: number }>;
  itemId: string;
}

export interface EngineRun {
  engine: Engine;
  summary: NewmanRunSummary;
  executions: Execution[];
  console: Array<{ level: string; text: string }>;
  failures: Array<{ source: string; error: string }>;
}

/** Every failed assertion of the run, as `name: error`. */
export function failedAssertions(run: EngineRun): string[] {
  return run.executions.flatMap((e) => e.assertions.filter((a) => a.error).map((a) => `${a.name}: ${a.error}`));
}

export interface RunOptions {
  collection: object;
  environment?: object;
  globals?: object;
  folder?: string | string[];
  timeoutRequest?: number;
  iterationCount?: number;
  bail?: boolean;
  exportEnvironment?: string;
}

/** A postman-collection header list as a plain object (lower-cased keys, disabled headers left out). */
export function headersOf(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const items = (list as { members?: Array<{ key: string; value: string; disabled?: boolean }> })?.members ?? [];
  for (const header of items) if (!header.disabled) out[header.key.toLowerCase()] = String(header.value);
  return out;
}

/** Runs a collection and returns every request as sent, every assertion and every console line. */
export function runCollection(engine: Engine, options: RunOptions): Promise<EngineRun> {
  const newman = loadNewman(engine);
  const executions: Execution[] = [];
  const consoleLines: EngineRun['console'] = [];
  const byCursor = new Map<string, Execution>();
  return new Promise((resolve, reject) => {
    const emitter = newman.run(
      {
        collection: options.collection,
        environment: options.environment,
        globals: options.globals,
        folder: options.folder as string,
        timeoutRequest: options.timeoutRequest,
        iterationCount: options.iterationCount,
        bail: options.bail,
        reporters: [],
        exportEnvironment: options.exportEnvironment,
      } as NewmanRunOptions,
      (err, summary) => {
        if (err) return reject(err);
        const failures = summary.run.failures.map((failure) => ({
          source: (failure.source as { name?: string } | undefined)?.name ?? 'run',
          error: `${failure.error.name}: ${failure.error.message}`,
        }));
        resolve({ engine, summary, executions, console: consoleLines, failures });
      },
    );
    const key = (cursor: { ref?: string; httpRequestId?: string }) => cursor.ref ?? '';
    emitter.on('beforeItem', (_err: unknown, args: { cursor: { ref: string }; item: { id: string; name: string; parent(): unknown } }) => {
      type Node = { name?: string; parent?: () => Node | undefined };
      const names: string[] = [];
      let node: Node | undefined = args.item as Node;
      while (node && typeof node.parent === 'function') {
        if (node.name) names.unshift(node.name);
        node = node.parent();
      }
      const execution: Execution = {
        name: args.item.name,
        path: names.slice(1),
        request: { method: '', url: '', headers: {}, body: '' },
        assertions: [],
        skipped: true,
        scriptRequests: [],
        itemId: args.item.id,
      };
      byCursor.set(key(args.cursor), execution);
      executions.push(execution);
    });
    emitter.on('request', (_err: unknown, args: { cursor: { ref: string }; request: any; response: any; item: { id: string } }) => {
      const execution = byCursor.get(key(args.cursor));
      if (!execution || !args.request) return;
      const sent = {
        method: args.request.method,
        url: args.request.url.toString(),
        headers: headersOf(args.request.headers),
        body: args.request.body ? String(args.request.body.toString() ?? '') : '',
      };
      if (args.item?.id !== execution.itemId) {
        execution.scriptRequests.push({ ...sent, code: args.response?.code });
        return;
      }
      execution.skipped = false;
      execution.request = sent;
      if (args.response) {
        execution.response = {
          code: args.response.code,
          headers: headersOf(args.response.headers),
          body: args.response.stream ? args.response.stream.toString() : '',
        };
      }
    });
    emitter.on('assertion', (err: { message: string } | null, args: { cursor: { ref: string }; assertion: string; skipped?: boolean }) => {
      const execution = byCursor.get(key(args.cursor));
      execution?.assertions.push({ name: args.assertion, error: err?.message, skipped: args.skipped });
    });
    emitter.on('console', (_err: unknown, args: { level: string; messages: unknown[] }) => {
      consoleLines.push({ level: args.level, text: args.messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ') });
    });
  });
}
