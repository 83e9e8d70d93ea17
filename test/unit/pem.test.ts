import { describe, it, expect } from 'vitest';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { NspError } from '../../scripts-src/core/NspError';
import { parsePrivateKeyPem, type ParsedKey } from '../../scripts-src/core/pem';
import { errorOf } from '../helpers/nspError';

// Keys are generated once for the file; nothing is read from disk.
function pair(type: string, options: object): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
}
const rsa3072 = pair('rsa', { modulusLength: 3072 });
const rsa1024 = pair('rsa', { modulusLength: 1024 });
const p256 = pair('ec', { namedCurve: 'P-256' });
const p384 = pair('ec', { namedCurve: 'P-384' });
const p521 = pair('ec', { namedCurve: 'P-521' });
const secp256k1 = pair('ec', { namedCurve: 'secp256k1' });
const ed25519 = pair('ed25519', {});
const x25519 = pair('x25519', {});
const dsa = pair('dsa', { modulusLength: 1024, divisorLength: 160 });

function pem(key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1' | 'spki', extra: object = {}): string {
  return key.export({ type, format: 'pem', ...extra } as { type: 'pkcs8'; format: 'pem' }) as string;
}

function hexOfB64u(value: string | undefined): string {
  return Buffer.from(value as string, 'base64url').toString('hex');
}

