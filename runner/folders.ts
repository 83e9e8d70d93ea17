import type { PostmanCollectionJson, PostmanItemJson } from './collectionNames.ts';

/** The folder holding the auth requests; a partial run always runs it first (see planFolders). */
export const AUTH_FOLDER = 'Auth';

/** Every folder and request name in the collection, depth first. */
export function itemNames(collection: PostmanCollectionJson): string[] {
  const names: string[] = [];
  const walk = (items: readonly PostmanItemJson[]) => {
    for (const item of items) {
      names.push(item.name);
      if (item.item) walk(item.item);
    }
  };
  walk(collection.item);
  return names;
}

/** Top-level folder names, for messages. */
export function topLevelFolders(collection: PostmanCollectionJson): string[] {
  return collection.item.filter((item) => Array.isArray(item.item)).map((item) => item.name);
}

/**
 * Newman's `folder` option for a partial run: the Auth folder first, then the asked folders or
 * requests that this collection has. The M2M signer is loaded by "Auth / Mint M2M token" (a request
 * sent without it is refused with NEEDS_MINT), and authcode refreshes there, so a partial run
 * without the Auth folder could not authenticate. Newman runs the entries in collection order,
 * and Auth is the first folder. Returns undefined when the collection has none of the names.
 */
export function planFolders(collection: PostmanCollectionJson, wanted: readonly string[]): string[] | undefined {
  const names = new Set(itemNames(collection));
  const present = wanted.filter((name) => names.has(name) && name !== AUTH_FOLDER);
  const onlyAuth = wanted.includes(AUTH_FOLDER) && names.has(AUTH_FOLDER);
  if (present.length === 0 && !onlyAuth) return undefined;
  return names.has(AUTH_FOLDER) ? [AUTH_FOLDER, ...present] : present;
}
