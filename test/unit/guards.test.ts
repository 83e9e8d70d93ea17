import { describe, expect, it } from 'vitest';
import { parseAccountId } from '../../scripts-src/core/accountId';
import { guardRequest } from '../../scripts-src/core/guards';
import { NspError } from '../../scripts-src/core/NspError';

const sandbox = parseAccountId('1234567_SB1');
const production = parseAccountId('1234567');
const REST = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer';
const PROD_REST = 'https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer';

function refusal(fn: () => void): NspError {
  try {
    fn();
  } catch (error) {
    return error as NspError;
  }
  throw new Error('expected a refusal');
}

describe('guardRequest', () => {
  it('lets a matching sandbox write through', () => {
    expect(() => guardRequest({ method: 'POST', url: REST, bodyEmpty: false }, { account: sandbox, allowProduction: false })).not.toThrow();
  });

  it('refuses sandbox credentials against the production host', () => {
    const error = refusal(() => guardRequest({ method: 'GET', url: PROD_REST, bodyEmpty: true }, { account: sandbox, allowProduction: false }));
    expect(error.code).toBe('ACCOUNT_HOST_MISMATCH');
    expect(error.variable).toBe('account_id');
    expect(error.message).toContain('account host "1234567"');
    expect(error.message).toContain('host "1234567-sb1"');
  });

  it('refuses a simulator URL whose account segment differs', () => {
    const error = refusal(() =>
      guardRequest({ method: 'GET', url: 'http://127.0.0.1:4000/1234567/services/rest/record/v1/customer', bodyEmpty: true }, { account: sandbox, allowProduction: false }),
    );
    expect(error.code).toBe('ACCOUNT_HOST_MISMATCH');
  });

  it('does not judge hosts it cannot read an account from (a proxy)', () => {
    expect(() => guardRequest({ method: 'GET', url: 'https://proxy.example.com/ns/services/rest/record/v1/customer', bodyEmpty: true }, { account: sandbox, allowProduction: false })).not.toThrow();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses %s to production without allow_production', (method) => {
    const error = refusal(() => guardRequest({ method, url: PROD_REST, bodyEmpty: false }, { account: production, allowProduction: false }));
    expect(error.code).toBe('PRODUCTION_WRITE_REFUSED');
    expect(error.variable).toBe('allow_production');
    expect(error.message).toContain(`Refused ${method} to production account "1234567"`);
  });

  it('allows production writes with allow_production, and reads always', () => {
    expect(() => guardRequest({ method: 'PATCH', url: `${PROD_REST}/1`, bodyEmpty: false }, { account: production, allowProduction: true })).not.toThrow();
    expect(() => guardRequest({ method: 'GET', url: PROD_REST, bodyEmpty: true }, { account: production, allowProduction: false })).not.toThrow();
  });

  it('treats SuiteQL and the token endpoint as reads on production', () => {
    const suiteql = 'https://1234567.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql';
    const token = 'https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
    expect(() => guardRequest({ method: 'POST', url: suiteql, bodyEmpty: false }, { account: production, allowProduction: false })).not.toThrow();
    expect(() => guardRequest({ method: 'POST', url: token, bodyEmpty: false }, { account: production, allowProduction: false })).not.toThrow();
  });

  it.each(['POST', 'PUT', 'PATCH'])('refuses %s with an empty body and says NetSuite would answer a bare 401', (method) => {
    const error = refusal(() => guardRequest({ method, url: REST, bodyEmpty: true }, { account: sandbox, allowProduction: false }));
    expect(error.code).toBe('EMPTY_BODY');
    expect(error.message).toContain('bare 401 INVALID_LOGIN');
  });

  it('refuses a request that still carries one of the collection\'s own placeholders, naming it', () => {
    const error = refusal(() =>
      guardRequest({ method: 'GET', url: `${REST}/{{nsp_customer_id}}`, bodyEmpty: true, unsetVariables: ['nsp_customer_id'] }, { account: sandbox, allowProduction: false }),
    );
    expect(error.code).toBe('UNSET_VARIABLE');
    expect(error.variable).toBe('nsp_customer_id');
    expect(error.message).toMatch(/^The request still contains \{\{nsp_customer_id\}\}: that collection variable has no value/);
    expect(error.message).toContain('Variables tab');
    const both = refusal(() => guardRequest({ method: 'POST', url: REST, bodyEmpty: false, unsetVariables: ['nsp_a', 'nsp_b'] }, { account: sandbox, allowProduction: false }));
    expect(both.message).toMatch(/^The request still contains \{\{nsp_a\}\}, \{\{nsp_b\}\}: those collection variables have/);
    expect(() => guardRequest({ method: 'GET', url: REST, bodyEmpty: true, unsetVariables: [] }, { account: sandbox, allowProduction: false })).not.toThrow();
  });

  it('lets DELETE go without a body', () => {
    expect(() => guardRequest({ method: 'DELETE', url: `${REST}/5`, bodyEmpty: true }, { account: sandbox, allowProduction: false })).not.toThrow();
  });

  it('checks the host before the body (NetSuite\'s order)', () => {
    const error = refusal(() => guardRequest({ method: 'POST', url: PROD_REST, bodyEmpty: true }, { account: sandbox, allowProduction: false }));
    expect(error.code).toBe('ACCOUNT_HOST_MISMATCH');
  });

  describe('token scopes', () => {
    const RESTLET = 'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1';
    const SUITEQL = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql';
    const TOKEN = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';

    it('refuses a RESTlet request whose scope lacks restlets, naming the variable and the fix', () => {
      const error = refusal(() => guardRequest({ method: 'GET', url: RESTLET, bodyEmpty: true }, { account: sandbox, allowProduction: false, scopes: ['rest_webservices'] }));
      expect(error.code).toBe('SCOPE_MISSING');
      expect(error.variable).toBe('scope');
      expect(error.message).toContain('"scope" is "rest_webservices", which lacks restlets');
      expect(error.message).toContain('Set scope to rest_webservices,restlets');
    });

    it.each([REST, SUITEQL])('refuses a REST request (%s) whose scope lacks rest_webservices', (url) => {
      const error = refusal(() => guardRequest({ method: 'GET', url, bodyEmpty: true }, { account: sandbox, allowProduction: false, scopes: ['restlets', 'suite_analytics'] }));
      expect(error.code).toBe('SCOPE_MISSING');
      expect(error.message).toContain('lacks rest_webservices');
    });

    it('lets each API through with its scope, the token endpoint with any, and TBA (no scopes) always', () => {
      expect(() => guardRequest({ method: 'GET', url: RESTLET, bodyEmpty: true }, { account: sandbox, allowProduction: false, scopes: ['restlets'] })).not.toThrow();
      expect(() => guardRequest({ method: 'GET', url: REST, bodyEmpty: true }, { account: sandbox, allowProduction: false, scopes: ['rest_webservices'] })).not.toThrow();
      expect(() => guardRequest({ method: 'POST', url: TOKEN, bodyEmpty: false }, { account: sandbox, allowProduction: false, scopes: ['restlets'] })).not.toThrow();
      expect(() => guardRequest({ method: 'GET', url: RESTLET, bodyEmpty: true }, { account: sandbox, allowProduction: false })).not.toThrow();
    });
  });
});
