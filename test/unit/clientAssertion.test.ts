import { describe, it, expect } from 'vitest';
import { constants, createECDH, createHash, createPublicKey, generateKeyPairSync, publicDecrypt, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import * as jsrsasign from 'jsrsasign';
import { KJUR } from 'jsrsasign';
import { rfc6979Nonces } from '../../scripts-src/core/rfc6979';
import { NspError } from '../../scripts-src/core/NspError';
import type { JwtAlgorithm } from '../../scripts-src/core/jwtAlgorithm';
import { parsePrivateKeyPem, type ParsedKey } from '../../scripts-src/core/pem';
import {
  buildClientAssertion,
  decodeJwtForDiagnosis,
  DEFAULT_ASSERTION_LIFETIME_SECONDS,
  ecdsaDerToJose,
  type ClientAssertionInput,
} from '../../scripts-src/core/clientAssertion';
import { errorOf } from '../helpers/nspError';

// Keys are generated once for the file (RSA-4096 takes a few seconds).
function pair(type: 'rsa' | 'ec', option: number | string): { privateKey: KeyObject; publicKey: KeyObject } {
  return type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: option as number })
    : generateKeyPairSync('ec', { namedCurve: option as string });
}
const keys = {
  rsa3072: pair('rsa', 3072),
  rsa4096: pair('rsa', 4096),
  rsa2048: pair('rsa', 2048),
  rsa1024: pair('rsa', 1024),
  p256: pair('ec', 'P-256'),
  p384: pair('ec', 'P-384'),
  p521: pair('ec', 'P-521'),
};
type KeyName = keyof typeof keys;

function parsed(name: KeyName, type: 'pkcs8' | 'pkcs1' | 'sec1' = 'pkcs8'): ParsedKey {
  return parsePrivateKeyPem(keys[name].privateKey.export({ type, format: 'pem' } as { type: 'pkcs8'; format: 'pem' }) as string);
}

const NOW = 1_760_000_000; // fixed clock: 2025-10-09T08:53:20Z
const TOKEN_URL = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
const CLIENT_ID = 'f3a1c0ffee0123456789abcdef0123456789abcdef0123456789abcdef012345';
const CERTIFICATE_ID = 'Xk3yYq9pZ0kR_certificate-id';

function input(algorithm: JwtAlgorithm, key: ParsedKey, extra: Partial<ClientAssertionInput> = {}): ClientAssertionInput {
  return {
    algorithm,
    key,
    certificateId: CERTIFICATE_ID,
    clientId: CLIENT_ID,
    scopes: ['rest_webservices'],
    audience: TOKEN_URL,
    nowSeconds: NOW,
    ...extra,
  };
}


/** Verifies with jose against node's public key and checks header and claims exactly. */
async function verifyExactly(jwt: string, algorithm: JwtAlgorithm, publicKey: KeyObject, claims: Record<string, unknown>): Promise<void> {
  const result = await jwtVerify(jwt, createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), {
    algorithms: [algorithm],
    issuer: CLIENT_ID,
    audience: TOKEN_URL,
    typ: 'JWT',
    currentDate: new Date((NOW + 1) * 1000),
  });
  expect(result.protectedHeader).toEqual({ alg: algorithm, typ: 'JWT', kid: CERTIFICATE_ID });
  expect(result.payload).toEqual(claims);
}

const defaultClaims = {
  iss: CLIENT_ID,
  scope: 'rest_webservices',
  aud: TOKEN_URL,
  iat: NOW,
  exp: NOW + DEFAULT_ASSERTION_LIFETIME_SECONDS,
};

