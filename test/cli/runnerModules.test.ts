/** The runner's small pure modules, in process. */
import { describe, expect, it } from 'vitest';
import { GeneratorError } from '../../generator/GeneratorError';
import type { ContractVariableDoc } from '../../generator/contract';
import { resolveCollections, type PostmanCollectionJson } from '../../runner/collectionNames';
import { mergeProcessEnvironment, parseAuthMethods, secretValues, withVariable, type RunnerEnvironment } from '../../runner/environmentFile';
import { planFolders } from '../../runner/folders';
import { formatItem } from '../../cli/progressReporter';
import { createRedactor } from '../../scripts-src/core/redact';
import { formatSummaryTable } from '../../cli/summaryTable';

const doc = (name: string, secret = false): ContractVariableDoc => ({ name, description: name, documented: true, secret, authMethods: [], location: 'x:1' });
const contract = [doc('account_id'), doc('client_id'), doc('token_secret', true)];
const env = (values: Record<string, string>): RunnerEnvironment => ({
  name: 'test',
  values: Object.entries(values).map(([key, value]) => ({ key, value, type: key === 'token_secret' ? 'secret' : 'default', enabled: true })),
});

describe('collections and folders', () => {
  it('resolves short names, stems and file names in canonical order; rejects others with the valid list', () => {
    expect(resolveCollections([]).map((ref) => ref.name)).toEqual(['rest', 'restlets']);
    expect(resolveCollections(['netsuite-restlets.postman_collection.json', 'rest']).map((ref) => ref.name)).toEqual(['rest', 'restlets']);
    expect(resolveCollections(['restlets,rest']).map((ref) => ref.name)).toEqual(['rest', 'restlets']);
    expect(() => resolveCollections(['soap'])).toThrow(/Valid names: rest \(netsuite-rest\), restlets/);
  });

  it('puts the Auth folder first in a partial run', () => {
    const collection: PostmanCollectionJson = {
      info: { name: 'c' },
      item: [
        { name: 'Auth', item: [{ name: 'Mint M2M token', request: {} }] },
        { name: 'Records', item: [{ name: 'List customers', request: {} }] },
        { name: 'SuiteQL', item: [{ name: 'Run SuiteQL query', request: {} }] },
      ],
    };
    expect(planFolders(collection, ['SuiteQL', 'Records'])).toEqual(['Auth', 'SuiteQL', 'Records']);
    expect(planFolders(collection, ['List customers'])).toEqual(['Auth', 'List customers']);
    expect(planFolders(collection, ['Auth'])).toEqual(['Auth']);
    expect(planFolders(collection, ['RESTlet'])).toBeUndefined();
  });
});

describe('environment', () => {
  it('process variables (either spelling) override the file; only names are reported', () => {
    const { environment, fromProcess } = mergeProcessEnvironment(env({ account_id: '1234567_SB1', client_id: 'file' }), { NETSUITE_CLIENT_ID: 'proc', token_secret: 's3cr3t-value' }, contract);
    expect(fromProcess).toEqual(['client_id', 'token_secret']);
    expect(environment.values.find((value) => value.key === 'client_id')!.value).toBe('proc');
    expect(environment.values.find((value) => value.key === 'token_secret')).toMatchObject({ value: 's3cr3t-value', type: 'secret' });
    expect(secretValues(environment, contract)).toEqual(['s3cr3t-value']);
  });

  it('conflicting spellings are a usage error', () => {
    expect(() => mergeProcessEnvironment(env({}), { client_id: 'a', NETSUITE_CLIENT_ID: 'b' }, contract)).toThrow(GeneratorError);
  });

  it('withVariable sets or adds without touching the original', () => {
    const original = env({ account_id: '1' });
    const changed = withVariable(original, 'auth_method', 'tba');
    expect(changed.values.at(-1)).toMatchObject({ key: 'auth_method', value: 'tba' });
    expect(original.values).toHaveLength(1);
  });

  it('auth methods: lists, all, unknown', () => {
    expect(parseAuthMethods([])).toBeUndefined();
    expect(parseAuthMethods(['authcode,m2m'])).toEqual(['m2m', 'authcode']);
    expect(parseAuthMethods(['all'])).toEqual(['m2m', 'tba', 'authcode']);
    expect(() => parseAuthMethods(['basic'])).toThrow(/unknown auth method "basic"/);
  });
});

describe('output', () => {
  it('redacts secrets, their JSON-escaped and per-line forms', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nAbCdEfGhIjKlMnOpQrStUvWxYz012345\n-----END PRIVATE KEY-----';
    const redact = createRedactor([pem, 'tok-123456', 'abc']);
    expect(redact('x tok-123456 y')).toBe('x [redacted] y');
    expect(redact(JSON.stringify({ k: pem }))).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(redact('line AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBe('line [redacted]');
    expect(redact('abc')).toBe('abc'); // too short to redact safely
  });

  it('prints one line per request, failures indented under it', () => {
    const lines = formatItem(
      { collection: 'rest', authMethod: 'tba' },
      {
        label: 'Records / Get customer',
        method: 'GET',
        code: 401,
        status: 'Unauthorized',
        timeMs: 12,
        sent: true,
        assertions: [{ name: '200 OK', error: 'expected 401 to be 200', skipped: false }, { name: 'shape', skipped: false }],
        scriptErrors: [],
        scriptRequests: [],
        console: [],
      },
      createRedactor([]),
    );
    expect(lines).toEqual(['FAIL [rest · tba] Records / Get customer — 401 Unauthorized, 12 ms, 1/2 FAILED', '       ✗ 200 OK: expected 401 to be 200']);
  });

  it('formats the summary table with totals', () => {
    const table = formatSummaryTable([
      { collection: 'rest', authMethod: 'm2m', requests: 12, assertions: 19, failures: 0, tokens: 1, durationMs: 2100 },
      { collection: 'restlets', authMethod: 'authcode', requests: 5, assertions: 9, failures: 1, tokens: 1, durationMs: 514 },
    ]);
    expect(table[0]).toBe('collection  auth      requests  assertions  failures  tokens minted    time');
    expect(table[2]).toBe('rest        m2m             12          19         0              1   2.1 s');
    expect(table[3]).toBe('restlets    authcode         5           9         1              1  514 ms');
    expect(table.at(-1)).toBe('total                       17          28         1              2   2.6 s');
  });
});
