/**
 * Focused micro-benchmark of the every-request scripts (not part of `npm run bench`):
 *
 *   node --import tsx bench/prerequestPhase.ts [--rounds 8] [--per-round 30] [--engines newman,app]
 *        [--before <dir of bundles>] [--after <dir of bundles>] [--only v1,v2,…]
 *
 * Every variant is its own Newman run of the same timed requests against the loopback echo server
 * (bench/lib/echoServer.ts); rounds interleave the variants in an order rotated every round and
 * reversed every other round, after one untimed warm-up run of each. The project variants start
 * with a fresh cached token already in the collection variable (no Auth item, no jsrsasign), so
 * what is timed is exactly the common success path of collection-prerequest.js and
 * collection-test.js. Variants that isolate a cost:
 *
 * - `parse-pre:<dir>` / `parse-test:<dir>`: the bundle's text wrapped in a function that is never
 *   called (what parsing alone costs);
 * - `minimal-m2m`: a hand-written lower bound (read the cached token, set the header);
 * - `ops-…`: 20 calls of one pm API in an otherwise empty script (cost per call = excess / 20).
 *
 * Reported: median per request and median pre-request phase over all timed requests of all rounds,
 * and both as ratios to `baseline` (empty one-line scripts in both hooks, static bearer token).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../test/helpers/engines.ts';
import { benchEnvironment, EMPTY_SCRIPT, HOST_FORM, REALM, ROOT, SCHEMA, STATIC_TOKEN, timedItems } from './lib/collections.ts';
import { startEchoServer } from './lib/echoServer.ts';
import { timedRun } from './lib/newmanRun.ts';
import { log, median, percentile } from './lib/stats.ts';

type Json = Record<string, any>;

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const rounds = Number(arg('rounds', '8'));
const perRound = Number(arg('per-round', '30'));
const engines = arg('engines', 'newman,app').split(',') as Engine[];
const before = path.resolve(ROOT, arg('before', 'dist/scripts'));
const after = path.resolve(ROOT, arg('after', 'dist/scripts'));
const only = arg('only', '');

const lines = (dir: string, name: string): string[] => readFileSync(path.join(dir, `${name}.js`), 'utf8').split('\n');
const unused = (dir: string, name: string): string[] => ['function __nspNeverCalled() {', ...lines(dir, name), '}'];
const ops = (call: string): string[] => Array.from({ length: 20 }, (_, i) => call.replace(/\$i/g, String(i)));

const FAR_FUTURE = Date.now() + 24 * 3600 * 1000;
// The cache key of core/tokenCache.ts: method|REALM|client|certificate (m2m only)|scopes.
const token = (method: string) => ({ key: `${method}|${REALM}|bench-client|${method === 'm2m' ? 'bench-kid' : ''}|rest_webservices`, accessToken: STATIC_TOKEN, expiresAt: FAR_FUTURE });
// Both cached tokens, in the collection variable the scripts keep them in (core/sessionState.ts). Bundles
// older than nsp_session (netsuite-rest < 4.0.0) read nsp_token_m2m instead: compare like with like.
const SESSION = 'nsp_session';
const session = () => JSON.stringify({ m2m: token('m2m'), authcode: token('authcode') });
const bearer = { type: 'bearer', bearer: [{ key: 'token', value: '{{static_token}}', type: 'string' }] };
const generated = JSON.parse(readFileSync(path.join(ROOT, 'collections', 'netsuite-rest.postman_collection.json'), 'utf8')) as Json;

interface VariantSpec {
  name: string;
  method: 'm2m' | 'tba' | 'authcode';
  pre: string[];
  test: string[];
  /** Static bearer auth at collection level (when the scripts do not set the header). */
  staticAuth: boolean;
}

const project = (label: string, dir: string, method: VariantSpec['method']): VariantSpec => ({
  name: `${label}-${method}`,
  method,
  pre: lines(dir, 'collection-prerequest'),
  test: lines(dir, 'collection-test'),
  staticAuth: false,
});

