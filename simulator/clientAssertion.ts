import { compactVerify, decodeProtectedHeader } from 'jose';
import type { CertificateRegistry } from './certificates.ts';
import type { OAuthErrorCode } from './netsuiteErrors.ts';
import { parseScopes } from './scopes.ts';

export const ASSERTION_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
const CURVE_OF: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
/** Allowed clock skew for `iat` in the future, seconds. */
export const IAT_SKEW_SECONDS = 60;

export interface AssertionContext {
  /** The token endpoint URL the `aud` must equal exactly. */
  tokenUrl: string;
  clientId: string;
  certificates: CertificateRegistry;
  nowMs: number;
}

export type AssertionResult =
  | { ok: true; clientId: string; scopes: string[]; kid: string }
  | { ok: false; status: number; error: OAuthErrorCode; description: string; reason: string };

const fail = (status: number, error: OAuthErrorCode, description: string, reason: string): AssertionResult => ({
  ok: false,
  status,
  error,
  description,
  reason,
});

/**
 * Verifies a `client_credentials` JWT assertion the way NetSuite does: header (alg, typ, kid),
 * key policy, signature (jose), then claims (iss, aud, scope, iat/exp) against an explicit clock.
 */
export async function verifyClientAssertion(assertion: string, context: AssertionContext): Promise<AssertionResult> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
    if (assertion.split('.').length !== 3) throw new Error('not a JWS');
  } catch {
    return fail(400, 'invalid_request', 'The client_assertion is not a well-formed JWT (three base64url parts).', 'assertion_malformed');
  }
  const alg = header.alg;
  if (alg === 'RS256' || alg === 'RS384' || alg === 'RS512') {
    return fail(
      401,
      'invalid_client',
      `The JWT algorithm ${alg} (RSA PKCS#1 v1.5) is no longer accepted by NetSuite since 2025-03-01; sign with PS256, PS384, PS512, ES256, ES384 or ES512.`,
      'assertion_alg_rs',
    );
  }
  if (typeof alg !== 'string' || !(ASSERTION_ALGORITHMS as readonly string[]).includes(alg)) {
    return fail(401, 'invalid_client', `Unsupported JWT algorithm ${String(alg)}; use PS256, PS384, PS512, ES256, ES384 or ES512.`, 'assertion_alg_unsupported');
  }
  if (header.typ !== 'JWT') {
    return fail(401, 'invalid_client', 'The JWT header must have typ "JWT".', 'assertion_typ');
  }
  if (typeof header.kid !== 'string' || header.kid === '') {
    return fail(401, 'invalid_client', 'The JWT header has no kid (the certificate id of the M2M mapping).', 'assertion_kid_missing');
  }
  const certificate = context.certificates.find(header.kid);
  if (!certificate) {
    return fail(401, 'invalid_client', 'The kid does not match any certificate of this integration.', 'assertion_kid_unknown');
  }
  if (certificate.revoked) {
    return fail(400, 'invalid_grant', 'The certificate named by kid has been revoked.', 'assertion_kid_revoked');
  }
  if (alg.startsWith('PS')) {
    if (certificate.keyType !== 'rsa') {
      return fail(401, 'invalid_client', `${alg} needs an RSA key, but the certificate holds an EC key.`, 'assertion_key_mismatch');
    }
    if ((certificate.keyBits ?? 0) < 3072) {
      return fail(401, 'invalid_client', `The RSA key has ${certificate.keyBits ?? 0} bits; NetSuite requires at least 3072.`, 'assertion_key_weak');
    }
  } else if (certificate.keyType !== 'ec' || certificate.curve !== CURVE_OF[alg]) {
    return fail(401, 'invalid_client', `${alg} needs an EC key on ${CURVE_OF[alg]}, which the certificate does not hold.`, 'assertion_key_mismatch');
  }
  let payload: Record<string, unknown>;
  try {
    const verified = await compactVerify(assertion, certificate.publicKey, { algorithms: [alg] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('payload');
  } catch {
    // A private key that does not match the mapped certificate: invalid_grant (seed 001).
    return fail(400, 'invalid_grant', 'The JWT signature does not verify with the certificate named by kid.', 'assertion_signature');
  }
  if (payload.iss !== context.clientId) {
    return fail(401, 'invalid_client', 'The iss claim must be the client id of the integration record.', 'assertion_iss');
  }
  const aud = payload.aud;
  const audOk = aud === context.tokenUrl || (Array.isArray(aud) && aud.length === 1 && aud[0] === context.tokenUrl);
  if (!audOk) {
    return fail(401, 'invalid_client', `The aud claim must be exactly ${context.tokenUrl}.`, 'assertion_aud');
  }
  const scopes = parseScopes(payload.scope);
  if (!scopes) {
    return fail(400, 'invalid_scope', 'The scope claim is missing; use rest_webservices, restlets or suite_analytics, comma-separated.', 'assertion_scope');
  }
  if (scopes.unknown.length > 0) {
    return fail(400, 'invalid_scope', `Unknown scope ${scopes.unknown.join(', ')}; use rest_webservices, restlets or suite_analytics.`, 'assertion_scope');
  }
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') {
    return fail(400, 'invalid_grant', 'The JWT must carry numeric iat and exp claims.', 'assertion_claims_missing');
  }
  if (exp - iat >= 3600) {
    return fail(400, 'invalid_grant', 'exp must be less than 60 minutes after iat.', 'assertion_lifetime');
  }
  const now = context.nowMs / 1000;
  if (exp <= now) {
    return fail(400, 'invalid_grant', 'The JWT assertion has expired.', 'assertion_expired');
  }
  if (iat > now + IAT_SKEW_SECONDS) {
    return fail(400, 'invalid_grant', 'The JWT iat is in the future (check the clock).', 'assertion_iat_future');
  }
  return { ok: true, clientId: context.clientId, scopes: scopes.scopes, kid: certificate.id };
}
