import { randomBytes } from 'node:crypto';
import type { Account } from './accountIds.ts';
import { AsyncJobs } from './asyncJobs.ts';
import { CertificateRegistry } from './certificates.ts';
import type { SimulatorCredentials } from './credentials.ts';
import { applyFaultPatch, type FaultPatch, type Faults } from './faults.ts';
import { NonceRegistry } from './nonceRegistry.ts';
import { createRecordStores } from './recordKinds.ts';
import { RecordStore } from './recordStore.ts';
import { emptyStats, type SimulatorStats } from './stats.ts';
import { TokenStore } from './tokenStore.ts';

/** A RESTlet deployment the simulator answers (both the script id and the numeric id work). */
export interface RestletDeployment {
  script: string;
  deploy: string;
  scriptNumber: string;
  deployNumber: string;
}

export const ECHO_RESTLET: RestletDeployment = {
  script: 'customscript_nsp_echo',
  deploy: 'customdeploy_nsp_echo',
  scriptNumber: '101',
  deployNumber: '1',
};

/** Everything the request handlers read and change. */
export interface SimulatorState {
  account: Account;
  /** `http://127.0.0.1:PORT/<host form>`, set once the server listens. */
  baseUrl: string;
  now: () => number;
  credentials: SimulatorCredentials;
  certificates: CertificateRegistry;
  tokens: TokenStore;
  nonces: NonceRegistry;
  /** The customers (SuiteQL and the built-in collections use them); also `stores.get('customer')`. */
  records: RecordStore;
  /** One store per simulated record type (see recordTypes.ts). */
  stores: Map<string, RecordStore>;
  jobs: AsyncJobs;
  stats: SimulatorStats;
  faults: Faults;
  initialFaults: Faults;
  counters: { rest: number; restlet: number; inFlight: number };
  refreshTokenLifetimeSeconds: number;
  restlets: RestletDeployment[];
  /** The refresh token written to the environment. */
  seededRefreshToken: string;
}

export function createState(input: {
  account: Account;
  now: () => number;
  credentials: SimulatorCredentials;
  faults: Faults;
  refreshTokenLifetimeSeconds: number;
  seedRecords: number;
}): SimulatorState {
  const { credentials, now } = input;
  const certificates = new CertificateRegistry(credentials.clientId, () => randomBytes(32).toString('base64url').slice(0, 43));
  certificates.upload(credentials.certificatePem, now(), { id: credentials.certificateId });
  const tokens = new TokenStore(credentials.tokenSigningSecret, input.account.realm, (n) => randomBytes(n));
  const seeded = tokens.issueRefreshToken({
    clientId: credentials.clientId,
    scopes: ['rest_webservices', 'restlets'],
    nowMs: now(),
    lifetimeSeconds: input.refreshTokenLifetimeSeconds,
  });
  const records = new RecordStore(input.seedRecords, now);
  return {
    account: input.account,
    baseUrl: '',
    now,
    credentials,
    certificates,
    tokens,
    nonces: new NonceRegistry(),
    records,
    stores: createRecordStores(records, now),
    jobs: new AsyncJobs(),
    stats: emptyStats(),
    faults: input.faults,
    initialFaults: input.faults,
    counters: { rest: 0, restlet: 0, inFlight: 0 },
    refreshTokenLifetimeSeconds: input.refreshTokenLifetimeSeconds,
    restlets: [ECHO_RESTLET],
    seededRefreshToken: seeded.token,
  };
}

/** Applies a fault patch (validated); `revokeAllTokens: true` revokes every access token now. */
export function setFaults(state: SimulatorState, patch: FaultPatch | unknown): Faults {
  state.faults = applyFaultPatch(state.faults, patch);
  if ((patch as FaultPatch).revokeAllTokens === true) revokeAllTokens(state);
  return state.faults;
}

export function revokeAllTokens(state: SimulatorState): number {
  const count = state.tokens.revokeAllAccessTokens();
  state.stats.tokensRevoked += count;
  return count;
}

/** Back to the start: seed records, no jobs, zero stats, initial faults. Credentials and tokens stay valid. */
export function resetState(state: SimulatorState): void {
  for (const store of state.stores.values()) store.reset();
  state.jobs.reset();
  state.nonces.clear();
  state.stats = emptyStats();
  state.faults = { ...state.initialFaults, deniedRecordTypes: [...state.initialFaults.deniedRecordTypes] };
  state.counters.rest = 0;
  state.counters.restlet = 0;
}

export const tokenUrl = (state: SimulatorState): string => `${state.baseUrl}/services/rest/auth/oauth2/v1/token`;
