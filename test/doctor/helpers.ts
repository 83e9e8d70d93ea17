/** Shared helpers of the diagnosis tests: hand-made credentials against the simulator. */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { signTba } from '../../scripts-src/core/tbaSignature';
import type { RunningSimulator } from '../../simulator/startSimulator';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

export function envValue(sim: RunningSimulator, key: string): string {
  return sim.environment.values.find((v) => v.key === key)!.value;
}

export function environmentWith(sim: RunningSimulator, overrides: Record<string, string>) {
  const env = structuredClone(sim.environment);
  for (const [key, value] of Object.entries(overrides)) {
    const entry = env.values.find((v) => v.key === key);
    if (entry) entry.value = value;
    else env.values.push({ key, value, type: 'default', enabled: true } as (typeof env.values)[number]);
  }
  return env;
}

export const RSA_2048_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A client assertion signed in Node (jose), with any header/claims the test wants. */
export async function assertion(
  sim: RunningSimulator,
  options: { alg?: string; kid?: string; aud?: string; pem?: string; scope?: string } = {},
): Promise<string> {
  const alg = options.alg ?? 'PS256';
  const key = await importPKCS8(options.pem ?? envValue(sim, 'private_key'), alg);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: options.scope ?? 'rest_webservices,restlets' })
    .setProtectedHeader({ alg, typ: 'JWT', kid: options.kid ?? envValue(sim, 'certificate_id') })
    .setIssuer(envValue(sim, 'client_id'))
    .setAudience(options.aud ?? `${sim.baseUrl}${TOKEN_PATH}`)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(key);
}

/** A real access token from the simulator. */
export async function mintToken(sim: RunningSimulator, scope?: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await assertion(sim, scope === undefined ? {} : { scope }),
  });
  const response = await fetch(`${sim.baseUrl}${TOKEN_PATH}`, { method: 'POST', body });
  const json = (await response.json()) as { access_token: string };
  return json.access_token;
}

/** A hand-made TBA header for `url` (signed with the simulator's credentials unless overridden). */
export function tbaHeader(
  sim: RunningSimulator,
  method: string,
  url: string,
  options: { timestamp?: number; nonce?: string; consumerSecret?: string } = {},
): string {
  return signTba({
    method,
    url,
    realm: envValue(sim, 'account_id'),
    consumerKey: envValue(sim, 'consumer_key'),
    consumerSecret: options.consumerSecret ?? envValue(sim, 'consumer_secret'),
    tokenId: envValue(sim, 'token_id'),
    tokenSecret: envValue(sim, 'token_secret'),
    nonce: options.nonce ?? randomBytes(12).toString('hex'),
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    hmacSha256Base64: (key, data) => createHmac('sha256', key).update(data).digest('base64'),
  }).authorization;
}
