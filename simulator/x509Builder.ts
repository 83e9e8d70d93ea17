import { createHash, sign, type KeyObject } from 'node:crypto';

/**
 * A minimal DER encoder, just enough to build a self-signed X.509 v3 certificate with node:crypto
 * (Node 20 can parse certificates but not create them).
 */
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const bitString = (bytes: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
const explicit = (tagNumber: number, content: Buffer): Buffer => tlv(0xa0 | tagNumber, content);

function integer(bytes: Buffer): Buffer {
  let value = bytes;
  while (value.length > 1 && value[0] === 0 && (value[1]! & 0x80) === 0) value = value.subarray(1);
  if ((value[0]! & 0x80) !== 0) value = Buffer.concat([Buffer.from([0]), value]);
  return tlv(0x02, value);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let n = Math.floor(part / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

export interface SelfSignedCertificateInput {
  privateKey: KeyObject;
  publicKey: KeyObject;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

/** Builds a self-signed X.509 v3 certificate (sha256WithRSAEncryption or ecdsa-with-SHA256), as PEM. */
export function createSelfSignedCertificate(input: SelfSignedCertificateInput): string {
  const keyType = input.privateKey.asymmetricKeyType;
  const algorithm =
    keyType === 'rsa' ? sequence(oid('1.2.840.113549.1.1.11'), nullValue()) : keyType === 'ec' ? sequence(oid('1.2.840.10045.4.3.2')) : undefined;
  if (!algorithm) throw new Error(`createSelfSignedCertificate: unsupported key type ${keyType ?? 'unknown'}`);
  const spki = input.publicKey.export({ type: 'spki', format: 'der' });
  const serial = createHash('sha256').update(spki).update(input.notBefore.toISOString()).digest().subarray(0, 16);
  serial[0] = serial[0]! & 0x7f;
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8String(input.commonName))));
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(time(input.notBefore), time(input.notAfter)),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, input.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
