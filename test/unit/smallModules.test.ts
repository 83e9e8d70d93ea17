import { describe, expect, it } from 'vitest';
import { parseAuthMethod } from '../../scripts-src/core/authMethod';
import { codeFromRedirect } from '../../scripts-src/core/authorizationRedirect';
import { redactHeaders, redactText } from '../../scripts-src/core/redact';
import { isWrite, needsBody, requestKind } from '../../scripts-src/core/requestKind';
import { parseScopes } from '../../scripts-src/core/scopes';

describe('parseAuthMethod', () => {
  it('defaults to m2m and accepts any case', () => {
    expect(parseAuthMethod(undefined)).toBe('m2m');
    expect(parseAuthMethod(' TBA ')).toBe('tba');
    expect(parseAuthMethod('authcode')).toBe('authcode');
  });
  it('names the variable and the accepted values', () => {
    expect(() => parseAuthMethod('oauth2')).toThrow('The variable "auth_method" is "oauth2", which is not an auth method. Use m2m');
  });
});

describe('parseScopes', () => {
  it('defaults to rest_webservices and splits on commas and spaces', () => {
    expect(parseScopes(undefined)).toEqual(['rest_webservices', 'restlets']);
    expect(parseScopes('rest_webservices, restlets')).toEqual(['rest_webservices', 'restlets']);
    expect(parseScopes('restlets suite_analytics')).toEqual(['restlets', 'suite_analytics']);
  });
  it('refuses unknown scopes by name', () => {
    expect(() => parseScopes('rest_webservices,restlet')).toThrow('unknown scope "restlet"');
  });
});

describe('requestKind', () => {
  it('classifies NetSuite and simulator URLs', () => {
    expect(requestKind('https://1-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token')).toBe('token');
    expect(requestKind('http://127.0.0.1:1/1-sb1/app/login/oauth2/authorize.nl?x=1')).toBe('authorize');
    expect(requestKind('https://1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1')).toBe('restlet');
    expect(requestKind('https://1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=5')).toBe('rest-read');
    expect(requestKind('https://1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/5')).toBe('rest');
    expect(requestKind('https://example.com/other')).toBe('other');
  });
  it('knows writes and body-carrying methods', () => {
    expect(isWrite('delete')).toBe(true);
    expect(isWrite('GET')).toBe(false);
    expect(needsBody('DELETE')).toBe(false);
    expect(needsBody('patch')).toBe(true);
  });
});

describe('redact', () => {
  it('removes secret values, bearer tokens, PEM blocks, signatures and token fields', () => {
    const text =
      'key s3cr3t-value; Authorization: Bearer eyJabc.def-ghi; oauth_signature="abc%3D"; -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----; client_assertion=eyJ.x.y&a=b {"access_token":"tok"}';
    const out = redactText(text, ['s3cr3t-value']);
    expect(out).not.toContain('s3cr3t-value');
    expect(out).not.toContain('eyJabc');
    expect(out).not.toContain('abc%3D');
    expect(out).not.toContain('MIIE');
    expect(out).not.toContain('eyJ.x.y');
    expect(out).not.toContain('"tok"');
    expect(out).toContain('a=b');
  });
  it('keeps the auth scheme but never the credential or cookie', () => {
    expect(redactHeaders({ Authorization: 'OAuth realm="1",oauth_token="t"', Cookie: 'JSESSIONID=x', Accept: 'application/json' }, [])).toEqual({
      Authorization: 'OAuth [redacted]',
      Cookie: '[redacted]',
      Accept: 'application/json',
    });
  });
});

describe('codeFromRedirect', () => {
  it('takes the code when the state matches', () => {
    expect(codeFromRedirect('https://localhost/cb?code=abc%2Fdef&state=s1', 's1')).toBe('abc/def');
  });
  it('refuses a state mismatch, an error redirect and a missing code', () => {
    expect(() => codeFromRedirect('https://localhost/cb?code=abc&state=other', 's1')).toThrow(/does not match/);
    expect(() => codeFromRedirect('https://localhost/cb?error=access_denied&error_description=no', 's1')).toThrow(/access_denied \(no\)/);
    expect(() => codeFromRedirect('https://localhost/cb?state=s1', 's1')).toThrow(/no code parameter/);
  });
});
