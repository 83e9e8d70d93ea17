import { describe, expect, it } from 'vitest';
import { captures, checkResponse, EXPECTATIONS, type Expectation } from '../../scripts-src/core/expectations.ts';

const list = { links: [], count: 1, hasMore: false, items: [{ id: '1', links: [] }], offset: 0, totalResults: 1 };
const e = (name: string): Expectation => EXPECTATIONS[name]!;

describe('EXPECTATIONS', () => {
  it('labels every entry "<folder> / <request name>"', () => {
    for (const [name, expectation] of Object.entries(EXPECTATIONS)) expect(expectation.label.endsWith(` / ${name}`), name).toBe(true);
  });
});

describe('checkResponse', () => {
  it('passes a 204 with a Location header and names the test readably', () => {
    const results = checkResponse(e('Create customer'), {
      code: 204,
      headers: { location: 'https://x/services/rest/record/v1/customer/107' },
      json: undefined,
    });
    expect(results).toEqual([{ name: 'Records / Create customer: 204 No Content with a Location header', ok: true }]);
  });

  it('fails a missing header and a wrong status with the NetSuite error code', () => {
    const [missing] = checkResponse(e('Create customer'), { code: 204, headers: {}, json: undefined });
    expect(missing).toEqual({ name: 'Records / Create customer: 204 No Content with a Location header', ok: false, detail: 'missing header Location' });
    const unauthorized = checkResponse(e('List customers'), {
      code: 401,
      headers: {},
      json: { status: 401, 'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }] },
    });
    expect(unauthorized).toEqual([{ name: 'Records / List customers: 200 OK', ok: false, detail: 'got 401 (INVALID_LOGIN)' }]);
  });

  it('checks the list, record, SuiteQL, OpenAPI and RESTlet echo shapes', () => {
    const ok = (name: string, json: unknown) => checkResponse(e(name), { code: 200, headers: {}, json }).every((result) => result.ok);
    expect(ok('List customers', list)).toBe(true);
    expect(ok('List customers', { ...list, hasMore: 'no' })).toBe(false);
    expect(ok('Get customer', { id: '107', links: [], companyName: 'x' })).toBe(true);
    expect(ok('Get customer', { links: [] })).toBe(false);
    expect(ok('Run SuiteQL query', list)).toBe(true);
    expect(ok('Run SuiteQL query', { ...list, items: [1] })).toBe(false);
    expect(ok('Get metadata catalog (customer)', { openapi: '3.0.1', paths: {}, components: {} })).toBe(true);
    expect(ok('Get metadata catalog (customer)', { openapi: '3.1.0', paths: {} })).toBe(false);
    expect(ok('RESTlet POST', { method: 'POST', query: { script: '1' }, body: { a: 1 } })).toBe(true);
    expect(ok('RESTlet POST', { method: 'GET', query: {}, body: null })).toBe(false);
    expect(ok('RESTlet GET', { method: 'get', parameters: { id: '42' }, body: null })).toBe(true);
    expect(ok('List M2M certificates', { items: [] })).toBe(true);
    expect(ok('List M2M certificates', [])).toBe(true);
    const shape = checkResponse(e('List customers'), { code: 200, headers: {}, json: { items: [] } })[1]!;
    expect(shape.name).toBe('Records / List customers: body is a NetSuite list (links, count, hasMore, items, offset, totalResults)');
    expect(shape.detail).toContain('`links` is not an array');
  });

  it('accepts any of several statuses and skips entries with their own test script', () => {
    const [result] = checkResponse(e('Upload M2M certificate'), { code: 201, headers: {}, json: { id: 'c1' } });
    expect(result).toEqual({ name: 'Certificates / Upload M2M certificate: 200 OK, 201 Created or 204 No Content', ok: true });
    expect(checkResponse(e('Mint M2M token'), { code: 401, headers: {}, json: undefined })).toEqual([]);
  });
});

describe('captures', () => {
  it('takes the trailing id of the Location header', () => {
    expect(captures(e('Create customer'), { code: 204, headers: { location: 'https://h/services/rest/record/v1/customer/107/' }, json: undefined })).toEqual([
      ['nsp_customer_id', '107'],
    ]);
    expect(captures(e('Create customer'), { code: 400, headers: { location: 'https://h/customer/1' }, json: undefined })).toEqual([]);
    expect(captures(e('Get customer'), { code: 200, headers: {}, json: {} })).toEqual([]);
  });

  it('prefers a JSON id and falls back to the Location header', () => {
    const upload = e('Upload M2M certificate');
    expect(captures(upload, { code: 200, headers: { location: 'https://h/x/9' }, json: { certificateId: 'ABC' } })).toEqual([
      ['nsp_uploaded_certificate_id', 'ABC'],
    ]);
    expect(captures(upload, { code: 200, headers: {}, json: { id: 12 } })).toEqual([['nsp_uploaded_certificate_id', '12']]);
    expect(captures(upload, { code: 204, headers: { location: 'https://h/x/9?y=1' }, json: undefined })).toEqual([
      ['nsp_uploaded_certificate_id', '9'],
    ]);
  });
});
