import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { call, envOf, postToken, tokenUrlOf } from './helpers/m2m.ts';
import { pkcePair } from './helpers/pkce.ts';

describe('authorization code with PKCE, and refresh tokens', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  let basic: string;
  let clock = 0;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => Date.now() + clock, refreshTokenLifetimeSeconds: 3600 });
    env = envOf(sim);
    basic = `Basic ${Buffer.from(`${env.client_id}:${env.client_secret}`).toString('base64')}`;
  });
  afterAll(() => sim.stop());

  const authorizeUrl = (params: Record<string, string>) => {
    const url = new URL(`${sim.baseUrl}/app/login/oauth2/authorize.nl`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  };
  const goodParams = (challenge: string) => ({
    response_type: 'code',
    client_id: env.client_id!,
    redirect_uri: env.redirect_uri!,
    scope: 'rest_webservices restlets',
    state: 'state-0123456789abcdefghij',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });

  async function authorize(challenge: string): Promise<string> {
    const result = await call(authorizeUrl(goodParams(challenge)));
    expect(result.status).toBe(302);
    const location = new URL(result.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(env.redirect_uri);
    expect(location.searchParams.get('state')).toBe('state-0123456789abcdefghij');
    return location.searchParams.get('code')!;
  }

  it('authorize → code → tokens → API call → refresh (not rotated)', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorize(challenge);
    const exchange = await postToken(tokenUrlOf(sim), { grant_type: 'authorization_code', code, redirect_uri: env.redirect_uri!, code_verifier: verifier }, { authorization: basic });
    expect(exchange.status).toBe(200);
    expect(exchange.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
    const api = await call(`${sim.baseUrl}/services/rest/record/v1/customer/2`, { headers: { authorization: `Bearer ${exchange.body.access_token as string}` } });
    expect(api.status).toBe(200);
    expect(api.body.companyName).toBe('Simulated Customer 02');
    const refreshed = await postToken(tokenUrlOf(sim), { grant_type: 'refresh_token', refresh_token: exchange.body.refresh_token as string }, { authorization: basic });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
    // The code is one-time.
    const again = await postToken(tokenUrlOf(sim), { grant_type: 'authorization_code', code, redirect_uri: env.redirect_uri!, code_verifier: verifier }, { authorization: basic });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(sim.stats().rejections.code_used).toBe(1);
  });

  it('the refresh token from the environment works without a browser', async () => {
    const result = await postToken(tokenUrlOf(sim), { grant_type: 'refresh_token', refresh_token: env.refresh_token! }, { authorization: basic });
    expect(result.status).toBe(200);
    const restlet = await call(`${sim.baseUrl}/app/site/hosting/restlet.nl?script=${env.restlet_script}&deploy=${env.restlet_deploy}`, {
      headers: { authorization: `Bearer ${result.body.access_token as string}` },
    });
    expect(restlet.status).toBe(200);
    expect(restlet.body).toMatchObject({ method: 'GET', script: 'customscript_nsp_echo' });
    expect(sim.stats().tokensMinted.refresh_token).toBe(2);
  });

  it('token endpoint refusals for authorization_code and refresh_token', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorize(challenge);
    const exchange = (form: Record<string, string>, headers: Record<string, string> = { authorization: basic }) =>
      postToken(tokenUrlOf(sim), { grant_type: 'authorization_code', code, redirect_uri: env.redirect_uri!, code_verifier: verifier, ...form }, headers);
    const expectError = async (promise: ReturnType<typeof postToken>, status: number, error: string, reason: string) => {
      const before = sim.stats().rejections[reason] ?? 0;
      const result = await promise;
      expect(result.status, reason).toBe(status);
      expect(result.body).toEqual({ error, error_description: expect.any(String) });
      expect(sim.stats().rejections[reason], reason).toBe(before + 1);
      return result;
    };
    const noBasic = await expectError(exchange({}, {}), 401, 'invalid_client', 'client_auth_missing');
    expect(noBasic.headers.get('www-authenticate')).toMatch(/^Basic/);
    await expectError(exchange({}, { authorization: `Basic ${Buffer.from(`${env.client_id}:wrong`).toString('base64')}` }), 401, 'invalid_client', 'client_auth_invalid');
    await expectError(exchange({ redirect_uri: `${env.redirect_uri}/` }), 400, 'invalid_grant', 'redirect_uri_mismatch');
    await expectError(exchange({ code_verifier: pkcePair().verifier }), 400, 'invalid_grant', 'pkce_mismatch');
    await expectError(exchange({ code_verifier: 'short' }), 400, 'invalid_grant', 'pkce_verifier_format');
    await expectError(exchange({ code: 'not-a-code' }), 400, 'invalid_grant', 'code_invalid');
    await expectError(exchange({ code: '' }), 400, 'invalid_request', 'code_missing');
    clock = 11 * 60 * 1000;
    await expectError(exchange({}), 400, 'invalid_grant', 'code_expired');
    clock = 0;
    await expectError(postToken(tokenUrlOf(sim), { grant_type: 'refresh_token', refresh_token: 'nope' }, { authorization: basic }), 400, 'invalid_grant', 'refresh_token_invalid');
    await expectError(postToken(tokenUrlOf(sim), { grant_type: 'refresh_token', refresh_token: env.refresh_token! }), 401, 'invalid_client', 'client_auth_missing');
    clock = 3601 * 1000;
    await expectError(postToken(tokenUrlOf(sim), { grant_type: 'refresh_token', refresh_token: env.refresh_token! }, { authorization: basic }), 400, 'invalid_grant', 'refresh_token_expired');
    clock = 0;
  });

  it('authorize refusals: unknown client and redirect URI are shown, the rest redirected with error', async () => {
    const { challenge } = pkcePair();
    const unknownClient = await call(authorizeUrl({ ...goodParams(challenge), client_id: 'other' }));
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.body.error).toBe('invalid_client');
    const badRedirect = await call(authorizeUrl({ ...goodParams(challenge), redirect_uri: 'https://evil.example/cb' }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get('location')).toBeNull();
    const redirected = async (params: Record<string, string>, error: string) => {
      const result = await call(authorizeUrl({ ...goodParams(challenge), ...params }));
      expect(result.status).toBe(302);
      const location = new URL(result.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('code')).toBeNull();
    };
    await redirected({ response_type: 'token' }, 'unsupported_response_type');
    await redirected({ scope: 'everything' }, 'invalid_scope');
    await redirected({ code_challenge_method: 'plain' }, 'invalid_request');
    await redirected({ code_challenge: 'short' }, 'invalid_request');
    await redirected({ state: '' }, 'invalid_request');
    const wrongAccount = await call(authorizeUrl(goodParams(challenge)).replace('/1234567-sb1/', '/1234567/'));
    expect(wrongAccount.status).toBe(400);
    expect(sim.stats().rejections.wrong_account).toBe(1);
  });
});
