// Web Crypto where the engine has it: postman-sandbox 6.x (the Postman app, the Postman CLI,
// postman-runtime 7.56) does; Newman 6's postman-sandbox 4.7.1 does not.
import type { SubtleSigner } from '../core/webCryptoAssertion';

declare const crypto: { subtle?: SubtleSigner } | undefined;
declare function clearTimeout(handle: unknown): void;

/** `crypto.subtle`, or undefined where the engine has no Web Crypto. */
export function webCryptoSubtle(): SubtleSigner | undefined {
  // One expression, so the bundle check sees every use of `crypto` behind its typeof test.
  return typeof crypto !== 'undefined' && crypto && crypto.subtle && typeof crypto.subtle.sign === 'function' ? crypto.subtle : undefined;
}

/**
 * The sandbox ends a script when its timers and pm.sendRequest calls are done; it does not wait
 * for a promise (Web Crypto's). A timer held until `work` settles keeps the script, and so the
 * request, waiting; `onTimeout` runs if it never settles within `ms`.
 */
export function holdUntilSettled(work: Promise<void>, ms: number, onTimeout: () => void): void {
  let settled = false;
  const hold = setTimeout(() => {
    if (!settled) onTimeout();
  }, ms);
  const release = (): void => {
    settled = true;
    clearTimeout(hold);
  };
  work.then(release, release);
}
