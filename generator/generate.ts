import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXPECTATIONS, type Expectation } from '../scripts-src/core/expectations.ts';
import { type BundleName, readBundles } from './bundles.ts';
import { buildCollection, bundlesOf } from './buildCollection.ts';
import { canonicalJson } from './canonicalJson.ts';
import { CHANGELOG_FILE, type Release, updateChangelog } from './changelog.ts';
import { checkExpectations } from './checkExpectations.ts';
import { COLLECTIONS } from './definitions/index.ts';
import type { CollectionDef } from './definitions/types.ts';
import { buildEnvironmentTemplate, templateFile, TEMPLATES } from './environments.ts';
import type { ScriptMetadata } from './extractVariables.ts';
import { GeneratorError } from './GeneratorError.ts';
import { PACKAGE_ROOT } from './packageRoot.ts';
import { readScriptMetadata } from './scriptMetadataFile.ts';
import { decideVersion, FIRST_VERSION, summary, type VersionDecision } from './versioning.ts';

/** The package root: the repository in a clone, the package folder when installed. */
export const REPO_ROOT = PACKAGE_ROOT;

export interface GenerateOptions {
  /** Where `collections/` and `environments/` are read (committed) and written. Default: the repo root. */
  outDir?: string;
  /** The Rollup bundles. Default: `<repo>/dist/scripts`. */
  bundlesDir?: string;
  /** The variable contract and each bundle's reads. Default: the build's dist/script-metadata.json. */
  metadata?: ScriptMetadata;
  /** Locations in messages are relative to this. Default: the repo root. */
  root?: string;
  collections?: readonly CollectionDef[];
  expectations?: Readonly<Record<string, Expectation>>;
}

export interface GeneratedFile {
  /** Relative to outDir, `/`-separated. */
  path: string;
  content: string;
  /** The file on disk before this run (`undefined` when absent). */
  committed: string | undefined;
  /** One progress line, e.g. `collections/x.json 1.0.0 → 1.0.1 (patch: scripts changed)`. */
  progress: string;
  version?: VersionDecision;
}

export interface GenerateResult {
  outDir: string;
  files: GeneratedFile[];
  warnings: string[];
}

export function collectionFile(slug: string): string {
  return `collections/${slug}.postman_collection.json`;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * One collection built from its definition and versioned against the file committed in `outDir`
 * (the same path for the built-in collections and a metadata collection); writes nothing.
 */
export function buildVersionedCollection(
  def: CollectionDef,
  bundles: Map<BundleName, string[]>,
  metadata: ScriptMetadata,
  outDir: string,
): GeneratedFile & { version: VersionDecision } {
  const path = collectionFile(def.slug);
  const committedText = readIfExists(join(outDir, path));
  let committed: Record<string, unknown> | undefined;
  if (committedText !== undefined) {
    try {
      committed = JSON.parse(committedText) as Record<string, unknown>;
    } catch (error) {
      throw new GeneratorError('BAD_COMMITTED_FILE', `${path} is not valid JSON (${(error as Error).message}); fix or delete it.`, path);
    }
  }
  const json = buildCollection({ def, bundles, metadata, version: FIRST_VERSION });
  const decision = decideVersion(committed, json, path, def.variables);
  (json.info as Record<string, unknown>).version = decision.next;
  const versions = decision.previous && decision.previous !== decision.next ? `${decision.previous} → ${decision.next}` : decision.next;
  return { path, content: canonicalJson(json), committed: committedText, progress: `${path} ${versions} (${summary(decision)})`, version: decision };
}

/** Builds every collection, environment template and the changelog in memory; writes nothing. */
export function generate(options: GenerateOptions = {}): GenerateResult {
  const outDir = resolve(options.outDir ?? REPO_ROOT);
  const root = resolve(options.root ?? REPO_ROOT);
  const bundlesDir = resolve(options.bundlesDir ?? join(REPO_ROOT, 'dist', 'scripts'));
  const collections = options.collections ?? COLLECTIONS;

  checkExpectations(collections, options.expectations ?? EXPECTATIONS);
  const metadata = options.metadata ?? readScriptMetadata();
  const needed = [...new Set(collections.flatMap((def) => bundlesOf(def)))] as BundleName[];
  const bundles = readBundles(bundlesDir, needed, root);

  const files: GeneratedFile[] = [];
  const releases: Release[] = [];
  for (const def of collections) {
    const file = buildVersionedCollection(def, bundles, metadata, outDir);
    releases.push({ slug: def.slug, decision: file.version });
    files.push(file);
  }

  const changelogCommitted = readIfExists(join(outDir, CHANGELOG_FILE));
  const changelog = updateChangelog(changelogCommitted, releases);
  files.push({
    path: CHANGELOG_FILE,
    content: changelog,
    committed: changelogCommitted,
    progress: `${CHANGELOG_FILE} (${changelog === changelogCommitted ? 'unchanged' : 'updated'})`,
  });

  for (const template of TEMPLATES) {
    const path = templateFile(template);
    const committedText = readIfExists(join(outDir, path));
    const content = canonicalJson(buildEnvironmentTemplate(template, metadata.contract.variables));
    files.push({
      path,
      content,
      committed: committedText,
      progress: `${path} (${committedText === undefined ? 'new' : committedText === content ? 'unchanged' : 'updated'})`,
    });
  }
  return { outDir, files, warnings: metadata.warnings };
}

/** Files whose generated content differs from what is on disk. */
export function drift(result: GenerateResult): string[] {
  return result.files.filter((file) => file.content !== file.committed).map((file) => file.path);
}

/** Writes the files that changed; returns their paths. */
export function writeGenerated(result: GenerateResult): string[] {
  const written: string[] = [];
  for (const file of result.files) {
    if (file.content === file.committed) continue;
    const target = join(result.outDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    written.push(file.path);
  }
  return written;
}
