import sdk from 'postman-collection';
import type { BundleName, ScriptLines } from './bundles.ts';
import { canonicalize } from './canonicalJson.ts';
import { placeholders } from '../scripts-src/core/placeholders.ts';
import { describeCollection, describeFolder, ON_SEND } from './describe.ts';
import type { CollectionDef, RequestDef } from './definitions/types.ts';
import type { ScriptMetadata } from './extractVariables.ts';
import { GeneratorError } from './GeneratorError.ts';
import { loadExamples, type ExampleFixtures } from './examples/examples.ts';
import { stableId } from './stableId.ts';

const { Collection, Event, Item, ItemGroup, Script, Url } = sdk;

export const COLLECTION_SCHEMA_URL = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface BuildCollectionInput {
  def: CollectionDef;
  bundles: ReadonlyMap<BundleName, ScriptLines>;
  metadata: ScriptMetadata;
  /** Semver string stored as `info.version`. */
  version: string;
  /** Saved response examples by `slug/folder/request`; default: the committed recording. */
  examples?: ExampleFixtures;
}

/** The bundles a collection definition uses, collection level first. */
export function bundlesOf(def: CollectionDef): BundleName[] {
  const names = new Set<BundleName>([def.prerequest, def.test]);
  for (const folder of def.folders) {
    for (const item of folder.items) {
      if (item.prerequest) names.add(item.prerequest);
      if (item.test) names.add(item.test);
    }
  }
  return [...names];
}

function requestText(request: RequestDef): string {
  return JSON.stringify([request.url, request.headers ?? [], request.body ?? null]);
}

function markdown(content: string) {
  return { content, type: 'text/markdown' };
}

function scriptEvent(path: string, listen: 'prerequest' | 'test', bundle: BundleName, bundles: ReadonlyMap<BundleName, ScriptLines>) {
  const exec = bundles.get(bundle);
  if (!exec) throw new GeneratorError('MISSING_BUNDLE', `bundle ${bundle}.js was not loaded; run \`npm run build\` first.`);
  return new Event({
    id: stableId(`${path}#${listen}`),
    listen,
    script: new Script({ id: stableId(`${path}#${listen}/script`), type: 'text/javascript', exec: [...exec] }),
  } as never);
}

/** An item script given as lines (see `RequestDef.testScript`). */
function inlineScriptEvent(path: string, listen: 'prerequest' | 'test', exec: readonly string[]) {
  return new Event({
    id: stableId(`${path}#${listen}`),
    listen,
    script: new Script({ id: stableId(`${path}#${listen}/script`), type: 'text/javascript', exec: [...exec] }),
  } as never);
}

function requestBody(request: RequestDef): Record<string, unknown> | undefined {
  const body = request.body;
  if (!body) return undefined;
  if (body.mode === 'json') {
    return { mode: 'raw', raw: JSON.stringify(body.json, null, 2), options: { raw: { language: 'json' } } };
  }
  return {
    mode: 'urlencoded',
    urlencoded: body.fields.map((field) => ({ key: field.key, value: field.value, ...(field.description ? { description: field.description } : {}) })),
  };
}

