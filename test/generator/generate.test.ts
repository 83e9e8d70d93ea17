import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sdk from 'postman-collection';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPECTATIONS } from '../../scripts-src/core/expectations.ts';
import { BUNDLES } from '../../generator/bundles.ts';
import { COLLECTIONS } from '../../generator/definitions/index.ts';
import { extractScriptMetadata } from '../../generator/extractVariables.ts';
import { drift, generate, REPO_ROOT, writeGenerated } from '../../generator/generate.ts';
import { GeneratorError } from '../../generator/GeneratorError.ts';
import { stableId } from '../../generator/stableId.ts';
import {
  bundlesCopy,
  cleanTemps,
  collectionValidator,
  FIXTURE_BUNDLES,
  generateFixture,
  GOLDEN,
  readJson,
  tempDir,
} from './helpers.ts';

const { Collection, VariableScope } = sdk;

afterEach(cleanTemps);

const COLLECTION_FILES = ['collections/netsuite-rest.postman_collection.json', 'collections/netsuite-restlets.postman_collection.json'];
const ENV_FILES = ['environments/sandbox.postman_environment.json', 'environments/production.postman_environment.json'];
const ALL_FILES = [...COLLECTION_FILES, 'collections/CHANGELOG.md', ...ENV_FILES];

function generateInto(dir: string, options = {}) {
  const result = generateFixture(dir, options);
  writeGenerated(result);
  return result;
}

function walkRequests(items: any[], visit: (item: any, folder: string) => void, folder = ''): void {
  for (const item of items) {
    if (Array.isArray(item.item)) walkRequests(item.item, visit, item.name);
    else visit(item, folder);
  }
}