/** Recovers the RSASSA-PSS salt length from a signature (RFC 8017 §9.1.2 run backwards). */
function pssSaltLength(jwt: string, publicKey: KeyObject, hashName: string, hashLength: number): number {
  const signature = Buffer.from(jwt.split('.')[2] as string, 'base64url');
  const em = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  const modBits = (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) as number;
  const emLen = Math.ceil((modBits - 1) / 8);
  const encoded = em.subarray(em.length - emLen);
  expect(encoded[encoded.length - 1]).toBe(0xbc);
  const maskedDb = encoded.subarray(0, emLen - hashLength - 1);
  const h = encoded.subarray(emLen - hashLength - 1, emLen - 1);
  const mask = Buffer.alloc(maskedDb.length);
  for (let counter = 0, offset = 0; offset < mask.length; counter += 1) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hashName).update(h).update(c).digest();
    block.copy(mask, offset);
    offset += block.length;
  }
  const db = Buffer.from(maskedDb.map((byte, i) => byte ^ (mask[i] as number)));
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - (modBits - 1)));
  const one = db.indexOf(1);
  expect(db.subarray(0, one).every((byte) => byte === 0)).toBe(true);
  return db.length - one - 1;
}

describe('buildClientAssertion: every algorithm verifies with jose, over many signatures', () => {
  const ps: Array<[JwtAlgorithm, string, number]> = [
    ['PS256', 'sha256', 32],
    ['PS384', 'sha384', 48],
    ['PS512', 'sha512', 64],
  ];
  for (const [algorithm, hashName, hashLength] of ps) {
    for (const name of ['rsa3072', 'rsa4096'] as const) {
      // RSA-4096 signing costs ~120 ms in jsrsasign: fewer rounds there. Kept modest so the whole
      // suite stays fast on a 2-core CI machine; every signature is still verified by jose.
      const rounds = name === 'rsa4096' ? 6 : 15;
      it(`${algorithm} with RSA ${name.slice(3)}: ${rounds} signatures verify, salt length = ${hashLength} (hash length)`, async () => {
        const key = parsed(name, name === 'rsa4096' ? 'pkcs1' : 'pkcs8');
        const signatures = new Set<string>();
        for (let i = 0; i < rounds; i += 1) {
          const jwt = buildClientAssertion(input(algorithm, key));
          await verifyExactly(jwt, algorithm, keys[name].publicKey, defaultClaims);
          expect(Buffer.from(jwt.split('.')[2] as string, 'base64url').length).toBe(Number(name.slice(3)) / 8);
          signatures.add(jwt.split('.')[2] as string);
          if (i < 3) expect(pssSaltLength(jwt, keys[name].publicKey, hashName, hashLength)).toBe(hashLength);
        }
        expect(signatures.size).toBe(rounds); // randomized salt: every signature differs
      });
    }
  }

  const es: Array<[JwtAlgorithm, KeyName, number]> = [
    ['ES256', 'p256', 32],
    ['ES384', 'p384', 48],
    ['ES512', 'p521', 66],
  ];
  const ES_ROUNDS = 40;
  for (const [algorithm, name, size] of es) {
    for (const type of ['pkcs8', 'sec1'] as const) {
      it(`${algorithm}: ${ES_ROUNDS} signatures from a ${type} key verify, each r‖s exactly ${2 * size} bytes`, async () => {
        const key = parsed(name, type);
        let shortR = 0;
        const signatures = new Set<string>();
        for (let i = 0; i < ES_ROUNDS; i += 1) {
          // Signatures are deterministic (RFC 6979): a different jti each round gives a different one.
          const jti = `${type}-${i}`;
          const jwt = buildClientAssertion(input(algorithm, key, { jti }));
          const signature = Buffer.from(jwt.split('.')[2] as string, 'base64url');
          expect(signature.length).toBe(2 * size);
          signatures.add(signature.toString('hex'));
          if (signature[0] === 0 || signature[size] === 0) shortR += 1;
          await verifyExactly(jwt, algorithm, keys[name].publicKey, { ...defaultClaims, jti });
        }
        expect(signatures.size).toBe(ES_ROUNDS);
        // r or s with a leading zero byte happens for ~3/4 of P-521 signatures (top byte is 0 or 1):
        // the case jsrsasign's own conversion gets wrong. 15 of 40 is > 5 standard deviations low.
        if (algorithm === 'ES512') expect(shortR).toBeGreaterThan(15);
      });
    }
  }
});

