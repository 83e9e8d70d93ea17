import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT } from '../cliTypes.ts';

/** A collection the runner knows: its short name, its file stem and where it lives. */
export interface CollectionRef {
  /** Short name used in the summary and on the command line: `rest`, `restlets`. */
  name: string;
  /** File stem: `netsuite-rest`. */
  stem: string;
}

export const COLLECTIONS: readonly CollectionRef[] = [
  { name: 'rest', stem: 'netsuite-rest' },
  { name: 'restlets', stem: 'netsuite-restlets' },
];

export function collectionPath(root: string, ref: CollectionRef): string {
  return join(root, 'collections', `${ref.stem}.postman_collection.json`);
}

function validNames(): string {
  return COLLECTIONS.map((ref) => `${ref.name} (${ref.stem})`).join(', ');
}

/**
 * Resolves `--collection` values (repeatable, comma-separated; short name, file stem or file name)
 * to collections in their canonical order. No value means every collection.
 */
export function resolveCollections(values: readonly string[]): CollectionRef[] {
  const wanted = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
  if (wanted.length === 0) return [...COLLECTIONS];
  const picked = new Set<CollectionRef>();
  for (const value of wanted) {
    const bare = value.replace(/\.postman_collection\.json$/, '').toLowerCase();
    const ref = COLLECTIONS.find((candidate) => candidate.name === bare || candidate.stem === bare);
    if (!ref) throw new CliError('UNKNOWN_COLLECTION', `unknown collection "${value}". Valid names: ${validNames()}.`, EXIT.usage);
    picked.add(ref);
  }
  return COLLECTIONS.filter((ref) => picked.has(ref));
}

/** A collection file as JSON; a missing or broken file is a usage error that says what to run. */
export function loadCollection(root: string, ref: CollectionRef): PostmanCollectionJson {
  const file = collectionPath(root, ref);
  if (!existsSync(file)) {
    throw new CliError('MISSING_COLLECTION', `${file} does not exist. Run \`npm run build && npx netsuite-postman generate\` first.`, EXIT.usage);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PostmanCollectionJson;
  } catch {
    throw new CliError('INVALID_COLLECTION', `${file} is not valid JSON. Regenerate it with \`npx netsuite-postman generate\`.`, EXIT.usage);
  }
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
