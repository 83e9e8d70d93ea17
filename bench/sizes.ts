/**
 * Benchmark 5: sizes. Each bundle in dist/scripts as built (minified by terser), gzip -6
 * (node:zlib default level) of it, and an unminified build of the same entry (rollup.config.mjs
 * loaded through Rollup's JS API with terser and the budget check removed, generated in memory);
 * each generated collection file; against BUDGETS of rollup.config.mjs.
 *
 * The unminified build takes ~20 s on this machine (a TypeScript program per entry and the runtime),
 * so its sizes are cached in node_modules/.cache/netsuite-postman-bench/, keyed by the sha256 of
 * everything the build reads (scripts-src/, build/, rollup.config.mjs, package-lock.json): an
 * unchanged source tree reuses the numbers, any change rebuilds. The report says which.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { inflateText, payloadOf } from '../build/runtimeCarrier.mjs';
import { distSnapshot, ROOT } from './lib/collections.ts';
import { log } from './lib/stats.ts';

export interface BundleSize {
  name: string;
  minified: number;
  gzip: number;
  unminified: number | undefined;
  budget: number | undefined;
}

export interface FileSize {
  name: string;
  raw: number;
  gzip: number;
}

export interface SizesResult {
  bundles: BundleSize[];
  collections: FileSize[];
  unminifiedNote: string;
}

type Plugin = { name?: string };
type Config = { input: string; output: { file: string; plugins?: Plugin[] } & Record<string, unknown>; plugins?: Plugin[] } & Record<string, unknown>;

async function unminifiedSizes(): Promise<{ sizes: Map<string, number>; note: string }> {
  const sizes = new Map<string, number>();
  try {
    const { rollup } = await import('rollup');
    const config = (await import(pathToFileURL(path.join(ROOT, 'rollup.config.mjs')).href)) as { default: Config[] };
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      for (const entry of config.default) {
        const { output, onwarn: _onwarn, ...input } = entry;
        const bundle = await rollup({
          ...input,
          plugins: (input.plugins ?? []).filter((p) => p && p.name !== 'netsuite-postman-bundle-check'),
          onwarn: () => {},
        } as never);
        const { file, plugins, ...rest } = output;
        const generated = await bundle.generate({ ...rest, plugins: (plugins ?? []).filter((p) => p && p.name !== 'terser') } as never);
        await bundle.close();
        const code = generated.output.find((chunk) => chunk.type === 'chunk') as { code: string } | undefined;
        sizes.set(path.basename(file), Buffer.byteLength(code?.code ?? ''));
      }
    } finally {
      process.chdir(cwd);
    }
    return { sizes, note: 'unminified: the same Rollup build without terser (same plugins, same banner), generated in memory' };
  } catch (error) {
    return { sizes, note: `unminified build failed (${(error as Error).message}); not reported` };
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** sha256 of every input of the Rollup build (paths and contents). */
export function buildInputsHash(): string {
  const files = [
    ...['scripts-src', 'build'].flatMap((d) => filesUnder(path.join(ROOT, d))),
    ...['rollup.config.mjs', 'package-lock.json'].map((f) => path.join(ROOT, f)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'netsuite-postman-bench', 'unminified-sizes.json');

async function cachedUnminifiedSizes(): Promise<{ sizes: Map<string, number>; note: string }> {
  const key = buildInputsHash();
  try {
    const cached = JSON.parse(readFileSync(CACHE, 'utf8')) as { key: string; sizes: Record<string, number>; note: string; builtAt: string };
    if (cached.key === key && Object.keys(cached.sizes).length) {
      log(`  unminified sizes from the cache (build inputs unchanged since ${cached.builtAt}, sha256 ${key.slice(0, 12)})`);
      return { sizes: new Map(Object.entries(cached.sizes)), note: `${cached.note}; taken from node_modules/.cache/netsuite-postman-bench/ (built ${cached.builtAt} from the same build inputs, sha256 ${key.slice(0, 12)} of scripts-src/, build/, rollup.config.mjs, package-lock.json)` };
    }
  } catch {
    // No cache or an unreadable one: build.
  }
  log('  building unminified bundles in memory (Rollup without terser; cached for unchanged sources)');
  const built = await unminifiedSizes();
  if (built.sizes.size) {
    try {
      mkdirSync(path.dirname(CACHE), { recursive: true });
      writeFileSync(CACHE, JSON.stringify({ key, sizes: Object.fromEntries(built.sizes), note: built.note, builtAt: new Date().toISOString() }));
    } catch {
      // A cache that cannot be written only costs the next run the build.
    }
  }
  return { sizes: built.sizes, note: `${built.note} during this run` };
}

export async function runSizes(): Promise<SizesResult> {
  const { BUDGETS } = (await import(pathToFileURL(path.join(ROOT, 'rollup.config.mjs')).href)) as { BUDGETS: Record<string, number> };
  const { sizes, note } = await cachedUnminifiedSizes();
  const bundles = [...distSnapshot().values()].map(({ name, bytes }) => ({ name, minified: bytes.length, gzip: gzipSync(bytes).length, unminified: sizes.get(name), budget: BUDGETS[name] }));
  // The runtime collection-prerequest.js carries deflated (build/runtimeCarrier.mjs), as text.
  const prerequest = distSnapshot().get('collection-prerequest.js');
  const payload = prerequest ? payloadOf(prerequest.bytes.toString('utf8')) : undefined;
  if (payload) {
    const text = Buffer.from(inflateText(payload), 'latin1');
    bundles.push({ name: 'runtime.js (carried deflated in collection-prerequest.js)', minified: text.length, gzip: gzipSync(text).length, unminified: undefined, budget: BUDGETS['runtime.js'] });
  }
  const collectionsDir = path.join(ROOT, 'collections');
  const collections = readdirSync(collectionsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(collectionsDir, name));
      return { name: `collections/${name}`, raw: statSync(path.join(collectionsDir, name)).size, gzip: gzipSync(text).length };
    });
  return { bundles, collections, unminifiedNote: note };
}
