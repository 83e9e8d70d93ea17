/**
 * Benchmark 4: mint latency in the sandbox. One Newman run per key type holds the generated
 * "Auth / Mint M2M token" item `count` times (each run of it signs a fresh client assertion and
 * POSTs it) against the loopback echo server. Reported per mint: the item's pre-request phase
 * (Newman `beforePrerequest` → `prerequest`: the collection-level pre-request script, then the
 * mint script that loads the signer and signs), and the whole item (`beforeItem` → `item`: plus
 * the token request and the token-response test script).
 */
import type { Engine } from '../test/helpers/engines.ts';
import { benchEnvironment, findItem, type Keys, readGenerated } from './lib/collections.ts';
import { startEchoServer } from './lib/echoServer.ts';
import { timedRun } from './lib/newmanRun.ts';
import { log, max, median } from './lib/stats.ts';

export interface MintResult {
  engine: Engine;
  label: string;
  algorithm: string;
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

export async function runMintLatency(engine: Engine, keys: Keys, count: number): Promise<MintResult[]> {
  const server = await startEchoServer();
  const generated = readGenerated('netsuite-rest');
  const mint = findItem(generated, 'Mint M2M token');
  const cases: Array<{ label: string; algorithm: string; key: string }> = [
    { label: 'RSA-3072', algorithm: 'PS256', key: keys.rsa3072 },
    { label: 'RSA-4096', algorithm: 'PS256', key: keys.rsa4096 },
    { label: 'EC P-256', algorithm: 'ES256', key: keys.ec256 },
  ];
  const results: MintResult[] = [];
  try {
    for (const c of cases) {
      server.clear();
      const collection = {
        info: { name: `bench mint ${c.label}`, schema: generated.info.schema },
        auth: generated.auth,
        protocolProfileBehavior: generated.protocolProfileBehavior,
        variable: generated.variable,
        event: generated.event,
        item: [{ name: 'Auth', item: Array.from({ length: count }, (_, i) => ({ ...structuredClone(mint), name: `Mint ${i + 1}` })) }],
      };
      const run = await timedRun(engine, collection, benchEnvironment(server.origin, 'm2m', c.key, { jwt_algorithm: c.algorithm }));
      const rest = run.items.slice(1);
      const result: MintResult = {
        engine,
        label: c.label,
        algorithm: c.algorithm,
        mints: run.items.length,
        tokenRequests: server.tokenRequests.length,
        firstPrerequestMs: run.items[0]?.prerequestMs ?? Number.NaN,
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
      if (result.tokenRequests !== count) result.problems.push(`${result.tokenRequests} token requests, expected ${count}`);
      results.push(result);
      log(`  ${engine} mint ${c.algorithm} ${c.label}: first ${result.firstPrerequestMs.toFixed(0)} ms, then median ${result.prerequestMedianMs.toFixed(0)} ms, max ${result.prerequestMaxMs.toFixed(0)} ms (pre-request phase)`);
    }
  } finally {
    await server.close();
  }
  return results;
}
