import { buildClientAssertion } from './clientAssertion';
import { parseJwtAlgorithm } from './jwtAlgorithm';
import { parsePrivateKeyPem } from './pem';
import type { M2mSigner } from './m2mSignerContract';
import { SIGNER_VERSION } from './m2mSignerContract';


/** The M2M signer; it parses a key once and reuses it while the PEM text stays the same. */
export function createM2mSigner(): M2mSigner {
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
