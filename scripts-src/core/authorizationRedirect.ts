import { NspError } from './NspError';

function queryParam(url: string, name: string): string | undefined {
  const query = url.indexOf('?') >= 0 ? url.slice(url.indexOf('?') + 1).replace(/#.*$/, '') : '';
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = decodeURIComponent((eq >= 0 ? pair.slice(0, eq) : pair).replace(/\+/g, ' '));
    if (key === name) return decodeURIComponent((eq >= 0 ? pair.slice(eq + 1) : '').replace(/\+/g, ' '));
  }
  return undefined;
}

/**
 * The authorization code from the authorize endpoint's redirect `Location`, checked against the
 * `state` that was sent. Throws NspError when NetSuite redirected with an error or a wrong state.
 */
export function codeFromRedirect(location: string, expectedState: string | undefined): string {
  const error = queryParam(location, 'error');
  if (error !== undefined) {
    const description = queryParam(location, 'error_description');
    throw new NspError(
      'AUTHORIZE_ERROR',
      `NetSuite's authorize endpoint answered ${error}${description ? ` (${description})` : ''}. Check client_id, redirect_uri (exact match with the integration record), the scopes ticked on the record, and that the role may use OAuth 2.0.`,
    );
  }
  const code = queryParam(location, 'code');
  if (code === undefined || code === '') {
    throw new NspError('AUTHORIZE_NO_CODE', 'The authorize redirect carries no code parameter. Open the authorize URL in a browser and complete the consent.');
  }
  if (expectedState !== undefined && queryParam(location, 'state') !== expectedState) {
    throw new NspError(
      'AUTHORIZE_STATE_MISMATCH',
      'The state in the authorize redirect does not match the one this session sent; the code was not used. Send "Auth / Authorize URL (PKCE)" again and use the newest redirect.',
    );
  }
  return code;
}
