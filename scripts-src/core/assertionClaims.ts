import { NspError } from './NspError';
import { JWT_ALGORITHMS, type JwtAlgorithm } from './jwtAlgorithm';
import type { EcCurve } from './privateKeyPem';

// The client assertion's claims and the checks before signing, with no signing library: shared by
// the jsrsasign signer (clientAssertion.ts) and the Web Crypto signer (webCryptoAssertion.ts), so
// both refuse the same inputs with the same words.

/**
 * Default assertion lifetime: 50 minutes. NetSuite wants `exp` less than 60 minutes after `iat`;
 * 50 leaves a 10-minute margin under that cap and still tolerates a local clock that runs
 * behind NetSuite's by up to 50 minutes. The assertion is used once, right away; the access
 * token it buys lasts 60 minutes whatever this is.
 */
export const DEFAULT_ASSERTION_LIFETIME_SECONDS = 3000;

/** NetSuite refuses assertions whose `exp` is 60 minutes or more after `iat`. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 3599;

/** NetSuite requires RSA keys of 3072 or 4096 bits. */
export const MIN_RSA_BITS = 3072;

export const GENERATE_KEY_COMMAND =
  'openssl req -new -x509 -newkey rsa:3072 -keyout private.pem -sigopt rsa_padding_mode:pss -sha256 ' +
  '-sigopt rsa_pss_saltlen:64 -out public.pem -nodes -days 365';

/** What the checks need to know of a key: its kind, and its RSA size or EC curve. */
export type KeyShape = { kind: 'RSA'; bits: number } | { kind: 'EC'; curve: EcCurve };

export interface ClientAssertionInput {
  algorithm: JwtAlgorithm;
  key: KeyShape;
  /** Certificate id of the M2M mapping: the JWT `kid`. */
  certificateId: string;
  /** Client id of the integration record: the JWT `iss`. */
  clientId: string;
  /** Joined with commas into the `scope` claim (restlets, rest_webservices, suite_analytics). */
  scopes: string[];
  /** The token endpoint URL exactly as the token request will use it: the JWT `aud`. */
  audience: string;
  /** Current time in seconds since the epoch: `iat`. */
  nowSeconds: number;
  /** exp − iat; default DEFAULT_ASSERTION_LIFETIME_SECONDS; must be 1…3599. */
  lifetimeSeconds?: number;
  /** Optional `jti` claim. */
  jti?: string;
}

export interface ClientAssertionHeader {
  alg: JwtAlgorithm;
  typ: 'JWT';
  kid: string;
}

export interface ClientAssertionPayload {
  iss: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
  jti?: string;
}

/** The curve each ES* algorithm needs. */
export const EC_CURVE_OF: { [alg: string]: EcCurve } = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

const ALGORITHM_FOR_CURVE: { [curve: string]: JwtAlgorithm } = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };

/** The jwt_algorithm values that fit a key: PS256/PS384/PS512 for RSA, the one ES* of an EC curve. */
export function algorithmsForKey(key: KeyShape): JwtAlgorithm[] {
  return key.kind === 'RSA' ? ['PS256', 'PS384', 'PS512'] : [ALGORITHM_FOR_CURVE[key.curve] as JwtAlgorithm];
}

export function checkKeyFitsAlgorithm(algorithm: JwtAlgorithm, key: KeyShape): void {
  const curve = EC_CURVE_OF[algorithm];
  const ec = curve === undefined ? undefined : { curve };
  if (key.kind === 'RSA') {
    if (ec !== undefined) {
      throw new NspError(
        'KEY_ALGORITHM_MISMATCH',
        `jwt_algorithm is ${algorithm}, which needs an EC ${ec.curve} key, but private_key is an RSA key. ` +
          'Set jwt_algorithm to PS256 (or PS384/PS512) for this key, or paste an EC private key.',
        'jwt_algorithm',
      );
    }
    if (key.bits < MIN_RSA_BITS) {
      throw new NspError(
        'RSA_KEY_TOO_SMALL',
        `private_key is an RSA key of ${key.bits} bits; NetSuite requires RSA keys of 3072 or 4096 bits and ` +
          `rejects the token request otherwise. Generate a new key and certificate with \`${GENERATE_KEY_COMMAND}\`, ` +
          'upload public.pem to the M2M mapping in NetSuite, put the new certificate id in certificate_id and ' +
          'paste private.pem into private_key.',
        'private_key',
      );
    }
    return;
  }
  const fitting = ALGORITHM_FOR_CURVE[key.curve] as JwtAlgorithm;
  if (ec === undefined) {
    throw new NspError(
      'KEY_ALGORITHM_MISMATCH',
      `jwt_algorithm is ${algorithm}, which needs an RSA key, but private_key is an EC ${key.curve} key. ` +
        `Set jwt_algorithm to ${fitting} for this key, or paste an RSA private key.`,
      'jwt_algorithm',
    );
  }
  if (ec.curve !== key.curve) {
    throw new NspError(
      'KEY_ALGORITHM_MISMATCH',
      `jwt_algorithm is ${algorithm}, which needs an EC ${ec.curve} key, but private_key is an EC ${key.curve} key. ` +
        `Set jwt_algorithm to ${fitting} for this key.`,
      'jwt_algorithm',
    );
  }
}

