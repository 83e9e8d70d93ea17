// Pre-request script of "Auth / Exchange authorization code": code + PKCE verifier → tokens,
// with HTTP Basic client authentication.
import { NspError } from '../core/NspError';
import { authorizationCodeForm } from '../core/tokenRequests';
import { loadContext } from '../pm/context';
import { refuse } from '../pm/refuse';
import { setFormBody, skipUnlessMethod } from '../pm/skipUnlessMethod';
import { clientBasicHeader, currentRefreshToken } from '../pm/tokenEndpoint';
import { AUTHORIZATION_CODE, loadPkce } from '../pm/sessionStore';
import { requireVariable } from '../pm/variables';
import { noteRunLength } from '../pm/singleSend';

// This item script has the legacy `postman` object: the run's length, for the collection hooks (pm/singleSend.ts).
noteRunLength();
try {
  const context = loadContext();
  if (!skipUnlessMethod(context, 'authcode')) {
    const code = pm.collectionVariables.get(AUTHORIZATION_CODE);
    const pkce = loadPkce();
    if (typeof code !== 'string' || code === '' || !pkce) {
      if (currentRefreshToken() !== undefined) {
        console.info(`netsuite-postman: no authorization code in this session; "${pm.info.requestName}" was skipped and refresh_token will be used.`);
        pm.execution.skipRequest();
      } else {
        throw new NspError(
          'NEEDS_AUTHORIZATION',
          'No authorization code yet: send "Auth / Authorize URL (PKCE)" first and complete the sign-in, or set refresh_token in the environment.',
          'refresh_token',
        );
      }
    } else {
      pm.collectionVariables.unset(AUTHORIZATION_CODE);
      pm.request.headers.upsert(clientBasicHeader('the authorization code exchange (HTTP Basic)'));
      setFormBody(
        authorizationCodeForm({
          code,
          redirectUri: requireVariable(pm.variables, 'redirect_uri', 'the authorization code exchange'),
          codeVerifier: pkce.verifier,
        }),
      );
    }
  }
} catch (error) {
  refuse(error);
}
