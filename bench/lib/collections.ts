/**
 * Collections for the benchmarks. The project's variants are built from the generated collection
 * (collections/netsuite-rest.postman_collection.json: its collection-level settings and its Auth
 * items) with every script replaced by the freshly built bundle from dist/scripts (matched by the
 * bundle's banner), so they measure what `npm run build` just produced, in the shape users import.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
export const HOST_FORM = '1234567-sb1';
export const REALM = '1234567_SB1';
export const STATIC_TOKEN = 'static-valid-token';
/** A no-op script. Not whitespace-only: postman-runtime 7.56.1 skips empty scripts, 7.39.1 does not. */
export const EMPTY_SCRIPT = ['// empty collection-level script (benchmark baseline)'];

type Json = Record<string, any>;

export interface DistFile {
  name: string;
  bytes: Buffer;
  builtAt: Date;
}

let snapshot: Map<string, DistFile> | undefined;

/**
 * dist/scripts as it was when the benchmark first looked: read once, then every benchmark (and
 * the size report) uses these bytes, even if a build (another engineer's, or `npm start`'s)
 * rewrites dist/scripts while the benchmark runs.
 */
export function distSnapshot(): Map<string, DistFile> {
  if (!snapshot) {
    const dir = path.join(ROOT, 'dist', 'scripts');
    snapshot = new Map(
      readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((name) => [name, { name, bytes: readFileSync(path.join(dir, name)), builtAt: statSync(path.join(dir, name)).mtime }]),
    );
  }
  return snapshot;
}

function bundleLines(name: string): string[] {
  const file = distSnapshot().get(`${name}.js`);
  if (!file) throw new Error(`dist/scripts/${name}.js is missing: run npm run build`);
  return file.bytes.toString('utf8').split('\n');
}

export function readGenerated(slug: string): Json {
  const collection = JSON.parse(readFileSync(path.join(ROOT, 'collections', `${slug}.postman_collection.json`), 'utf8')) as Json;
  const swap = (events: Json[] | undefined) => {
    for (const event of events ?? []) {
      // The banner is the first line, or the second after a `"use sandbox2";` marker.
      const banner = /^(?:"use sandbox2";\n)?\/\*! netsuite-postman ([a-z0-9-]+):/.exec((event.script?.exec ?? []).slice(0, 2).join('\n'))?.[1];
      if (banner) event.script.exec = bundleLines(banner);
    }
  };
  const walk = (node: Json) => {
    swap(node.event);
    for (const child of node.item ?? []) walk(child);
  };
  walk(collection);
  return collection;
}

export function findItem(collection: Json, name: string): Json {
  const stack: Json[] = [...collection.item];
  while (stack.length) {
    const node = stack.shift()!;
    if (node.name === name && node.request) return structuredClone(node);
    stack.push(...(node.item ?? []));
  }
  throw new Error(`no item "${name}" in ${collection.info?.name}`);
}

/** The timed requests: the same three shapes, cycled, carrying no auth of their own. */
export function timedItems(count: number): Json[] {
  const shapes = [
    { method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer?limit=5&offset=0' },
    { method: 'POST', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer', raw: '{"companyName":"Bench Co","subsidiary":{"id":"1"}}' },
    { method: 'GET', url: '{{suitetalk_base_url}}/services/rest/record/v1/customer/42?expandSubResources=false' },
  ];
  return Array.from({ length: count }, (_, i) => {
    const shape = shapes[i % shapes.length]!;
    return {
      name: `Timed ${i + 1} ${shape.method}`,
      request: {
        method: shape.method,
        url: shape.url,
        header: shape.raw ? [{ key: 'Content-Type', value: 'application/json' }] : [],
        ...(shape.raw ? { body: { mode: 'raw', raw: shape.raw, options: { raw: { language: 'json' } } } } : {}),
      },
    };
  });
}

function events(prerequest: string[] | undefined, test: string[] | undefined): Json[] {
  const out: Json[] = [];
  if (prerequest) out.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: prerequest } });
  if (test) out.push({ listen: 'test', script: { type: 'text/javascript', exec: test } });
  return out;
}

