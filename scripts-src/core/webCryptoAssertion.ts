import { assertionClaims } from './assertionClaims';
import { base64Url } from './base64';
import { utf8Bytes } from './utf8Bytes';
import { parseJwtAlgorithm } from './jwtAlgorithm';
import type { M2mAssertionInput } from './m2mSignerContract';
import { readPrivateKeyPem, refuseDamagedKey, type PrivateKeyParts } from './privateKeyPem';

/**
 * The part of Web Crypto (`crypto.subtle`) the M2M signer uses. postman-sandbox 6.x (the Postman
 * app, the Postman CLI, postman-runtime 7.56) has it; Newman 6's sandbox 4.7.1 does not.
 */
export interface SubtleSigner {
  importKey(format: 'pkcs8', keyData: Uint8Array, algorithm: object, extractable: boolean, usages: string[]): PromiseLike<unknown>;
  sign(algorithm: object, key: unknown, data: Uint8Array): PromiseLike<ArrayBuffer>;
}

/** A whole-number check on p × q = n; undefined where the engine lacks BigInt (then importKey judges). */
declare const BigInt: ((hex: string) => number) | undefined;

function tlv(tag: string, valueHex: string): string {
  const length = valueHex.length / 2;
  let lengthHex = length.toString(16);
  if (lengthHex.length % 2) lengthHex = '0' + lengthHex;
  return tag + (length < 0x80 ? lengthHex : (0x80 + lengthHex.length / 2).toString(16) + lengthHex) + valueHex;
}

const CURVE_OIDS: { [curve: string]: string } = { 'P-256': '2a8648ce3d030107', 'P-384': '2b81040022', 'P-521': '2b81040023' };

/** PKCS#8 PrivateKeyInfo around the inner key, whatever wrapper it came in (importKey takes only PKCS#8). */
function pkcs8Hex(key: PrivateKeyParts): string {
  const algorithm = key.kind === 'RSA'
    ? tlv('30', tlv('06', '2a864886f70d010101') + '0500')
    : tlv('30', tlv('06', '2a8648ce3d0201') + tlv('06', CURVE_OIDS[key.curve] as string));
  return tlv('30', '020100' + algorithm + tlv('04', key.derHex));
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

/**
 * Signs the M2M client assertion with Web Crypto: PS256/384/512 (RSA-PSS, salt as long as the
 * hash, RFC 7518 §3.5) and ES256/384/512 (ECDSA, raw r ‖ s as JOSE wants and Web Crypto returns).
 * The same checks, in the same order and with the same messages, as the jsrsasign signer
 * (m2mSigner.ts): algorithm, PEM, key fits algorithm, claims; a key that reads as DER but will
 * not import or does not add up is refused as damaged. Rejects with an NspError, never throws.
 */
export function webCryptoAssertion(subtle: SubtleSigner, input: M2mAssertionInput): Promise<string> {
  let key: PrivateKeyParts;
  let signingInput: string;
  let hash: string;
  try {
    const algorithm = parseJwtAlgorithm(input.algorithm);
    key = readPrivateKeyPem(input.privateKeyPem);
    const claims = assertionClaims({ ...input, algorithm, key });
    if (key.kind === 'RSA' && typeof BigInt === 'function') {
      const big = (hex: string): number => (BigInt as (hex: string) => number)('0x' + hex);
      if (big(key.rsa.p) * big(key.rsa.q) !== big(key.rsa.n)) refuseDamagedKey(key);
    }
    signingInput = base64Url(utf8Bytes(claims.headerJson)) + '.' + base64Url(utf8Bytes(claims.payloadJson));
    hash = 'SHA-' + algorithm.slice(2);
  } catch (error) {
    return Promise.reject(error);
  }
  const importAlgorithm = key.kind === 'RSA' ? { name: 'RSA-PSS', hash } : { name: 'ECDSA', namedCurve: key.curve };
  const signAlgorithm = key.kind === 'RSA' ? { name: 'RSA-PSS', saltLength: Number(hash.slice(4)) / 8 } : { name: 'ECDSA', hash };
  const parts = key;
  return Promise.resolve(subtle.importKey('pkcs8', hexBytes(pkcs8Hex(key)), importAlgorithm, false, ['sign']))
    .then(undefined, () => refuseDamagedKey(parts))
    .then((cryptoKey) => subtle.sign(signAlgorithm, cryptoKey, utf8Bytes(signingInput)))
    .then((signature) => signingInput + '.' + base64Url(new Uint8Array(signature)));
}
