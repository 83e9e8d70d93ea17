import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { EXIT } from '../../cli/cliTypes.ts';
import { generateKeyPairSync } from 'node:crypto';
import { DEFAULT_ENV_OUT } from '../../generator/writeEnvironment.ts';
import { cleanTemps, captureIo, FIXTURE_BUNDLES, readJson, tempDir } from './helpers.ts';

afterEach(cleanTemps);

// A real key: `env` checks a private key the way the collections will (type, size, algorithm).
const KEY = generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
const EC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
const SECRET_VALUES = [KEY, 'tba-consumer-secret-value', 'tba-token-secret-value', 'oauth-client-secret-value'];

function printed(io: ReturnType<typeof captureIo>): string {
  return [...io.stdout, ...io.stderr].join('\n');
}

describe('netsuite-postman generate', () => {
  it('writes, then --check passes; drift makes --check fail listing the files', async () => {
    const out = tempDir();
    const io = captureIo(out);
    expect(await main(['generate', '--bundles', FIXTURE_BUNDLES, '--out', out], io)).toBe(EXIT.ok);
    expect(io.stdout).toContain('collections/netsuite-rest.postman_collection.json 1.0.0 (first release)');

    const check = captureIo(out);
    expect(await main(['generate', '--check', '--bundles', FIXTURE_BUNDLES, '--out', out], check)).toBe(EXIT.ok);

    const file = join(out, 'environments/sandbox.postman_environment.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"m2m"', '"tba"'));
    const rest = join(out, 'collections/netsuite-rest.postman_collection.json');
    const json = readJson(rest);
    json.item[1].item[0].request.description.content = 'Hand-edited.';
    writeFileSync(rest, `${JSON.stringify(json, null, 2)}\n`);
    const drifted = captureIo(out);
    expect(await main(['generate', '--check', '--bundles', FIXTURE_BUNDLES, '--out', out], drifted)).toBe(EXIT.failed);
    const text = drifted.stderr.join('\n');
    expect(text).toContain('environments/sandbox.postman_environment.json (updated)');
    expect(text).toContain('collections/netsuite-rest.postman_collection.json 1.0.0 → 1.0.1 (patch: descriptions changed)');
    expect(text).toContain('collections/CHANGELOG.md (updated)');
    expect(text).not.toContain('netsuite-restlets');
    // --check wrote nothing.
    expect(readJson(rest).item[1].item[0].request.description.content).toBe('Hand-edited.');
  });

  it('fails with exit 2 and "run `npm run build` first" when bundles are missing', async () => {
    const io = captureIo(tempDir());
    expect(await main(['generate', '--bundles', tempDir(), '--out', tempDir()], io)).toBe(EXIT.usage);
    expect(io.stderr.join('\n')).toMatch(/run `npm run build` first/);
  });

  it('rejects unknown options', async () => {
    const io = captureIo(tempDir());
    expect(await main(['generate', '--frobnicate'], io)).toBe(EXIT.usage);
  });
});

