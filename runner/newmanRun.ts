import { createRequire } from 'node:module';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import type { RunnerEnvironment } from './environmentFile.ts';

/** One request of the run as the progress line and the summary need it; holds no header or body. */
export interface ItemResult {
  /** `Folder / Request`. */
  label: string;
  method: string;
  /** Status code of the item's own request; undefined when it was not sent. */
  code?: number;
  status?: string;
  timeMs?: number;
  /** False when a pre-request script skipped the request (a refusal, or not used by this auth method). */
  sent: boolean;
  /** The URL as sent (base URLs filled in). */
  url?: string;
  /** Response size in bytes. */
  responseBytes?: number;
  /** Transport error of the item's own request (connection refused, timeout). */
  requestError?: string;
  assertions: Array<{ name: string; error?: string; skipped: boolean }>;
  scriptErrors: string[];
  /** HTTP requests the item's scripts sent with pm.sendRequest (token mints, refreshes). */
  scriptRequests: Array<{ code?: number; error?: string }>;
  console: Array<{ level: string; text: string }>;
}

export interface NewmanRunResult {
  requests: number;
  assertions: number;
  failedAssertions: number;
  /** Newman's failure count: failed assertions, script errors, request errors. */
  failures: number;
  /** Successful answers of the token endpoint seen in this run (item and scripted requests). */
  tokensSeen: number;
  durationMs: number;
  items: ItemResult[];
  /** A fatal run error (the run stopped). */
  runError?: string;
  /** The environment as the run left it. */
  environment?: RunnerEnvironment;
}

/** Newman's own run options that the runner passes through unchanged (Newman's names and meanings). */
export interface NewmanOptions {
  timeoutRequest?: number;
  iterationCount?: number;
  /** A CSV or JSON file: one iteration per row, its columns as data variables. */
  iterationData?: string;
  delayRequest?: number;
  insecure?: boolean;
  sslClientCert?: string;
  sslClientKey?: string;
  sslClientPassphrase?: string;
  sslExtraCaCerts?: string;
}

export interface NewmanRunInput extends NewmanOptions {
  collection: object;
  environment: RunnerEnvironment;
  folder?: string[];
  bail?: boolean;
  /** Newman reporters and their options (`junit`, `htmlextra`). */
  reporters: string[];
  reporter: Record<string, object>;
  onItem?: (item: ItemResult) => void;
}

type NewmanModule = {
  run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanRunSummary) => void): NodeJS.EventEmitter;
};

const require = createRequire(import.meta.url);
let newman: NewmanModule | undefined;

