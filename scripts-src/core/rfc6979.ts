/**
 * Deterministic ECDSA (RFC 6979) for ES256, ES384 and ES512, on jsrsasign's BigInteger, curve
 * arithmetic and HMAC (CryptoJS). The per-signature secret k comes from HMAC_DRBG keyed with the
 * private key and the message hash (RFC 6979 §3.2), so signing needs no random numbers at all: in
 * the Postman sandboxes jsrsasign's RNG is seeded from Math.random, and a predictable or biased k
 * gives the private key away. Pure: hex strings in, hex strings out; no Node APIs, no globals.
 */
import { BigInteger, KJUR } from 'jsrsasign';

/** Hash functions RFC 6979's HMAC_DRBG runs on here (the hash of the JWS algorithm). */
export type Rfc6979Hash = 'sha256' | 'sha384' | 'sha512';

/** Curves this module signs on, with jsrsasign's names. */
export type Rfc6979Curve = 'P-256' | 'P-384' | 'P-521';

// The parts of jsrsasign's BigInteger and EC point that @types/jsrsasign 10.5 leaves out or types loosely.
interface Big {
  bitLength(): number;
  signum(): number;
  compareTo(other: Big): number;
  shiftRight(bits: number): Big;
  mod(modulus: Big): Big;
  add(other: Big): Big;
  subtract(other: Big): Big;
  multiply(other: Big): Big;
  modInverse(modulus: Big): Big;
  toString(radix: number): string;
}
interface Point {
  multiply(k: Big): Point;
  isInfinity(): boolean;
  getX(): { toBigInteger(): Big };
}
interface CurveParams {
  n: Big;
  G: Point;
}
type BigConstructor = new (hex: string, radix: number) => Big;
const Big16 = BigInteger as unknown as BigConstructor;

const JSRSASIGN_CURVE: { [curve: string]: string } = { 'P-256': 'secp256r1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };

const HASH_HEX_LENGTH: { [hash: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };

function hashHexLength(hash: Rfc6979Hash): number {
  const length = HASH_HEX_LENGTH[hash];
  if (length === undefined) throw new Error('RFC 6979: unsupported hash ' + String(hash));
  return length;
}

function requireHex(value: string, what: string): void {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]+$/.test(value)) {
    throw new Error('RFC 6979: ' + what + ' must be a non-empty hex string');
  }
}

function hmacHex(hash: Rfc6979Hash, keyHex: string, dataHex: string): string {
  return new KJUR.crypto.Mac({ alg: 'hmac' + hash, pass: { hex: keyHex } }).doFinalHex(dataHex);
}

function repeatHex(byteHex: string, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i += 1) out += byteHex;
  return out;
}

function leftPad(hex: string, length: number): string {
  let out = hex;
  while (out.length < length) out = '0' + out;
  return out;
}

/** RFC 6979 §2.3.2 bits2int: the leftmost qlen bits of the bit string, as an integer. */
function bits2int(hex: string, qlen: number): Big {
  const value = new Big16(hex, 16);
  const blen = hex.length * 4;
  return blen > qlen ? value.shiftRight(blen - qlen) : value;
}

/**
 * RFC 6979 §3.2: the successive candidates for k, as a function that returns the next one each
 * time it is called (lower-case hex, no padding). The first is the k of the signature; callers
 * ask for another only when that k gives r = 0 or s = 0 (§3.4 step h.3 applies to those too).
 *
 * @param qHex the group order q (hex)
 * @param privateKeyHex the private key x, 0 < x < q (hex, any padding)
 * @param messageHashHex h1 = H(m), the hash of the message with `hash` (hex)
 * @param hash the hash of HMAC_DRBG: the same as the one that made h1
 */
