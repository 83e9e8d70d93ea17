/**
 * Design experiment (a) of issue 13: the two collection-level bundles rebuilt in memory from
 * scripts-src (never written to dist/ or anywhere else), once as they are and once with the modules
 * that only a failure or a re-mint needs replaced by stubs, so the benchmark can measure what their
 * text costs on the every-request success path (cached token, or TBA signing).
 *
 * The build mirrors rollup.config.mjs (same entries, IIFE, sloppy mode, node-resolve, commonjs,
 * terser with the same options) but transpiles TypeScript with esbuild instead of
 * @rollup/plugin-typescript, because the latter emits from the files on disk and ignores a
 * plugin's `load`; the unstripped rebuild is measured beside the stripped one so that the only
 * difference between the two is the stubbed modules. A stub keeps every export name: functions
 * throw `bench: failure-only code removed`, values are `undefined`. If the success path touched
 * a stub, the run fails (wrong or missing Authorization header, failed test) and the benchmark
 * reports it as a problem of that variant.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import { rollup, type Plugin } from 'rollup';
import { ROOT } from './collections.ts';

/**
 * Modules the cached-token / TBA success path does not run, with the exports it does run (`keep`,
 * re-exported from the real module, so Rollup keeps exactly what they reach): the token endpoint
 * exchange and its response checks (a re-mint inside the every-request hook: once per token
 * lifetime) and the failure diagnosis of the test hook (status >= 400 only). Paths relative to
 * scripts-src/.
 */
export const FAILURE_ONLY_MODULES: Record<'collection-prerequest' | 'collection-test', Array<{ module: string; keep: string[] }>> = {
  'collection-prerequest': [{ module: 'pm/tokenEndpoint.ts', keep: ['tokenCacheKey'] }],
  'collection-test': [{ module: 'pm/diagnoseResponse.ts', keep: ['tbaNonceSeenBefore'] }],
};

export interface BenchBundle {
  /** Script lines as a collection's `exec` holds them. */
  lines: string[];
  bytes: number;
}

export interface BenchBundles {
  full: Record<'pre' | 'test', BenchBundle>;
  stripped: Record<'pre' | 'test', BenchBundle>;
  /** Stubbed modules that exist, the exports kept, and their size in the unminified source. */
  stubbed: Array<{ module: string; keep: string[]; sourceBytes: number }>;
  /** Listed modules no longer in scripts-src (renamed by a later change): not stubbed. */
  missing: string[];
}

const REAL = '?bench-real';

/**
 * A module with the same export names: those in `keep` re-exported from the real module, the other
 * functions throwing, the other values undefined.
 */
export function stubModule(source: string, realId: string, keep: string[]): string {
  const out = ['// bench stub: failure-only code removed'];
  if (keep.length) out.push(`export { ${keep.join(', ')} } from ${JSON.stringify(realId + REAL)};`);
  const seen = new Set<string>(keep);
  for (const match of source.matchAll(/^export\s+(?:declare\s+)?(async\s+function|function\*?|const|let|var|class|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/gm)) {
    const [, kind, name] = match;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    if (kind!.includes('function') || kind!.includes('class')) out.push(`export function ${name}() { throw new Error('bench: failure-only code removed (${name})'); }`);
    else out.push(`export const ${name} = undefined;`);
  }
  for (const match of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of match[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && !name.startsWith('type ') && !seen.has(name)) {
        seen.add(name);
        out.push(`export const ${name} = undefined;`);
      }
    }
  }
  return out.join('\n');
}

async function build(entry: 'collection-prerequest' | 'collection-test', stubs: Map<string, string[]>): Promise<BenchBundle> {
  const tsPlugin: Plugin = {
    name: 'bench-esbuild-ts',
    resolveId(source) {
      return source.endsWith(REAL) ? source : null;
    },
    async load(id) {
      const real = id.endsWith(REAL);
      const file = real ? id.slice(0, -REAL.length) : id;
      if (!file.endsWith('.ts')) return null;
      const source = readFileSync(file, 'utf8');
      const keep = stubs.get(path.resolve(file));
      if (!real && keep) return stubModule(source, path.resolve(file), keep);
      const result = await transform(source, { loader: 'ts', format: 'esm', target: 'es2017', sourcefile: file });
      return result.code;
    },
  };
  const bundle = await rollup({
    input: path.join(ROOT, 'scripts-src', 'entries', `${entry}.ts`),
    plugins: [tsPlugin, nodeResolve({ browser: false, preferBuiltins: false, extensions: ['.ts', '.js', '.mjs', '.json'] }), commonjs()],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({
      format: 'iife',
      strict: false,
      banner: `/*! netsuite-postman ${entry}: bench rebuild${stubs.size ? ' (failure-only modules stubbed)' : ''} */`,
      plugins: [terser({ format: { comments: /^!/ }, compress: { passes: 2 }, ecma: 2017 })],
    });
    const code = output[0].code;
    return { lines: code.replace(/\n$/, '').split('\n'), bytes: Buffer.byteLength(code) };
  } finally {
    await bundle.close();
  }
}

export async function buildBenchBundles(): Promise<BenchBundles> {
  const stubbed: BenchBundles['stubbed'] = [];
  const missing: string[] = [];
  const stubsOf = (entry: keyof typeof FAILURE_ONLY_MODULES) => {
    const set = new Map<string, string[]>();
    for (const { module, keep } of FAILURE_ONLY_MODULES[entry]) {
      const file = path.join(ROOT, 'scripts-src', module);
      try {
        stubbed.push({ module, keep, sourceBytes: readFileSync(file).length });
        set.set(path.resolve(file), keep);
      } catch {
        missing.push(module);
      }
    }
    return set;
  };
  const preStubs = stubsOf('collection-prerequest');
  const testStubs = stubsOf('collection-test');
  const none = new Map<string, string[]>();
  const [fullPre, fullTest, strippedPre, strippedTest] = await Promise.all([
    build('collection-prerequest', none),
    build('collection-test', none),
    build('collection-prerequest', preStubs),
    build('collection-test', testStubs),
  ]);
  return { full: { pre: fullPre, test: fullTest }, stripped: { pre: strippedPre, test: strippedTest }, stubbed, missing };
}
