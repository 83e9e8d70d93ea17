import { SignJWT } from 'jose';
import type { KeyObject } from 'node:crypto';
import type { RunningSimulator } from '../../../simulator/startSimulator.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function envOf(sim: RunningSimulator): Record<string, string> {
  return Object.fromEntries(sim.environment.values.map((value) => [value.key, value.value]));
}

export const tokenUrlOf = (sim: RunningSimulator): string => `${sim.baseUrl}/services/rest/auth/oauth2/v1/token`;

export interface AssertionOptions {
  alg?: string;
  typ?: string | null;
  kid?: string | null;
  iss?: string;
  aud?: string | string[];
  scope?: string | null;
  iat?: number;
  exp?: number;
  nowSeconds?: number;
}

/** Signs a client assertion with jose; every field can be bent for negative tests. */
export async function signAssertion(sim: RunningSimulator, key: KeyObject, options: AssertionOptions = {}): Promise<string> {
  const env = envOf(sim);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const header: Record<string, string> = { alg: options.alg ?? 'PS256' };
  if (options.typ !== null) header.typ = options.typ ?? 'JWT';
  if (options.kid !== null) header.kid = options.kid ?? env.certificate_id!;
  const payload: Record<string, unknown> = {};
  if (options.scope !== null) payload.scope = options.scope ?? 'rest_webservices,restlets';
  return new SignJWT(payload)
    .setProtectedHeader(header as { alg: string })
    .setIssuer(options.iss ?? env.client_id!)
    .setAudience(options.aud ?? tokenUrlOf(sim))
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 3000)
    .sign(key);
}

export async function postToken(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

export async function mintM2m(sim: RunningSimulator, key: KeyObject, options: AssertionOptions = {}, url = tokenUrlOf(sim)) {
  const assertion = await signAssertion(sim, key, options);
  return postToken(url, { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion });
}

/** A valid access token for the simulator (PS256 with the environment's key). */
export async function accessToken(sim: RunningSimulator, key: KeyObject, scope = 'rest_webservices,restlets'): Promise<string> {
  const result = await mintM2m(sim, key, { scope });
  if (result.status !== 200) throw new Error(`mint failed: ${JSON.stringify(result.body)}`);
  return result.body.access_token as string;
}

export const INVALID_LOGIN_BODY = {
  type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
  title: 'Unauthorized',
  status: 401,
  'o:errorDetails': [
    {
      detail:
        'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
      'o:errorCode': 'INVALID_LOGIN',
    },
  ],
};

export const INVALID_LOGIN_ATTEMPT_BODY = { error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } };

export async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers, text };
}
