import { describe, expect, it } from 'vitest';
import { unsetPlaceholders } from '../../scripts-src/core/unsetPlaceholders';

describe('unsetPlaceholders', () => {
  it('finds the collection\'s own placeholders left in resolved text, each once, sorted', () => {
    expect(unsetPlaceholders(['https://x/customer/{{nsp_customer_id}}', '{"fileContent":"{{nsp_certificate_pem}}","role":"{{nsp_certificate_role}}","again":"{{nsp_customer_id}}"}'])).toEqual([
      'nsp_certificate_pem',
      'nsp_certificate_role',
      'nsp_customer_id',
    ]);
  });

  it('leaves other placeholders and plain braces alone (they may be the user\'s own text)', () => {
    expect(unsetPlaceholders(['{{customer}}', '{"template":"{{ nsp_x }}"}', '{{$guid}}', '{{nsp-}}', ''])).toEqual([]);
  });
});
