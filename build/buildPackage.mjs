// Build step: compiles the CLI and the programmatic API (TypeScript) into plain ESM JavaScript in
// dist/lib/ with esbuild, so an installed package runs without tsx. Runtime dependencies stay
// external (installed with the package); everything else the code imports is bundled in.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { cli: 'cli/main.ts', index: 'index.ts' },
  outdir: 'dist/lib',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(pkg.dependencies ?? {}),
  // Bundled CommonJS (jsrsasign) may call require(): give the ESM output one.
  banner: { js: "import { createRequire as __nspCreateRequire } from 'node:module'; const require = __nspCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
});
console.log('dist/lib: cli.js, index.js');

// Declarations of the API (tsc --emitDeclarationOnly, see tsconfig.types.json) keep the sources'
// `.ts` specifiers; point them at the emitted `.js`/`.d.ts` pairs.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
const walk = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
for (const file of walk('dist/types').filter((name) => name.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'").replace(/(import\('\.{1,2}\/[^']*)\.ts'\)/g, "$1.js')");
  if (fixed !== text) writeFileSync(file, fixed);
}
console.log('dist/types: index.d.ts');
