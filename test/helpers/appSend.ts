/**
 * Sends requests one at a time as the Postman app does: every Send is a postman-runtime 7.56.1 run
 * of that ONE request (the app's engine, postman-sandbox 6.7.x), with pm.execution.setNextRequest
 * disabled (the app ignores it on a Send). Collection variables (current values), the environment
 * and the cookie jar are carried from one Send to the next; globals start empty at every Send, and
 * implicit globals die with the run's sandbox context.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { headersOf } from './engines';

const require = createRequire(import.meta.url);
// The top-level copies: postman-runtime 7.56.1 and the collection SDK it was built with.
const runtime = require('postman-runtime') as { Runner: new (options?: object) => RuntimeRunner; version?: string };
const sdk = require('postman-collection') as {
  Collection: new (json: object) => SdkCollection;
  VariableScope: new (json?: object) => SdkVariableScope;
};
// The cookie jar the runtime itself makes when given none (a Postman app session keeps one).
const runtimeDir = path.dirname(require.resolve('postman-runtime/package.json'));
const requestJar = require(require.resolve('postman-request', { paths: [runtimeDir] })).jar as () => object;

interface SdkVariableScope {
  values: { all(): Array<{ key: string; value: unknown; type?: string }> };
  toJSON(): { values: Array<{ key: string; value: unknown; type?: string }> };
  set(key: string, value: unknown, type?: string): void;
}
interface SdkCollection {
  variables: { all(): Array<{ key: string; value: unknown; type?: string }> };
}
interface RuntimeRun {
  state: { collectionVariables: SdkVariableScope };
  start(callbacks: Record<string, (...args: any[]) => void>): void;
}
interface RuntimeRunner {
  run(collection: SdkCollection, options: object, callback: (error: Error | null, run: RuntimeRun) => void): void;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  code?: number;
  responseBody?: string;
}

export interface SendResult {
  name: string;
  /** The request itself; undefined when a pre-request script stopped it. */
  request?: SentRequest;
  /** Requests the scripts sent with pm.sendRequest (token mints and refreshes). */
  scriptRequests: SentRequest[];
  assertions: Array<{ name: string; error?: string }>;
  console: Array<{ level: string; text: string }>;
  /** Failing assertions and script errors, as text. */
  failures: string[];
}

interface CollectionItem {
  id?: string;
  name: string;
  item?: CollectionItem[];
  request?: unknown;
}

function findItem(items: CollectionItem[] | undefined, path: string[]): CollectionItem | undefined {
  const [head, ...rest] = path;
  const match = (items ?? []).find((item) => item.name === head);
  if (!match || rest.length === 0) return match;
  return findItem(match.item, rest);
}

export interface AppSessionOptions {
  /** The app's Vault: `{{vault:NAME}}` values, for pm.vault and the runtime's resolution. */
  vaultSecrets?: Record<string, string>;
  /** postman-runtime's own secret resolution (options.secretResolver), as a consumer provides it. */
  secretResolver?: (input: { secrets: Array<{ variable: { key: string; value: unknown } }> }, callback: (error: Error | null, result?: Array<{ resolvedValue?: string }>) => void) => void;
}

export class AppSession {
  private readonly collectionJson: { item: CollectionItem[]; variable?: Array<{ key: string; value: unknown; type?: string }> };
  private collectionVariables: Array<{ key: string; value: unknown; type?: string }>;
  readonly environment: SdkVariableScope;
  private readonly cookieJar = requestJar();

  constructor(collectionJson: object, environmentJson: object, private readonly options: AppSessionOptions = {}) {
    this.collectionJson = structuredClone(collectionJson) as AppSession['collectionJson'];
    this.collectionVariables = structuredClone(this.collectionJson.variable ?? []);
    this.environment = new sdk.VariableScope(structuredClone(environmentJson));
  }

  /** The current value of a collection variable, as the app would show it. */
  collectionVariable(key: string): unknown {
    return this.collectionVariables.find((v) => v.key === key)?.value;
  }

  setCollectionVariable(key: string, value: unknown): void {
    const existing = this.collectionVariables.find((v) => v.key === key);
    if (existing) existing.value = value;
    else this.collectionVariables.push({ key, value, type: 'string' });
  }

  /** Sends one request, by its path in the collection ("Records/List customers"). */
  send(path: string): Promise<SendResult> {
    const item = findItem(this.collectionJson.item, path.split('/'));
    if (!item || !item.request || !item.id) throw new Error(`no request "${path}" in the collection`);
    const collection = new sdk.Collection({ ...this.collectionJson, variable: this.collectionVariables });
    const result: SendResult = { name: path, scriptRequests: [], assertions: [], console: [], failures: [] };
    const vault = this.options.vaultSecrets;
    let vaultSecrets: (SdkVariableScope & { _?: object }) | undefined;
    if (vault) {
      vaultSecrets = new sdk.VariableScope({
        prefix: 'vault:',
        values: Object.entries(vault).map(([key, value]) => ({ key: `vault:${key}`, value, type: 'secret' })),
      });
      // The app asks the user whether this collection's scripts may read the vault; the harness says yes.
      vaultSecrets._ = { allowScriptAccess: () => Promise.resolve(true) };
    }
    return new Promise((resolve, reject) => {
      new runtime.Runner().run(
        collection,
        {
          entrypoint: { execute: item.id, lookupStrategy: 'idOrName' },
          environment: this.environment,
          globals: new sdk.VariableScope({}),
          ...(vaultSecrets ? { vaultSecrets } : {}),
          ...(this.options.secretResolver ? { secretResolver: this.options.secretResolver } : {}),
          disableSNR: true,
          timeout: { request: 30_000, script: 60_000 },
          requester: { cookieJar: this.cookieJar, followRedirects: false },
        },
        (error, run) => {
          if (error) return reject(error);
          run.start({
            request: (err: Error | null, _cursor: unknown, response: any, request: any, requestItem: { id?: string }) => {
              if (!request) return;
              const sent: SentRequest = {
                method: request.method,
                url: request.url.toString(),
                headers: headersOf(request.headers),
                body: request.body ? String(request.body.toString() ?? '') : '',
                code: response?.code,
                responseBody: response?.stream ? response.stream.toString() : undefined,
              };
              if (err) result.failures.push(`request error: ${err.message}`);
              if (requestItem?.id === item.id) result.request = sent;
              else result.scriptRequests.push(sent);
            },
            assertion: (_cursor: unknown, assertions: Array<{ name: string; passed: boolean; error?: { message: string } }>) => {
              for (const assertion of assertions) {
                result.assertions.push({ name: assertion.name, error: assertion.passed ? undefined : assertion.error?.message ?? 'failed' });
                if (!assertion.passed) result.failures.push(`${assertion.name}: ${assertion.error?.message ?? ''}`);
              }
            },
            console: (_cursor: unknown, level: string, ...messages: unknown[]) => {
              result.console.push({ level, text: messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ') });
            },
            exception: (_cursor: unknown, err: Error) => {
              result.failures.push(`script error: ${err.message}`);
            },
            done: (err: Error | null) => {
              if (err) return reject(err);
              this.collectionVariables = run.state.collectionVariables.toJSON().values ?? [];
              resolve(result);
            },
          });
        },
      );
    });
  }
}