describe('netsuite-postman env', () => {
  it('fills an environment from process variables in both spellings, never printing a secret', async () => {
    const cwd = tempDir();
    const env = {
      NETSUITE_ACCOUNT_ID: '1234567_SB1',
      client_id: 'client-123',
      NETSUITE_PRIVATE_KEY: KEY,
      NETSUITE_CONSUMER_SECRET: SECRET_VALUES[1],
      NETSUITE_SCOPE: '',
      NETSUITE_NOT_A_VARIABLE: 'x',
      PATH: '/usr/bin',
    };
    const io = captureIo(cwd, env);
    expect(await main(['env'], io)).toBe(EXIT.ok);
    const written = readJson(join(cwd, DEFAULT_ENV_OUT));
    const values = Object.fromEntries(written.values.map((entry: any) => [entry.key, entry]));
    expect(values.account_id.value).toBe('1234567_SB1');
    expect(values.client_id.value).toBe('client-123');
    expect(values.private_key).toMatchObject({ value: KEY, type: 'secret' });
    expect(values.scope.value).toBe('rest_webservices,restlets'); // empty counts as unset: the default stays
    expect(written.name).toBe('NetSuite sandbox (local)');
    const text = printed(io);
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
    expect(text).toContain('secrets set: private_key, consumer_secret');
    expect(text).toContain('warning: NETSUITE_NOT_A_VARIABLE is not a contract variable; ignored.');
  });

  it('refuses two spellings with different values', async () => {
    const cwd = tempDir();
    const io = captureIo(cwd, { account_id: '1234567', NETSUITE_ACCOUNT_ID: '7654321' });
    expect(await main(['env'], io)).toBe(EXIT.usage);
    expect(io.stderr.join('\n')).toContain('both account_id and NETSUITE_ACCOUNT_ID are set, to different values');
    expect(existsSync(join(cwd, DEFAULT_ENV_OUT))).toBe(false);
  });

  it('reads a .env file with quotes and escaped newlines, infers the production template', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, '.env'),
      [
        '# NetSuite production',
        'NETSUITE_ACCOUNT_ID=1234567',
        'export client_id="client-456"  # the integration',
        `private_key="${KEY.replace(/\n/g, '\\n')}"`,
        "NETSUITE_CLIENT_SECRET='oauth-client-secret-value'",
        'redirect_uri=https://example.com/callback # comment',
        '',
      ].join('\n'),
    );
    const io = captureIo(cwd, { NETSUITE_ACCOUNT_ID: 'ignored-when-reading-a-file' });
    expect(await main(['env', '--from-dotenv', '.env', '--out', 'local/prod.json'], io)).toBe(EXIT.ok);
    const values = Object.fromEntries(readJson(join(cwd, 'local/prod.json')).values.map((entry: any) => [entry.key, entry.value]));
    expect(values).toMatchObject({
      account_id: '1234567',
      client_id: 'client-456',
      private_key: KEY,
      client_secret: 'oauth-client-secret-value',
      redirect_uri: 'https://example.com/callback',
      allow_production: 'false',
    });
    expect(readJson(join(cwd, 'local/prod.json')).name).toBe('NetSuite production (local)');
    for (const secret of SECRET_VALUES) expect(printed(io)).not.toContain(secret);
  });

  it('--share writes a copy with every secret blanked', async () => {
    const cwd = tempDir();
    const io = captureIo(cwd, {
      NETSUITE_ACCOUNT_ID: '1234567_SB1',
      NETSUITE_CLIENT_ID: 'client-123',
      NETSUITE_TOKEN_SECRET: SECRET_VALUES[2],
      NETSUITE_PRIVATE_KEY: KEY,
    });
    expect(await main(['env', '--share', 'environments/team.postman_environment.json'], io)).toBe(EXIT.ok);
    const shared = readJson(join(cwd, 'environments/team.postman_environment.json'));
    const text = JSON.stringify(shared);
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
    for (const entry of shared.values) if (entry.type === 'secret') expect(entry.value).toBe('');
    expect(shared.values.find((entry: any) => entry.key === 'client_id').value).toBe('client-123');
    expect(readJson(join(cwd, DEFAULT_ENV_OUT)).values.find((entry: any) => entry.key === 'token_secret').value).toBe(SECRET_VALUES[2]);
  });

  it('refuses to write secret values under environments/', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'environments'));
    const io = captureIo(cwd, { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_TOKEN_SECRET: SECRET_VALUES[2] });
    expect(await main(['env', '--out', 'environments/mine.postman_environment.json'], io)).toBe(EXIT.usage);
    expect(io.stderr.join('\n')).toContain('refusing to write environments/mine.postman_environment.json: it would hold secret values (token_secret)');
    expect(existsSync(join(cwd, 'environments/mine.postman_environment.json'))).toBe(false);
    expect(await main(['env', '--out', './environments/../environments/sub/x.json'], captureIo(cwd, { NETSUITE_TOKEN_SECRET: 's' }))).toBe(EXIT.usage);
    // Without secrets it is allowed.
    expect(await main(['env', '--out', 'environments/public.json'], captureIo(cwd, { NETSUITE_ACCOUNT_ID: '1234567' }))).toBe(EXIT.ok);
  });

  it('rejects a bad --template and a malformed .env without echoing values', async () => {
    const cwd = tempDir();
    expect(await main(['env', '--template', 'staging'], captureIo(cwd))).toBe(EXIT.usage);
    writeFileSync(join(cwd, 'bad.env'), 'private_key="-----BEGIN PRIVATE KEY-----\\nabc\n');
    const io = captureIo(cwd);
    expect(await main(['env', '--from-dotenv', 'bad.env'], io)).toBe(EXIT.usage);
    expect(io.stderr.join('\n')).toContain('bad.env: line 1: the value of private_key has no closing "');
    expect(io.stderr.join('\n')).not.toContain('BEGIN PRIVATE KEY');
  });
});

describe('netsuite-postman env refuses what the collections would refuse, writing nothing', () => {
  const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['an account id with a space', { NETSUITE_ACCOUNT_ID: '12 34' }, /account_id \(BAD_ACCOUNT_ID\): The variable "account_id" is "12 34"/],
    ['a NetSuite URL as the account id', { NETSUITE_ACCOUNT_ID: 'https://1234567-sb1.app.netsuite.com' }, /account_id \(BAD_ACCOUNT_ID\)/],
    ['an unknown auth method', { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_AUTH_METHOD: 'oauth1' }, /auth_method \(BAD_AUTH_METHOD\)/],
    ['RS256', { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_JWT_ALGORITHM: 'RS256' }, /jwt_algorithm \(RS256_REFUSED\)/],
    ['an RSA key below 3072 bits', { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_PRIVATE_KEY: rsa2048 }, /private_key \(RSA_KEY_TOO_SMALL\)/],
    ['an EC key with a PS algorithm', { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_PRIVATE_KEY: EC_KEY, NETSUITE_JWT_ALGORITHM: 'PS256' }, /jwt_algorithm \(KEY_ALGORITHM_MISMATCH\): jwt_algorithm is PS256, which needs an RSA key/],
    ['a public key', { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_PRIVATE_KEY: publicKey }, /private_key \(PUBLIC_KEY_INSTEAD_OF_PRIVATE_KEY\)/],
    ['an unknown scope', { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_SCOPE: 'rest_webservice' }, /scope \(BAD_SCOPE\)/],
  ];
  it.each(cases)('%s', async (_label, env, message) => {
    const cwd = tempDir();
    const io = captureIo(cwd, env);
    expect(await main(['env'], io)).toBe(EXIT.usage);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(io.stderr.join('\n')).toMatch(/nothing written/);
    expect(existsSync(join(cwd, DEFAULT_ENV_OUT))).toBe(false);
    for (const value of [KEY, rsa2048]) expect(printed(io)).not.toContain(value.split('\n')[1]);
  });

  it('accepts a key pasted with literal \\n escapes', async () => {
    const cwd = tempDir();
    const io = captureIo(cwd, { NETSUITE_ACCOUNT_ID: '1234567', NETSUITE_PRIVATE_KEY: EC_KEY.replace(/\n/g, '\\n'), NETSUITE_JWT_ALGORITHM: 'ES256' });
    expect(await main(['env'], io)).toBe(EXIT.ok);
  });
});
