// Pre-request script of "Auth / Authorize URL (PKCE)": makes the PKCE verifier and state, and
// points the request at NetSuite's authorize endpoint with them.
import { buildAuthorizeUrl } from '../core/authorizeUrl';
import { codeChallengeS256, makeCodeVerifier, makeState } from '../core/pkce';
import { parseScopes } from '../core/scopes';
import { loadContext } from '../pm/context';
import { randomInt, sha256Base64 } from '../pm/cryptoJs';
import { refuse } from '../pm/refuse';
import { skipUnlessMethod } from '../pm/skipUnlessMethod';
import { savePkce } from '../pm/sessionStore';
import { readVariable, requireVariable } from '../pm/variables';
import { noteRunLength } from '../pm/singleSend';

// This item script has the legacy `postman` object: the run's length, for the collection hooks (pm/singleSend.ts).
noteRunLength();
try {
  const context = loadContext();
  if (!skipUnlessMethod(context, 'authcode')) {
    const verifier = makeCodeVerifier(randomInt);
    const state = makeState(randomInt);
    const url = buildAuthorizeUrl({
      appBaseUrl: context.appBaseUrl,
      clientId: requireVariable(pm.variables, 'client_id', 'the authorization code flow'),
      redirectUri: requireVariable(pm.variables, 'redirect_uri', 'the authorization code flow (it must match the integration record exactly)'),
      scopes: parseScopes(readVariable(pm.variables, 'scope')),
      state,
      codeChallenge: codeChallengeS256(verifier, sha256Base64),
    });
    savePkce({ verifier, state });
    pm.request.url.update(url);
    console.info(`netsuite-postman: authorize URL (open it in a browser to sign in and consent): ${url}`);
  }
} catch (error) {
  refuse(error);
}
