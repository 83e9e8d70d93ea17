import { describe, it, expect } from 'vitest';
import { parseAccountId } from '../../scripts-src/core/accountId';
import {
  accountHostFormInUrl, authorizeUrlBase, defaultBaseUrls, normalizeBaseUrl, tokenUrl,
} from '../../scripts-src/core/baseUrls';
import { NspError } from '../../scripts-src/core/NspError';

describe('defaultBaseUrls', () => {
  it('uses the host form', () => {
    expect(defaultBaseUrls(parseAccountId('1234567_SB1'))).toEqual({
      suitetalk: 'https://1234567-sb1.suitetalk.api.netsuite.com',
      restlets: 'https://1234567-sb1.restlets.api.netsuite.com',
      app: 'https://1234567-sb1.app.netsuite.com',
    });
    expect(defaultBaseUrls(parseAccountId('TSTDRV99')).app).toBe('https://tstdrv99.app.netsuite.com');
  });
});

describe('tokenUrl / authorizeUrlBase', () => {
  it('append the endpoint paths without doubling slashes', () => {
    expect(tokenUrl('https://1234567.suitetalk.api.netsuite.com')).toBe(
      'https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token');
    expect(tokenUrl('http://127.0.0.1:3000/1234567-sb1//')).toBe(
      'http://127.0.0.1:3000/1234567-sb1/services/rest/auth/oauth2/v1/token');
    expect(authorizeUrlBase('https://1234567.app.netsuite.com/')).toBe(
      'https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl');
  });
});

describe('accountHostFormInUrl', () => {
  it.each([
    ['https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer', '1234567-sb1'],
    ['https://1234567-SB1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1', '1234567-sb1'],
    ['https://tstdrv42.app.netsuite.com', 'tstdrv42'],
    ['https://1234567_sb1.app.netsuite.com/', '1234567_sb1'],
    ['HTTPS://1234567.SUITETALK.API.NETSUITE.COM:443', '1234567'],
    ['http://127.0.0.1:4000/1234567-sb1/services/rest/record/v1', '1234567-sb1'],
    ['http://127.5.6.7:4000/1234567-RP', '1234567-rp'],
    ['http://localhost:4000/tstdrv1/x', 'tstdrv1'],
    ['http://[::1]:4000/1234567/x?y=1', '1234567'],
  ])('%s → %s', (url, expected) => {
    expect(accountHostFormInUrl(url)).toBe(expected);
  });
  it.each([
    'https://proxy.example.com/1234567-sb1/services',
    'https://a.b.suitetalk.api.netsuite.com/',
    'https://suitetalk.api.netsuite.com/',
    'https://system.netsuite.com/',
    'http://127.0.0.1:4000/services/rest',
    'http://127.0.0.1:4000/1234567_sb1/services',
    'http://127.0.0.256:4000/1234567/x',
    'http://10.0.0.1/1234567/x',
    'not a url',
    '',
  ])('%s → undefined', (url) => {
    expect(accountHostFormInUrl(url)).toBeUndefined();
  });
});

describe('normalizeBaseUrl', () => {
  it('trims, drops trailing slashes and lower-cases scheme and host', () => {
    expect(normalizeBaseUrl('  HTTPS://1234567-SB1.Suitetalk.api.netsuite.com/ ', 'suitetalk_base_url')).toBe(
      'https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(normalizeBaseUrl('http://127.0.0.1:3000/1234567-sb1///', 'restlets_base_url')).toBe(
      'http://127.0.0.1:3000/1234567-sb1');
    expect(normalizeBaseUrl('https://proxy.example.com/Path/Keeps/Case', 'app_base_url')).toBe(
      'https://proxy.example.com/Path/Keeps/Case');
  });
  it.each([
    ['', 'it is empty.'],
    ['1234567.suitetalk.api.netsuite.com', 'not an absolute http:// or https:// URL'],
    ['ftp://host/x', 'not an absolute http:// or https:// URL'],
    ['https://', 'not an absolute http:// or https:// URL'],
    ['https://host/x?y=1', 'cannot have a query'],
    ['https://host/x#frag', 'cannot have a query'],
    ['https://host name/x', 'contains whitespace'],
    ['https://u:p@host/x', 'cannot carry user credentials'],
    ['{{base}}/x', 'unresolved {{variable}}'],
  ])('rejects %j with BAD_BASE_URL', (value, why) => {
    let caught: unknown;
    try { normalizeBaseUrl(value, 'suitetalk_base_url'); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(NspError);
    const error = caught as NspError;
    expect(error.code).toBe('BAD_BASE_URL');
    expect(error.variable).toBe('suitetalk_base_url');
    expect(error.message).toContain('"suitetalk_base_url"');
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.message).toContain(why);
    expect(error.message).toContain('leave it empty to derive it from account_id');
  });
});
