import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ScriptMetadata } from './extractVariables.ts';
import { GeneratorError } from './GeneratorError.ts';
import { PACKAGE_ROOT } from './packageRoot.ts';

/**
 * What the generator and the CLI need from the script sources (the variable contract and which
 * variables each bundle reads), extracted with ts-morph at build time (`npm run build`) into one
 * JSON file, so neither ts-morph nor the sources are needed at run time.
 */
export const SCRIPT_METADATA_FILE = join(PACKAGE_ROOT, 'dist', 'script-metadata.json');

interface Serialized {
  contract: ScriptMetadata['contract'];
  reads: Record<string, string[]>;
  warnings: string[];
}

export function serializeScriptMetadata(metadata: ScriptMetadata): string {
  const reads: Record<string, string[]> = {};
  for (const key of [...metadata.reads.keys()].sort()) reads[key] = metadata.reads.get(key)!;
  const body: Serialized = { contract: metadata.contract, reads, warnings: metadata.warnings };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function writeScriptMetadata(metadata: ScriptMetadata, file = SCRIPT_METADATA_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, serializeScriptMetadata(metadata));
}

let cached: ScriptMetadata | undefined;

/** The build's script metadata; a missing file says to run the build. */
export function readScriptMetadata(file = SCRIPT_METADATA_FILE): ScriptMetadata {
  if (file === SCRIPT_METADATA_FILE && cached) return cached;
  if (!existsSync(file)) {
    throw new GeneratorError('MISSING_BUNDLE', `missing ${file}: run \`npm run build\` first (it extracts the variable contract from scripts-src/).`, file);
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Serialized;
  const metadata: ScriptMetadata = { contract: parsed.contract, reads: new Map(Object.entries(parsed.reads)), warnings: parsed.warnings };
  if (file === SCRIPT_METADATA_FILE) cached = metadata;
  return metadata;
}
