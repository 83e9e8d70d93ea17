// Pre-request script of "Auth / Refresh access token": refresh_token grant with HTTP Basic.
import { NspError } from '../core/NspError';
import { refreshTokenForm } from '../core/tokenRequests';
import { loadContext } from '../pm/context';
import { refuse } from '../pm/refuse';
import { setFormBody, skipUnlessMethod } from '../pm/skipUnlessMethod';
import { clientBasicHeader, currentRefreshToken } from '../pm/tokenEndpoint';
import { noteRunLength } from '../pm/singleSend';

// This item script has the legacy `postman` object: the run's length, for the collection hooks (pm/singleSend.ts).
noteRunLength();
try {
  const context = loadContext();
  if (!skipUnlessMethod(context, 'authcode')) {
    const refreshToken = currentRefreshToken();
    if (refreshToken === undefined) {
      throw new NspError(
        'NEEDS_AUTHORIZATION',
        'No refresh token: set refresh_token in the environment, or send "Auth / Authorize URL (PKCE)" and "Auth / Exchange authorization code" first.',
        'refresh_token',
      );
    }
    pm.request.headers.upsert(clientBasicHeader('the refresh token grant (HTTP Basic)'));
    setFormBody(refreshTokenForm(refreshToken));
  }
} catch (error) {
  refuse(error);
}