export function rfc6979Nonces(qHex: string, privateKeyHex: string, messageHashHex: string, hash: Rfc6979Hash): () => string {
  requireHex(qHex, 'q');
  requireHex(privateKeyHex, 'the private key');
  requireHex(messageHashHex, 'the message hash');
  const hlen = hashHexLength(hash);
  if (messageHashHex.length !== hlen) throw new Error('RFC 6979: the message hash does not have the length of ' + hash);
  const q = new Big16(qHex, 16);
  const qlen = q.bitLength();
  const rlenHex = Math.ceil(qlen / 8) * 2;
  const x = new Big16(privateKeyHex, 16);
  if (x.signum() <= 0 || x.compareTo(q) >= 0) throw new Error('RFC 6979: the private key is not in [1, q-1]');

  const int2octets = (value: Big): string => leftPad(value.toString(16), rlenHex);
  // bits2octets (§2.3.4): bits2int, then reduce mod q (bits2int < 2^qlen < 2q, so one subtraction).
  const h1 = bits2int(messageHashHex, qlen);
  const bits2octets = int2octets(h1.compareTo(q) >= 0 ? h1.subtract(q) : h1);
  const seed = int2octets(x) + bits2octets;

  let v = repeatHex('01', hlen / 2); // step b
  let k = repeatHex('00', hlen / 2); // step c
  k = hmacHex(hash, k, v + '00' + seed); // step d
  v = hmacHex(hash, k, v); // step e
  k = hmacHex(hash, k, v + '01' + seed); // step f
  v = hmacHex(hash, k, v); // step g
  let started = false;

  return (): string => {
    for (;;) {
      if (started) {
        // step h.3 after a refused candidate (or after a k that gave r = 0 or s = 0)
        k = hmacHex(hash, k, v + '00');
        v = hmacHex(hash, k, v);
      }
      started = true;
      let t = ''; // step h.1, h.2
      while (t.length * 4 < qlen) {
        v = hmacHex(hash, k, v);
        t += v;
      }
      const candidate = bits2int(t, qlen);
      if (candidate.signum() > 0 && candidate.compareTo(q) < 0) return candidate.toString(16);
    }
  };
}

export interface EcdsaSignature {
  /** r, left-padded with zeros to the curve's size (64, 96 or 132 hex digits), lower case. */
  r: string;
  /** s, likewise. */
  s: string;
}

/**
 * Signs a message hash with deterministic ECDSA (RFC 6979): k from rfc6979Nonces, then
 * r = (kG).x mod n and s = k⁻¹(e + r·d) mod n with e = bits2int(hash). No randomness is used.
 *
 * @param curve P-256, P-384 or P-521
 * @param privateKeyHex the private key d (hex)
 * @param messageHashHex H(m) with `hash` (hex)
 * @param hash sha256, sha384 or sha512 (for ES256/ES384/ES512 the one that fits the curve)
 */
export function signDeterministic(curve: Rfc6979Curve, privateKeyHex: string, messageHashHex: string, hash: Rfc6979Hash): EcdsaSignature {
  const name = JSRSASIGN_CURVE[curve];
  if (name === undefined) throw new Error('RFC 6979: unsupported curve ' + String(curve));
  const params = KJUR.crypto.ECParameterDB.getByName(name) as unknown as CurveParams;
  const n = params.n;
  const qlen = n.bitLength();
  const size = Math.ceil(qlen / 8) * 2;
  const nextK = rfc6979Nonces(n.toString(16), privateKeyHex, messageHashHex, hash);
  const d = new Big16(privateKeyHex, 16);
  const e = bits2int(messageHashHex, qlen);
  for (;;) {
    const k = new Big16(nextK(), 16);
    const point = params.G.multiply(k);
    if (point.isInfinity()) continue; // impossible for 0 < k < n; kept as a guard
    const r = point.getX().toBigInteger().mod(n);
    if (r.signum() === 0) continue;
    const s = k.modInverse(n).multiply(e.add(d.multiply(r))).mod(n);
    if (s.signum() === 0) continue;
    return { r: leftPad(r.toString(16), size), s: leftPad(s.toString(16), size) };
  }
}