describe('generate (fixture scripts and bundles)', () => {
  it('writes every file, and they match the golden files', () => {
    const dir = tempDir();
    const result = generateInto(dir);
    expect(result.files.map((file) => file.path)).toEqual(ALL_FILES);
    for (const path of ALL_FILES) {
      const golden = join(GOLDEN, path.replace('/', '__'));
      const actual = readFileSync(join(dir, path), 'utf8');
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(golden, actual);
      }
      expect(actual, `${path} differs from ${golden}; rerun with UPDATE_GOLDEN=1 after checking the change`).toBe(
        readFileSync(golden, 'utf8'),
      );
    }
  });

  it('is deterministic: two runs give byte-identical files, and a rerun changes nothing', () => {
    const a = tempDir();
    const b = tempDir();
    generateInto(a);
    generateInto(b);
    for (const path of ALL_FILES) expect(readFileSync(join(a, path), 'utf8')).toBe(readFileSync(join(b, path), 'utf8'));
    const again = generateFixture(a);
    expect(drift(again)).toEqual([]);
    expect(again.files.filter((file) => file.version).map((file) => file.progress)).toEqual([
      'collections/netsuite-rest.postman_collection.json 1.0.0 (unchanged)',
      'collections/netsuite-restlets.postman_collection.json 1.0.0 (unchanged)',
    ]);
  });

  it('formats JSON with 2 spaces and a trailing newline', () => {
    const dir = tempDir();
    generateInto(dir);
    for (const path of [...COLLECTION_FILES, ...ENV_FILES]) {
      const text = readFileSync(join(dir, path), 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('validates against the Postman Collection v2.1.0 schema and loads through the SDK', () => {
    const dir = tempDir();
    generateInto(dir);
    const validate = collectionValidator();
    for (const path of COLLECTION_FILES) {
      const json = readJson(join(dir, path));
      const valid = validate(json);
      expect(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
      const collection = new Collection(json);
      expect(collection.name).toBe(json.info.name);
      expect(collection.version?.toString()).toBe('1.0.0');
      let count = 0;
      collection.forEachItem(() => {
        count += 1;
      });
      const def = COLLECTIONS.find((entry) => path.includes(`/${entry.slug}.postman`))!;
      expect(count).toBe(def.folders.reduce((sum, folder) => sum + folder.items.length, 0));
    }
  });

  it('puts the bundles where the design says, and nothing else as item scripts', () => {
    const dir = tempDir();
    generateInto(dir);
    const bundle = (name: string) => readFileSync(join(FIXTURE_BUNDLES, `${name}.js`), 'utf8').trimEnd().split('\n');
    const expected: Record<string, Record<string, string>> = {
      'Mint M2M token': { prerequest: 'mint-m2m', test: 'token-response' },
      'Authorize URL (PKCE)': { prerequest: 'authorize-url', test: 'authorize-response' },
      'Exchange authorization code': { prerequest: 'exchange-code', test: 'token-response' },
      'Refresh access token': { prerequest: 'refresh-token', test: 'token-response' },
    };
    for (const path of COLLECTION_FILES) {
      const json = readJson(join(dir, path));
      expect(json.event.map((event: any) => [event.listen, event.script.exec])).toEqual([
        ['prerequest', bundle('collection-prerequest')],
        ['test', bundle('collection-test')],
      ]);
      walkRequests(json.item, (item) => {
        const events = Object.fromEntries((item.event ?? []).map((event: any) => [event.listen, event.script.exec]));
        const want = expected[item.name] ?? {};
        expect(Object.keys(events).sort(), item.name).toEqual(Object.keys(want).sort());
        for (const [listen, name] of Object.entries(want)) expect(events[listen], `${item.name} ${listen}`).toEqual(bundle(name));
      });
    }
  });

  it('gives every request a description, disableCookies and no auth of its own; the collection noauth', () => {
    const dir = tempDir();
    generateInto(dir);
    for (const path of COLLECTION_FILES) {
      const json = readJson(join(dir, path));
      expect(json.protocolProfileBehavior).toEqual({ disableCookies: true });
      expect(json.auth).toEqual({ type: 'noauth', noauth: [] });
      walkRequests(json.item, (item) => {
        expect(item.protocolProfileBehavior.disableCookies, item.name).toBe(true);
        expect(item.request.auth, item.name).toBeUndefined();
        expect(item.request.description.content.length, item.name).toBeGreaterThan(20);
        expect(item.request.url.raw, item.name).toMatch(/^\{\{(suitetalk|restlets|app)_base_url\}\}\//);
        if (['POST', 'PUT', 'PATCH'].includes(item.request.method)) expect(item.request.body, item.name).toBeDefined();
      });
    }
    const rest = readJson(join(dir, COLLECTION_FILES[0]!));
    expect(rest.item.map((folder: any) => folder.name)).toEqual(['Auth', 'Records', 'SuiteQL', 'Metadata', 'Certificates']);
    const authorize = rest.item[0].item.find((item: any) => item.name === 'Authorize URL (PKCE)');
    expect(authorize.protocolProfileBehavior).toEqual({ disableCookies: true, followRedirects: false });
    // Declared: only what every request may read; the rest is documented and created when first set.
    expect(rest.variable.map((variable: any) => variable.key)).toEqual(['nsp_session', 'nsp_authorization_code']);
    expect(rest.info.description.content).toMatch(/not declared[\s\S]*^- `nsp_customer_id` — /m);
    const restlets = readJson(join(dir, COLLECTION_FILES[1]!));
    expect(restlets.item.map((folder: any) => folder.name)).toEqual(['Auth', 'RESTlet']);
    expect(restlets.item[1].item.map((item: any) => item.request.method)).toEqual(['GET', 'POST', 'PUT', 'DELETE']);
  });

  it('derives ids from paths', () => {
    const dir = tempDir();
    generateInto(dir);
    const rest = readJson(join(dir, COLLECTION_FILES[0]!));
    expect(rest.info._postman_id).toBe(stableId('netsuite-rest'));
    expect(rest.item[1].id).toBe(stableId('netsuite-rest/Records'));
    expect(rest.item[1].item[1].id).toBe(stableId('netsuite-rest/Records/Create customer'));
    expect(stableId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('describes the variables per auth method from the script sources', () => {
    const dir = tempDir();
    generateInto(dir);
    const rest = readJson(join(dir, COLLECTION_FILES[0]!));
    const description: string = rest.info.description.content;
    expect(description).toContain('- `m2m` (OAuth 2.0 client credentials): `account_id`, `client_id`, `certificate_id`, `private_key` (secret), `jwt_algorithm` (default `PS256`), `scope` (default `rest_webservices,restlets`)');
    expect(description).toContain('`redirect_uri`');
    expect(description).toMatch(/^- `private_key` — PEM private key/m);
    const auth = rest.item[0].description.content as string;
    expect(auth).toContain('`authcode` (OAuth 2.0 authorization code + PKCE): `client_id`, `scope` (default `rest_webservices,restlets`), `client_secret` (secret), `redirect_uri`, `refresh_token` (secret)');
    const records = rest.item[1].description.content as string;
    expect(records).toContain('- every method: `suitetalk_base_url`');
    expect(records).toContain('- collection variables: `nsp_idempotency_key`, `nsp_customer_id`');
  });

  it('writes environment templates with every contract variable, secrets typed and empty', () => {
    const dir = tempDir();
    const result = generateInto(dir);
    expect(result.warnings.join('\n')).toContain('authorize-response.ts does not exist yet');
    for (const path of ENV_FILES) {
      const env = readJson(join(dir, path));
      expect(env._postman_variable_scope).toBe('environment');
      const keys = env.values.map((value: any) => value.key);
      expect(keys).toContain('restlet_script');
      expect(keys).toContain('allow_production');
      expect(keys.length).toBe(21);
      for (const value of env.values) {
        expect(value.description.length, value.key).toBeGreaterThan(10);
        if (value.type === 'secret') expect(value.value, value.key).toBe('');
      }
      const secrets = env.values.filter((value: any) => value.type === 'secret').map((value: any) => value.key);
      expect(secrets).toEqual(['private_key', 'client_secret', 'refresh_token', 'consumer_key', 'consumer_secret', 'token_id', 'token_secret']);
      const byKey = Object.fromEntries(env.values.map((value: any) => [value.key, value.value]));
      expect(byKey).toMatchObject({ auth_method: 'm2m', jwt_algorithm: 'PS256', scope: 'rest_webservices,restlets', account_id: '' });
      const scope = new VariableScope(env);
      expect(scope.get('jwt_algorithm')).toBe('PS256');
    }
    expect(readJson(join(dir, ENV_FILES[0]!)).values[0].description).toContain('`1234567_SB1`');
  });

  it('fails with "run `npm run build` first" when a bundle is missing', () => {
    const bundles = bundlesCopy();
    rmSync(join(bundles, 'mint-m2m.js'));
    expect(() => generateFixture(tempDir(), { bundlesDir: bundles })).toThrow(/mint-m2m\.js; run `npm run build` first/);
  });

  it('fails when a request has no expectation, or an expectation names no request', () => {
    const { ['Get customer']: _removed, ...withoutOne } = EXPECTATIONS;
    expect(() => generateFixture(tempDir(), { expectations: withoutOne })).toThrow(/Records \/ Get customer has no entry in EXPECTATIONS/);
    const stray = { ...EXPECTATIONS, 'List vendors': { label: 'Records / List vendors', status: 200 } };
    try {
      generateFixture(tempDir(), { expectations: stray });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GeneratorError);
      expect((error as GeneratorError).code).toBe('STRAY_EXPECTATION');
    }
    const mislabelled = { ...EXPECTATIONS, 'Get customer': { ...EXPECTATIONS['Get customer']!, label: 'Get customer' } };
    expect(() => generateFixture(tempDir(), { expectations: mislabelled })).toThrow(/label is "Get customer"; expected "Records \/ Get customer"/);
  });
});

describe('generate with the real sources', () => {
  // `npm test` builds first; a missing bundle fails here, it never skips.
  it('extracts the real scripts-src without errors', () => {
    const metadata = extractScriptMetadata({
      entriesDir: join(REPO_ROOT, 'scripts-src', 'entries'),
      contractFile: join(REPO_ROOT, 'scripts-src', 'pm', 'variables.ts'),
      entries: [...BUNDLES],
      root: REPO_ROOT,
    });
    expect(metadata.warnings).toEqual([]);
    const result = generate({ outDir: tempDir(), bundlesDir: FIXTURE_BUNDLES, metadata });
    expect(result.files).toHaveLength(5);
  });

  it('builds valid collections from dist/scripts (npm run build)', () => {
    const dir = tempDir();
    writeGenerated(generate({ outDir: dir }));
    const validate = collectionValidator();
    for (const path of COLLECTION_FILES) {
      expect(validate(readJson(join(dir, path))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
    expect(readdirSync(join(dir, 'collections')).sort()).toEqual([
      'CHANGELOG.md',
      'netsuite-rest.postman_collection.json',
      'netsuite-restlets.postman_collection.json',
    ]);
  });
});
