import { NspError } from './NspError';

/** The client-assertion algorithms NetSuite accepts for OAuth 2.0 client credentials (M2M). */
export type JwtAlgorithm = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export const DEFAULT_JWT_ALGORITHM: JwtAlgorithm = 'PS256';

const VARIABLE = 'jwt_algorithm';

/**
 * Reads the `jwt_algorithm` variable. Undefined or empty means the default, PS256. Case and
 * surrounding whitespace/quotes are ignored (`ps256`, `"PS256"`, ` es512 `).
 */
export function parseJwtAlgorithm(value: string | undefined): JwtAlgorithm {
  if (value === undefined || value === null) return DEFAULT_JWT_ALGORITHM;
  if (typeof value !== 'string') {
    throw new NspError(
      'BAD_JWT_ALGORITHM',
      `jwt_algorithm must be text such as PS256; got a value of type ${typeof value}. Accepted: ${JWT_ALGORITHMS.join(', ')} (default PS256).`,
      VARIABLE,
    );
  }
  const normalized = value.trim().replace(/^["'`]+|["'`]+$/g, '').trim().toUpperCase();
  if (normalized === '') return DEFAULT_JWT_ALGORITHM;
  for (const algorithm of JWT_ALGORITHMS) {
    if (algorithm === normalized) return algorithm;
  }
  if (/^RS(256|384|512)$/.test(normalized)) {
    const ps = 'PS' + normalized.slice(2);
    throw new NspError(
      'RS256_REFUSED',
      `jwt_algorithm is ${normalized}: NetSuite stopped accepting RSA PKCS#1 v1.5 signatures (RS256, RS384, RS512) ` +
        `for client assertions on 2025-03-01, so the token request would fail. Set jwt_algorithm to ${ps} ` +
        `(RSA-PSS): it uses the same RSA key and the same certificate, so no new certificate is needed.`,
      VARIABLE,
    );
  }
  const shown = normalized.length <= 20 && /^[A-Z0-9_-]+$/.test(normalized) ? `"${normalized}"` : 'not an algorithm name';
  const hint = /^HS(256|384|512)$/.test(normalized)
    ? ' HMAC (shared-secret) algorithms are not used for NetSuite client assertions: they are signed with the private key of the certificate you uploaded.'
    : '';
  throw new NspError(
    'BAD_JWT_ALGORITHM',
    `jwt_algorithm is ${shown}, which NetSuite does not accept for client assertions.${hint} ` +
      `Use one of ${JWT_ALGORITHMS.join(', ')}, or leave it empty for the default PS256 ` +
      `(PS* with an RSA key, ES256/ES384/ES512 with an EC P-256/P-384/P-521 key).`,
    VARIABLE,
  );
}
