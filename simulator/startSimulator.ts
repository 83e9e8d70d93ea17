import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAccountId, type Account } from './accountIds.ts';
import { createCredentials } from './credentials.ts';
import { buildEnvironment, type PostmanEnvironment } from './environment.ts';
import { applyFaultPatch, defaultFaults, type FaultPatch, type Faults } from './faults.ts';
import type { SimRequest, SimResponse } from './httpTypes.ts';
import type { RecordReader } from './recordStore.ts';
import { CONTROL_PREFIX } from './controlEndpoints.ts';
import { handleRequest } from './router.ts';
import { createState, resetState, revokeAllTokens, setFaults, ECHO_RESTLET } from './simulatorState.ts';
import { snapshotStats, type SimulatorStats } from './stats.ts';

export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Simulated account id, any spelling (default `1234567_SB1`). */
  accountId?: string;
  /** Access token lifetime in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Refresh token lifetime in seconds (default 48 hours). */
  refreshTokenLifetimeSeconds?: number;
  /** Initial faults. */
  faults?: FaultPatch;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
  /** Receives redacted log lines (method, path, status, reason; never a secret). */
  log?: (line: string) => void;
  /** Number of seeded customers (default 25). */
  seedRecords?: number;
}

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT/<host form>`. */
  baseUrl: string;
  port: number;
  account: Account;
  /** The filled Postman environment (holds secrets: never commit it). */
  environment: PostmanEnvironment;
  stats(): SimulatorStats;
  faults(): Faults;
  setFaults(partial: FaultPatch): Faults;
  /** Revokes every access token issued so far; returns how many were active. */
  revokeAllTokens(): number;
  /** Seed records, zero stats, initial faults; credentials stay valid. */
  reset(): void;
  records: RecordReader;
  stop(): Promise<void>;
}

export const DEFAULT_ACCOUNT_ID = '1234567_SB1';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function toSimRequest(request: IncomingMessage, body: Buffer, port: number): SimRequest {
  const rawUrl = request.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    rawUrl,
    path: queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt),
    query: new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1)),
    headers,
    body,
    origin: `http://${request.headers.host ?? `127.0.0.1:${port}`}`,
    remoteAddress: (request.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
  };
}

function writeResponse(response: ServerResponse, result: SimResponse, setCookies: boolean): void {
  response.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
  if (setCookies) {
    response.setHeader('set-cookie', [
      `JSESSIONID=${randomBytes(24).toString('base64url')}; Path=/; HttpOnly`,
      'NS_ROUTING_VERSION=LAGGING; Path=/',
    ]);
  }
  response.end(result.body);
}

/** Starts the simulator on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const account = parseAccountId(options.accountId ?? DEFAULT_ACCOUNT_ID);
  if (!account) throw new Error(`Invalid account id "${options.accountId ?? ''}": use 1234567, 1234567_SB1, 1234567-sb1 or TSTDRV1234567.`);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const faults = applyFaultPatch(defaultFaults(options.tokenLifetimeSeconds ?? 3600), { ...(options.faults ?? {}), revokeAllTokens: false });
  const credentials = await createCredentials(now());
  const state = createState({
    account,
    now,
    credentials,
    faults,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 48 * 3600,
    seedRecords: options.seedRecords ?? 25,
  });
  const stopping = new AbortController();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      stopping.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  let port = 0;
  const server = createServer((request, response) => {
    readBody(request)
      .then(async (body) => {
        const simRequest = toSimRequest(request, body, port);
        const result = await handleRequest(simRequest, state, { sleep, log });
        if (!response.destroyed) writeResponse(response, result, !simRequest.path.startsWith(CONTROL_PREFIX));
      })
      .catch(() => {
        if (!response.headersSent && !response.destroyed) {
          response.statusCode = 500;
          response.end();
        }
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}/${account.hostForm}`;
  state.baseUrl = baseUrl;
  log(`simulator listening at ${baseUrl} for account ${account.realm}`);

  const environment = buildEnvironment({
    accountId: account.realm,
    baseUrl,
    clientId: credentials.clientId,
    certificateId: credentials.certificateId,
    privateKeyPem: credentials.privateKeyPem,
    clientSecret: credentials.clientSecret,
    redirectUri: credentials.redirectUri,
    refreshToken: state.seededRefreshToken,
    consumerKey: credentials.tba.consumerKey,
    consumerSecret: credentials.tba.consumerSecret,
    tokenId: credentials.tba.tokenId,
    tokenSecret: credentials.tba.tokenSecret,
    restletScript: ECHO_RESTLET.script,
    restletDeploy: ECHO_RESTLET.deploy,
    rotationCertificatePem: credentials.rotationCertificatePem,
  });

  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    port,
    account,
    environment,
    stats: () => snapshotStats(state.stats),
    faults: () => structuredClone(state.faults),
    setFaults: (partial) => structuredClone(setFaults(state, partial)),
    revokeAllTokens: () => revokeAllTokens(state),
    reset: () => resetState(state),
    records: state.records,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
        log('simulator stopped');
      });
      return stopped;
    },
  };
}
