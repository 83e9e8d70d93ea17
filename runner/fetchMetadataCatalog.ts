import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { contractVariables } from './contractVariables.ts';
import { authMethodOf, secretValues, type RunnerEnvironment } from './environmentFile.ts';
import { createRedactor } from '../scripts-src/core/redact.ts';
import { REPO_ROOT } from '../generator/generate.ts';
import { stableId } from '../generator/stableId.ts';
import { MetadataCatalogError } from './MetadataCatalogError.ts';

export interface FetchMetadataCatalogOptions {
  /** A Postman environment (read and merged with the process environment by the caller), any auth method. */
  environment: RunnerEnvironment;
  /** Record types to describe (`select=`), e.g. `['customer', 'salesorder', 'customrecord_x']`. At least one. */
  records: readonly string[];
  /** Newman's per-request timeout in milliseconds (the catalog of many types takes NetSuite a while). Default: none. */
  timeoutRequest?: number;
  /** Values never to show in an error message. Default: the environment's secrets (contract and `type: secret`). */
  secrets?: readonly string[];
  /** The REST collection whose Auth folder and collection-level scripts authenticate the fetch. Default: the committed one. */
  restCollectionFile?: string;
}

export interface FetchMetadataCatalogResult {
  /** The OpenAPI 3 document the catalog answered, as parsed JSON. */
  document: Record<string, unknown>;
  /** The record types asked for, as sent. */
  records: string[];
  /** The catalog URL as sent (no secret in it). */
  url: string;
  authMethod: string;
}

/** Name of the one request the fetch adds after the Auth folder. */
export const FETCH_REQUEST = 'Fetch metadata catalog';
const RECORD_TYPE = /^[A-Za-z][A-Za-z0-9_]*$/;

type Json = Record<string, any>;
type NewmanModule = { run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanRunSummary) => void): NodeJS.EventEmitter };
const require = createRequire(import.meta.url);

interface ItemOutcome {
  name: string;
  folder: string;
  sent: boolean;
  code?: number;
  status?: string;
  body?: string;
  requestError?: string;
  failed: string[];
  scriptErrors: string[];
  consoleErrors: string[];
}

