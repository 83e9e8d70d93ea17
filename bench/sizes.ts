/**
 * Benchmark 5: sizes. Each bundle in dist/scripts as built (minified by terser), gzip -6
 * (node:zlib default level) of it, and an unminified build of the same entry (rollup.config.mjs
 * loaded through Rollup's JS API with terser and the budget check removed, generated in memory);
 * each generated collection file; against BUDGETS of rollup.config.mjs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
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

export async function runSizes(): Promise<SizesResult> {
  const { BUDGETS } = (await import(pathToFileURL(path.join(ROOT, 'rollup.config.mjs')).href)) as { BUDGETS: Record<string, number> };
  log('  building unminified bundles in memory (Rollup without terser)');
  const { sizes, note } = await unminifiedSizes();
  const bundles = [...distSnapshot().values()].map(({ name, bytes }) => ({ name, minified: bytes.length, gzip: gzipSync(bytes).length, unminified: sizes.get(name), budget: BUDGETS[name] }));
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
