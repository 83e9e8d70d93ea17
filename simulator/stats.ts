import type { GrantType } from './tokenStore.ts';
import type { Outcome } from './httpTypes.ts';

/** Counters of what the simulator saw, for tests to assert on. */
export interface SimulatorStats {
  tokensMinted: Record<GrantType, number> & { total: number };
  requests: Record<Outcome, number> & { total: number };
  /** Count of every non-accepted response by reason code (see docs/simulator.md). */
  rejections: Record<string, number>;
  recordsCreated: number;
  recordsUpdated: number;
  recordsDeleted: number;
  idempotencyRepeats: number;
  authorizationCodesIssued: number;
  certificatesUploaded: number;
  certificatesRevoked: number;
  tokensRevoked: number;
}

export function emptyStats(): SimulatorStats {
  return {
    tokensMinted: { client_credentials: 0, authorization_code: 0, refresh_token: 0, total: 0 },
    requests: { accepted: 0, rejected: 0, limited: 0, unavailable: 0, error: 0, total: 0 },
    rejections: {},
    recordsCreated: 0,
    recordsUpdated: 0,
    recordsDeleted: 0,
    idempotencyRepeats: 0,
    authorizationCodesIssued: 0,
    certificatesUploaded: 0,
    certificatesRevoked: 0,
    tokensRevoked: 0,
  };
}

export function countOutcome(stats: SimulatorStats, outcome: Outcome, reason: string | undefined): void {
  stats.requests[outcome] += 1;
  stats.requests.total += 1;
  if (outcome !== 'accepted') {
    const key = reason ?? 'unspecified';
    stats.rejections[key] = (stats.rejections[key] ?? 0) + 1;
  }
}

export function countMint(stats: SimulatorStats, grantType: GrantType): void {
  stats.tokensMinted[grantType] += 1;
  stats.tokensMinted.total += 1;
}

/** A deep copy, safe to hand out. */
export function snapshotStats(stats: SimulatorStats): SimulatorStats {
  return JSON.parse(JSON.stringify(stats)) as SimulatorStats;
}