function allVariants(): VariantSpec[] {
  const empty = { pre: EMPTY_SCRIPT, test: EMPTY_SCRIPT, staticAuth: true, method: 'm2m' as const };
  const variants: VariantSpec[] = [
    { name: 'baseline', ...empty },
    project('before', before, 'm2m'),
    project('before', before, 'tba'),
    project('before', before, 'authcode'),
    { name: 'before-pre-only-m2m', ...empty, staticAuth: false, pre: lines(before, 'collection-prerequest') },
    { name: 'before-test-only-m2m', ...empty, test: lines(before, 'collection-test') },
    { name: 'parse-pre-before', ...empty, pre: unused(before, 'collection-prerequest') },
    { name: 'parse-test-before', ...empty, test: unused(before, 'collection-test') },
    {
      name: 'minimal-m2m',
      ...empty,
      staticAuth: false,
      pre: ["var t = JSON.parse(pm.collectionVariables.get('nsp_session')).m2m; pm.request.headers.upsert({ key: 'Authorization', value: 'Bearer ' + t.accessToken });"],
    },
    { name: 'ops-variables.get', ...empty, pre: ops("pm.variables.get('account_id');") },
    { name: 'ops-collectionVariables.get', ...empty, pre: ops("pm.collectionVariables.get('nsp_session');") },
    { name: 'ops-replaceIn', ...empty, pre: ops('pm.variables.replaceIn(pm.request.url.toString());') },
    { name: 'ops-url.toString', ...empty, pre: ops('pm.request.url.toString();') },
    { name: 'ops-headers.upsert', ...empty, pre: ops("pm.request.headers.upsert({ key: 'X-N', value: 'v$i' });") },
    { name: 'ops-headers.has', ...empty, pre: ops("pm.request.headers.has('Cookie');") },
    { name: 'ops-variables.set', ...empty, pre: ops("pm.variables.set('nsp_x$i', 'v');") },
    { name: 'ops-require-crypto-js', ...empty, pre: ops("require('crypto-js');") },
    { name: 'ops-collectionVariables.set', ...empty, test: ops("pm.collectionVariables.set('nsp_x', 'v$i');") },
    { name: 'ops-response.text', ...empty, test: ops('pm.response.text();') },
  ];
  if (after !== before) variants.push(project('after', after, 'm2m'), project('after', after, 'tba'), project('after', after, 'authcode'));
  const wanted = only ? new Set(['baseline', ...only.split(',')]) : undefined;
  return wanted ? variants.filter((v) => wanted.has(v.name)) : variants;
}

function collectionOf(spec: VariantSpec, count: number): Json {
  const event = [
    { listen: 'prerequest', script: { type: 'text/javascript', exec: spec.pre } },
    { listen: 'test', script: { type: 'text/javascript', exec: spec.test } },
  ];
  return {
    info: { name: `phase ${spec.name}`, schema: SCHEMA },
    auth: spec.staticAuth ? bearer : generated.auth,
    protocolProfileBehavior: generated.protocolProfileBehavior,
    variable: [
      ...structuredClone((generated.variable ?? []) as Json[]).filter((v) => v.key !== SESSION),
      { key: SESSION, value: session(), type: 'string' },
    ],
    event,
    item: [{ name: 'Timed', item: timedItems(count) }],
  };
}

interface Row {
  name: string;
  item: number[];
  pre: number[];
  problems: string[];
}

async function runEngine(engine: Engine, variants: VariantSpec[]): Promise<Row[]> {
  const server = await startEchoServer();
  const env = (spec: VariantSpec) => benchEnvironment(server.origin, spec.method, 'unused-private-key');
  const rows = variants.map((v): Row => ({ name: v.name, item: [], pre: [], problems: [] }));
  try {
    for (const v of variants) await timedRun(engine, collectionOf(v, 3), env(v));
    for (let round = 0; round < rounds; round++) {
      const order = variants.map((_, i) => (i + round) % variants.length);
      if (round % 2 === 1) order.reverse();
      for (const index of order) {
        const spec = variants[index]!;
        server.clear();
        const run = await timedRun(engine, collectionOf(spec, perRound), env(spec));
        const row = rows[index]!;
        row.item.push(...run.items.map((i) => i.itemMs));
        row.pre.push(...run.items.map((i) => i.prerequestMs));
        const problems = [...run.failures, ...run.assertionErrors];
        if (run.items.filter((i) => i.code === 200).length !== perRound) problems.push('not every request answered 200');
        if (spec.name.endsWith('m2m') || spec.name.endsWith('authcode')) {
          for (const seen of server.seen) if (seen.authorization !== `Bearer ${STATIC_TOKEN}`) problems.push(`bad Authorization ${seen.authorization.slice(0, 20)}`);
        }
        if (spec.name.endsWith('tba')) for (const seen of server.seen) if (!seen.authorization.startsWith('OAuth realm="1234567_SB1"')) problems.push('no OAuth header');
        row.problems.push(...problems.slice(0, 2));
      }
      log(`${engine} round ${round + 1}/${rounds}`);
    }
  } finally {
    await server.close();
  }
  return rows;
}

const variants = allVariants();
log(`prerequestPhase: ${variants.length} variants × ${rounds} rounds × ${perRound} requests; before=${path.relative(ROOT, before)} after=${path.relative(ROOT, after)}; host ${HOST_FORM}`);
for (const engine of engines) {
  const rows = await runEngine(engine, variants);
  const base = rows[0]!;
  const bItem = median(base.item);
  const bPre = median(base.pre);
  console.log(`\nengine ${engine}: ${rounds} rounds × ${perRound} requests per variant`);
  console.log('| variant | median per request | p90 | × baseline | median pre-request phase | pre − baseline pre | problems |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const m = median(row.item);
    const p = median(row.pre);
    console.log(
      `| ${row.name} | ${m.toFixed(2)} ms | ${percentile(row.item, 90).toFixed(2)} ms | ${(m / bItem).toFixed(3)}× | ${p.toFixed(2)} ms | ${(p - bPre).toFixed(2)} ms | ${row.problems.slice(0, 2).join('; ') || 'none'} |`,
    );
  }
}