/** Builds one collection with the postman-collection SDK and returns its v2.1 JSON (canonical key order). */
export function buildCollection(input: BuildCollectionInput): Record<string, unknown> {
  const { def, bundles, metadata } = input;
  const contractNames = new Set(metadata.contract.variables.map((variable) => variable.name));
  const collectionVariableNames = new Set(def.variables.map((variable) => variable.key));
  const readsOf = (bundle: BundleName | undefined) => (bundle ? (metadata.reads.get(bundle) ?? []) : []);

  const collectionUsed = new Set<string>([...readsOf(def.prerequest), ...readsOf(def.test)]);
  const collection = new Collection({
    info: {
      _postman_id: stableId(def.slug),
      name: def.name,
      version: input.version,
    },
    // Declared without descriptions: those are in the collection's description (describeCollection).
    variable: def.variables.filter((variable) => !variable.undeclared).map((variable) => ({ key: variable.key, value: variable.value, type: 'string' })),
    auth: { type: 'noauth' },
    protocolProfileBehavior: { disableCookies: true },
  } as never);
  collection.events.add(scriptEvent(def.slug, 'prerequest', def.prerequest, bundles));
  collection.events.add(scriptEvent(def.slug, 'test', def.test, bundles));

  const usedCollectionVariables = new Set<string>();
  for (const folder of def.folders) {
    const folderPath = `${def.slug}/${folder.name}`;
    const folderUsed = new Set<string>();
    const folderCollectionVariables = new Set<string>();
    const group = new ItemGroup<InstanceType<typeof Item>>({ id: stableId(folderPath), name: folder.name } as never);
    for (const request of folder.items) {
      const path = `${folderPath}/${request.name}`;
      for (const name of [...readsOf(request.prerequest), ...readsOf(request.test)]) folderUsed.add(name);
      for (const name of placeholders(requestText(request))) {
        if (contractNames.has(name)) folderUsed.add(name);
        else if (collectionVariableNames.has(name)) folderCollectionVariables.add(name);
        else {
          throw new GeneratorError(
            'BAD_DEFINITION',
            `${path}: uses {{${name}}}, which is neither a contract variable nor a variable of the collection.`,
          );
        }
      }
      const body = requestBody(request);
      const item = new Item({
        id: stableId(path),
        name: request.name,
        request: {
          method: request.method,
          url: request.url,
          header: (request.headers ?? []).map((header) => ({ ...header })),
          ...(body ? { body } : {}),
          description: markdown(request.prerequest ? request.description : `${request.description.trim()}\n\n${ON_SEND}`),
        },
        protocolProfileBehavior: {
          disableCookies: true,
          ...(request.followRedirects === false ? { followRedirects: false } : {}),
        },
      } as never);
      if (request.prerequest) item.events.add(scriptEvent(path, 'prerequest', request.prerequest, bundles));
      if (request.test) item.events.add(scriptEvent(path, 'test', request.test, bundles));
      else if (request.testScript) item.events.add(inlineScriptEvent(path, 'test', request.testScript));
      group.items.add(item);
    }
    for (const name of folderUsed) collectionUsed.add(name);
    for (const name of folderCollectionVariables) usedCollectionVariables.add(name);
    group.describe(
      describeFolder({
        intro: folder.description,
        contract: metadata.contract.variables,
        used: folderUsed,
        collectionVariables: def.variables.map((variable) => variable.key).filter((key) => folderCollectionVariables.has(key)),
      }),
      'text/markdown',
    );
    collection.items.add(group);
  }
  collection.describe(
    describeCollection({
      intro: def.description,
      contract: metadata.contract.variables,
      used: collectionUsed,
      collectionVariables: def.variables.map((variable) => ({ key: variable.key, description: variable.description, declared: !variable.undeclared })),
    }),
    'text/markdown',
  );

  const json = collection.toJSON() as Record<string, any>;
  json.info.version = input.version;
  json.info.schema = COLLECTION_SCHEMA_URL;
  visitRequests(json.item, (request) => {
    if (request.url && typeof request.url === 'object') request.url.raw = new Url(request.url).toString();
    for (const key of ['variable', 'query']) {
      if (request.url && Array.isArray(request.url[key]) && request.url[key].length === 0) delete request.url[key];
    }
  });
  addExamples(def.slug, json.item, input.examples ?? loadExamples());
  // SDK leftovers the app shows as noise: the top-level `_` (the id is in info._postman_id) and empty event lists.
  delete json._;
  dropEmptyEvents(json.item);
  return canonicalize(json) as Record<string, unknown>;
}

/**
 * Saved response examples (recorded against the simulator: generator/examples/recordExamples.ts),
 * each with the item's own request as its original request. A refusal's diagnosis (what the
 * collection's test script says about it) goes into the request description, where the app shows it.
 */
function addExamples(slug: string, items: any[], examples: ExampleFixtures, parents: string[] = []): void {
  for (const item of items ?? []) {
    const path = [...parents, item.name];
    if (Array.isArray(item.item)) {
      addExamples(slug, item.item, examples, path);
      continue;
    }
    const saved = examples[`${slug}/${path.join('/')}`];
    if (!saved || saved.length === 0) continue;
    const original = JSON.parse(JSON.stringify(item.request));
    delete original.description;
    item.response = saved.map((example) => ({
      id: stableId(`${slug}/${path.join('/')}#example/${example.name}`),
      name: example.name,
      originalRequest: original,
      status: example.status,
      code: example.code,
      _postman_previewlanguage: /json/i.test(example.header.find((h) => /^content-type$/i.test(h.key))?.value ?? '') ? 'json' : 'text',
      header: example.header,
      cookie: [],
      body: example.body,
    }));
    const diagnosed = saved.filter((example) => example.diagnosis);
    if (diagnosed.length > 0 && item.request.description) {
      item.request.description.content += `\n\n### Saved examples\n\n${diagnosed
        .map((example) => `- **${example.name}**: the collection's test says — ${example.diagnosis}`)
        .join('\n')}`;
    }
  }
}

function dropEmptyEvents(items: any[]): void {
  for (const item of items ?? []) {
    if (Array.isArray(item.event) && item.event.length === 0) delete item.event;
    if (Array.isArray(item.item)) dropEmptyEvents(item.item);
  }
}

function visitRequests(items: any[], visit: (request: any) => void): void {
  for (const item of items ?? []) {
    if (Array.isArray(item.item)) visitRequests(item.item, visit);
    else if (item.request) visit(item.request);
  }
}
