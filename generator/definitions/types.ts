import type { BundleName } from '../bundles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface KeyValue {
  key: string;
  value: string;
  description?: string;
}

export type BodyDef =
  /** A JSON body, written pretty-printed; `{{variables}}` may appear inside strings. */
  | { mode: 'json'; json: unknown }
  /** A form body; the pre-request script may fill empty values. */
  | { mode: 'urlencoded'; fields: KeyValue[] };

/** One request of a collection. Its name is unique across both collections (EXPECTATIONS key). */
export interface RequestDef {
  name: string;
  /** Markdown: what it does, what it needs, what it answers. */
  description: string;
  method: HttpMethod;
  /** Raw URL with `{{variables}}`. */
  url: string;
  headers?: KeyValue[];
  body?: BodyDef;
  /** Item-level scripts (only the Auth requests have them). */
  prerequest?: BundleName;
  test?: BundleName;
  /**
   * An item-level test script given as its lines, for generated collections whose checks come from
   * data rather than from a bundle (the metadata collection's expected statuses). Not with `test`.
   */
  testScript?: string[];
  /** `false` keeps Postman from following a redirect (the authorize URL answers 302). */
  followRedirects?: false;
}

export interface FolderDef {
  name: string;
  /** Markdown; the generator appends the variables the folder's requests need. */
  description: string;
  items: RequestDef[];
}

export interface CollectionVariableDef {
  key: string;
  value: string;
  description: string;
  /**
   * Earlier variables this one took over, and why: a release that removes them says so in
   * collections/CHANGELOG.md instead of only listing them as removed. Not part of the collection.
   */
  replaces?: { variables: readonly string[]; because: string };
  /**
   * Listed in the collection's description but not declared in its `variable` array: the engines
   * copy every declared variable into every script execution of every request, so what only some
   * requests use is created when a script first sets it (or by the user in the Variables tab).
   * `because` goes into collections/CHANGELOG.md when a release stops declaring it.
   */
  undeclared?: { because: string };
}

export interface CollectionDef {
  /** File stem and id root, e.g. `netsuite-rest`. */
  slug: string;
  /** Display name in Postman. */
  name: string;
  /** Markdown; the generator appends the variables each auth method needs. */
  description: string;
  prerequest: BundleName;
  test: BundleName;
  folders: FolderDef[];
  variables: CollectionVariableDef[];
}
