import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { createSelfSignedCertificate } from './x509Builder.ts';
import type { TbaCredentials } from './tbaVerifier.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

/** Everything secret the simulator makes at start-up. Never written anywhere but the env file. */
export interface SimulatorCredentials {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  certificateId: string;
  privateKeyPem: string;
  certificatePem: string;
  publicKey: KeyObject;
  /** A second certificate (EC P-256), for the collection's rotation requests to upload and revoke. */
  rotationCertificatePem: string;
  tba: TbaCredentials;
  /** Secret that signs the simulator's access tokens. */
  tokenSigningSecret: Buffer;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Fresh credentials: an RSA-3072 key with a self-signed certificate, client and TBA secrets. */
export async function createCredentials(nowMs: number, redirectUri = 'https://localhost/netsuite-postman/callback'): Promise<SimulatorCredentials> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 3072 });
  const certificatePem = createSelfSignedCertificate({
    privateKey,
    publicKey,
    commonName: 'netsuite-postman simulator',
    notBefore: new Date(nowMs - 60_000),
    notAfter: new Date(nowMs + 365 * 24 * 3600 * 1000),
  });
  const rotation = await generateKeyPairAsync('ec', { namedCurve: 'P-256' });
  const rotationCertificatePem = createSelfSignedCertificate({
    privateKey: rotation.privateKey,
    publicKey: rotation.publicKey,
    commonName: 'netsuite-postman simulator rotation',
    notBefore: new Date(nowMs - 60_000),
    notAfter: new Date(nowMs + 365 * 24 * 3600 * 1000),
  });
  return {
    rotationCertificatePem,
    clientId: hex(32),
    clientSecret: hex(32),
    redirectUri,
    certificateId: randomBytes(32).toString('base64url').slice(0, 43),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem,
    publicKey,
    tba: { consumerKey: hex(32), consumerSecret: hex(32), tokenId: hex(32), tokenSecret: hex(32) },
    tokenSigningSecret: randomBytes(32),
  };
}