describe('buildClientAssertion: ES* signatures are deterministic (RFC 6979) and use no random numbers', () => {
  const es: Array<[JwtAlgorithm, KeyName, number, string, string]> = [
    ['ES256', 'p256', 32, 'sha256', 'prime256v1'],
    ['ES384', 'p384', 48, 'sha384', 'secp384r1'],
    ['ES512', 'p521', 66, 'sha512', 'secp521r1'],
  ];

  for (const [algorithm, name, size, hashName, nodeCurve] of es) {
    it(`${algorithm}: the same input gives the same JWT, and r is (kG).x for k = RFC 6979 k of the signing input`, async () => {
      const key = parsed(name, 'sec1');
      const first = buildClientAssertion(input(algorithm, key));
      expect(buildClientAssertion(input(algorithm, parsed(name, 'pkcs8')))).toBe(first);
      const other = buildClientAssertion(input(algorithm, key, { lifetimeSeconds: 60 }));
      expect(other.split('.')[2]).not.toBe(first.split('.')[2]);
      await verifyExactly(first, algorithm, keys[name].publicKey, defaultClaims);

      // Recompute k from the private key (exported by node) and the SHA of the signing input, and
      // let OpenSSL compute kG: its x mod q must be the JWT's r.
      const [header, payload, signature] = first.split('.') as [string, string, string];
      const d = Buffer.from(keys[name].privateKey.export({ format: 'jwk' }).d as string, 'base64url').toString('hex');
      const q = (KJUR.crypto.ECParameterDB.getByName(nodeCurve === 'prime256v1' ? 'secp256r1' : nodeCurve) as unknown as {
        n: { toString(radix: number): string };
      }).n.toString(16);
      const h1 = createHash(hashName).update(`${header}.${payload}`).digest('hex');
      const k = rfc6979Nonces(q, d, h1, hashName as 'sha256' | 'sha384' | 'sha512')();
      const ecdh = createECDH(nodeCurve);
      ecdh.setPrivateKey(Buffer.from(k.padStart(size * 2, '0'), 'hex'));
      const kx = BigInt(`0x${ecdh.getPublicKey('hex', 'uncompressed').slice(2, 2 + size * 2)}`);
      const r = BigInt(`0x${Buffer.from(signature, 'base64url').subarray(0, size).toString('hex')}`);
      expect(kx % BigInt(`0x${q}`)).toBe(r);
    });
  }

  it('ES256/ES384/ES512 sign while jsrsasign\'s RNG (SecureRandom.prototype.nextBytes) throws; PS256 and the old path do not', async () => {
    const prototype = (jsrsasign as unknown as { SecureRandom: { prototype: { nextBytes: (bytes: number[]) => void } } }).SecureRandom
      .prototype;
    const original = prototype.nextBytes;
    let calls = 0;
    const ecKeys = es.map(([algorithm, name]) => [algorithm, name, parsed(name)] as const);
    const rsa = parsed('rsa3072');
    const jwts: Array<[JwtAlgorithm, KeyName, string]> = [];
    prototype.nextBytes = () => {
      calls += 1;
      throw new Error('jsrsasign RNG used');
    };
    try {
      for (const [algorithm, name, key] of ecKeys) jwts.push([algorithm, name, buildClientAssertion(input(algorithm, key))]);
      expect(calls).toBe(0);
      // The spy does intercept jsrsasign's RNG: PSS salts and jsrsasign's own ECDSA need it.
      expect(() => buildClientAssertion(input('PS256', rsa))).toThrow('jsrsasign RNG used');
      const signer = new KJUR.crypto.Signature({ alg: 'SHA256withECDSA' });
      signer.init((ecKeys[0] as readonly [JwtAlgorithm, KeyName, ParsedKey])[2].key);
      signer.updateString('x');
      expect(() => signer.sign()).toThrow('jsrsasign RNG used');
      expect(calls).toBeGreaterThan(0);
    } finally {
      prototype.nextBytes = original;
    }
    for (const [algorithm, name, jwt] of jwts) await verifyExactly(jwt, algorithm, keys[name].publicKey, defaultClaims);
  });
});

