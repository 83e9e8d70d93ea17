// Cookies make NetSuite treat a request as a browser session and answer INVALID_LOGIN before it
// looks at the Authorization header. Requests carry `disableCookies`, but the scripts do not rely
// on it: explicit Cookie headers are removed on every request, and the jar is emptied for the
// request's URL once per run; once a cookie is seen going out anyway (the request lacks
// `disableCookies`), the jar is emptied before every request for the rest of the run (pm/runState.ts).
import { runState } from './runState';

export function removeCookieHeader(): void {
  if (pm.request.headers.has('Cookie')) {
    console.warn('netsuite-postman: removed a Cookie header from the request; NetSuite rejects OAuth requests that carry cookies (INVALID_LOGIN).');
    pm.request.headers.remove('Cookie');
  }
}

/** Called by the test script when the request that went out carried a Cookie header. */
export function markJarDirty(): void {
  runState().cookieJarDirty = true;
}

/** Empties the jar for `url` when needed; resolves either way (a locked jar only warns). */
export function clearJarIfNeeded(url: string): Promise<void> | undefined {
  const state = runState();
  const dirty = state.cookieJarDirty === true;
  if (state.jarCleared && !dirty) return undefined;
  state.jarCleared = true;
  return new Promise((resolve) => {
    try {
      pm.cookies.jar().clear(url, (error) => {
        if (error && dirty) console.warn(`netsuite-postman: could not empty the cookie jar (${String(error)}); allow the NetSuite domains in the cookie settings or delete the cookies by hand.`);
        resolve();
      });
    } catch (error) {
      if (dirty) console.warn(`netsuite-postman: could not empty the cookie jar (${String(error)}).`);
      resolve();
    }
  });
}