function requireText(value: unknown, code: string, variable: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new NspError(code, `${variable} is empty. Set it to ${what}.`, variable);
  }
  return value.trim();
}

/**
 * Checks everything about an assertion before it is signed, in a fixed order (algorithm, key fits
 * the algorithm, kid, iss, scope, aud, clock, lifetime) and returns its header and payload JSON.
 */
export function assertionClaims(input: ClientAssertionInput): { headerJson: string; payloadJson: string } {
  const algorithm = input.algorithm;
  if (JWT_ALGORITHMS.indexOf(algorithm) === -1) {
    throw new NspError(
      'BAD_JWT_ALGORITHM',
      `jwt_algorithm must be one of ${JWT_ALGORITHMS.join(', ')} for a NetSuite client assertion.`,
      'jwt_algorithm',
    );
  }
  checkKeyFitsAlgorithm(algorithm, input.key);
  const kid = requireText(input.certificateId, 'MISSING_CERTIFICATE_ID', 'certificate_id', 'the certificate id shown on the M2M mapping in NetSuite (Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup)');
  const iss = requireText(input.clientId, 'MISSING_CLIENT_ID', 'client_id', 'the client id (consumer key) of the integration record');
  const scopes = (Array.isArray(input.scopes) ? input.scopes : [])
    .map((scope) => (typeof scope === 'string' ? scope.trim() : ''))
    .filter((scope) => scope !== '');
  if (scopes.length === 0) {
    throw new NspError('MISSING_SCOPE', 'scope is empty. Set it to rest_webservices, restlets or suite_analytics (comma-separated for several).', 'scope');
  }
  const aud = typeof input.audience === 'string' ? input.audience.trim() : '';
  if (!/^https?:\/\/[^\s/]+\/\S*$/.test(aud)) {
    throw new NspError(
      'BAD_AUDIENCE',
      'The token URL used as the assertion audience (aud) is missing or not a URL. Check account_id, or ' +
        'suitetalk_base_url if you override it: aud must equal the token endpoint, ' +
        'https://<account host>.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token.',
      'suitetalk_base_url',
    );
  }
  if (typeof input.nowSeconds !== 'number' || !isFinite(input.nowSeconds) || input.nowSeconds <= 0) {
    throw new NspError('BAD_CLOCK', 'The current time given to the assertion signer is not a valid number of seconds since 1970.');
  }
  const iat = Math.floor(input.nowSeconds);
  const lifetime = input.lifetimeSeconds === undefined ? DEFAULT_ASSERTION_LIFETIME_SECONDS : input.lifetimeSeconds;
  if (typeof lifetime !== 'number' || Math.floor(lifetime) !== lifetime || lifetime <= 0 || lifetime > MAX_ASSERTION_LIFETIME_SECONDS) {
    throw new NspError(
      'BAD_ASSERTION_LIFETIME',
      `The client assertion lifetime must be a whole number of seconds above 0 and below 3600 (NetSuite requires exp ` +
        `less than 60 minutes after iat); got ${String(lifetime).slice(0, 20)}. Leave it unset for the default ` +
        `${DEFAULT_ASSERTION_LIFETIME_SECONDS}.`,
    );
  }
  const exp = iat + lifetime;

  const header: ClientAssertionHeader = { alg: algorithm, typ: 'JWT', kid };
  const payload: ClientAssertionPayload = { iss, scope: scopes.join(','), aud, iat, exp };
  if (input.jti !== undefined) {
    payload.jti = requireText(input.jti, 'BAD_JTI', 'jti', 'a unique id for this assertion, or leave it out');
  }
  return { headerJson: JSON.stringify(header), payloadJson: JSON.stringify(payload) };
}
