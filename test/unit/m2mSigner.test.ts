import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createM2mSigner } from '../../scripts-src/core/m2mSigner';

const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const input = {
  privateKeyPem: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  algorithm: undefined,
  certificateId: 'kid-1',
  clientId: 'client-1',
  scopes: ['rest_webservices'],
  audience: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
  nowSeconds: Math.floor(Date.now() / 1000),
};

describe('createM2mSigner', () => {
  it('signs PS256 by default, with PSS salts from the secure source it is given', async () => {
    const requested: number[] = [];
    const signer = createM2mSigner((length) => {
      requested.push(length);
      return randomBytes(length);
    });
    const jwt = signer.assertion(input);
    expect(requested).toContain(32);
    const { protectedHeader, payload } = await jwtVerify(jwt, rsa.publicKey, { algorithms: ['PS256'], audience: input.audience, issuer: 'client-1' });
    expect(protectedHeader).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'kid-1' });
    expect(payload.scope).toBe('rest_webservices');
  });

  it('parses the key once and reuses it while the PEM stays the same', async () => {
    const signer = createM2mSigner();
    const first = signer.assertion(input);
    const second = signer.assertion({ ...input, nowSeconds: input.nowSeconds + 1 });
    await jwtVerify(first, rsa.publicKey, { audience: input.audience });
    await jwtVerify(second, rsa.publicKey, { audience: input.audience });
    expect(() => signer.assertion({ ...input, privateKeyPem: 'not a key' })).toThrow(/private_key/);
  });
});
