/**
 * Small Postman v2.1 collections around the real Rollup bundles (dist/scripts), for sandbox tests
 * that run one behaviour at a time. The generated collections are tested end to end elsewhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIST = path.resolve(import.meta.dirname, '../../dist/scripts');

export function bundleLines(name: string): string[] {
  return readFileSync(path.join(DIST, `${name}.js`), 'utf8').split('\n');
}

export interface ItemSpec {
  name: string;
  method: string;
  url: string;
  raw?: string;
  form?: Array<[string, string]>;
  headers?: Array<[string, string]>;
  prerequest?: string;
  /** Test-only pre-request lines, run after the collection script (instead of a bundle). */
  prerequestLines?: string[];
  test?: string;
  /** Test-only test lines, run after the collection test script (instead of a bundle). */
  testLines?: string[];
  disableCookies?: boolean;
}

function event(listen: 'prerequest' | 'test', bundle: string | undefined) {
  return bundle ? [{ listen, script: { type: 'text/javascript', exec: bundleLines(bundle) } }] : [];
}

function item(spec: ItemSpec) {
  const body = spec.form
    ? { mode: 'urlencoded', urlencoded: spec.form.map(([key, value]) => ({ key, value })) }
    : spec.raw !== undefined
      ? { mode: 'raw', raw: spec.raw, options: { raw: { language: 'json' } } }
      : undefined;
  return {
    name: spec.name,
    event: [
      ...(spec.prerequestLines ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: spec.prerequestLines } }] : event('prerequest', spec.prerequest)),
      ...(spec.testLines ? [{ listen: 'test', script: { type: 'text/javascript', exec: spec.testLines } }] : event('test', spec.test)),
    ],
    request: {
      method: spec.method,
      url: spec.url,
      header: (spec.headers ?? []).map(([key, value]) => ({ key, value })),
      ...(body ? { body } : {}),
    },
    protocolProfileBehavior: { disableCookies: spec.disableCookies ?? true },
  };
}

export const MINT_ITEM: ItemSpec = {
  name: 'Mint M2M token',
  method: 'POST',
  url: '{{suitetalk_base_url}}/services/rest/auth/oauth2/v1/token',
  form: [['grant_type', 'client_credentials']],
  prerequest: 'mint-m2m',
  test: 'token-response',
};

export function sandboxCollection(items: ItemSpec[], options: { collectionScripts?: boolean } = {}) {
  const scripts = options.collectionScripts ?? true;
  return {
    info: { name: 'sandbox test', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    event: scripts ? [...event('prerequest', 'collection-prerequest'), ...event('test', 'collection-test')] : [],
    item: items.map(item),
  };
}

export function environment(values: Record<string, string>) {
  return {
    name: 'sandbox test',
    values: Object.entries(values).map(([key, value]) => ({ key, value, enabled: true, type: 'default' })),
  };
}

/** An m2m environment for account 1234567_SB1 whose base URLs all point at `origin` (a capture server). */
export function m2mEnvironment(origin: string, privateKey: string, overrides: Record<string, string> = {}) {
  const base = `${origin}/1234567-sb1`;
  return environment({
    account_id: '1234567_SB1', auth_method: 'm2m', client_id: 'client-1', certificate_id: 'kid-1', private_key: privateKey,
    scope: 'rest_webservices', suitetalk_base_url: base, restlets_base_url: base, app_base_url: base, ...overrides,
  });
}
