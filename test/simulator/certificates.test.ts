import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAccountId } from '../../simulator/accountIds.ts';
import { buildEnvironment } from '../../simulator/environment.ts';
import { createSelfSignedCertificate } from '../../simulator/x509Builder.ts';

describe('self-signed X.509 builder', () => {
  it.each([
    ['rsa', { modulusLength: 2048 }],
    ['ec', { namedCurve: 'P-384' }],
  ] as const)('%s: parses, verifies with its own key and carries the dates', (type, options) => {
    const keys = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2027-01-01T00:00:00Z');
    const pem = createSelfSignedCertificate({ ...keys, commonName: 'unit', notBefore, notAfter });
    const certificate = new X509Certificate(pem);
    expect(certificate.verify(keys.publicKey)).toBe(true);
    expect(certificate.subject).toBe('CN=unit');
    expect(new Date(certificate.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(certificate.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(certificate.publicKey.export({ type: 'spki', format: 'der' })).toEqual(keys.publicKey.export({ type: 'spki', format: 'der' }));
    let opensslText = '';
    try {
      opensslText = execFileSync('openssl', ['x509', '-noout', '-text'], { input: pem }).toString();
    } catch {
      return; // openssl not installed: node's parser suffices
    }
    expect(opensslText).toContain('Version: 3');
  });
});

describe('account ids', () => {
  it('derives realm and host form', () => {
    expect(parseAccountId('1234567-sb1')).toEqual({ accountId: '1234567-sb1', realm: '1234567_SB1', hostForm: '1234567-sb1' });
    expect(parseAccountId('tstdrv1234567')?.realm).toBe('TSTDRV1234567');
    expect(parseAccountId('1234567_rp')?.hostForm).toBe('1234567-rp');
    expect(parseAccountId('12 34')).toBeUndefined();
  });
});

describe('environment', () => {
  it('lists every contract variable, secrets typed secret, deterministic id', () => {
    const input = {
      accountId: '1234567_SB1',
      baseUrl: 'http://127.0.0.1:1/1234567-sb1',
      clientId: 'c',
      certificateId: 'k',
      privateKeyPem: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n',
      clientSecret: 's',
      redirectUri: 'https://localhost/cb',
      refreshToken: 'r',
      consumerKey: 'ck',
      consumerSecret: 'cs',
      tokenId: 't',
      tokenSecret: 'ts',
      restletScript: 'customscript_nsp_echo',
      restletDeploy: 'customdeploy_nsp_echo',
      rotationCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    };
    const env = buildEnvironment(input);
    expect(env.id).toBe(buildEnvironment(input).id);
    expect(env.values.map((v) => v.key)).toEqual([
      'account_id', 'auth_method', 'client_id', 'certificate_id', 'private_key', 'jwt_algorithm', 'scope', 'client_secret', 'redirect_uri',
      'refresh_token', 'consumer_key', 'consumer_secret', 'token_id', 'token_secret', 'restlet_script', 'restlet_deploy',
      'suitetalk_base_url', 'restlets_base_url', 'app_base_url', 'token_refresh_buffer_seconds', 'allow_production',
      'nsp_certificate_pem', 'nsp_certificate_entity', 'nsp_certificate_role',
    ]);
    expect(env.values.find((v) => v.key === 'nsp_certificate_pem')!.value).toBe('-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----');
    const secret = env.values.filter((v) => v.type === 'secret').map((v) => v.key);
    expect(secret).toEqual(['private_key', 'client_secret', 'refresh_token', 'consumer_key', 'consumer_secret', 'token_id', 'token_secret']);
    expect(env.values.every((v) => v.enabled === true)).toBe(true);
  });
});
