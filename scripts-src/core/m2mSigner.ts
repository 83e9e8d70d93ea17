import * as jsrsasign from 'jsrsasign';
import { buildClientAssertion } from './clientAssertion';
import { parseJwtAlgorithm } from './jwtAlgorithm';
import { parsePrivateKeyPem } from './pem';
import type { M2mSigner } from './m2mSignerContract';
import { SIGNER_VERSION } from './m2mSignerContract';


/** Fills a byte array from a secure source; undefined where the engine has none. */
export type RandomBytes = (length: number) => ArrayLike<number>;

interface SecureRandomClass {
  prototype: { nextBytes(bytes: number[]): void };
}

/**
 * The M2M signer; it parses a key once and reuses it while the PEM text stays the same.
 * ES* signatures need no randomness (RFC 6979). PS* salts come from jsrsasign's RNG, seeded from
 * Math.random in the sandboxes; with `randomBytes` (Web Crypto, where the engine has it) the salts
 * come from a secure source instead.
 */
export function createM2mSigner(randomBytes?: RandomBytes): M2mSigner {
  if (randomBytes) {
    const { SecureRandom } = jsrsasign as unknown as { SecureRandom: SecureRandomClass };
    SecureRandom.prototype.nextBytes = function nextBytes(bytes: number[]): void {
      const fresh = randomBytes(bytes.length);
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = fresh[i] as number;
    };
  }
  let lastPem: string | undefined;
  let lastKey: ReturnType<typeof parsePrivateKeyPem> | undefined;
  return {
    version: SIGNER_VERSION,
    assertion(input) {
      const algorithm = parseJwtAlgorithm(input.algorithm);
      if (lastPem !== input.privateKeyPem || lastKey === undefined) {
        lastKey = parsePrivateKeyPem(input.privateKeyPem);
        lastPem = input.privateKeyPem;
      }
      return buildClientAssertion({
        algorithm,
        key: lastKey,
        certificateId: input.certificateId,
        clientId: input.clientId,
        scopes: input.scopes,
        audience: input.audience,
        nowSeconds: input.nowSeconds,
      });
    },
  };
}