describe('buildClientAssertion: header and claims', () => {
  const rsa = parsed('rsa3072');
  const ec = parsed('p256', 'sec1');

  it('writes header {alg, typ, kid} and payload {iss, scope, aud, iat, exp} in that order', () => {
    const jwt = buildClientAssertion(input('ES256', ec));
    const [header, payload] = jwt.split('.').map((part) => Buffer.from(part, 'base64url').toString('utf8'));
    expect(header).toBe(`{"alg":"ES256","typ":"JWT","kid":"${CERTIFICATE_ID}"}`);
    expect(payload).toBe(`{"iss":"${CLIENT_ID}","scope":"rest_webservices","aud":"${TOKEN_URL}","iat":${NOW},"exp":${NOW + 3000}}`);
    expect(jwt).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', typ: 'JWT', kid: CERTIFICATE_ID });
  });

  it('defaults the lifetime to 3000 s (below NetSuite\'s 60-minute cap)', () => {
    expect(DEFAULT_ASSERTION_LIFETIME_SECONDS).toBe(3000);
    expect(DEFAULT_ASSERTION_LIFETIME_SECONDS).toBeLessThan(3600);
  });

  it('joins scopes with commas, trims them, adds jti, floors a fractional clock and honours the lifetime', async () => {
    const jwt = buildClientAssertion(
      input('PS256', rsa, {
        scopes: [' restlets', 'rest_webservices ', '', 'suite_analytics'],
        nowSeconds: NOW + 0.999,
        lifetimeSeconds: 3599,
        jti: '6f1c1d1e-8d5c-4a57-9a54-2b7b5e0c7d11',
      }),
    );
    await verifyExactly(jwt, 'PS256', keys.rsa3072.publicKey, {
      iss: CLIENT_ID,
      scope: 'restlets,rest_webservices,suite_analytics',
      aud: TOKEN_URL,
      iat: NOW,
      exp: NOW + 3599,
      jti: '6f1c1d1e-8d5c-4a57-9a54-2b7b5e0c7d11',
    });
    const short = decodeJwtForDiagnosis(buildClientAssertion(input('ES256', ec, { lifetimeSeconds: 1 })));
    expect(short.payload).toMatchObject({ iat: NOW, exp: NOW + 1 });
  });

  it('keeps the audience exactly as given (the token URL of the request)', () => {
    const custom = 'https://td1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
    expect(decodeJwtForDiagnosis(buildClientAssertion(input('ES256', ec, { audience: custom }))).payload?.aud).toBe(custom);
    const local = 'http://127.0.0.1:4010/services/rest/auth/oauth2/v1/token';
    expect(decodeJwtForDiagnosis(buildClientAssertion(input('ES256', ec, { audience: local }))).payload?.aud).toBe(local);
  });
});

