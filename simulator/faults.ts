/** Faults the simulator can inject; all off by default. */
export interface Faults {
  /** Lifetime of newly minted access tokens, seconds. */
  tokenLifetimeSeconds: number;
  /** Every Nth authenticated REST request answers 429 (0 = off). */
  rateLimitEvery: number;
  /** `Retry-After` value on 429s; null sends none. */
  retryAfterSeconds: number | null;
  /** Every Nth authenticated RESTlet request answers 400 SSS_REQUEST_LIMIT_EXCEEDED (0 = off). */
  restletLimitEvery: number;
  /** More simultaneous in-flight API requests than this are refused (0 = no limit). */
  concurrencyLimit: number;
  /** Added to every account response, milliseconds. */
  latencyMs: number;
  /** The next K token endpoint calls answer 503. */
  tokenEndpointFailures: number;
  /** Record types the simulated role may not access (403). */
  deniedRecordTypes: string[];
  /** New async jobs answer `progress: pending` for this many status polls before they read completed. */
  asyncPendingPolls: number;
  /** The integration record's State is Blocked/disabled: no token is minted, no request authenticates. */
  integrationDisabled: boolean;
  /** "Client Credentials (Machine to Machine) Grant" is unticked on the integration record. */
  clientCredentialsGrantOff: boolean;
  /** The environment's M2M certificate (certificate_id) expired, was revoked, or was replaced in the mapping. */
  certificateFault: CertificateFault | null;
  /** The integration record's "Allowed IPs": API requests from other addresses fail authentication (empty = no restriction). */
  allowedIps: string[];
  /** Status of the RESTlet deployment: `testing` lets only logged-in users (no external call) run it. */
  restletDeploymentStatus: 'released' | 'testing';
  /** The deployment's audience does not include the token's role. */
  restletAudienceExcludesRole: boolean;
  /** Entry points the RESTlet script implements; other methods answer 405. */
  restletMethods: string[];
}

export const CERTIFICATE_FAULTS = ['expired', 'revoked', 'replaced'] as const;
export type CertificateFault = (typeof CERTIFICATE_FAULTS)[number];

/** What `setFaults` and `POST /__simulator/faults` accept. `revokeAllTokens: true` revokes now. */
export type FaultPatch = Partial<Faults> & { revokeAllTokens?: boolean };

export function defaultFaults(tokenLifetimeSeconds = 3600): Faults {
  return {
    tokenLifetimeSeconds,
    rateLimitEvery: 0,
    retryAfterSeconds: null,
    restletLimitEvery: 0,
    concurrencyLimit: 0,
    latencyMs: 0,
    tokenEndpointFailures: 0,
    deniedRecordTypes: [],
    asyncPendingPolls: 0,
    integrationDisabled: false,
    clientCredentialsGrantOff: false,
    certificateFault: null,
    allowedIps: [],
    restletDeploymentStatus: 'released',
    restletAudienceExcludesRole: false,
    restletMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  };
}

export class FaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultError';
  }
}

const COUNTS = ['rateLimitEvery', 'restletLimitEvery', 'concurrencyLimit', 'latencyMs', 'tokenEndpointFailures', 'asyncPendingPolls'] as const;

/** Validates a patch (from code or untrusted JSON) and returns the merged faults. */
export function applyFaultPatch(current: Faults, patch: unknown): Faults {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new FaultError('Faults must be a JSON object.');
  const input = patch as Record<string, unknown>;
  const next: Faults = { ...current, deniedRecordTypes: [...current.deniedRecordTypes], allowedIps: [...current.allowedIps], restletMethods: [...current.restletMethods] };
  const known = new Set<string>([...Object.keys(current), 'revokeAllTokens']);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new FaultError(`Unknown fault "${key}".`);
  const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
  for (const key of COUNTS) {
    if (!(key in input)) continue;
    const value = input[key];
    if (!isCount(value)) throw new FaultError(`${key} must be a non-negative integer.`);
    next[key] = value;
  }
  if ('tokenLifetimeSeconds' in input) {
    const value = input.tokenLifetimeSeconds;
    if (!isCount(value) || value < 1) throw new FaultError('tokenLifetimeSeconds must be a positive integer.');
    next.tokenLifetimeSeconds = value;
  }
  if ('retryAfterSeconds' in input) {
    const value = input.retryAfterSeconds;
    if (value !== null && !isCount(value)) throw new FaultError('retryAfterSeconds must be a non-negative integer or null.');
    next.retryAfterSeconds = value;
  }
  if ('deniedRecordTypes' in input) {
    const value = input.deniedRecordTypes;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new FaultError('deniedRecordTypes must be an array of record type names.');
    }
    next.deniedRecordTypes = value.map((item: string) => item.toLowerCase());
  }
  for (const key of ['integrationDisabled', 'clientCredentialsGrantOff', 'restletAudienceExcludesRole'] as const) {
    if (!(key in input)) continue;
    if (typeof input[key] !== 'boolean') throw new FaultError(`${key} must be a boolean.`);
    next[key] = input[key] as boolean;
  }
  if ('certificateFault' in input) {
    const value = input.certificateFault;
    if (value !== null && !(CERTIFICATE_FAULTS as readonly unknown[]).includes(value)) throw new FaultError(`certificateFault must be null or one of ${CERTIFICATE_FAULTS.join(', ')}.`);
    next.certificateFault = value as CertificateFault | null;
  }
  for (const key of ['allowedIps', 'restletMethods'] as const) {
    if (!(key in input)) continue;
    const value = input[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new FaultError(`${key} must be an array of strings.`);
    next[key] = key === 'restletMethods' ? value.map((item: string) => item.toUpperCase()) : [...value];
  }
  if ('restletDeploymentStatus' in input) {
    const value = input.restletDeploymentStatus;
    if (value !== 'released' && value !== 'testing') throw new FaultError('restletDeploymentStatus must be "released" or "testing".');
    next.restletDeploymentStatus = value;
  }
  if ('revokeAllTokens' in input && typeof input.revokeAllTokens !== 'boolean') {
    throw new FaultError('revokeAllTokens must be a boolean.');
  }
  return next;
}
