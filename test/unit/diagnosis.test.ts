import { describe, expect, it } from 'vitest';
import { accountForms, diagnose, errorLabel, hostFormInUrl, isDiagnosable, type DiagnosisFacts } from '../../scripts-src/core/diagnosis';

const base: DiagnosisFacts = {
  status: 401, body: '{"o:errorDetails":[{"o:errorCode":"INVALID_LOGIN"}]}', method: 'GET',
  url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer', authMethod: 'm2m',
  account: accountForms('1234567_sb1'), urlHost: '1234567-sb1', cookie: false, bodyEmpty: true, authScheme: 'Bearer', nowMs: 1_000_000,
};

describe('diagnosis', () => {
  it('reads account forms and URL hosts', () => {
    expect(accountForms('1234567-SB1')).toEqual({ realm: '1234567_SB1', hostForm: '1234567-sb1', kind: 'sandbox' });
    expect(accountForms('x')).toBeUndefined();
    expect(hostFormInUrl('https://1234567.restlets.api.netsuite.com/app')).toBe('1234567');
    expect(hostFormInUrl('http://127.0.0.1:9/1234567-sb2/services')).toBe('1234567-sb2');
  });
  it('selects only refusals', () => {
    expect(isDiagnosable(200, '')).toBe(false);
    expect(isDiagnosable(400, '{"error":"invalid_grant"}')).toBe(true);
    expect(errorLabel(400, 'x SSS_REQUEST_LIMIT_EXCEEDED')).toBe('SSS_REQUEST_LIMIT_EXCEEDED');
  });
  it('walks the layers in NetSuite order', () => {
    expect(diagnose({ ...base, urlHost: '1234567', cookie: true }).layer).toBe('transport');
    expect(diagnose({ ...base, cookie: true, method: 'POST' }).layer).toBe('headers');
    expect(diagnose({ ...base, method: 'POST' }).layer).toBe('body');
    expect(diagnose({ ...base, tokenExpiresAt: 1 }).cause).toMatch(/expired/);
    expect(diagnose({ ...base, scopes: ['restlets'] }).cause).toMatch(/lacks rest_webservices/);
    expect(diagnose({ ...base, status: 403 }).layer).toBe('permissions');
    expect(diagnose({ ...base, status: 429 }).layer).toBe('governance');
  });

  describe('real-account causes', () => {
    const TOKEN = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
    const RESTLET = 'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_x&deploy=customdeploy_y';
    const assertionFacts = (iat: number): DiagnosisFacts => ({
      ...base, status: 400, body: '{"error":"invalid_grant"}', method: 'POST', url: TOKEN, bodyEmpty: false, authScheme: '', grant: 'client_credentials',
      assertion: { alg: 'PS256', kid: 'k1', aud: TOKEN, iat, exp: iat + 300, signatureBits: 3072 },
    });

    it('invalid_grant for a well-formed assertion names the integration, certificate and key, not the clock', () => {
      const verdict = diagnose({ ...assertionFacts(1000), serverDateMs: 1_010_000 });
      expect(verdict.cause).toMatch(/disabled or its client credentials grant is off.*expired, revoked or replaced.*does not match it$/);
      expect(verdict.fix).toMatch(/State Enabled.*openssl pkey/);
    });
    it('… adds the clock when the answer had no Date header, and blames the clock when it is off', () => {
      expect(diagnose(assertionFacts(1000)).cause).toMatch(/or this computer's clock/);
      expect(diagnose({ ...assertionFacts(1000), serverDateMs: 2_000_000 }).cause).toMatch(/off NetSuite's clock/);
    });
    it('SSS_INVALID_SCRIPTLET_ID and a RESTlet 405 are deployment causes; a REST 405 is not diagnosed', () => {
      const wrongId = diagnose({ ...base, status: 400, body: '{"error":{"code":"SSS_INVALID_SCRIPTLET_ID"}}', url: RESTLET });
      expect(wrongId).toMatchObject({ layer: 'deployment', cause: expect.stringContaining('script=customscript_x&deploy=customdeploy_y') });
      expect(isDiagnosable(405, '{}', RESTLET)).toBe(true);
      expect(isDiagnosable(405, '{}', base.url)).toBe(false);
      expect(diagnose({ ...base, status: 405, body: '{}', method: 'DELETE', url: RESTLET })).toMatchObject({ layer: 'deployment', cause: 'the RESTlet script has no delete entry point (HTTP 405)' });
    });
    it('an unexpired token refused by a RESTlet names the deployment, the audience and Allowed IPs', () => {
      const verdict = diagnose({ ...base, body: '{"error":{"code":"INVALID_LOGIN_ATTEMPT"}}', url: RESTLET, tokenExpiresAt: 9_999_999, scopes: ['restlets'] });
      expect(verdict.cause).toMatch(/Testing status, audience without the role.*Allowed IPs/);
      expect(verdict.fix).toMatch(/Status Released.*Audience that includes the role/);
    });
  });
});
