/**
 * A loopback HTTP server for sandbox tests: records every request exactly as received and answers
 * the token endpoint with tokens it hands out (or with a scripted response), everything else with
 * a JSON echo. It checks nothing; the tests assert on what it recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface Captured {
  method: string;
  target: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TokenAnswer {
  status: number;
  body: unknown;
}

export interface CaptureServer {
  origin: string;
  requests: Captured[];
  issued: string[];
  /** Next token endpoint answers, used before falling back to issuing a token. */
  tokenAnswers: TokenAnswer[];
  /** Next API answers (rate limits, errors), used before the default echo. */
  apiAnswers: Array<TokenAnswer & { headers?: Record<string, string> }>;
  /** Tokens the API answers 401 for (revoked). */
  revoked: Set<string>;
  expiresIn: number;
  apiRequests(): Captured[];
  tokenRequests(): Captured[];
  /** Back to the state after start: nothing captured, no scripted answers or revocations, 3600 s tokens. */
  reset(): void;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const state = {
    requests: [] as Captured[],
    issued: [] as string[],
    tokenAnswers: [] as TokenAnswer[],
    apiAnswers: [] as Array<TokenAnswer & { headers?: Record<string, string> }>,
    revoked: new Set<string>(),
    expiresIn: 3600,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured: Captured = { method: req.method ?? '', target: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      state.requests.push(captured);
      res.setHeader('Set-Cookie', ['JSESSIONID=capture-session; Path=/', 'NS_ROUTING_VERSION=LAGGING; Path=/']);
      res.setHeader('Content-Type', 'application/json');
      if (captured.target.includes('/services/rest/auth/oauth2/v1/token')) {
        const scripted = state.tokenAnswers.shift();
        if (scripted) {
          res.statusCode = scripted.status;
          res.end(JSON.stringify(scripted.body));
          return;
        }
        const token = `token-${state.issued.length + 1}-${Math.random().toString(36).slice(2)}`;
        state.issued.push(token);
        res.end(JSON.stringify({ access_token: token, expires_in: state.expiresIn, token_type: 'Bearer' }));
        return;
      }
      const scriptedApi = state.apiAnswers.shift();
      if (scriptedApi) {
        res.statusCode = scriptedApi.status;
        for (const [name, value] of Object.entries(scriptedApi.headers ?? {})) res.setHeader(name, value);
        res.end(JSON.stringify(scriptedApi.body));
        return;
      }
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      if (bearer && state.revoked.has(bearer)) {
        res.statusCode = 401;
        res.end(JSON.stringify({ title: 'Unauthorized', status: 401, 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] }));
        return;
      }
      res.end(JSON.stringify({ method: captured.method, target: captured.target, body: captured.body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const isToken = (r: Captured) => r.target.includes('/services/rest/auth/oauth2/v1/token');
  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    apiRequests: () => state.requests.filter((r) => !isToken(r)),
    reset: () => {
      state.requests.length = 0;
      state.issued.length = 0;
      state.tokenAnswers.length = 0;
      state.apiAnswers.length = 0;
      state.revoked.clear();
      state.expiresIn = 3600;
    },
    tokenRequests: () => state.requests.filter(isToken),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A capture server for the enclosing test file: started before its tests, closed after them. */
export function captureServerForFile(): () => CaptureServer {
  let server: CaptureServer | undefined;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the capture server is not started yet (use it inside a test)');
    return server;
  };
}
