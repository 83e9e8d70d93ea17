import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readBundles, type BundleName } from '../bundles.ts';
import { bundlesOf } from '../buildCollection.ts';
import { CHANGELOG_FILE, updateChangelog } from '../changelog.ts';
import { COLLECTIONS } from '../definitions/index.ts';
import type { ScriptMetadata } from '../extractVariables.ts';
import { buildVersionedCollection, REPO_ROOT, type GeneratedFile } from '../generate.ts';
import { GeneratorError } from '../GeneratorError.ts';
import { readScriptMetadata } from '../scriptMetadataFile.ts';
import type { VersionDecision } from '../versioning.ts';
import { DEFAULT_SLUG, metadataCollectionDef } from './metadataCollectionDef.ts';
import { readOpenApiFile, resolveOpenApi } from './readOpenApi.ts';
import { recordOperations, unsupportedMethods } from './recordOperations.ts';

export interface GenerateMetadataOptions {
  /** The OpenAPI 3 document, parsed (what `fetchMetadataCatalog` returns). Give this or `file`. */
  document?: unknown;
  /** A saved OpenAPI 3 document (JSON). Give this or `document`. */
  file?: string;
  /** Record types to include, in this order (case-insensitive); every one of the document's when omitted or empty. */
  records?: readonly string[];
  /** The collection goes to `<outDir>/collections/<name>.postman_collection.json`, next to `CHANGELOG.md`. */
  outDir: string;
  /** File stem of the collection; default `netsuite-records`. */
  name?: string;
  /** The Rollup bundles. Default: `<repo>/dist/scripts` (run `npm run build` first). */
  bundlesDir?: string;
  /** The variable contract and each bundle's reads. Default: the build's dist/script-metadata.json. */
  metadata?: ScriptMetadata;
  /** Locations in messages are relative to this. Default: the repo root. */
  root?: string;
}

export interface GenerateMetadataResult {
  outDir: string;
  /** Absolute path of the collection file. */
  collectionPath: string;
  /** The collection and the changelog, as generated (paths relative to outDir). */
  files: GeneratedFile[];
  /** Paths (relative to outDir) that were written because they changed; empty when nothing changed. */
  written: string[];
  version: VersionDecision;
  /** Record types in the collection, in folder order. */
  records: string[];
  /** Requests outside the Auth folder. */
  requests: number;
  /** Things left out, e.g. `HEAD /customer` (methods a request here cannot carry). */
  warnings: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function slugOf(name: string | undefined): string {
  if (name === undefined || name === '') return DEFAULT_SLUG;
  const slug = name.replace(/\.postman_collection\.json$/, '').replace(/\.json$/, '');
  if (!NAME.test(slug) || slug.includes('..')) {
    throw new GeneratorError(
      'BAD_OPTION',
      `name "${name}" is not a file name for a collection: use letters, digits, ".", "_" and "-" (it becomes collections/<name>.postman_collection.json).`,
    );
  }
  const builtIn = COLLECTIONS.find((def) => def.slug === slug);
  if (builtIn) {
    throw new GeneratorError('BAD_OPTION', `name "${slug}" is the built-in ${builtIn.name} collection; choose another name, e.g. ${DEFAULT_SLUG}.`);
  }
  return slug;
}

function pickRecords(available: readonly string[], asked: readonly string[] | undefined, source: string): string[] {
  const wanted = (asked ?? []).map((name) => name.trim()).filter(Boolean);
  if (wanted.length === 0) return [...available];
  const picked: string[] = [];
  const unknown: string[] = [];
  for (const name of wanted) {
    const match = available.find((type) => type.toLowerCase() === name.toLowerCase());
    if (!match) unknown.push(name);
    else if (!picked.includes(match)) picked.push(match);
  }
  if (unknown.length > 0) {
    throw new GeneratorError(
      'METADATA_UNKNOWN_RECORD_TYPE',
      `${source} has no record type ${unknown.map((name) => `"${name}"`).join(', ')}. It describes: ${available.join(', ')}. Fetch the catalog again with those types in --records, or leave them out.`,
      source,
    );
  }
  return picked;
}

/**
 * Turns a saved metadata catalog (OpenAPI 3) into `<outDir>/collections/<name>.postman_collection.json`
 * with the project's definitions and build, versions it against the file already there and adds a
 * changelog entry. Checks everything before writing: on any error (a coded GeneratorError) nothing
 * is written. Never prints.
 */
export async function generateMetadataCollection(options: GenerateMetadataOptions): Promise<GenerateMetadataResult> {
  if ((options.document === undefined) === (options.file === undefined)) {
    throw new GeneratorError('BAD_OPTION', 'give the OpenAPI document either as `document` or as `file`, not both and not neither.');
  }
  const slug = slugOf(options.name);
  const outDir = resolve(options.outDir);
  const root = resolve(options.root ?? REPO_ROOT);
  const source = options.file ?? 'the metadata document';
  const raw = options.file !== undefined ? readOpenApiFile(options.file) : options.document;
  const document = await resolveOpenApi(raw, source);
  const operations = recordOperations(document);
  if (operations.size === 0) {
    throw new GeneratorError('METADATA_NO_OPERATIONS', `${source} has no operations under "paths"; fetch the catalog with the record types you need (--records).`, source);
  }
  const records = pickRecords([...operations.keys()], options.records, source);
  const def = metadataCollectionDef({ document, operations, records, slug, source });

  const bundlesDir = resolve(options.bundlesDir ?? join(REPO_ROOT, 'dist', 'scripts'));
  const metadata = options.metadata ?? readScriptMetadata();
  const bundles = readBundles(bundlesDir, bundlesOf(def) as BundleName[], root);

  const collection = buildVersionedCollection(def, bundles, metadata, outDir);
  const version = collection.version;

  const changelogPath = join(outDir, CHANGELOG_FILE);
  const changelogCommitted = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : undefined;
  const changelog = updateChangelog(changelogCommitted, [{ slug: def.slug, decision: version }]);
  const files: GeneratedFile[] = [
    collection,
    {
      path: CHANGELOG_FILE,
      content: changelog,
      committed: changelogCommitted,
      progress: `${CHANGELOG_FILE} (${changelog === changelogCommitted ? 'unchanged' : 'updated'})`,
    },
  ];
  const written: string[] = [];
  for (const file of files) {
    if (file.content === file.committed) continue;
    const destination = join(outDir, file.path);
    mkdirSync(dirname(destination), { recursive: true });
    writeFileSync(destination, file.content);
    written.push(file.path);
  }
  return {
    outDir,
    collectionPath: join(outDir, collection.path),
    files,
    written,
    version,
    records,
    requests: def.folders.slice(1).reduce((sum, folder) => sum + folder.items.length, 0),
    warnings: unsupportedMethods(document).map((operation) => `${operation} is left out: a Postman request of this collection cannot carry that method.`),
  };
}
