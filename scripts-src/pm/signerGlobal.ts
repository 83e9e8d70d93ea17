// The M2M signer (jsrsasign, ~300 KB) is parsed once per run, by the "Auth / Mint M2M token"
// request, and kept in an implicit global: both sandbox engines keep implicit globals for the rest
// of the run, so later requests can re-mint without shipping the signer in every script.
import type { M2mSigner } from '../core/m2mSignerContract';
import { SIGNER_VERSION } from '../core/m2mSignerContract';

declare let __netsuitePostmanSigner: M2mSigner | undefined;

export function loadedSigner(): M2mSigner | undefined {
  if (typeof __netsuitePostmanSigner === 'undefined' || !__netsuitePostmanSigner) return undefined;
  return __netsuitePostmanSigner.version === SIGNER_VERSION ? __netsuitePostmanSigner : undefined;
}

export function installSigner(signer: M2mSigner): void {
  __netsuitePostmanSigner = signer;
}