const TOKEN_PATH = /\/services\/rest\/auth\/oauth2\/v1\/token\/?(?:[?#]|$)/;

interface Cursor {
  ref?: string;
}

function labelOf(item: { name: string; parent?: () => unknown }): string {
  type Node = { name?: string; parent?: () => Node | undefined };
  const names: string[] = [];
  let node: Node | undefined = item as Node;
  while (node && typeof node.parent === 'function') {
    if (node.name) names.unshift(node.name);
    node = node.parent();
  }
  // The outermost name is the collection's.
  return names.slice(1).join(' / ') || item.name;
}

function text(messages: unknown[]): string {
  return messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' ');
}

/** Runs one collection with Newman, programmatically, and reports every item as it finishes. */
export function runNewman(input: NewmanRunInput): Promise<NewmanRunResult> {
  newman ??= require('newman') as NewmanModule;
  const items: ItemResult[] = [];
  const byCursor = new Map<string, { result: ItemResult; itemId: string }>();
  let requests = 0;
  let tokensSeen = 0;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const emitter = newman!.run(
      {
        collection: input.collection,
        environment: input.environment,
        ...(input.folder ? { folder: input.folder } : {}),
        ...(input.bail ? { bail: true } : {}),
        ...(input.timeoutRequest !== undefined ? { timeoutRequest: input.timeoutRequest } : {}),
        ...(input.iterationCount !== undefined ? { iterationCount: input.iterationCount } : {}),
        ...(input.iterationData !== undefined ? { iterationData: input.iterationData } : {}),
        ...(input.delayRequest !== undefined ? { delayRequest: input.delayRequest } : {}),
        ...(input.insecure ? { insecure: true } : {}),
        ...(input.sslClientCert !== undefined ? { sslClientCert: input.sslClientCert } : {}),
        ...(input.sslClientKey !== undefined ? { sslClientKey: input.sslClientKey } : {}),
        ...(input.sslClientPassphrase !== undefined ? { sslClientPassphrase: input.sslClientPassphrase } : {}),
        ...(input.sslExtraCaCerts !== undefined ? { sslExtraCaCerts: input.sslExtraCaCerts } : {}),
        reporters: input.reporters,
        reporter: input.reporter,
      } as NewmanRunOptions,
      (error, summary) => {
        if (error) return reject(error);
        const stats = summary.run.stats;
        const fatal = (summary.run as { error?: Error }).error;
        resolve({
          requests,
          assertions: stats.assertions.total ?? 0,
          failedAssertions: stats.assertions.failed ?? 0,
          failures: summary.run.failures.length,
          tokensSeen,
          durationMs: Date.now() - started,
          items,
          ...(fatal ? { runError: fatal.message } : {}),
          ...(summary.environment ? { environment: (summary.environment as unknown as { toJSON(): RunnerEnvironment }).toJSON() } : {}),
        });
      },
    );
    const key = (cursor: Cursor | undefined) => cursor?.ref ?? '';
    emitter.on('beforeItem', (_error: unknown, args: { cursor: Cursor; item: { id: string; name: string; parent(): unknown } }) => {
      const result: ItemResult = { label: labelOf(args.item), method: '', sent: false, assertions: [], scriptErrors: [], scriptRequests: [], console: [] };
      byCursor.set(key(args.cursor), { result, itemId: args.item.id });
      items.push(result);
    });
    emitter.on(
      'request',
      (
        error: Error | null,
        args: {
          cursor: Cursor;
          item?: { id: string };
          request?: { method: string; url: { toString(): string } };
          response?: { code: number; status: string; responseTime: number; size?: () => { total?: number } };
        },
      ) => {
        const entry = byCursor.get(key(args.cursor));
        if (args.request) requests += 1;
        const url = args.request ? args.request.url.toString() : '';
        if (args.response?.code === 200 && TOKEN_PATH.test(url)) tokensSeen += 1;
        if (!entry) return;
        if (args.item?.id !== entry.itemId) {
          entry.result.scriptRequests.push({ ...(args.response ? { code: args.response.code } : {}), ...(error ? { error: error.message } : {}) });
          return;
        }
        entry.result.sent = true;
        entry.result.method = args.request?.method ?? '';
        entry.result.url = url;
        if (error) entry.result.requestError = error.message;
        if (args.response) {
          entry.result.code = args.response.code;
          entry.result.status = args.response.status;
          entry.result.timeMs = args.response.responseTime;
          const size = typeof args.response.size === 'function' ? args.response.size().total : undefined;
          if (size !== undefined) entry.result.responseBytes = size;
        }
      },
    );
    emitter.on('assertion', (error: { message: string } | null, args: { cursor: Cursor; assertion: string; skipped?: boolean }) => {
      byCursor.get(key(args.cursor))?.result.assertions.push({
        name: args.assertion,
        ...(error ? { error: error.message } : {}),
        skipped: Boolean(args.skipped),
      });
    });
    emitter.on('script', (error: { message: string } | null, args: { cursor: Cursor; event?: { listen?: string } }) => {
      if (error) byCursor.get(key(args.cursor))?.result.scriptErrors.push(`${args.event?.listen ?? 'script'}: ${error.message}`);
    });
    emitter.on('console', (_error: unknown, args: { cursor: Cursor; level: string; messages: unknown[] }) => {
      byCursor.get(key(args.cursor))?.result.console.push({ level: args.level, text: text(args.messages) });
    });
    emitter.on('item', (_error: unknown, args: { cursor: Cursor }) => {
      const entry = byCursor.get(key(args.cursor));
      if (entry) input.onItem?.(entry.result);
    });
  });
}
