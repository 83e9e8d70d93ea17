import { hextob64u, KJUR, utf8tob64u } from 'jsrsasign';
import { assertionClaims, type ClientAssertionInput as ClientAssertionClaimsInput } from './assertionClaims';
import { base64ToHex, derIntegerHex, hexToUtf8, readDerChildren, readDerWhole } from './der';
import type { JwtAlgorithm } from './jwtAlgorithm';
import type { EcCurve, ParsedKey } from './pem';
import { signDeterministic, type Rfc6979Hash } from './rfc6979';

export {
  algorithmsForKey,
  DEFAULT_ASSERTION_LIFETIME_SECONDS,
  GENERATE_KEY_COMMAND,
  MAX_ASSERTION_LIFETIME_SECONDS,
  MIN_RSA_BITS,
  type ClientAssertionHeader,
  type ClientAssertionPayload,
} from './assertionClaims';

/** The assertion input with a key jsrsasign can sign with. */
/** Named ClientAssertionInput for the callers that sign with jsrsasign. */
export type ClientAssertionInput = ClientAssertionSigningInput;
export interface ClientAssertionSigningInput extends ClientAssertionClaimsInput {
  key: ParsedKey;
}

const EC_ALGORITHMS: { [alg: string]: { curve: EcCurve; bytes: number; hash: Rfc6979Hash } } = {
  ES256: { curve: 'P-256', bytes: 32, hash: 'sha256' },
  ES384: { curve: 'P-384', bytes: 48, hash: 'sha384' },
  ES512: { curve: 'P-521', bytes: 66, hash: 'sha512' },
};

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
export function buildClientAssertion(input: ClientAssertionSigningInput): string {
  const { headerJson, payloadJson } = assertionClaims(input);
  return sign(input.algorithm, input.key, headerJson, payloadJson);
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
