/**
 * The loopback server of the per-request and mint benchmarks: answers the token endpoint with a
 * token and every other request with a small JSON echo. It checks nothing while timing runs (the
 * same cheap work for every variant); it records the auth headers so each run can be verified
 * afterwards, outside the timed path. No cookies are set.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

export interface Seen {
  method: string;
  target: string;
  authorization: string;
  contentType: string | undefined;
  assertion: string | undefined;
  body: string;
}

export interface EchoServer {
  origin: string;
  /** API requests (not token requests) since the last `clear()`. */
  seen: Seen[];
  tokenRequests: Seen[];
  issued: string[];
  expiresIn: number;
  clear(): void;
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const state = { seen: [] as Seen[], tokenRequests: [] as Seen[], issued: [] as string[], expiresIn: 3600 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.url ?? '';
      const seen: Seen = {
        method: req.method ?? '',
        target,
        authorization: String(req.headers.authorization ?? ''),
        contentType: req.headers['content-type'],
        assertion: req.headers['x-client-assertion'] as string | undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      res.setHeader('Content-Type', 'application/json');
      if (target.includes(TOKEN_PATH)) {
        state.tokenRequests.push(seen);
        const token = `bench-token-${state.issued.length + 1}`;
        state.issued.push(token);
        res.end(JSON.stringify({ access_token: token, expires_in: state.expiresIn, token_type: 'Bearer' }));
        return;
      }
      state.seen.push(seen);
      res.end(JSON.stringify({ count: 1, items: [{ id: '42', method: seen.method }] }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    clear() {
      state.seen.length = 0;
      state.tokenRequests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
