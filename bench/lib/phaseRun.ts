/**
 * Hand-built collection-level hooks ("phase specs") for the per-request breakdown and the design
 * experiments (bench/breakdown.ts): the collection of each spec and the check of what every timed
 * request carried. bench/lib/phaseLanes.ts runs them, interleaved request by request. The token of
 * m2m/authcode specs is already in `nsp_session` (fresh, far from expiry), so what is timed is the
 * cached-token success path.
 */
import { cacheKey } from '../../scripts-src/core/tokenCache.ts';
import { BENCH_CLIENT, REALM, SCHEMA, STATIC_TOKEN, TBA_SECRETS, timedItems } from './collections.ts';
import type { EchoServer } from './echoServer.ts';
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
  /** Median item time of each block of cycles (for the spread of per-block ratios). */
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

export function check(spec: PhaseSpec, server: EchoServer, count: number): string[] {
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

