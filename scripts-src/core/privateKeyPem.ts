import { NspError } from './NspError';
import {
  base64ToHex,
  DerError,
  derIntegerHex,
  hexBitLength,
  oidToDotted,
  readDerChildren,
  readDerWhole,
  type DerNode,
} from './der';

/**
 * Reads a `private_key` PEM into its parts (hex), with no signing library: the refusals for
 * everything that is not a usable NetSuite M2M key live here, shared by the jsrsasign signer
 * (pem.ts, Newman) and the Web Crypto signer (webCryptoAssertion.ts, the Postman app's engine).
 */

/** The EC curves NetSuite accepts (JOSE names). */
export type EcCurve = 'P-256' | 'P-384' | 'P-521';

/** Which PEM encoding the key arrived in (for diagnosis; signing does not care). */
export type PemFormat = 'PKCS#8' | 'PKCS#1' | 'SEC1';

/** RSAPrivateKey integers as unsigned hex. */
export interface RsaParts {
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

export type PrivateKeyParts =
  | { kind: 'RSA'; bits: number; format: PemFormat; base64: string; rsa: RsaParts; /** RSAPrivateKey DER (PKCS#1) */ derHex: string }
  | { kind: 'EC'; curve: EcCurve; format: PemFormat; base64: string; /** private scalar, padded to the curve size */ dHex: string; /** ECPrivateKey DER (SEC1) */ derHex: string };

const VARIABLE = 'private_key';

const FIX_PASTE =
  'Paste the whole contents of the private key file, from the -----BEGIN PRIVATE KEY----- line to the -----END PRIVATE KEY----- line.';

function fail(code: string, message: string): never {
  throw new NspError(code, message, VARIABLE);
}

const EC_CURVES: { [oidHex: string]: { curve: EcCurve; bytes: number } } = {
  '2a8648ce3d030107': { curve: 'P-256', bytes: 32 },
  '2b81040022': { curve: 'P-384', bytes: 48 },
  '2b81040023': { curve: 'P-521', bytes: 66 },
};

const OTHER_CURVES: { [oidHex: string]: string } = {
  '2b8104000a': 'secp256k1',
  '2b81040021': 'P-224 (secp224r1)',
  '2a8648ce3d030101': 'P-192 (prime192v1)',
  '2b2403030208010107': 'brainpoolP256r1',
  '2b240303020801010b': 'brainpoolP384r1',
  '2b240303020801010d': 'brainpoolP512r1',
  '2a811ccf5501822d': 'SM2',
};

const KEY_ALGORITHMS: { [oidHex: string]: string } = {
  '2a864886f70d010101': 'RSA',
  '2a864886f70d01010a': 'RSA', // RSASSA-PSS-restricted RSA key: same private key structure
  '2a8648ce3d0201': 'EC',
  '2a8648ce380401': 'DSA',
  '2b6570': 'Ed25519',
  '2b6571': 'Ed448',
  '2b656e': 'X25519',
  '2b656f': 'X448',
  '2a864886f70d010301': 'Diffie-Hellman',
  '2a8648ce3e0201': 'Diffie-Hellman',
};

function unsupported(what: string): never {
  fail(
    'UNSUPPORTED_KEY_TYPE',
    `private_key is ${what}. NetSuite accepts RSA keys (3072 or 4096 bits, signed with PS256/PS384/PS512) ` +
      'or EC keys on P-256, P-384 or P-521 (signed with ES256/ES384/ES512). Create a new key pair, for example ' +
      '`openssl req -new -x509 -newkey rsa:3072 -keyout private.pem -sigopt rsa_padding_mode:pss -sha256 ' +
      '-sigopt rsa_pss_saltlen:64 -out public.pem -nodes -days 365`, upload public.pem to the M2M mapping in NetSuite ' +
      'and paste private.pem here.',
  );
}

function damaged(format: string): never {
  fail(
    'BAD_PRIVATE_KEY',
    `private_key has PEM armour and valid base64, but the ${format} key inside cannot be read: it is incomplete ` +
      `or damaged (often a line lost or changed while copying). ${FIX_PASTE}`,
  );
}

/** Undoes what pasting into JSON, .env files and Postman does to a PEM. */
function normalize(text: string): string {
  return text
    .replace(/\\+r\\+n|\\+n|\\+r/g, '\n') // literal \n escapes (backslash + n), also \\n and \r\n
    .replace(/\r\n?/g, '\n')
    .replace(/^[\s"'`]+/, '')
    .replace(/[\s"'`,;]+$/, '');
}

interface PemBlock {
  label: string;
  body: string;
  complete: boolean;
}

const BEGIN = /-{4,6}\s*BEGIN ([A-Za-z0-9 ]+?)\s*-{4,6}/g;

function findBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  BEGIN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = BEGIN.exec(text)) !== null) {
    const label = (match[1] as string).toUpperCase().replace(/\s+/g, ' ');
    const start = match.index + match[0].length;
    const end = new RegExp('-{4,6}\\s*END ' + label.replace(/ /g, '\\s+') + '\\s*-{4,6}', 'gi');
    end.lastIndex = start;
    const endMatch = end.exec(text);
    if (endMatch === null) {
      blocks.push({ label, body: text.slice(start), complete: false });
      break;
    }
    blocks.push({ label, body: text.slice(start, endMatch.index), complete: true });
    BEGIN.lastIndex = endMatch.index + endMatch[0].length;
  }
  return blocks;
}

function isPrivateLabel(label: string): boolean {
  return /PRIVATE KEY$/.test(label);
}

/**
 * `-----BEGIN PRIVATE KEY-----nMIIE…n-----END…`: every newline became the letter n. A leading `n`
 * (every private key body starts with `M`, DER SEQUENCE 0x30) or a trailing `=n` is proof; an `n`
 * at every 65th character is only a hint, used when the body does not read as a key.
 */
function looksMangled(body: string, afterFailure: boolean): boolean {
  const compact = body.replace(/\s+/g, '');
  if (/^(r?n)+M/.test(compact) || /=(r?n)+$/.test(compact)) return true;
  return afterFailure && compact.length > 130 && compact.charAt(64) === 'n' && compact.charAt(129) === 'n';
}

function mangled(): never {
  fail(
    'PRIVATE_KEY_NEWLINES_MANGLED',
    'private_key has lost its line breaks: each newline was turned into the letter "n" (for example ' +
      '-----BEGIN PRIVATE KEY-----nMII…n-----END PRIVATE KEY-----), which happens when a \\n escape loses its ' +
      'backslash in JSON, a .env file or a shell. Paste the key again with real line breaks, or with \\n written as ' +
      'backslash + n.',
  );
}

function describeNoArmour(text: string): never {
  if (/^[{[]/.test(text) && /"kty"/.test(text)) {
    fail(
      'BAD_PRIVATE_KEY',
      'private_key looks like a JSON Web Key (JWK), not a PEM. Convert it to PEM (PKCS#8) first, or paste the PEM ' +
        `private key file that belongs to the certificate uploaded to NetSuite. ${FIX_PASTE}`,
    );
  }
  if (/PuTTY-User-Key-File/i.test(text)) {
    fail(
      'BAD_PRIVATE_KEY',
      'private_key is a PuTTY (.ppk) key, not a PEM. Export it with PuTTYgen (Conversions > Export OpenSSH key), ' +
        `convert it to PKCS#8 with \`openssl pkcs8 -topk8 -nocrypt -in key.pem -out private.pem\`, and paste that. ${FIX_PASTE}`,
    );
  }
  if (text.length < 260 && !/\s/.test(text) && /\.(pem|key|crt|cer|p8|der|txt)$/i.test(text)) {
    fail(
      'BAD_PRIVATE_KEY',
      'private_key looks like a file name or path. Postman scripts cannot read files: open the file in a text ' +
        `editor and paste its contents into the variable. ${FIX_PASTE}`,
    );
  }
  const compact = text.replace(/\s+/g, '');
  if (/^M[A-Za-z0-9+/]{40,}={0,2}$/.test(compact)) {
    fail(
      'BAD_PRIVATE_KEY',
      'private_key looks like the base64 body of a key without its -----BEGIN…----- and -----END…----- lines. ' +
        `Keep those lines: ${FIX_PASTE}`,
    );
  }
  fail('BAD_PRIVATE_KEY', `private_key is not a PEM private key: it has no -----BEGIN … PRIVATE KEY----- line. ${FIX_PASTE}`);
}

function describeNonPrivate(blocks: PemBlock[]): never {
  const labels = blocks.map((block) => block.label);
  const has = (pattern: RegExp): boolean => labels.some((label) => pattern.test(label));
  if (has(/PUBLIC KEY$/)) {
    fail(
      'PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY',
      'private_key holds a public key (BEGIN PUBLIC KEY / RSA PUBLIC KEY), not the private key. The client assertion ' +
        'must be signed with the private key that belongs to the certificate uploaded to NetSuite: paste the file ' +
        'that starts with -----BEGIN PRIVATE KEY----- (or BEGIN RSA PRIVATE KEY / BEGIN EC PRIVATE KEY).',
    );
  }
  if (has(/CERTIFICATE REQUEST$/)) {
    fail(
      'CERTIFICATE_INSTEAD_OF_PRIVATE_KEY',
      'private_key holds a certificate signing request (BEGIN CERTIFICATE REQUEST), not the private key. Paste the ' +
        'private key file that was created with it (-----BEGIN PRIVATE KEY-----).',
    );
  }
  if (has(/CERTIFICATE$/)) {
    fail(
      'CERTIFICATE_INSTEAD_OF_PRIVATE_KEY',
      'private_key holds a certificate (BEGIN CERTIFICATE), not the private key. The certificate is what you upload ' +
        'to NetSuite (Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup); the private key stays here. ' +
        'Paste the private key file created together with that certificate (-----BEGIN PRIVATE KEY-----).',
    );
  }
  if (has(/^EC PARAMETERS$/)) {
    fail(
      'BAD_PRIVATE_KEY',
      'private_key holds only an EC PARAMETERS block; the -----BEGIN EC PRIVATE KEY----- block that should follow ' +
        `it is missing. ${FIX_PASTE}`,
    );
  }
  const shown = (labels[0] || '').length <= 40 ? `"${labels[0]}"` : 'an unknown label';
  fail('BAD_PRIVATE_KEY', `private_key holds a PEM block labelled ${shown}, not a private key. ${FIX_PASTE}`);
}

function curveFromOid(oidNode: DerNode | undefined): { curve: EcCurve; bytes: number } | null {
  if (oidNode === undefined) return null;
  if (oidNode.tag !== 0x06) throw new DerError('expected a curve OID');
  const known = EC_CURVES[oidNode.value];
  if (known) return known;
  const other = OTHER_CURVES[oidNode.value];
  unsupported(`an EC key on the curve ${other || oidToDotted(oidNode.value)}`);
}


function readPkcs1(hex: string): RsaParts {
  const seq = readDerWhole(hex, 0x30);
  const children = readDerChildren(seq.value);
  if (children.length < 9) throw new DerError('RSAPrivateKey needs 9 integers');
  const ints = children.slice(0, 9).map(derIntegerHex);
  if (ints[0] !== '00') {
    unsupported('a multi-prime RSA key (more than two primes)');
  }
  const [, n, e, d, p, q, dp, dq, qi] = ints as [string, string, string, string, string, string, string, string, string];
  if (/^0+$/.test(d) || /^0+$/.test(e)) throw new DerError('bad exponent');
  return { n, e, d, p, q, dp, dq, qi };
}

function readSec1(hex: string, curveParam: DerNode | undefined): { curve: EcCurve; dHex: string } {
  const seq = readDerWhole(hex, 0x30);
  const children = readDerChildren(seq.value);
  const version = children[0];
  const privateOctets = children[1];
  if (version === undefined || privateOctets === undefined || derIntegerHex(version) !== '01' || privateOctets.tag !== 0x04) {
    throw new DerError('not an ECPrivateKey');
  }
  let inner: DerNode | undefined;
  for (const child of children.slice(2)) {
    if (child.tag === 0xa0) inner = readDerWhole(child.value, 0x06);
  }
  const fromParam = curveFromOid(curveParam);
  const fromInner = curveFromOid(inner);
  if (fromParam && fromInner && fromParam.curve !== fromInner.curve) throw new DerError('curve mismatch');
  const curve = fromParam || fromInner;
  if (curve === null) {
    fail('BAD_PRIVATE_KEY', `private_key is an EC private key that does not say which curve it is on. ${FIX_PASTE}`);
  }
  const dHex = privateOctets.value.replace(/^(00)+/, '');
  if (dHex.length === 0 || dHex.length > curve.bytes * 2) throw new DerError('private scalar has the wrong size');
  return { curve: curve.curve, dHex: ('0'.repeat(curve.bytes * 2) + dHex).slice(-curve.bytes * 2) };
}

function rsaParts(derHex: string, format: PemFormat, base64: string): PrivateKeyParts {
  const rsa = readPkcs1(derHex);
  return { kind: 'RSA', bits: hexBitLength(rsa.n), format, base64, rsa, derHex };
}

function ecParts(derHex: string, format: PemFormat, base64: string, curveParam: DerNode | undefined): PrivateKeyParts {
  const { curve, dHex } = readSec1(derHex, curveParam);
  return { kind: 'EC', curve, format, base64, dHex, derHex };
}

function readPkcs8(hex: string, base64: string): PrivateKeyParts {
  const seq = readDerWhole(hex, 0x30);
  const children = readDerChildren(seq.value);
  const version = children[0];
  const algorithm = children[1];
  const privateOctets = children[2];
  if (version === undefined || algorithm === undefined || privateOctets === undefined) throw new DerError('short PKCS#8');
  if (version.tag !== 0x02 || algorithm.tag !== 0x30 || privateOctets.tag !== 0x04) throw new DerError('not PKCS#8');
  const algorithmChildren = readDerChildren(algorithm.value);
  const oid = algorithmChildren[0];
  if (oid === undefined || oid.tag !== 0x06) throw new DerError('no algorithm OID');
  const name = KEY_ALGORITHMS[oid.value];
  if (name === 'RSA') return rsaParts(privateOctets.value, 'PKCS#8', base64);
  if (name === 'EC') return ecParts(privateOctets.value, 'PKCS#8', base64, algorithmChildren[1]);
  if (name !== undefined) unsupported(`an ${name} key`.replace(/^an ([^AEIOUX])/, 'a $1'));
  unsupported(`a key of an unknown type (algorithm OID ${oidToDotted(oid.value)})`);
}

/**
 * The refusal for a key that reads as DER but cannot be used (found by the signer building on
 * these parts: p × q ≠ n, a scalar out of range, a key the crypto library will not import).
 */
export function refuseDamagedKey(parts: { format: PemFormat; base64: string }): never {
  if (looksMangled(parts.base64, true)) mangled();
  damaged(parts.format === 'PKCS#8' ? 'PKCS#8' : parts.format === 'PKCS#1' ? 'PKCS#1 RSA' : 'SEC1 EC');
}

/**
 * Reads the `private_key` variable into its parts. Accepts PKCS#8 (BEGIN PRIVATE KEY),
 * PKCS#1 (BEGIN RSA PRIVATE KEY) and SEC1 (BEGIN EC PRIVATE KEY, with or without an EC PARAMETERS
 * block), with real newlines, literal `\n` escapes, CRLF, everything on one line, or surrounded
 * by quotes. Everything else throws an NspError whose message says what was pasted and what to
 * paste instead; no message contains key material.
 */
export function readPrivateKeyPem(text: string | undefined): PrivateKeyParts {
  if (text === undefined || text === null || (typeof text === 'string' && normalize(text) === '')) {
    fail(
      'MISSING_PRIVATE_KEY',
      'private_key is empty. Set it to the PEM private key that belongs to the certificate uploaded to the NetSuite ' +
        `M2M mapping (the certificate id goes in certificate_id). ${FIX_PASTE}`,
    );
  }
  if (typeof text !== 'string') {
    fail('BAD_PRIVATE_KEY', `private_key must be text (a PEM), but it is a value of type ${typeof text}. ${FIX_PASTE}`);
  }
  const normalized = normalize(text);
  const blocks = findBlocks(normalized);
  if (blocks.length === 0) describeNoArmour(normalized);

  const block = blocks.filter((candidate) => isPrivateLabel(candidate.label))[0];
  if (block === undefined) describeNonPrivate(blocks);

  if (block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4\s*,\s*ENCRYPTED/i.test(block.body)) {
    fail(
      'ENCRYPTED_PRIVATE_KEY',
      'private_key is encrypted with a passphrase (BEGIN ENCRYPTED PRIVATE KEY or Proc-Type: 4,ENCRYPTED), and the ' +
        'Postman sandbox cannot decrypt it. Decrypt it once with `openssl pkcs8 -topk8 -nocrypt -in encrypted.pem ' +
        '-out private.pem` (it asks for the passphrase) and paste private.pem; keep it in a secret variable.',
    );
  }
  if (block.label === 'DSA PRIVATE KEY') unsupported('a DSA key');
  if (block.label === 'OPENSSH PRIVATE KEY') {
    fail(
      'BAD_PRIVATE_KEY',
      'private_key is in OpenSSH format (BEGIN OPENSSH PRIVATE KEY), which cannot be read here. Convert a copy to ' +
        'PKCS#8 with `ssh-keygen -p -N "" -m PKCS8 -f copy_of_key` and paste the result; NetSuite needs an RSA ' +
        '(3072/4096 bits) or EC P-256/P-384/P-521 key.',
    );
  }
  if (looksMangled(block.body, false)) mangled();
  if (!block.complete) {
    fail(
      'BAD_PRIVATE_KEY',
      `private_key has a -----BEGIN ${block.label}----- line but no matching -----END ${block.label}----- line: ` +
        `the value was cut off. ${FIX_PASTE}`,
    );
  }
  const base64 = block.body.replace(/\s+/g, '');
  if (base64 === '') {
    fail('BAD_PRIVATE_KEY', `private_key has BEGIN and END lines but nothing between them. ${FIX_PASTE}`);
  }
  const hex = base64ToHex(base64);
  if (hex === null) {
    if (looksMangled(base64, true)) mangled();
    fail(
      'BAD_PRIVATE_KEY',
      'private_key is not valid base64 between its BEGIN and END lines (a character outside A-Z, a-z, 0-9, + and /, ' +
        `or a piece missing). ${FIX_PASTE}`,
    );
  }
  const format: PemFormat = block.label === 'RSA PRIVATE KEY' ? 'PKCS#1' : block.label === 'EC PRIVATE KEY' ? 'SEC1' : 'PKCS#8';
  try {
    if (format === 'PKCS#1') return rsaParts(hex, 'PKCS#1', base64);
    if (format === 'SEC1') return ecParts(hex, 'SEC1', base64, undefined);
    return readPkcs8(hex, base64);
  } catch (error) {
    if (error instanceof NspError) throw error;
    return refuseDamagedKey({ format, base64 });
  }
}
