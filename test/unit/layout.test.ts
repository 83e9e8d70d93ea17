/**
 * The layers of docs/design.md, checked on every import: only cli/ prints and exits, so no library
 * imports it; the simulator stands alone; the sandbox scripts import only each other (and the
 * libraries the bundle inlines).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? files(rel) : /\.(ts|mjs)$/.test(name) ? [rel] : [];
  });
}

/** Every relative import of a file, resolved to a repository path. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier)));
}

const outside = (file: string, allowed: string[]) => importsOf(file).filter((target) => !allowed.some((dir) => target.startsWith(`${dir}/`) || target === dir));

describe('layout', () => {
  it.each(['runner', 'doctor', 'generator', 'simulator', 'scripts-src'])('%s/ never imports the CLI layer', (dir) => {
    const offending = files(dir).flatMap((file) => importsOf(file).filter((target) => target.startsWith('cli/')).map((target) => `${file} → ${target}`));
    expect(offending).toEqual([]);
  });

  it('simulator/ imports nothing outside itself', () => {
    expect(files('simulator').flatMap((file) => outside(file, ['simulator']).map((target) => `${file} → ${target}`))).toEqual([]);
  });

  it('scripts-src/ imports nothing outside itself', () => {
    expect(files('scripts-src').flatMap((file) => outside(file, ['scripts-src']).map((target) => `${file} → ${target}`))).toEqual([]);
  });

  it('the layers are where docs/design.md puts them', () => {
    for (const file of ['cli/main.ts', 'cli/run.ts', 'cli/simulate.ts', 'runner/run.ts', 'doctor/doctor.ts', 'generator/generate.ts', 'index.ts']) {
      expect(statSync(path.join(ROOT, file)).isFile(), file).toBe(true);
    }
  });
});
