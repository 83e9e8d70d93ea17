import { describe, it, expect } from 'vitest';
import { parseAccountId } from '../../scripts-src/core/accountId';
import { NspError } from '../../scripts-src/core/NspError';

function failure(input: string): NspError {
  try {
    parseAccountId(input);
  } catch (error) {
    expect(error).toBeInstanceOf(NspError);
    return error as NspError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseAccountId', () => {
  it.each([
    ['1234567', '1234567', '1234567', 'production'],
    ['1234567_SB1', '1234567_SB1', '1234567-sb1', 'sandbox'],
    ['1234567-sb1', '1234567_SB1', '1234567-sb1', 'sandbox'],
    ['1234567_sb1', '1234567_SB1', '1234567-sb1', 'sandbox'],
    ['1234567-SB1', '1234567_SB1', '1234567-sb1', 'sandbox'],
    ['1234567_SB12', '1234567_SB12', '1234567-sb12', 'sandbox'],
    ['1234567_RP', '1234567_RP', '1234567-rp', 'release-preview'],
    ['1234567-rp', '1234567_RP', '1234567-rp', 'release-preview'],
    ['TSTDRV1234567', 'TSTDRV1234567', 'tstdrv1234567', 'test-drive'],
    ['tstdrv1234567', 'TSTDRV1234567', 'tstdrv1234567', 'test-drive'],
    ['  1234567_Sb2 \n', '1234567_SB2', '1234567-sb2', 'sandbox'],
  ])('%j → realm %s, host form %s', (input, realm, hostForm, kind) => {
    expect(parseAccountId(input)).toEqual({ input, realm, hostForm, kind });
  });

  it.each([
    ['', 'It is empty.'],
    ['   ', 'It is empty.'],
    ['1234567_SB', 'A sandbox id needs its number'],
    ['1234567-sb', 'A sandbox id needs its number'],
    ['_SB1', 'The account number before the suffix is missing.'],
    ['1234 567', 'whitespace inside'],
    ['1234567.sb1', ''],
    ['12a4567', ''],
    ['1234567_SB0', ''],
    ['1234567_SB1_RP', ''],
    ['1234567__SB1', ''],
    ['TSTDRV', ''],
    ['TSTDRV12a', ''],
    ['1234567_TSTDRV', ''],
    ['https://example.com/x', 'looks like a URL or host name'],
  ])('rejects %j with BAD_ACCOUNT_ID', (input, extra) => {
    const error = failure(input);
    expect(error.code).toBe('BAD_ACCOUNT_ID');
    expect(error.variable).toBe('account_id');
    expect(error.message).toContain('"account_id"');
    expect(error.message).toContain(JSON.stringify(input.trim()));
    expect(error.message).toContain('1234567_SB1 or 1234567-sb1');
    expect(error.message).toContain('TSTDRV1234567');
    expect(error.message).toContain('1234567_RP');
    if (extra) expect(error.message).toContain(extra);
  });

  it.each([
    ['https://1234567-sb1.app.netsuite.com', '1234567_SB1', '1234567-sb1'],
    ['https://1234567-SB1.suitetalk.api.netsuite.com/services/rest/record/v1', '1234567_SB1', '1234567-sb1'],
    ['1234567.restlets.api.netsuite.com', '1234567', '1234567'],
    ['tstdrv42.app.netsuite.com/app/center', 'TSTDRV42', 'tstdrv42'],
    ['http://1234567-rp.app.netsuite.com:443/', '1234567_RP', '1234567-rp'],
  ])('says which account id to use for a pasted host %j', (input, realm, hostForm) => {
    const error = failure(input);
    expect(error.code).toBe('BAD_ACCOUNT_ID');
    expect(error.message).toContain('NetSuite URL or host name');
    expect(error.message).toContain(`Set account_id to ${realm} (or ${hostForm})`);
    expect(error.message).toContain('suitetalk_base_url');
  });

  it('truncates very long values in the message', () => {
    const error = failure('9'.repeat(50) + 'x'.repeat(200));
    expect(error.message).toContain('…');
    expect(error.message.length).toBeLessThan(600);
  });
});
