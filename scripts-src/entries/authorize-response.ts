// Test script of "Auth / Authorize URL (PKCE)": takes the code from NetSuite's redirect when the
// consent completes without a browser (the simulator; an existing session), else says what to do.
import { codeFromRedirect } from '../core/authorizationRedirect';
import { describeError } from '../pm/refuse';
import { AUTHORIZATION_CODE, loadPkce } from '../pm/sessionStore';
import { noteRunLength } from '../pm/singleSend';

// This item script has the legacy `postman` object: the run's length, for the collection hooks (pm/singleSend.ts).
noteRunLength();

const name = pm.info.requestName;
const code = pm.response.code;
const location = pm.response.headers.get('Location');
if (code >= 300 && code < 400 && location) {
  try {
    const pkce = loadPkce();
    pm.collectionVariables.set(AUTHORIZATION_CODE, codeFromRedirect(location, pkce ? pkce.state : undefined));
    pm.test(`${name}: NetSuite redirected with an authorization code`, () => undefined);
  } catch (error) {
    const { code: errorCode, message } = describeError(error);
    pm.test(`${name}: the authorize redirect is unusable (${errorCode})`, () => {
      throw new Error(message);
    });
  }
} else if (code === 200) {
  console.info(
    `netsuite-postman: NetSuite shows its login page. Open the authorize URL above in a browser, sign in and consent, then copy the code parameter of the redirect into the collection variable ${AUTHORIZATION_CODE} and send "Auth / Exchange authorization code".`,
  );
  pm.test(`${name}: authorize URL built (finish the sign-in in a browser)`, () => undefined);
} else {
  pm.test(`${name}: the authorize endpoint answered ${code}`, () => {
    throw new Error(`Expected a redirect with a code or NetSuite's login page, got HTTP ${code}. Check app_base_url and account_id.`);
  });
}
