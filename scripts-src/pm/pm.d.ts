// The slice of the Postman sandbox API (`pm`) the scripts use, as both engines provide it:
// postman-sandbox 4.7.1 (Newman 6.2.2) and 6.7.x (Postman app, Postman CLI).

interface PmVariableScope {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  unset(name: string): void;
  has(name: string): boolean;
  replaceIn(template: string): string;
}

interface PmHeaderList {
  get(name: string): string | undefined;
  has(name: string): boolean;
  remove(name: string): void;
  upsert(header: { key: string; value: string }): void;
  toObject(excludeDisabled?: boolean, caseSensitive?: boolean): Record<string, string>;
  each(fn: (header: { key: string; value: string; disabled?: boolean }) => void): void;
}

interface PmUrl {
  toString(forceProtocol?: boolean): string;
  getHost(): string;
  update(url: string): void;
}

interface PmRequestBody {
  mode?: string;
  raw?: string;
  urlencoded?: { each(fn: (param: { key: string; value: string; disabled?: boolean }) => void): void };
  formdata?: { count(): number };
  file?: unknown;
  graphql?: unknown;
  isEmpty(): boolean;
  update(options: unknown): void;
}

interface PmRequest {
  url: PmUrl;
  method: string;
  headers: PmHeaderList;
  body?: PmRequestBody;
}

interface PmResponse {
  code: number;
  status: string;
  headers: PmHeaderList;
  text(): string;
  json(): unknown;
  responseTime: number;
}

interface PmSendRequestOptions {
  url: string;
  method: string;
  header?: Array<{ key: string; value: string }>;
  body?: { mode: 'urlencoded'; urlencoded: Array<{ key: string; value: string }> } | { mode: 'raw'; raw: string };
}

interface PmCookieJar {
  clear(url: string, callback: (error?: unknown) => void): void;
}

interface Pm {
  variables: PmVariableScope;
  collectionVariables: PmVariableScope;
  environment: PmVariableScope;
  request: PmRequest;
  response: PmResponse;
  info: { requestName: string; requestId: string; eventName: 'prerequest' | 'test'; iteration: number };
  test(name: string, fn: () => void): void;
  sendRequest(request: PmSendRequestOptions, callback: (error: unknown, response: PmResponse | undefined) => void): void;
  cookies: { jar(): PmCookieJar };
  /** Postman Vault: postman-sandbox 6.x only (the Postman app); absent in Newman's 4.7.1. */
  vault?: { get(name: string): PromiseLike<unknown> };
  execution: {
    skipRequest(): void;
    setNextRequest(request: string | null): void;
    location: string[] & { current: string };
  };
}

declare const pm: Pm;

// The sandbox console (its lines reach the Postman console and Newman's reporters).
interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}
declare var console: Console;

declare function setTimeout(callback: () => void, ms: number): unknown;
