import { BigInteger, KJUR, RSAKey } from 'jsrsasign';
import { readPrivateKeyPem, refuseDamagedKey, type EcCurve, type PemFormat, type PrivateKeyParts } from './privateKeyPem';

export type { EcCurve, PemFormat } from './privateKeyPem';

export type ParsedKey =
  | { kind: 'RSA'; bits: number; format: PemFormat; key: RSAKey }
  | { kind: 'EC'; curve: EcCurve; format: PemFormat; key: KJUR.crypto.ECDSA };

// The parts of jsrsasign's BigInteger/RSAKey/ECDSA that @types/jsrsasign 10.5 leaves out.
interface BigIntegerLike {
  multiply(other: BigIntegerLike): BigIntegerLike;
  compareTo(other: BigIntegerLike): number;
}
type BigIntegerConstructor = new (hex: string, radix: number) => BigIntegerLike;
interface RsaKeyInternals {
  setPrivateEx(n: string, e: string, d: string, p: string, q: string, dp: string, dq: string, qi: string): void;
}
interface EcdsaInternals {
  ecparams: { n: BigIntegerLike };
}

const BigInt16 = BigInteger as unknown as BigIntegerConstructor;

const JSRSASIGN_CURVES: { [curve: string]: string } = { 'P-256': 'secp256r1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };

function jsrsasignKey(parts: PrivateKeyParts): ParsedKey {
  if (parts.kind === 'RSA') {
    const { n, e, d, p, q, dp, dq, qi } = parts.rsa;
    // A key damaged in copying can still parse; p × q = n catches it before NetSuite says invalid_client.
    if (new BigInt16(p, 16).multiply(new BigInt16(q, 16)).compareTo(new BigInt16(n, 16)) !== 0) throw new Error('p * q != n');
    const key = new RSAKey();
    (key as unknown as RsaKeyInternals).setPrivateEx(n, e, d, p, q, dp, dq, qi);
    return { kind: 'RSA', bits: parts.bits, format: parts.format, key };
  }
  const key = new KJUR.crypto.ECDSA({ curve: JSRSASIGN_CURVES[parts.curve] as string, prv: parts.dHex });
  if (new BigInt16(parts.dHex, 16).compareTo((key as unknown as EcdsaInternals).ecparams.n) >= 0) throw new Error('private scalar out of range');
  return { kind: 'EC', curve: parts.curve, format: parts.format, key };
}

/**
 * Reads the `private_key` variable into a jsrsasign key. Accepts PKCS#8 (BEGIN PRIVATE KEY),
 * PKCS#1 (BEGIN RSA PRIVATE KEY) and SEC1 (BEGIN EC PRIVATE KEY, with or without an EC PARAMETERS
 * block), with real newlines, literal `\n` escapes, CRLF, everything on one line, or surrounded
 * by quotes. Everything else throws an NspError whose message says what was pasted and what to
 * paste instead (see privateKeyPem.ts); no message contains key material.
 */
export function parsePrivateKeyPem(text: string | undefined): ParsedKey {
  const parts = readPrivateKeyPem(text);
  try {
    return jsrsasignKey(parts);
  } catch (_error) {
    return refuseDamagedKey(parts);
  }
}