/** The compact base64 body of a PEM, to check messages never contain any of it. */
function body(text: string): string {
  return text.replace(/-----[^-]+-----/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
}


/** Asserts code, variable, message fragments, and that no run of 12+ base64 characters of the key is in the message. */
function expectRefusal(input: string | undefined, code: string, fragments: string[], secretPem?: string): NspError {
  const error = errorOf(() => parsePrivateKeyPem(input));
  expect(error.code).toBe(code);
  expect(error.variable).toBe('private_key');
  expect(error.message).toMatch(/^private_key /);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  const secret = body(secretPem ?? input ?? '');
  for (const run of error.message.match(/[A-Za-z0-9+/=]{12,}/g) ?? []) {
    expect(secret).not.toContain(run);
  }
  if (secret.length > 40) expect(error.message).not.toContain(secret.slice(20, 40));
  return error;
}

type RawKey = { d?: string; n?: string };
interface RsaInternals { n: { toString(radix: number): string } }
interface EcInternals { prvKeyHex: string }

/** The parsed key is the same key node generated: compares the modulus / private scalar. */
function expectSameKey(parsed: ParsedKey, source: KeyObject): void {
  const jwk = source.export({ format: 'jwk' }) as RawKey;
  if (parsed.kind === 'RSA') {
    expect((parsed.key as unknown as RsaInternals).n.toString(16).replace(/^0+/, '')).toBe(hexOfB64u(jwk.n).replace(/^0+/, ''));
  } else {
    expect((parsed.key as unknown as EcInternals).prvKeyHex).toBe(hexOfB64u(jwk.d));
  }
}

/** Every way a PEM arrives in a Postman variable. */
function variants(text: string): Array<[string, string]> {
  const trimmed = text.trim();
  const lines = trimmed.split('\n');
  const header = lines[0] as string;
  const footer = lines[lines.length - 1] as string;
  const inner = lines.slice(1, -1).join('');
  return [
    ['real newlines', text],
    ['literal \\n escapes', trimmed.replace(/\n/g, '\\n')],
    ['literal \\n escapes with a trailing \\n', trimmed.replace(/\n/g, '\\n') + '\\n'],
    ['literal \\r\\n escapes', trimmed.replace(/\n/g, '\\r\\n')],
    ['double-escaped \\\\n', trimmed.replace(/\n/g, '\\\\n')],
    ['CRLF', text.replace(/\n/g, '\r\n')],
    ['one line, spaces', trimmed.replace(/\n/g, ' ')],
    ['one line, nothing between', `${header}${inner}${footer}`],
    ['one line, header spaced, body joined', `${header} ${inner} ${footer}`],
    ['double quotes', `"${trimmed}"`],
    ['single quotes and blanks', `  '${trimmed}'  \n`],
    ['JSON string', JSON.stringify(text)],
    ['JSON string with a trailing comma', `${JSON.stringify(text)},`],
    ['indented lines', lines.map((line) => `    ${line}`).join('\n')],
    ['blank lines around', `\n\n${text}\n\n`],
  ];
}

describe('parsePrivateKeyPem: accepted keys', () => {
  const cases: Array<[string, KeyObject, 'pkcs8' | 'pkcs1' | 'sec1', Partial<ParsedKey> & { kind: string }]> = [
    ['RSA 3072 PKCS#8', rsa3072.privateKey, 'pkcs8', { kind: 'RSA', bits: 3072, format: 'PKCS#8' }],
    ['RSA 3072 PKCS#1', rsa3072.privateKey, 'pkcs1', { kind: 'RSA', bits: 3072, format: 'PKCS#1' }],
    ['RSA 1024 PKCS#8 (parsed; refused later by the signer)', rsa1024.privateKey, 'pkcs8', { kind: 'RSA', bits: 1024, format: 'PKCS#8' }],
    ['EC P-256 PKCS#8', p256.privateKey, 'pkcs8', { kind: 'EC', curve: 'P-256', format: 'PKCS#8' }],
    ['EC P-256 SEC1', p256.privateKey, 'sec1', { kind: 'EC', curve: 'P-256', format: 'SEC1' }],
    ['EC P-384 PKCS#8', p384.privateKey, 'pkcs8', { kind: 'EC', curve: 'P-384', format: 'PKCS#8' }],
    ['EC P-384 SEC1', p384.privateKey, 'sec1', { kind: 'EC', curve: 'P-384', format: 'SEC1' }],
    ['EC P-521 PKCS#8', p521.privateKey, 'pkcs8', { kind: 'EC', curve: 'P-521', format: 'PKCS#8' }],
    ['EC P-521 SEC1', p521.privateKey, 'sec1', { kind: 'EC', curve: 'P-521', format: 'SEC1' }],
  ];

  for (const [name, key, type, expected] of cases) {
    describe(name, () => {
      const text = pem(key, type);
      it.each(variants(text))('%s', (_variant, input) => {
        const parsed = parsePrivateKeyPem(input);
        expect(parsed).toMatchObject(expected);
        expectSameKey(parsed, key);
      });
    });
  }

  it.each([
    ['P-256', p256.privateKey, 'BggqhkjOPQMBBw=='],
    ['P-384', p384.privateKey, 'BgUrgQQAIg=='],
    ['P-521', p521.privateKey, 'BgUrgQQAIw=='],
  ])('accepts an EC PARAMETERS block before a SEC1 %s key (openssl ecparam -genkey)', (curve, key, params) => {
    const text = `-----BEGIN EC PARAMETERS-----\n${params}\n-----END EC PARAMETERS-----\n${pem(key, 'sec1')}`;
    for (const [, input] of variants(text).slice(0, 8)) {
      const parsed = parsePrivateKeyPem(input);
      expect(parsed).toMatchObject({ kind: 'EC', curve, format: 'SEC1' });
      expectSameKey(parsed, key);
    }
  });

  it('uses the private key of a file that also holds the certificate and public key', () => {
    const text = `${pem(rsa3072.publicKey, 'spki')}-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n${pem(rsa3072.privateKey, 'pkcs8')}`;
    const parsed = parsePrivateKeyPem(text);
    expect(parsed).toMatchObject({ kind: 'RSA', bits: 3072 });
    expectSameKey(parsed, rsa3072.privateKey);
  });
});

describe('parsePrivateKeyPem: refusals', () => {
  const rsaPkcs8 = pem(rsa3072.privateKey, 'pkcs8');

  it.each([
    ['undefined', undefined],
    ['an empty string', ''],
    ['whitespace', '  \n\t '],
    ['empty quotes', '""'],
    ['a lone \\n escape', '\\n'],
  ])('MISSING_PRIVATE_KEY for %s', (_name, input) => {
    expectRefusal(input, 'MISSING_PRIVATE_KEY', ['private_key is empty', 'BEGIN PRIVATE KEY', 'certificate_id']);
  });

  it('ENCRYPTED_PRIVATE_KEY for a passphrase-protected PKCS#8 key', () => {
    const text = pem(p256.privateKey, 'pkcs8', { cipher: 'aes-256-cbc', passphrase: 'secret' });
    expect(text).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    for (const input of [text, text.replace(/\n/g, '\\n')]) {
      expectRefusal(input, 'ENCRYPTED_PRIVATE_KEY', ['encrypted', 'passphrase', 'openssl pkcs8 -topk8 -nocrypt -in encrypted.pem -out private.pem']);
    }
  });

  it('ENCRYPTED_PRIVATE_KEY for a traditional encrypted RSA key (Proc-Type: 4,ENCRYPTED)', () => {
    const text = pem(rsa3072.privateKey, 'pkcs1', { cipher: 'aes-256-cbc', passphrase: 'secret' });
    expect(text).toContain('Proc-Type: 4,ENCRYPTED');
    expectRefusal(text, 'ENCRYPTED_PRIVATE_KEY', ['Proc-Type: 4,ENCRYPTED', 'openssl pkcs8 -topk8 -nocrypt']);
    const ec = pem(p384.privateKey, 'sec1', { cipher: 'aes-128-cbc', passphrase: 'secret' });
    expectRefusal(ec.replace(/\n/g, '\\n'), 'ENCRYPTED_PRIVATE_KEY', ['openssl pkcs8 -topk8 -nocrypt']);
  });

  it.each([
    ['an SPKI RSA public key', () => pem(rsa3072.publicKey, 'spki')],
    ['a PKCS#1 RSA public key', () => pem(rsa3072.publicKey, 'pkcs1')],
    ['an EC public key', () => pem(p256.publicKey, 'spki')],
  ])('PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY for %s', (_name, make) => {
    const text = make();
    expectRefusal(text, 'PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY', ['public key', 'not the private key', '-----BEGIN PRIVATE KEY-----']);
    expectRefusal(JSON.stringify(text), 'PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY', ['public key'], text);
  });

  it('CERTIFICATE_INSTEAD_OF_PRIVATE_KEY for a certificate, saying the certificate goes to NetSuite', () => {
    const certificateBody = body(pem(rsa3072.publicKey, 'spki')).replace(/(.{64})/g, '$1\n');
    const text = `-----BEGIN CERTIFICATE-----\n${certificateBody}\n-----END CERTIFICATE-----\n`;
    expectRefusal(text, 'CERTIFICATE_INSTEAD_OF_PRIVATE_KEY', [
      'holds a certificate',
      'The certificate is what you upload to NetSuite',
      'the private key stays here',
    ]);
    // A certificate chain, and a certificate followed by its public key, are still "a certificate".
    expectRefusal(`${text}${text}`, 'CERTIFICATE_INSTEAD_OF_PRIVATE_KEY', ['the private key stays here']);
    const request = text.replace(/CERTIFICATE/g, 'CERTIFICATE REQUEST');
    expectRefusal(request, 'CERTIFICATE_INSTEAD_OF_PRIVATE_KEY', ['certificate signing request']);
  });

  it.each([
    ['PKCS#8 RSA', () => pem(rsa3072.privateKey, 'pkcs8')],
    ['PKCS#1 RSA', () => pem(rsa3072.privateKey, 'pkcs1')],
    ['SEC1 P-256', () => pem(p256.privateKey, 'sec1')],
    ['PKCS#8 P-521', () => pem(p521.privateKey, 'pkcs8')],
  ])('PRIVATE_KEY_NEWLINES_MANGLED when every newline became the letter n (%s)', (_name, make) => {
    const text = make();
    const mangled = text.trim().replace(/\n/g, 'n');
    expect(mangled).toMatch(/-----nM/);
    for (const input of [mangled, `"${mangled}"`, `${mangled}n`, text.trim().replace(/\n/g, 'rn')]) {
      expectRefusal(input, 'PRIVATE_KEY_NEWLINES_MANGLED', ['lost its line breaks', 'the letter "n"', 'backslash'], text);
    }
    // Only the body's line breaks lost (armour lines kept): recognised once the body fails to read.
    const lines = text.trim().split('\n');
    const innerOnly = `${lines[0]}\n${lines.slice(1, -1).join('n')}\n${lines[lines.length - 1]}`;
    if (lines.length > 4) expectRefusal(innerOnly, 'PRIVATE_KEY_NEWLINES_MANGLED', ['lost its line breaks'], text);
  });

  it('BAD_PRIVATE_KEY for text without PEM armour', () => {
    expectRefusal('hello world', 'BAD_PRIVATE_KEY', ['no -----BEGIN', 'Paste the whole contents']);
    expectRefusal('{{private_key}}', 'BAD_PRIVATE_KEY', ['no -----BEGIN']);
    expectRefusal('private.pem', 'BAD_PRIVATE_KEY', ['file name or path', 'cannot read files']);
    expectRefusal('/home/me/keys/netsuite_private.key', 'BAD_PRIVATE_KEY', ['file name or path']);
    const jwk = JSON.stringify(p256.privateKey.export({ format: 'jwk' }));
    const error = expectRefusal(jwk, 'BAD_PRIVATE_KEY', ['JSON Web Key']);
    const d = (p256.privateKey.export({ format: 'jwk' }) as RawKey).d as string;
    expect(error.message).not.toContain(d);
    expectRefusal(body(rsaPkcs8), 'BAD_PRIVATE_KEY', ['base64 body of a key without its', 'BEGIN'], rsaPkcs8);
    expectRefusal('PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none', 'BAD_PRIVATE_KEY', ['PuTTY']);
  });

  it('BAD_PRIVATE_KEY for bad base64 between the armour lines', () => {
    const lines = rsaPkcs8.trim().split('\n');
    lines[5] = `${(lines[5] as string).slice(0, 30)}*${(lines[5] as string).slice(31)}`;
    expectRefusal(lines.join('\n'), 'BAD_PRIVATE_KEY', ['not valid base64'], rsaPkcs8);
    const oddLength = rsaPkcs8.replace('-----END', 'A-----END');
    expectRefusal(oddLength, 'BAD_PRIVATE_KEY', ['not valid base64'], rsaPkcs8);
    const midPadding = rsaPkcs8.replace(/\n(.{4})/, '\n==$1');
    expectRefusal(midPadding, 'BAD_PRIVATE_KEY', ['not valid base64'], rsaPkcs8);
  });

  it('BAD_PRIVATE_KEY for valid base64 that is not a key (unparsable DER)', () => {
    expectRefusal('-----BEGIN PRIVATE KEY-----\nQUJDRA==\n-----END PRIVATE KEY-----', 'BAD_PRIVATE_KEY', ['cannot be read', 'PKCS#8']);
    expectRefusal('-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----', 'BAD_PRIVATE_KEY', ['PKCS#1 RSA key inside cannot be read']);
    expectRefusal('-----BEGIN EC PRIVATE KEY-----\nMIIBAAA=\n-----END EC PRIVATE KEY-----', 'BAD_PRIVATE_KEY', ['SEC1 EC key inside cannot be read']);
    expectRefusal('-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----', 'BAD_PRIVATE_KEY', ['nothing between them']);
  });

  it('BAD_PRIVATE_KEY for a key damaged in copying (a lost line, a changed character)', () => {
    for (const text of [rsaPkcs8, pem(rsa3072.privateKey, 'pkcs1'), pem(p384.privateKey, 'pkcs8'), pem(p521.privateKey, 'sec1')]) {
      const lines = text.trim().split('\n');
      const lostLine = [...lines.slice(0, 2), ...lines.slice(3)].join('\n');
      expectRefusal(lostLine, 'BAD_PRIVATE_KEY', ['incomplete or damaged'], text);
    }
    // One changed character inside the RSA modulus: still valid DER, but p × q ≠ n.
    const lines = rsaPkcs8.trim().split('\n');
    const line = lines[3] as string;
    lines[3] = line.slice(0, 10) + (line.charAt(10) === 'A' ? 'B' : 'A') + line.slice(11);
    expectRefusal(lines.join('\n'), 'BAD_PRIVATE_KEY', ['incomplete or damaged'], rsaPkcs8);
  });

  it('BAD_PRIVATE_KEY when the END line is missing (value cut off)', () => {
    const cut = rsaPkcs8.slice(0, 400);
    expectRefusal(cut, 'BAD_PRIVATE_KEY', ['no matching -----END PRIVATE KEY----- line', 'cut off'], rsaPkcs8);
  });

  it('BAD_PRIVATE_KEY for EC PARAMETERS without the key, and for unknown labels', () => {
    expectRefusal('-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----', 'BAD_PRIVATE_KEY', ['only an EC PARAMETERS block']);
    expectRefusal('-----BEGIN PGP MESSAGE-----\nAAAA\n-----END PGP MESSAGE-----', 'BAD_PRIVATE_KEY', ['labelled "PGP MESSAGE"']);
    expectRefusal('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', 'BAD_PRIVATE_KEY', [
      'OpenSSH format',
      'ssh-keygen -p -N "" -m PKCS8',
    ]);
  });

  it.each([
    ['Ed25519', () => pem(ed25519.privateKey, 'pkcs8'), 'an Ed25519 key'],
    ['X25519', () => pem(x25519.privateKey, 'pkcs8'), 'an X25519 key'],
    ['DSA PKCS#8', () => pem(dsa.privateKey, 'pkcs8'), 'a DSA key'],
    ['DSA traditional', () => pem(rsa1024.privateKey, 'pkcs1').replace(/RSA PRIVATE/g, 'DSA PRIVATE'), 'a DSA key'],
    ['EC secp256k1 PKCS#8', () => pem(secp256k1.privateKey, 'pkcs8'), 'on the curve secp256k1'],
    ['EC secp256k1 SEC1', () => pem(secp256k1.privateKey, 'sec1'), 'on the curve secp256k1'],
  ])('UNSUPPORTED_KEY_TYPE for %s', (_name, make, what) => {
    const text = make();
    expectRefusal(text, 'UNSUPPORTED_KEY_TYPE', [what, 'NetSuite accepts RSA keys (3072 or 4096 bits', 'P-256, P-384 or P-521', 'openssl req -new -x509 -newkey rsa:3072']);
  });

  it('never throws anything but NspError on arbitrary input', () => {
    const samples = [
      '-----BEGIN PRIVATE KEY-----',
      '-----END PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY----------END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----',
      '\\\\\\',
      '-----BEGIN PRIVATE KEY-----\n' + 'M'.repeat(400) + '\n-----END PRIVATE KEY-----',
      12345 as unknown as string,
    ];
    for (let i = 0; i < 200; i += 1) {
      const chars = body(rsaPkcs8).split('');
      const start = (i * 37) % 1500;
      samples.push(`-----BEGIN PRIVATE KEY-----\n${chars.slice(0, 40 + start).join('')}${chars.slice(60 + start).join('')}\n-----END PRIVATE KEY-----`);
    }
    for (const sample of samples) {
      expect(() => parsePrivateKeyPem(sample)).toThrow(NspError);
    }
  });
});
