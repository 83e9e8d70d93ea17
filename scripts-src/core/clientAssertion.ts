import { hextob64u, KJUR, utf8tob64u } from 'jsrsasign';
import { NspError } from './NspError';
import { base64ToHex, derIntegerHex, hexToUtf8, readDerChildren, readDerWhole } from './der';
import { JWT_ALGORITHMS, type JwtAlgorithm } from './jwtAlgorithm';
import type { EcCurve, ParsedKey } from './pem';
import { signDeterministic, type Rfc6979Hash } from './rfc6979';

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

export interface ClientAssertionInput {
  algorithm: JwtAlgorithm;
  key: ParsedKey;
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

const EC_ALGORITHMS: { [alg: string]: { curve: EcCurve; bytes: number; hash: Rfc6979Hash } } = {
  ES256: { curve: 'P-256', bytes: 32, hash: 'sha256' },
  ES384: { curve: 'P-384', bytes: 48, hash: 'sha384' },
  ES512: { curve: 'P-521', bytes: 66, hash: 'sha512' },
};

const ALGORITHM_FOR_CURVE: { [curve: string]: JwtAlgorithm } = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };

/** The jwt_algorithm values that fit a key: PS256/PS384/PS512 for RSA, the one ES* of an EC curve. */
export function algorithmsForKey(key: ParsedKey): JwtAlgorithm[] {
  return key.kind === 'RSA' ? ['PS256', 'PS384', 'PS512'] : [ALGORITHM_FOR_CURVE[key.curve] as JwtAlgorithm];
}

export function checkKeyFitsAlgorithm(algorithm: JwtAlgorithm, key: ParsedKey): void {
  const ec = EC_ALGORITHMS[algorithm];
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
 * Converts a DER ECDSA signature (SEQUENCE of two INTEGERs, as jsrsasign's Signature.sign()
 * returns it) to the JOSE form: r ‖ s, each left-padded with zero bytes to the curve's size
 * (32, 48 or 66 bytes). jsrsasign 11.1.5's own conversion gets P-521 wrong about a quarter of
 * the time (and can throw for P-256/P-384 when r or s has two leading zero bytes). The signer
 * itself no longer goes through DER (see sign() and rfc6979.ts); this stays for DER signatures.
 */
export function ecdsaDerToJose(derHex: string, curveBytes: number): string {
  const sequence = readDerWhole(derHex, 0x30);
  const parts = readDerChildren(sequence.value);
  if (parts.length !== 2) throw new Error('ECDSA signature must hold two integers');
  let joined = '';
  for (const part of parts) {
    const value = derIntegerHex(part);
    if (value.length > curveBytes * 2) throw new Error('ECDSA signature integer longer than the curve');
    joined += ('0'.repeat(curveBytes * 2) + value).slice(-curveBytes * 2);
  }
  return joined;
}

function sign(algorithm: JwtAlgorithm, key: ParsedKey, headerJson: string, payloadJson: string): string {
  const ec = EC_ALGORITHMS[algorithm];
  if (ec === undefined) {
    // PS256/PS384/PS512: jsrsasign signs RSASSA-PSS with MGF1 of the same hash and, by default
    // (salt length -1), a salt as long as the hash, as RFC 7518 §3.5 requires.
    return KJUR.jws.JWS.sign(algorithm, headerJson, payloadJson, key.key);
  }
  // ES*: deterministic ECDSA (RFC 6979, see rfc6979.ts) instead of jsrsasign's Signature.sign(),
  // whose nonce k comes from an RNG that the Postman sandboxes seed from Math.random. r and s
  // come back padded to the curve size: the JOSE form r ‖ s is their concatenation.
  const signingInput = utf8tob64u(headerJson) + '.' + utf8tob64u(payloadJson);
  const privateKeyHex = (key.key as unknown as { prvKeyHex?: unknown }).prvKeyHex;
  if (typeof privateKeyHex !== 'string') throw new Error('EC private key has no private value');
  const hashHex = new KJUR.crypto.MessageDigest({ alg: ec.hash, prov: 'cryptojs' }).digestString(signingInput);
  const signature = signDeterministic(ec.curve, privateKeyHex, hashHex, ec.hash);
  if (signature.r.length !== ec.bytes * 2 || signature.s.length !== ec.bytes * 2) throw new Error('ECDSA signature of the wrong size');
  return signingInput + '.' + hextob64u(signature.r + signature.s);
}

/**
 * Builds and signs the client assertion for NetSuite's OAuth 2.0 client credentials (M2M) token
 * request: header {alg, typ: 'JWT', kid}, payload {iss, scope, aud, iat, exp[, jti]}.
 */
export function buildClientAssertion(input: ClientAssertionInput): string {
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
  return sign(algorithm, input.key, JSON.stringify(header), JSON.stringify(payload));
}

export interface DecodedJwt {
  /** The decoded header when it is a JSON object, else null. */
  header: { [name: string]: unknown } | null;
  /** The decoded payload when it is a JSON object, else null. */
  payload: { [name: string]: unknown } | null;
  /** Whether a non-empty third (signature) part is present; its content is never returned. */
  hasSignature: boolean;
  /** What is wrong with the token's shape, in words; empty when header and payload decoded. */
  problems: string[];
}

function decodeSegment(segment: string, name: string, problems: string[]): { [name: string]: unknown } | null {
  const hex = base64ToHex(segment, true);
  if (hex === null || segment === '') {
    problems.push(`the ${name} is not base64url`);
    return null;
  }
  const json = hexToUtf8(hex);
  if (json === null) {
    problems.push(`the ${name} is not UTF-8 text`);
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (_e) {
    problems.push(`the ${name} is not JSON`);
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`the ${name} is not a JSON object`);
    return null;
  }
  return value as { [name: string]: unknown };
}

/**
 * Decodes a JWT's header and payload for diagnosis without verifying it; never returns the
 * signature. Safe on any input: garbage gives nulls and a list of problems, never a throw.
 */
export function decodeJwtForDiagnosis(jwt: string): DecodedJwt {
  const problems: string[] = [];
  if (typeof jwt !== 'string' || jwt.trim() === '') {
    return { header: null, payload: null, hasSignature: false, problems: ['the token is empty'] };
  }
  const parts = jwt.trim().split('.');
  if (parts.length !== 3) {
    problems.push(`the token has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by dots; a signed JWT has 3`);
  }
  const header = parts.length >= 2 ? decodeSegment(parts[0] as string, 'header', problems) : null;
  const payload = parts.length >= 2 ? decodeSegment(parts[1] as string, 'payload', problems) : null;
  const hasSignature = parts.length === 3 && (parts[2] as string) !== '';
  if (parts.length === 3 && !hasSignature) problems.push('the signature part is empty');
  return { header, payload, hasSignature, problems };
}
