/**
 * Interleaved runs of hand-built collection-level hooks ("phase specs") in one engine, against the
 * loopback echo server, timing each request's pre-request phase, test phase and whole item. Used
 * by the per-request breakdown and the design experiments (bench/breakdown.ts). Every spec is its own Newman run of the same timed requests; each round
 * runs every spec once in an order rotated every round (reversed every other round), after one
 * untimed warm-up run of each. The token of m2m/authcode specs is already in the collection
 * variable (fresh, far from expiry), so what is timed is the cached-token success path.
 */
import type { Engine } from '../../test/helpers/engines.ts';
import { cacheKey } from '../../scripts-src/core/tokenCache.ts';
import { BENCH_CLIENT, benchEnvironment, REALM, SCHEMA, STATIC_TOKEN, TBA_SECRETS, timedItems } from './collections.ts';
import { type EchoServer, startEchoServer } from './echoServer.ts';
import { timedRun } from './newmanRun.ts';
import { median } from './stats.ts';
import { verifyTba } from '../../test/helpers/tbaVerify.ts';

type Json = Record<string, any>;

export type AuthMethod = 'm2m' | 'tba' | 'authcode';

export interface PhaseSpec {
  name: string;
  /** One line for the results table: what the variant isolates. */
  what: string;
  method: AuthMethod;
  /** Collection-level pre-request / test script lines; undefined = no such event at all. */
  pre?: string[];
  test?: string[];
  /** Collection-level Bearer auth with the static token (the scripts set no header). */
  staticAuth: boolean;
  /** Extra collection variables (copied into every script execution by the engine). */
  variables?: Array<{ key: string; value: string }>;
  /** Leave out the generated collection's declared variables (and their descriptions). */
  noDeclaredVariables?: boolean;
  /** Item-level pre-request script of one untimed "Setup" request sent before the timed ones. */
  setup?: string[];
  /** What every timed request must carry: checked after the run, outside the timed path. */
  expect: 'bearer' | 'tba';
}

export interface PhaseRow {
  spec: PhaseSpec;
  item: number[];
  pre: number[];
  test: number[];
  /** Median item time of each round (for the spread of per-round ratios). */
  roundItem: number[];
  /** Median pre + test phase of each round. */
  roundScripts: number[];
  requests: number;
  problems: string[];
}

export const SETUP_PATH = '/bench-setup';
const FAR_FUTURE = Date.now() + 24 * 3600 * 1000;
/** A fresh token under the key the scripts compute for the bench environment (scripts-src/core/tokenCache.ts). */
const cachedToken = (method: 'm2m' | 'authcode') => ({
  key: cacheKey({ authMethod: method, accountRealm: REALM, clientId: BENCH_CLIENT.clientId, certificateId: method === 'm2m' ? BENCH_CLIENT.certificateId : '', scope: BENCH_CLIENT.scope }),
  accessToken: STATIC_TOKEN,
  expiresAt: FAR_FUTURE,
});
/** The collection variable that holds the cached tokens (scripts-src/core/sessionState.ts). */
const SESSION = 'nsp_session';
/** Both methods' fresh tokens, as the scripts write `nsp_session`. */
const cachedSession = () => JSON.stringify({ m2m: cachedToken('m2m'), authcode: cachedToken('authcode') });
const bearer = { type: 'bearer', bearer: [{ key: 'token', value: '{{static_token}}', type: 'string' }] };

export function phaseCollection(spec: PhaseSpec, generated: Json, count: number): Json {
  const event: Json[] = [];
  if (spec.pre) event.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: spec.pre } });
  if (spec.test) event.push({ listen: 'test', script: { type: 'text/javascript', exec: spec.test } });
  const item: Json[] = [];
  if (spec.setup) {
    item.push({
      name: 'Setup',
      item: [
        {
          name: 'Install',
          event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: spec.setup } }],
          request: { method: 'GET', url: `{{suitetalk_base_url}}${SETUP_PATH}`, header: [] },
        },
      ],
    });
  }
  item.push({ name: 'Timed', item: timedItems(count) });
  return {
    info: { name: `phase ${spec.name}`, schema: SCHEMA },
    auth: spec.staticAuth ? bearer : generated.auth,
    protocolProfileBehavior: generated.protocolProfileBehavior,
    variable: [
      // The declared nsp_session is replaced by the one holding the cached tokens below, not listed twice.
      ...(spec.noDeclaredVariables ? [] : structuredClone((generated.variable ?? []) as Json[]).filter((v) => v.key !== SESSION)),
      { key: SESSION, value: cachedSession(), type: 'string' },
      ...(spec.variables ?? []).map((v) => ({ ...v, type: 'string' })),
    ],
    event,
    item,
  };
}

function check(spec: PhaseSpec, server: EchoServer, count: number): string[] {
  const problems: string[] = [];
  const timed = server.seen.filter((s) => !s.target.includes(SETUP_PATH));
  if (timed.length !== count) problems.push(`server saw ${timed.length} timed requests, expected ${count}`);
  if (server.tokenRequests.length) problems.push(`${server.tokenRequests.length} token requests (the cached token should have been used)`);
  for (const seen of timed) {
    if (spec.expect === 'bearer') {
      if (seen.authorization !== `Bearer ${STATIC_TOKEN}`) problems.push(`${seen.method} ${seen.target}: Authorization "${seen.authorization.slice(0, 20)}…"`);
    } else {
      const result = verifyTba({ ...seen, origin: server.origin }, TBA_SECRETS);
      if (!result.valid || result.params.realm !== REALM) problems.push(`${seen.method} ${seen.target}: TBA signature not valid`);
    }
  }
  return problems;
}

export async function runPhases(
  engine: Engine,
  specs: PhaseSpec[],
  generated: Json,
  rounds: number,
  perRound: number,
  onRound?: (round: number, rows: PhaseRow[]) => void,
): Promise<PhaseRow[]> {
  const server = await startEchoServer();
  const env = (spec: PhaseSpec) => benchEnvironment(server.origin, spec.method, 'unused-private-key');
  const rows = specs.map((spec): PhaseRow => ({ spec, item: [], pre: [], test: [], roundItem: [], roundScripts: [], requests: 0, problems: [] }));
  const collections = specs.map((spec) => phaseCollection(spec, generated, perRound));
  try {
    for (const spec of specs) await timedRun(engine, phaseCollection(spec, generated, 3), env(spec));
    for (let round = 0; round < rounds; round++) {
      const order = specs.map((_, i) => (i + round) % specs.length);
      if (round % 2 === 1) order.reverse();
      for (const index of order) {
        const spec = specs[index]!;
        const row = rows[index]!;
        server.clear();
        const run = await timedRun(engine, collections[index]!, env(spec));
        const timed = run.items.filter((i) => i.folder === 'Timed');
        row.item.push(...timed.map((i) => i.itemMs));
        row.pre.push(...timed.map((i) => i.prerequestMs));
        row.test.push(...timed.map((i) => i.testMs));
        row.roundItem.push(median(timed.map((i) => i.itemMs)));
        row.roundScripts.push(median(timed.map((i) => i.prerequestMs + i.testMs)));
        row.requests += timed.filter((i) => i.code === 200).length;
        const problems = [...run.failures, ...run.assertionErrors, ...check(spec, server, perRound)];
        if (timed.length !== perRound) problems.push(`${timed.length} timed items, expected ${perRound}`);
        row.problems.push(...problems.slice(0, 3).map((p) => `round ${round + 1}: ${p}`));
      }
      onRound?.(round, rows);
    }
  } finally {
    await server.close();
  }
  return rows;
}

