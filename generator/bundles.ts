import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GeneratorError } from './GeneratorError.ts';

/**
 * The Rollup bundles the collections use (dist/scripts/<name>.js, each built from
 * scripts-src/entries/<name>.ts). Where each one goes is in the collection definitions.
 */
export const BUNDLES = [
  'collection-prerequest',
  'collection-test',
  'mint-m2m',
  'token-response',
  'authorize-url',
  'authorize-response',
  'exchange-code',
  'refresh-token',
] as const;
export type BundleName = (typeof BUNDLES)[number];

/** A bundle's script as Postman stores it: one string per line, no trailing empty line. */
export type ScriptLines = string[];

export function scriptLines(source: string): ScriptLines {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Reads the named bundles from `bundlesDir`; fails listing every missing one. */
export function readBundles(bundlesDir: string, names: readonly BundleName[], root = process.cwd()): Map<BundleName, ScriptLines> {
  const missing = names.filter((name) => !existsSync(join(bundlesDir, `${name}.js`)));
  if (missing.length > 0) {
    const where = relative(root, bundlesDir) || bundlesDir;
    throw new GeneratorError(
      'MISSING_BUNDLE',
      `missing bundle${missing.length === 1 ? '' : 's'} in ${where}: ${missing.map((name) => `${name}.js`).join(', ')}; run \`npm run build\` first.`,
      where,
    );
  }
  return new Map(names.map((name) => [name, scriptLines(readFileSync(join(bundlesDir, `${name}.js`), 'utf8'))]));
}