const bearer = { type: 'bearer', bearer: [{ key: 'token', value: '{{static_token}}', type: 'string' }] };

export const oauth1Auth = {
  type: 'oauth1',
  oauth1: [
    { key: 'signatureMethod', value: 'HMAC-SHA256', type: 'string' },
    { key: 'consumerKey', value: '{{consumer_key}}', type: 'string' },
    { key: 'consumerSecret', value: '{{consumer_secret}}', type: 'string' },
    { key: 'token', value: '{{token_id}}', type: 'string' },
    { key: 'tokenSecret', value: '{{token_secret}}', type: 'string' },
    { key: 'realm', value: REALM, type: 'string' },
    { key: 'version', value: '1.0', type: 'string' },
    { key: 'addParamsToHeader', value: true, type: 'boolean' },
    { key: 'addEmptyParamsToSign', value: false, type: 'boolean' },
  ],
};

/** The widely copied pattern: jsrsasign's text in the collection-level script, a JWT signed per request. */
export function jsrsasignPerRequestScript(): string[] {
  const library = readFileSync(path.join(ROOT, 'node_modules/jsrsasign/lib/jsrsasign-all-min.js'), 'utf8');
  return [
    // As in the copied scripts: jsrsasign expects a browser's `navigator` and `window`.
    'var navigator = {}; var window = {};',
    library,
    'var nowSeconds = Math.floor(Date.now() / 1000);',
    "var jwtHeader = { alg: 'PS256', typ: 'JWT', kid: pm.environment.get('certificate_id') };",
    "var jwtPayload = { iss: pm.environment.get('client_id'), scope: pm.environment.get('scope'), aud: pm.environment.get('suitetalk_base_url') + '/services/rest/auth/oauth2/v1/token', iat: nowSeconds, exp: nowSeconds + 300 };",
    "var clientAssertion = KJUR.jws.JWS.sign('PS256', JSON.stringify(jwtHeader), JSON.stringify(jwtPayload), pm.environment.get('private_key'));",
    // The copied scripts then POST it to the token endpoint on every request; here it only rides
    // along in a header (so the server can count it), which makes this a lower bound of their cost.
    "pm.request.headers.upsert({ key: 'X-Client-Assertion', value: clientAssertion });",
  ];
}

export type Variant = 'script-free' | 'baseline' | 'baseline-twin' | 'm2m' | 'tba' | 'authcode' | 'jsrsasign-per-request' | 'oauth1-builtin' | 'oauth1-builtin-no-scripts';

export const VARIANT_NOTES: Record<Variant, string> = {
  'script-free': 'no collection-level scripts; collection-level Bearer auth with a static valid token',
  baseline: 'empty collection-level pre-request and test scripts (the two hooks the project uses); static valid token via collection-level Bearer auth',
  'baseline-twin': 'the baseline again, as a run of its own: its ratio to the baseline is what chance alone gives (an A/A comparison)',
  m2m: 'project bundles, auth_method=m2m; "Auth / Mint M2M token" (PS256, RSA-3072) first, token cached for the timed requests',
  tba: 'project bundles, auth_method=tba; "Auth / Mint M2M token" first (it skips itself under tba, after the collection-level pre-request has run, as in a run of the whole collection); every timed request signed HMAC-SHA256 by collection-prerequest.js',
  authcode: 'project bundles, auth_method=authcode; "Auth / Refresh access token" first, token cached',
  'jsrsasign-per-request': 'jsrsasign-all-min.js text in the collection-level pre-request script, PS256 JWT (RSA-3072) signed on every request; empty test script; static token',
  'oauth1-builtin': "Postman's built-in oauth1 auth (HMAC-SHA256, realm, header) at collection level; empty pre-request and test scripts as in baseline",
  'oauth1-builtin-no-scripts': "Postman's built-in oauth1 auth at collection level, no scripts at all (what TBA users run today)",
};

