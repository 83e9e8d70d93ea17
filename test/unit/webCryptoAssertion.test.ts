/**
 * The Web Crypto signer (the Postman app's engine) against independent verifiers (jose and
 * node:crypto) over many signatures, every algorithm and every key encoding; and the same refusals,
 * word for word, as the jsrsasign signer Newman uses.
 */
import { createPublicKey, generateKeyPairSync, verify, webcrypto, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createM2mSigner } from '../../scripts-src/core/m2mSigner';
import type { M2mAssertionInput } from '../../scripts-src/core/m2mSignerContract';
import { webCryptoAssertion, type SubtleSigner } from '../../scripts-src/core/webCryptoAssertion';

const subtle = webcrypto.subtle as unknown as SubtleSigner;
const AUD = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';

function input(privateKeyPem: string, algorithm: string | undefined, overrides: Partial<M2mAssertionInput> = {}): M2mAssertionInput {
  return { privateKeyPem, algorithm, certificateId: 'kid-ü', clientId: 'client-1', scopes: ['rest_webservices', 'restlets'], audience: AUD, nowSeconds: 1_800_000_000, ...overrides };
}

const rsa3072 = generateKeyPairSync('rsa', { modulusLength: 3072 });
const rsa4096 = generateKeyPairSync('rsa', { modulusLength: 4096 });
const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKeys = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
};

function encodings(key: KeyObject, inner: 'pkcs1' | 'sec1'): Array<[string, string]> {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const legacy = key.export({ type: inner, format: 'pem' }).toString();
  return [
    ['PKCS#8', pkcs8],
    [inner === 'pkcs1' ? 'PKCS#1' : 'SEC1', legacy],
    ['PKCS#8, escaped newlines', pkcs8.replace(/\n/g, '\\n')],
    [`${inner === 'pkcs1' ? 'PKCS#1' : 'SEC1'}, escaped newlines, CRLF`, legacy.replace(/\n/g, '\\r\\n')],
  ];
}

const CASES: Array<{ alg: string; key: { privateKey: KeyObject; publicKey: KeyObject }; inner: 'pkcs1' | 'sec1'; count: number }> = [
  { alg: 'PS256', key: rsa3072, inner: 'pkcs1', count: 25 },
  { alg: 'PS384', key: rsa3072, inner: 'pkcs1', count: 25 },
  { alg: 'PS512', key: rsa4096, inner: 'pkcs1', count: 25 },
  { alg: 'ES256', key: ecKeys.ES256, inner: 'sec1', count: 100 },
  { alg: 'ES384', key: ecKeys.ES384, inner: 'sec1', count: 100 },
  { alg: 'ES512', key: ecKeys.ES512, inner: 'sec1', count: 100 },
];