describe('buildClientAssertion: refusals', () => {
  const rsa = parsed('rsa3072');

  it.each([3600, 3601, 0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('BAD_ASSERTION_LIFETIME for lifetimeSeconds %s', (lifetime) => {
    const error = errorOf(() => buildClientAssertion(input('PS256', rsa, { lifetimeSeconds: lifetime })));
    expect(error.code).toBe('BAD_ASSERTION_LIFETIME');
    expect(error.message).toContain('below 3600');
    expect(error.message).toContain('less than 60 minutes after iat');
  });

  it.each([
    ['PS256', 'p256', 'needs an RSA key, but private_key is an EC P-256 key', 'Set jwt_algorithm to ES256'],
    ['PS512', 'p521', 'needs an RSA key, but private_key is an EC P-521 key', 'Set jwt_algorithm to ES512'],
    ['ES256', 'rsa3072', 'needs an EC P-256 key, but private_key is an RSA key', 'Set jwt_algorithm to PS256'],
    ['ES512', 'rsa4096', 'needs an EC P-521 key, but private_key is an RSA key', 'Set jwt_algorithm to PS256'],
    ['ES384', 'p256', 'needs an EC P-384 key, but private_key is an EC P-256 key', 'Set jwt_algorithm to ES256'],
    ['ES256', 'p384', 'needs an EC P-256 key, but private_key is an EC P-384 key', 'Set jwt_algorithm to ES384'],
    ['ES512', 'p384', 'needs an EC P-521 key, but private_key is an EC P-384 key', 'Set jwt_algorithm to ES384'],
    ['ES384', 'p521', 'needs an EC P-384 key, but private_key is an EC P-521 key', 'Set jwt_algorithm to ES512'],
  ] as Array<[JwtAlgorithm, KeyName, string, string]>)('KEY_ALGORITHM_MISMATCH: %s with %s', (algorithm, name, what, fix) => {
    const error = errorOf(() => buildClientAssertion(input(algorithm, parsed(name))));
    expect(error.code).toBe('KEY_ALGORITHM_MISMATCH');
    expect(error.variable).toBe('jwt_algorithm');
    expect(error.message).toContain(`jwt_algorithm is ${algorithm}, which ${what}`);
    expect(error.message).toContain(fix);
  });

  it.each([
    ['rsa2048', 2048],
    ['rsa1024', 1024],
  ] as Array<[KeyName, number]>)('RSA_KEY_TOO_SMALL for %s, with the openssl command to make a 3072-bit key', (name, bits) => {
    for (const algorithm of ['PS256', 'PS384', 'PS512'] as JwtAlgorithm[]) {
      const pemText = keys[name].privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const error = errorOf(() => buildClientAssertion(input(algorithm, parsePrivateKeyPem(pemText))));
      expect(error.code).toBe('RSA_KEY_TOO_SMALL');
      expect(error.variable).toBe('private_key');
      expect(error.message).toContain(`RSA key of ${bits} bits`);
      expect(error.message).toContain('NetSuite requires RSA keys of 3072 or 4096 bits');
      expect(error.message).toContain(
        '`openssl req -new -x509 -newkey rsa:3072 -keyout private.pem -sigopt rsa_padding_mode:pss -sha256 -sigopt rsa_pss_saltlen:64 -out public.pem -nodes -days 365`',
      );
      const base64 = pemText.replace(/-----[^-]+-----|\s/g, '');
      expect(error.message).not.toContain(base64.slice(30, 50));
    }
  });

  it('refuses missing ids, scopes, audience and clock with their own codes', () => {
    const cases: Array<[Partial<ClientAssertionInput>, string, string]> = [
      [{ clientId: '' }, 'MISSING_CLIENT_ID', 'client_id is empty'],
      [{ clientId: undefined as unknown as string }, 'MISSING_CLIENT_ID', 'client_id is empty'],
      [{ certificateId: '  ' }, 'MISSING_CERTIFICATE_ID', 'certificate_id is empty'],
      [{ scopes: [] }, 'MISSING_SCOPE', 'scope is empty'],
      [{ scopes: [' ', ''] }, 'MISSING_SCOPE', 'rest_webservices'],
      [{ audience: '' }, 'BAD_AUDIENCE', 'suitetalk_base_url'],
      [{ audience: '1234567.suitetalk.api.netsuite.com' }, 'BAD_AUDIENCE', 'aud must equal the token endpoint'],
      [{ nowSeconds: Number.NaN }, 'BAD_CLOCK', 'seconds since 1970'],
      [{ nowSeconds: 0 }, 'BAD_CLOCK', 'seconds since 1970'],
      [{ jti: '' }, 'BAD_JTI', 'jti is empty'],
      [{ algorithm: 'RS256' as JwtAlgorithm }, 'BAD_JWT_ALGORITHM', 'PS256, PS384, PS512, ES256, ES384, ES512'],
    ];
    for (const [extra, code, text] of cases) {
      const error = errorOf(() => buildClientAssertion(input('PS256', rsa, extra)));
      expect(error.code).toBe(code);
      expect(error.message).toContain(text);
    }
  });
});

describe('ecdsaDerToJose', () => {
  const der = (r: string, s: string): string => {
    const int = (hex: string): string => {
      const body = parseInt(hex.slice(0, 2), 16) >= 0x80 ? `00${hex}` : hex;
      return `02${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
    };
    const content = int(r) + int(s);
    const len = content.length / 2;
    return `30${len < 128 ? len.toString(16).padStart(2, '0') : `81${len.toString(16)}`}${content}`;
  };

  it('left-pads r and s to the curve size, whatever their DER length', () => {
    expect(ecdsaDerToJose(der('01', '02'), 32)).toBe(`${'00'.repeat(31)}01${'00'.repeat(31)}02`);
    expect(ecdsaDerToJose(der('ff'.repeat(32), '7f'.repeat(30)), 32)).toBe(`${'ff'.repeat(32)}0000${'7f'.repeat(30)}`);
    const r65 = 'ab'.repeat(65);
    const s64 = '12'.repeat(64);
    expect(ecdsaDerToJose(der(r65, s64), 66)).toBe(`00${r65}0000${s64}`);
    expect(ecdsaDerToJose(der(`01${'ff'.repeat(65)}`, '05'), 66)).toHaveLength(264);
  });

  it('refuses integers longer than the curve and malformed DER', () => {
    expect(() => ecdsaDerToJose(der('01'.repeat(33), '01'), 32)).toThrow();
    expect(() => ecdsaDerToJose('3003020101', 32)).toThrow();
    expect(() => ecdsaDerToJose('300602010102010100', 32)).toThrow();
  });

  it('is needed: jsrsasign 11.1.5 turns a P-521 signature whose r and s are both 65 bytes into 130 bytes, not 132', () => {
    const r65 = '9a'.repeat(65);
    const s65 = '8b'.repeat(65);
    const theirs = KJUR.crypto.ECDSA.asn1SigToConcatSig(der(r65, s65));
    expect(theirs.length / 2).toBe(130); // if this starts failing, jsrsasign fixed its conversion
    expect(ecdsaDerToJose(der(r65, s65), 66).length / 2).toBe(132);
  });
});

describe('decodeJwtForDiagnosis', () => {
  it('returns header and payload of an assertion, never its signature', () => {
    const jwt = buildClientAssertion(input('ES256', parsed('p256')));
    const decoded = decodeJwtForDiagnosis(jwt);
    expect(decoded).toEqual({
      header: { alg: 'ES256', typ: 'JWT', kid: CERTIFICATE_ID },
      payload: defaultClaims,
      hasSignature: true,
      problems: [],
    });
    expect(JSON.stringify(decoded)).not.toContain(jwt.split('.')[2] as string);
  });

  it('decodes UTF-8 claims', () => {
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const decoded = decodeJwtForDiagnosis(`${part({ alg: 'none' })}.${part({ sub: 'Zoë – 東京' })}.`);
    expect(decoded.payload).toEqual({ sub: 'Zoë – 東京' });
    expect(decoded.hasSignature).toBe(false);
    expect(decoded.problems).toEqual(['the signature part is empty']);
  });

  it.each([
    ['', 'the token is empty'],
    ['   ', 'the token is empty'],
    ['abc', 'the token has 1 part separated by dots; a signed JWT has 3'],
    ['a.b.c.d.e', 'the token has 5 parts separated by dots; a signed JWT has 3'],
    ['%%%.%%%.x', 'the header is not base64url'],
    ['..', 'the header is not base64url'],
    [`${Buffer.from('not json').toString('base64url')}.e30.sig`, 'the header is not JSON'],
    [`${Buffer.from('[1,2]').toString('base64url')}.e30.sig`, 'the header is not a JSON object'],
    [`e30.${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.sig`, 'the payload is not UTF-8 text'],
    ['e30.bnVsbA.sig', 'the payload is not a JSON object'],
    ['Bearer eyJhbGciOiJQUzI1NiJ9.e30', 'the token has 2 parts separated by dots; a signed JWT has 3'],
  ])('is safe on garbage: %j', (jwt, problem) => {
    const decoded = decodeJwtForDiagnosis(jwt);
    expect(decoded.problems.join('; ')).toContain(problem);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [undefined, null, 42, {}, [], 'x'.repeat(10_000), '.'.repeat(1000), '\u0000.\u0000.\u0000']) {
      expect(() => decodeJwtForDiagnosis(value as unknown as string)).not.toThrow();
    }
  });
});
