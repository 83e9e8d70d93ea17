/**
 * What later scripts of a run may ask of the M2M signer kept in the run-wide global. Kept apart
 * from the signer itself so the every-request bundle can name it without pulling in jsrsasign.
 * Inputs are plain values, never `pm`.
 */
export interface M2mSigner {
  version: number;
  assertion(input: M2mAssertionInput): string;
}

export interface M2mAssertionInput {
  privateKeyPem: string;
  algorithm: string | undefined;
  certificateId: string;
  clientId: string;
  scopes: string[];
  audience: string;
  nowSeconds: number;
}

/** Bumped when M2mSigner changes shape, so a stale global from another version is not used. */
export const SIGNER_VERSION = 1;
