import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { COLLECTIONS as DEFINITIONS } from '../generator/definitions/index.ts';
import { RunnerError } from './RunnerError.ts';

/** A collection the runner knows: its short name, its file stem and where it lives. */
export interface CollectionRef {
  /** Short name used in the summary and on the command line: `rest`, `restlets`. */
  name: string;
  /** File stem: `netsuite-rest`. */
  stem: string;
  /** A collection file of the user's (exported from Postman); built-in collections have none. */
  file?: string;
}

/** The built-in collections, from the generator's definitions: `netsuite-rest` is `rest`. */
export const COLLECTIONS: readonly CollectionRef[] = DEFINITIONS.map((def) => ({ name: def.slug.replace(/^netsuite-/, ''), stem: def.slug }));

export function collectionPath(root: string, ref: CollectionRef): string {
  return ref.file ?? join(root, 'collections', `${ref.stem}.postman_collection.json`);
}

const FILE_SUFFIX = /(\.postman_collection)?\.json$/i;

/** A `--collection` value that is a path (has a slash or ends in .json and exists) is a user's collection file. */
function userCollection(value: string, cwd: string): CollectionRef | undefined {
  if (!/[\\/]/.test(value) && !(FILE_SUFFIX.test(value) && existsSync(resolve(cwd, value)))) return undefined;
  const file = resolve(cwd, value);
  if (!existsSync(file) || statSync(file).isDirectory()) {
    throw new RunnerError('MISSING_COLLECTION', `collection file ${value} does not exist (looked at ${file}). Export it from Postman (Collection → Export → v2.1) or give a built-in name: ${validNames()}.`);
  }
  const stem = basename(file).replace(FILE_SUFFIX, '');
  return { name: stem, stem, file };
}

function validNames(): string {
  return COLLECTIONS.map((ref) => `${ref.name} (${ref.stem})`).join(', ');
}

/**
 * Resolves `--collection` values (repeatable, comma-separated; short name, file stem or file name)
 * to collections in their canonical order. No value means every collection.
 */
export function resolveCollections(values: readonly string[], cwd = process.cwd()): CollectionRef[] {
  const wanted = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
  if (wanted.length === 0) return [...COLLECTIONS];
  const picked = new Set<CollectionRef>();
  const files: CollectionRef[] = [];
  for (const value of wanted) {
    const user = userCollection(value, cwd);
    if (user) {
      if (!files.some((ref) => ref.file === user.file)) files.push(user);
      continue;
    }
    const bare = value.replace(/\.postman_collection\.json$/, '').toLowerCase();
    const ref = COLLECTIONS.find((candidate) => candidate.name === bare || candidate.stem === bare);
    if (!ref) throw new RunnerError('UNKNOWN_COLLECTION', `unknown collection "${value}". Valid names: ${validNames()}, or the path of a collection file.`);
    picked.add(ref);
  }
  return [...COLLECTIONS.filter((ref) => picked.has(ref)), ...files];
}

/** A collection file as JSON; a missing or broken file is a usage error that says what to run. */
export function loadCollection(root: string, ref: CollectionRef): PostmanCollectionJson {
  const file = collectionPath(root, ref);
  if (!existsSync(file)) {
    throw new RunnerError('MISSING_COLLECTION', `${file} does not exist. Run \`npm run build && npx netsuite-postman generate\` first.`);
  }
  let parsed: PostmanCollectionJson;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as PostmanCollectionJson;
  } catch {
    throw new RunnerError('INVALID_COLLECTION', `${file} is not valid JSON.${ref.file ? ' Export the collection from Postman again (v2.1).' : ' Regenerate it with `npx netsuite-postman generate`.'}`);
  }
  if (!parsed || typeof parsed !== 'object' || !parsed.info || !Array.isArray(parsed.item)) {
    throw new RunnerError('INVALID_COLLECTION', `${file} is not a Postman collection (expected "info" and an "item" array; an environment goes to --environment).`);
  }
  return parsed;
}

export interface PostmanItemJson {
  name: string;
  item?: PostmanItemJson[];
  request?: unknown;
}

export interface PostmanCollectionJson {
  info: { name: string; version?: string };
  item: PostmanItemJson[];
}