describe('webCryptoAssertion: signatures jose and node:crypto verify', () => {
  for (const { alg, key, inner, count } of CASES) {
    for (const [encoding, pem] of encodings(key.privateKey, inner)) {
      it(`${alg}, ${encoding}: ${count} signatures`, async () => {
        for (let i = 0; i < count; i += 1) {
          const jwt = await webCryptoAssertion(subtle, input(pem, alg.toLowerCase(), { nowSeconds: 1_800_000_000 + i }));
          expect(decodeProtectedHeader(jwt)).toEqual({ alg, typ: 'JWT', kid: 'kid-ü' });
          const { payload } = await jwtVerify(jwt, key.publicKey, { algorithms: [alg], audience: AUD, issuer: 'client-1', currentDate: new Date(1_800_000_000_000 + i * 1000) });
          expect(payload).toEqual({ iss: 'client-1', scope: 'rest_webservices,restlets', aud: AUD, iat: 1_800_000_000 + i, exp: 1_800_003_000 + i });
          // node:crypto, independently of jose: RSA-PSS with a salt as long as the hash; ECDSA as raw r ‖ s.
          const [h, p, s] = jwt.split('.') as [string, string, string];
          const signature = Buffer.from(s, 'base64url');
          const bits = alg.slice(2);
          const ok = alg.startsWith('PS')
            ? verify(`sha${bits}`, Buffer.from(`${h}.${p}`), { key: key.publicKey, padding: 6, saltLength: Number(bits) / 8 }, signature)
            : verify(`sha${bits}`, Buffer.from(`${h}.${p}`), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
          expect(ok).toBe(true);
          if (alg === 'ES512') expect(signature.length).toBe(132);
        }
      });
    }
  }
});

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

function jsrsasignRefusal(value: M2mAssertionInput): { code: string; message: string } {
  try {
    createM2mSigner().assertion(value);
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('jsrsasign signed it');
}

describe('webCryptoAssertion: the same refusals as the jsrsasign signer', () => {
  const rsaPem = rsa3072.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const der = rsa3072.privateKey.export({ type: 'pkcs1', format: 'der' });
  const damaged = Buffer.from(der);
  damaged[60] = damaged[60]! ^ 0x01; // inside n: still DER, but p × q no longer equals n
  const damagedPem = `-----BEGIN RSA PRIVATE KEY-----\n${damaged.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END RSA PRIVATE KEY-----\n`;
  const refusals: Array<[string, M2mAssertionInput, string]> = [
    ['RS256', input(rsaPem, 'RS256'), 'RS256_REFUSED'],
    ['HS256', input(rsaPem, 'HS256'), 'BAD_JWT_ALGORITHM'],
    ['RSA 2048', input(rsa2048.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'PS256'), 'RSA_KEY_TOO_SMALL'],
    ['RSA key, ES256', input(rsaPem, 'ES256'), 'KEY_ALGORITHM_MISMATCH'],
    ['P-256 key, PS256', input(ecKeys.ES256.privateKey.export({ type: 'sec1', format: 'pem' }).toString(), 'PS256'), 'KEY_ALGORITHM_MISMATCH'],
    ['P-256 key, ES384', input(ecKeys.ES256.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'ES384'), 'KEY_ALGORITHM_MISMATCH'],
    ['newlines turned into n', input(rsaPem.replace(/\n/g, 'n'), 'PS256'), 'PRIVATE_KEY_NEWLINES_MANGLED'],
    ['damaged key', input(damagedPem, 'PS256'), 'BAD_PRIVATE_KEY'],
    ['public key', input(rsa3072.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'PS256'), 'PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY'],
    ['cut off', input(rsaPem.slice(0, 400), 'PS256'), 'BAD_PRIVATE_KEY'],
    ['empty key', input('', 'PS256'), 'MISSING_PRIVATE_KEY'],
    ['no certificate id', input(rsaPem, 'PS256', { certificateId: ' ' }), 'MISSING_CERTIFICATE_ID'],
    ['no scope', input(rsaPem, 'PS256', { scopes: [] }), 'MISSING_SCOPE'],
    ['bad audience', input(rsaPem, 'PS256', { audience: 'token' }), 'BAD_AUDIENCE'],
  ];
  it.each(refusals)('%s', async (_name, value, code) => {
    const expected = jsrsasignRefusal(value);
    expect(expected.code).toBe(code);
    expect(await rejection(webCryptoAssertion(subtle, value))).toEqual(expected);
  });

  it('an EC private scalar outside the curve is refused as damaged', async () => {
    const order = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
    const sec1 = `30310201010420${order}a00a06082a8648ce3d030107`;
    const pem = `-----BEGIN EC PRIVATE KEY-----\n${Buffer.from(sec1, 'hex').toString('base64')}\n-----END EC PRIVATE KEY-----\n`;
    const expected = jsrsasignRefusal(input(pem, 'ES256'));
    expect(expected.code).toBe('BAD_PRIVATE_KEY');
    expect(await rejection(webCryptoAssertion(subtle, input(pem, 'ES256')))).toEqual(expected);
  });
});

it('the public key node derives from a SEC1 key matches (sanity of the test keys)', () => {
  expect(createPublicKey(ecKeys.ES256.privateKey).export({ type: 'spki', format: 'pem' })).toEqual(ecKeys.ES256.publicKey.export({ type: 'spki', format: 'pem' }));
});