/**
 * The collection of one variant: the Auth folder where the project has one, then `warmUp` untimed
 * requests (folder "Warm-up", the same shapes as the timed ones), then the timed requests.
 */
export function variantCollection(variant: Variant, generated: Json, timed: Json[], warmUp: Json[] = []): Json {
  const info = { name: `bench ${variant}`, schema: SCHEMA };
  const cookies = { disableCookies: true };
  const requests = [...(warmUp.length ? [{ name: 'Warm-up', item: warmUp }] : []), { name: 'Timed', item: timed }];
  const plain = (auth: Json, prerequest?: string[], test?: string[]) => ({
    info,
    auth,
    protocolProfileBehavior: cookies,
    event: events(prerequest, test),
    item: requests,
  });
  switch (variant) {
    case 'script-free':
      return plain(bearer);
    case 'baseline':
    case 'baseline-twin':
      return plain(bearer, EMPTY_SCRIPT, EMPTY_SCRIPT);
    case 'jsrsasign-per-request':
      return plain(bearer, jsrsasignPerRequestScript(), EMPTY_SCRIPT);
    case 'oauth1-builtin':
      return plain(oauth1Auth, EMPTY_SCRIPT, EMPTY_SCRIPT);
    case 'oauth1-builtin-no-scripts':
      return plain(oauth1Auth);
    default: {
      // The project's Auth folder first, as a run of the generated collection starts: for tba its
      // requests skip themselves (skipUnlessMethod) once the collection-level pre-request has run,
      // so, as for m2m and authcode, the run's one-time work (compiling the runtime, emptying the
      // cookie jar) happens before the timed requests.
      const authItems = variant === 'authcode' ? ['Refresh access token'] : ['Mint M2M token'];
      const folders: Json[] = [];
      if (authItems.length) folders.push({ name: 'Auth', item: authItems.map((name) => findItem(generated, name)) });
      folders.push(...requests);
      return {
        info,
        auth: generated.auth,
        protocolProfileBehavior: generated.protocolProfileBehavior,
        variable: structuredClone(generated.variable ?? []),
        event: structuredClone(generated.event),
        item: folders,
      };
    }
  }
}

export interface Keys {
  rsa3072: string;
  rsa4096: string;
  ec256: string;
}

export function makeKeys(): Keys {
  const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    rsa3072: pem(generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey),
    rsa4096: pem(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey),
    ec256: pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey),
  };
}

export const TBA_SECRETS = { consumerSecret: 'bench-consumer-secret', tokenSecret: 'bench-token-secret' };

/** The OAuth 2.0 client of the bench environment (the token cache key is computed from these). */
export const BENCH_CLIENT = { clientId: 'bench-client', certificateId: 'bench-kid', scope: 'rest_webservices' };

export function benchEnvironment(origin: string, authMethod: string, privateKey: string, extra: Record<string, string> = {}): Json {
  const base = `${origin}/${HOST_FORM}`;
  const values: Record<string, string> = {
    account_id: REALM,
    auth_method: authMethod,
    client_id: BENCH_CLIENT.clientId,
    certificate_id: BENCH_CLIENT.certificateId,
    private_key: privateKey,
    jwt_algorithm: 'PS256',
    scope: BENCH_CLIENT.scope,
    client_secret: 'bench-client-secret',
    redirect_uri: 'https://localhost/callback',
    refresh_token: 'bench-refresh-token',
    consumer_key: 'bench-consumer-key',
    consumer_secret: TBA_SECRETS.consumerSecret,
    token_id: 'bench-token-id',
    token_secret: TBA_SECRETS.tokenSecret,
    suitetalk_base_url: base,
    restlets_base_url: base,
    app_base_url: base,
    token_refresh_buffer_seconds: '600',
    allow_production: 'false',
    static_token: STATIC_TOKEN,
    ...extra,
  };
  return { name: 'bench', values: Object.entries(values).map(([key, value]) => ({ key, value, enabled: true, type: 'default' })) };
}