function readRestCollection(file: string): Json {
  if (!existsSync(file)) {
    throw new MetadataCatalogError('NO_REST_COLLECTION', `the REST collection ${file} is missing; run \`npx netsuite-postman generate\` to write it.`);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (error) {
    throw new MetadataCatalogError('NO_REST_COLLECTION', `the REST collection ${file} is not valid JSON (${(error as Error).message}); run \`npx netsuite-postman generate\`.`);
  }
}

/** The REST collection's collection-level scripts and Auth folder, then one GET of the catalog. */
export function metadataFetchCollection(rest: Json, records: readonly string[]): Json {
  const auth = (rest.item as Json[] | undefined)?.find((item) => item.name === 'Auth' && Array.isArray(item.item));
  if (!auth || !Array.isArray(rest.event)) {
    throw new MetadataCatalogError('NO_REST_COLLECTION', 'the REST collection has no Auth folder or no collection-level scripts; run `npx netsuite-postman generate`.');
  }
  const select = records.join(',');
  const raw = `{{suitetalk_base_url}}/services/rest/record/v1/metadata-catalog?select=${select}`;
  return {
    info: {
      _postman_id: stableId('netsuite-metadata-fetch'),
      name: 'NetSuite metadata catalog fetch',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [
      auth,
      {
        id: stableId('netsuite-metadata-fetch/Metadata'),
        name: 'Metadata',
        item: [
          {
            id: stableId(`netsuite-metadata-fetch/Metadata/${FETCH_REQUEST}`),
            name: FETCH_REQUEST,
            request: {
              method: 'GET',
              header: [{ key: 'Accept', value: 'application/swagger+json' }],
              url: {
                raw,
                host: ['{{suitetalk_base_url}}'],
                path: ['services', 'rest', 'record', 'v1', 'metadata-catalog'],
                query: [{ key: 'select', value: select }],
              },
            },
            protocolProfileBehavior: { disableCookies: true },
          },
        ],
      },
    ],
    event: rest.event,
    variable: [],
    auth: rest.auth ?? { type: 'noauth' },
    protocolProfileBehavior: rest.protocolProfileBehavior ?? { disableCookies: true },
  };
}

function runQuietly(collection: Json, environment: RunnerEnvironment, timeoutRequest: number | undefined): Promise<{ items: ItemOutcome[]; runError?: string }> {
  const newman = require('newman') as NewmanModule;
  const items: ItemOutcome[] = [];
  const byCursor = new Map<string, { outcome: ItemOutcome; id: string }>();
  return new Promise((resolve, reject) => {
    const emitter = newman.run(
      {
        collection,
        environment,
        reporters: [],
        ...(timeoutRequest !== undefined ? { timeoutRequest } : {}),
      } as NewmanRunOptions,
      (error, summary) => {
        if (error) return reject(error);
        const fatal = (summary.run as { error?: Error }).error;
        resolve({ items, ...(fatal ? { runError: fatal.message } : {}) });
      },
    );
    const key = (cursor: { ref?: string } | undefined) => cursor?.ref ?? '';
    emitter.on('beforeItem', (_error: unknown, args: { cursor: { ref?: string }; item: { id: string; name: string; parent(): { name?: string } | undefined } }) => {
      const outcome: ItemOutcome = { name: args.item.name, folder: args.item.parent()?.name ?? '', sent: false, failed: [], scriptErrors: [], consoleErrors: [] };
      byCursor.set(key(args.cursor), { outcome, id: args.item.id });
      items.push(outcome);
    });
    emitter.on('request', (error: Error | null, args: { cursor: { ref?: string }; item?: { id: string }; response?: { code: number; status: string; stream?: Buffer } }) => {
      const entry = byCursor.get(key(args.cursor));
      if (!entry || args.item?.id !== entry.id) return;
      entry.outcome.sent = true;
      if (error) entry.outcome.requestError = error.message;
      if (args.response) {
        entry.outcome.code = args.response.code;
        entry.outcome.status = args.response.status;
        entry.outcome.body = args.response.stream ? args.response.stream.toString('utf8') : '';
      }
    });
    emitter.on('assertion', (error: { message: string } | null, args: { cursor: { ref?: string }; assertion: string }) => {
      if (error) byCursor.get(key(args.cursor))?.outcome.failed.push(`${args.assertion}: ${error.message}`);
    });
    emitter.on('script', (error: { message: string } | null, args: { cursor: { ref?: string }; event?: { listen?: string } }) => {
      if (error) byCursor.get(key(args.cursor))?.outcome.scriptErrors.push(`${args.event?.listen ?? 'script'} script: ${error.message}`);
    });
    emitter.on('console', (_error: unknown, args: { cursor: { ref?: string }; level: string; messages: unknown[] }) => {
      if (args.level !== 'error') return;
      const text = args.messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' ');
      byCursor.get(key(args.cursor))?.outcome.consoleErrors.push(text.split('\n')[0]!);
    });
  });
}

/** NetSuite's own words from an error body (`o:errorCode`: detail), when it has them. */
function netsuiteError(body: string | undefined): string | undefined {
  try {
    const detail = (JSON.parse(body ?? '') as Json)['o:errorDetails']?.[0];
    if (detail && typeof detail.detail === 'string') return `${detail['o:errorCode'] ?? 'error'}: ${detail.detail}`;
  } catch {
    // not JSON: nothing to quote
  }
  return undefined;
}

/** The diagnosis lines of the run: failed checks and script errors, Auth requests first. */
function diagnosis(items: ItemOutcome[]): string {
  const lines: string[] = [];
  for (const item of items) {
    // A failed check carries the diagnosis; the console repeats it, so it is used only when no check failed.
    const problems = [...new Set([...item.failed, ...item.scriptErrors, ...(item.failed.length ? [] : item.consoleErrors)])];
    if (item.requestError) problems.unshift(`no answer: ${item.requestError}`);
    for (const problem of problems) lines.push(`- ${item.folder} / ${item.name}: ${problem}`);
  }
  return lines.join('\n');
}

/**
 * Fetches the OpenAPI 3 document of `records` from the account's metadata catalog
 * (`GET /services/rest/record/v1/metadata-catalog?select=…`, `Accept: application/swagger+json`),
 * authenticating exactly as the REST collection does: its collection-level scripts and its Auth
 * folder run in Newman first, with whatever auth method the environment chooses, the same token
 * cache and the same diagnosis. Returns the document; on failure throws a MetadataCatalogError
 * whose message carries the diagnosis. Never prints.
 */
export async function fetchMetadataCatalog(options: FetchMetadataCatalogOptions): Promise<FetchMetadataCatalogResult> {
  const records = [...new Set(options.records.map((record) => record.trim()).filter(Boolean))];
  if (records.length === 0) {
    throw new MetadataCatalogError('BAD_OPTION', 'name at least one record type to describe, e.g. customer,salesorder,customrecord_x (the whole catalog of an account is very large).');
  }
  const malformed = records.filter((record) => !RECORD_TYPE.test(record));
  if (malformed.length > 0) {
    throw new MetadataCatalogError(
      'BAD_OPTION',
      `${malformed.map((record) => `"${record}"`).join(', ')} ${malformed.length === 1 ? 'is not a record type id' : 'are not record type ids'}: use ids such as customer, salesorder or customrecord_x (letters, digits, _).`,
    );
  }
  if (!Array.isArray(options.environment?.values)) {
    throw new MetadataCatalogError('BAD_OPTION', 'the environment has no "values" array; pass a Postman environment.');
  }
  const rest = readRestCollection(options.restCollectionFile ?? join(REPO_ROOT, 'collections', 'netsuite-rest.postman_collection.json'));
  const collection = metadataFetchCollection(rest, records);
  const url = (collection.item[1].item[0].request.url.raw as string).replace('{{suitetalk_base_url}}', '<suitetalk_base_url>');
  const redact = createRedactor(options.secrets ?? secretValues(options.environment, contractVariables()));
  const authMethod = authMethodOf(options.environment);

  let run: Awaited<ReturnType<typeof runQuietly>>;
  try {
    run = await runQuietly(collection, options.environment, options.timeoutRequest);
  } catch (error) {
    throw new MetadataCatalogError('RUN_FAILED', redact(`Newman could not run the catalog fetch: ${(error as Error).message}`));
  }
  const fetch = run.items.find((item) => item.folder === 'Metadata' && item.name === FETCH_REQUEST);
  const details = diagnosis(run.items);
  const withDetails = (text: string) => redact(details ? `${text}\n${details}` : text);
  if (run.runError && !fetch?.sent) throw new MetadataCatalogError('RUN_FAILED', withDetails(`the catalog fetch stopped: ${run.runError}`));
  if (!fetch || !fetch.sent) {
    throw new MetadataCatalogError(
      'CATALOG_NOT_SENT',
      withDetails(`the catalog request was not sent (auth_method ${authMethod}): a check before sending refused it.`),
    );
  }
  if (fetch.requestError || fetch.code === undefined) {
    throw new MetadataCatalogError(
      'CATALOG_UNREACHABLE',
      withDetails(`GET ${url} got no answer (${fetch.requestError ?? 'no response'}); check suitetalk_base_url / account_id and the network.`),
    );
  }
  if (fetch.code !== 200) {
    const said = netsuiteError(fetch.body);
    throw new MetadataCatalogError(
      'CATALOG_REFUSED',
      withDetails(`GET ${url} answered ${`${fetch.code} ${fetch.status ?? ''}`.trim()} (auth_method ${authMethod})${said ? `: ${said}` : '.'}`),
      fetch.code,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(fetch.body ?? '');
  } catch {
    throw new MetadataCatalogError('CATALOG_NOT_OPENAPI', `GET ${url} answered 200 but not JSON; expected an OpenAPI 3 document.`, 200);
  }
  const openapi = (document as Json | null)?.openapi;
  if (typeof document !== 'object' || document === null || typeof openapi !== 'string' || !openapi.startsWith('3.')) {
    throw new MetadataCatalogError(
      'CATALOG_NOT_OPENAPI',
      `GET ${url} answered 200 but not an OpenAPI 3 document (${typeof openapi === 'string' ? `openapi ${openapi}` : 'no "openapi" member'}); the account may not honour Accept: application/swagger+json.`,
      200,
    );
  }
  return { document: document as Record<string, unknown>, records, url, authMethod };
}
