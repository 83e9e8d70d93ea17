import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type { CliIo } from '../../cli/cliTypes.ts';
import { BUNDLES } from '../../generator/bundles.ts';
import { extractScriptMetadata } from '../../generator/extractVariables.ts';
import { generate, type GenerateOptions } from '../../generator/generate.ts';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(HERE, 'fixtures');
/** Fixture entries and modules; the contract and NspError come from the real sources (fixtureScripts()). */
const FIXTURE_SCRIPT_FILES = join(FIXTURES, 'scripts-src');
/** Real source files the fixture tree uses as they are (never copied into the fixtures). */
const REAL_SOURCES = ['core/NspError.ts', 'pm/variables.ts'];
const REPO = join(HERE, '..', '..');
export const FIXTURE_BUNDLES = join(FIXTURES, 'bundles');
export const GOLDEN = join(HERE, 'golden');
export const SCHEMA_FILE = join(HERE, '..', '..', 'schemas', 'postman-collection-v2.1.0.schema.json');

const temps: string[] = [];

export function tempDir(prefix = 'nsp-gen-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A writable copy of the fixture bundles. */
export function bundlesCopy(): string {
  const dir = tempDir('nsp-bundles-');
  cpSync(FIXTURE_BUNDLES, dir, { recursive: true });
  return dir;
}

function buildScriptTree(dir: string): string {
  cpSync(FIXTURE_SCRIPT_FILES, dir, { recursive: true });
  for (const file of REAL_SOURCES) cpSync(join(REPO, 'scripts-src', file), join(dir, file));
  return dir;
}

let sharedTree: string | undefined;
/** The fixture script tree: fixture entries plus the real contract (pm/variables.ts) and NspError. */
export function fixtureScripts(): string {
  if (!sharedTree) {
    const dir = buildScriptTree(mkdtempSync(join(tmpdir(), 'nsp-fixture-scripts-')));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    sharedTree = dir;
  }
  return sharedTree;
}

/** A writable copy of the fixture script tree. */
export function scriptsCopy(): string {
  return buildScriptTree(tempDir('nsp-scripts-'));
}

/** The script metadata of a script tree, as the build extracts it. */
export function fixtureMetadata(scriptsDir = fixtureScripts()) {
  return extractScriptMetadata({
    entriesDir: join(scriptsDir, 'entries'),
    contractFile: join(scriptsDir, 'pm', 'variables.ts'),
    entries: [...BUNDLES],
    root: scriptsDir,
  });
}

/** generate() on the fixtures (overridable; `scriptsDir` swaps the script tree), into `outDir`. */
export function generateFixture(outDir: string, options: GenerateOptions & { scriptsDir?: string } = {}) {
  const { scriptsDir, ...rest } = options;
  return generate({ outDir, bundlesDir: FIXTURE_BUNDLES, root: FIXTURES, metadata: fixtureMetadata(scriptsDir), ...rest });
}

export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** The Postman Collection v2.1.0 schema (draft-07) compiled by ajv. */
export function collectionValidator() {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(readJson(SCHEMA_FILE));
  }
  return validator;
}

export interface CapturedIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

export function captureIo(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env,
    cwd,
    interrupted: new Promise(() => {}),
  };
}
