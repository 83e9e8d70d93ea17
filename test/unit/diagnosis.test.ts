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
});
