/**
 * Benchmark 4: mint latency in the sandbox, for both signing paths: jsrsasign in Newman's engine
 * (postman-sandbox 4.7.1, no Web Crypto) and Web Crypto in the Postman app's engine
 * (postman-runtime 7.56.1, postman-sandbox 6.7.x). Keys: RSA-3072 and RSA-4096 (PS256), EC P-256
 * (ES256) and EC P-384 (ES384). Two ways to mint, one Newman run per key and way, against the
 * loopback echo server:
 * - `mint item`: the generated "Auth / Mint M2M token" item `count` times (each signs a fresh
 *   client assertion into its body and POSTs it). Pre-request phase = Newman `beforePrerequest` →
 *   `prerequest`: the collection-level pre-request script, then the mint script (signer load and
 *   signing); whole item adds the token request and the token-response test.
 * - `request mints`: "Records / List customers" `count` times with token_refresh_buffer_seconds
 *   3600, so no token is ever fresh and each request mints in the collection-level pre-request
 *   (a pm.sendRequest to the token endpoint included), as a Send does in the Postman app. In
 *   Newman one "Auth / Mint M2M token" runs first (it brings the signer); it is not counted.
 *
 * Run this piece alone: `npm run build && node --import tsx bench/mintLatency.ts [count]`.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Engine } from '../test/helpers/engines.ts';
import { benchEnvironment, findItem, type Keys, makeKeys, readGenerated } from './lib/collections.ts';
import { startEchoServer } from './lib/echoServer.ts';
import { timedRun } from './lib/newmanRun.ts';
import { log, max, median } from './lib/stats.ts';

export type MintPath = 'mint item' | 'request mints';

export interface MintResult {
  engine: Engine;
  /** Key, and how the mint happened. */
  label: string;
  algorithm: string;
  path: MintPath;
  /** jsrsasign (Newman's engine) or Web Crypto (the app's). */
  signer: string;
  mints: number;
  tokenRequests: number;
  firstPrerequestMs: number;
  /** Over mints 2..n (the signer already parsed once in this run). */
  prerequestMedianMs: number;
  prerequestMaxMs: number;
  itemMedianMs: number;
  itemMaxMs: number;
  problems: string[];
}

const P384 = (): string => generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export async function runMintLatency(engine: Engine, keys: Keys & { ec384?: string }, count: number): Promise<MintResult[]> {
  const server = await startEchoServer();
  const generated = readGenerated('netsuite-rest');
  const mint = findItem(generated, 'Mint M2M token');
  const list = findItem(generated, 'List customers');
  const cases: Array<{ label: string; algorithm: string; key: string }> = [
    { label: 'RSA-3072', algorithm: 'PS256', key: keys.rsa3072 },
    { label: 'RSA-4096', algorithm: 'PS256', key: keys.rsa4096 },
    { label: 'EC P-256', algorithm: 'ES256', key: keys.ec256 },
    { label: 'EC P-384', algorithm: 'ES384', key: keys.ec384 ?? P384() },
  ];
  const signer = engine === 'app' ? 'Web Crypto' : 'jsrsasign';
  const results: MintResult[] = [];
  try {
    for (const path of ['mint item', 'request mints'] as MintPath[]) {
      for (const c of cases) {
        server.clear();
        const items = path === 'mint item'
          ? Array.from({ length: count }, (_, i) => ({ ...structuredClone(mint), name: `Mint ${i + 1}` }))
          : [
              ...(engine === 'newman' ? [{ ...structuredClone(mint), name: 'Signer' }] : []),
              ...Array.from({ length: count }, (_, i) => ({ ...structuredClone(list), name: `Send ${i + 1}` })),
            ];
        const collection = {
          info: { name: `bench mint ${c.label}`, schema: generated.info.schema },
          auth: generated.auth,
          protocolProfileBehavior: generated.protocolProfileBehavior,
          variable: generated.variable,
          event: generated.event,
          item: [{ name: 'Auth', item: items }],
        };
        const extra = { jwt_algorithm: c.algorithm, ...(path === 'request mints' ? { token_refresh_buffer_seconds: '3600' } : {}) };
        const run = await timedRun(engine, collection, benchEnvironment(server.origin, 'm2m', c.key, extra));
        const timed = path === 'request mints' && engine === 'newman' ? run.items.slice(1) : run.items;
        const rest = timed.slice(1);
        const expected = count + (path === 'request mints' && engine === 'newman' ? 1 : 0);
        const result: MintResult = {
          engine,
          label: c.label,
          algorithm: c.algorithm,
          path,
          signer,
          mints: timed.length,
          tokenRequests: server.tokenRequests.length,
          firstPrerequestMs: timed[0]?.prerequestMs ?? Number.NaN,
          prerequestMedianMs: median(rest.map((i) => i.prerequestMs)),
          prerequestMaxMs: max(rest.map((i) => i.prerequestMs)),
          itemMedianMs: median(rest.map((i) => i.itemMs)),
          itemMaxMs: max(rest.map((i) => i.itemMs)),
          problems: [...run.failures, ...run.assertionErrors].slice(0, 5),
        };
        for (const request of server.tokenRequests) {
          const assertion = new URLSearchParams(request.body).get('client_assertion') ?? '';
          const header = JSON.parse(Buffer.from(assertion.split('.')[0] ?? '', 'base64url').toString() || '{}') as { alg?: string };
          if (header.alg !== c.algorithm) {
            result.problems.push(`a token request carried no ${c.algorithm} assertion`);
            break;
          }
        }
        if (result.tokenRequests !== expected) result.problems.push(`${result.tokenRequests} token requests, expected ${expected}`);
        results.push(result);
        log(`  ${engine} ${path} ${c.algorithm} ${c.label} (${signer}): first ${result.firstPrerequestMs.toFixed(0)} ms, then median ${result.prerequestMedianMs.toFixed(1)} ms, max ${result.prerequestMaxMs.toFixed(0)} ms (pre-request phase)`);
      }
    }
  } finally {
    await server.close();
  }
  return results;
}

/** The section-4 table of bench/RESULTS.md. */
export function mintTable(results: MintResult[]): string {
  const ms = (value: number, digits = 0) => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a');
  const rows = results.map((r) =>
    `| ${r.engine} | ${r.signer} | ${r.path} | ${r.algorithm} | ${r.label} | ${r.mints} | ${ms(r.firstPrerequestMs)} | ${ms(r.prerequestMedianMs, 1)} | ${ms(r.prerequestMaxMs)} | ${ms(r.itemMedianMs, 1)} | ${ms(r.itemMaxMs)} | ${r.problems.length ? r.problems.join('; ') : 'none'} |`);
  return [
    '| engine | signer | path | algorithm | key | mints | first (pre-request) | median pre-request | max pre-request | median whole item | max whole item | problems |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const count = Number(process.argv[2] ?? 15);
  log('generating keys (RSA-3072, RSA-4096, EC P-256, EC P-384)');
  const keys = { ...makeKeys(), ec384: P384() };
  const results: MintResult[] = [];
  for (const engine of ['newman', 'app'] as Engine[]) {
    log(`4. mint latency, engine ${engine}`);
    results.push(...(await runMintLatency(engine, keys, count)));
  }
  console.log(mintTable(results));
}
