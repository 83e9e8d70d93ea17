// Test script of the token requests (Mint M2M token, Exchange authorization code, Refresh access
// token): checks NetSuite's answer, explains an OAuth error, and caches the token for the run.
import { parseTokenResponse } from '../core/tokenResponse';
import { loadContext } from '../pm/context';
import { describeError } from '../pm/refuse';
import { grantOfRequest } from '../pm/grantOfRequest';
import { tokenCacheKey } from '../pm/tokenEndpoint';
import { ISSUED_REFRESH_TOKEN, saveToken } from '../pm/tokenStore';
import { readVariable } from '../pm/variables';

const name = pm.info.requestName;
const grant = grantOfRequest() ?? 'client_credentials';
try {
  const token = parseTokenResponse(pm.response.code, pm.response.text(), Date.now(), grant);
  const context = loadContext();
  saveToken(grant === 'client_credentials' ? 'm2m' : 'authcode', {
    key: tokenCacheKey(context, readVariable(pm.variables, 'client_id')),
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
  });
  if (grant === 'authorization_code') {
    const issued = (pm.response.json() as { refresh_token?: unknown }).refresh_token;
    if (typeof issued === 'string' && issued !== '') {
      pm.collectionVariables.set(ISSUED_REFRESH_TOKEN, issued);
      console.info(`netsuite-postman: NetSuite issued a refresh token; it is kept in the collection variable ${ISSUED_REFRESH_TOKEN} for this session. Copy it into refresh_token (a secret) in your environment to run authcode unattended.`);
    }
  }
  const seconds = Math.round((token.expiresAt - Date.now()) / 1000);
  pm.test(`${name}: NetSuite issued an access token (${grant}, valid ${seconds} s)`, () => undefined);
} catch (error) {
  const { code, message } = describeError(error);
  pm.test(`${name}: NetSuite refused the token request (${code})`, () => {
    throw new Error(message);
  });
}
