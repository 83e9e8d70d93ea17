import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/startSimulator.ts';
import { hmacSha256Signature, percentEncode, signatureBaseString } from '../../simulator/tbaVerifier.ts';
import { call, envOf, INVALID_LOGIN_ATTEMPT_BODY, INVALID_LOGIN_BODY } from './helpers/m2m.ts';
import { rfc3986, tbaHeader, tbaSignature, type TbaSecrets } from './helpers/tbaSigner.ts';

// Oracle's published example (NETSUITE-FACTS.md).
const ORACLE = {
  secrets: {
    consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
    consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
    token: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
    tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
  },
  nonce: 'fjaLirsIcCGVZWzBX0pg',
  timestamp: 1508242306,
  url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
  signature: 'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=',
};

describe('TBA known-answer test (Oracle example)', () => {
  it('the independent test signer reproduces Oracle signature', () => {
    const { signature } = tbaSignature({ method: 'GET', url: ORACLE.url, realm: '123456', secrets: ORACLE.secrets, nonce: ORACLE.nonce, timestamp: ORACLE.timestamp });
    expect(signature).toBe(ORACLE.signature);
    expect(rfc3986(signature)).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D');
  });

  it("the simulator's base string and HMAC reproduce Oracle signature", () => {
    const params: Array<[string, string]> = [
      ['oauth_consumer_key', ORACLE.secrets.consumerKey],
      ['oauth_token', ORACLE.secrets.token],
      ['oauth_signature_method', 'HMAC-SHA256'],
      ['oauth_timestamp', String(ORACLE.timestamp)],
      ['oauth_nonce', ORACLE.nonce],
      ['oauth_version', '1.0'],
    ];
    const base = signatureBaseString('GET', 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40', params);
    expect(hmacSha256Signature(base, ORACLE.secrets.consumerSecret, ORACLE.secrets.tokenSecret)).toBe(ORACLE.signature);
  });

  it('percent-encodes the RFC 3986 way', () => {
    expect(percentEncode("a b!*'()~é")).toBe('a%20b%21%2A%27%28%29~%C3%A9');
    expect(percentEncode("a b!*'()~é")).toBe(rfc3986("a b!*'()~é"));
  });
});

describe('TBA against the simulator', () => {
  let sim: RunningSimulator;
  let secrets: TbaSecrets;
  let realm: string;
  let clock = 0;
  beforeAll(async () => {
    sim = await startSimulator({ now: () => Date.now() + clock });
    const env = envOf(sim);
    secrets = { consumerKey: env.consumer_key!, consumerSecret: env.consumer_secret!, token: env.token_id!, tokenSecret: env.token_secret! };
    realm = sim.account.realm;
  });
  afterAll(() => sim.stop());

  const recordUrl = () => `${sim.baseUrl}/services/rest/record/v1/customer?limit=5&offset=0&q=a%20b%2A`;
  const restletUrl = () => `${sim.baseUrl}/app/site/hosting/restlet.nl?script=customscript_nsp_echo&deploy=customdeploy_nsp_echo&tag=x&tag=a`;

  it('accepts a REST GET signed with query parameters', async () => {
    const url = recordUrl();
    const result = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets }) } });
    expect(result.status).toBe(200);
    expect(result.body.count).toBe(5);
  });

  it('accepts a RESTlet POST whose form body is in the signature, and echoes it', async () => {
    const url = restletUrl();
    const form: Array<[string, string]> = [['name', "O'Brien & Co"], ['name', 'second (x)']];
    const authorization = tbaHeader({ method: 'POST', url, realm, secrets, form });
    const result = await call(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    expect(result.status).toBe(200);
    // A POST entry point receives the body only (as the echo RESTlet in suitescript/ shows).
    expect(result.body).toMatchObject({
      method: 'POST',
      parameters: {},
      body: { name: ["O'Brien & Co", 'second (x)'] },
    });
  });

  it('refuses a form body left out of the signature', async () => {
    const url = restletUrl();
    const authorization = tbaHeader({ method: 'POST', url, realm, secrets });
    const result = await call(url, { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(result.status).toBe(401);
    expect(result.body).toEqual(INVALID_LOGIN_ATTEMPT_BODY);
  });

  it('refuses a signature that left the query out', async () => {
    const url = recordUrl();
    const authorization = tbaHeader({ method: 'GET', url: url.split('?')[0]!, realm, secrets });
    const result = await call(url, { headers: { authorization } });
    expect(result.status).toBe(401);
    expect(result.body).toEqual(INVALID_LOGIN_BODY);
  });

  it('refuses HMAC-SHA1, a lower-case or host-form realm, a missing realm', async () => {
    const url = recordUrl();
    const before = sim.stats().rejections;
    const sha1 = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, signatureMethod: 'HMAC-SHA1', hmac: 'sha1' }) } });
    expect(sha1.status).toBe(401);
    expect(sha1.body).toEqual(INVALID_LOGIN_BODY);
    for (const badRealm of [realm.toLowerCase(), sim.account.hostForm, '1234567']) {
      const result = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm: badRealm, secrets }) } });
      expect(result.status).toBe(401);
    }
    const noRealm = tbaHeader({ method: 'GET', url, realm, secrets }).replace(/realm="[^"]*",/, '');
    expect((await call(url, { headers: { authorization: noRealm } })).status).toBe(401);
    const after = sim.stats().rejections;
    expect((after.tba_signature_method ?? 0) - (before.tba_signature_method ?? 0)).toBe(1);
    expect((after.tba_realm ?? 0) - (before.tba_realm ?? 0)).toBe(4);
  });

  it('refuses a timestamp more than 300 s away, accepts one within', async () => {
    const url = recordUrl();
    const now = Math.floor(Date.now() / 1000);
    const stale = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, timestamp: now - 400 }) } });
    expect(stale.status).toBe(401);
    const future = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, timestamp: now + 400 }) } });
    expect(future.status).toBe(401);
    const near = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, timestamp: now - 200 }) } });
    expect(near.status).toBe(200);
    clock = 10 * 60 * 1000; // the simulator's clock runs 10 minutes ahead
    const skewed = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, timestamp: now }) } });
    clock = 0;
    expect(skewed.status).toBe(401);
    expect(sim.stats().rejections.tba_timestamp).toBe(3);
  });

  it('refuses a reused nonce and a malformed nonce', async () => {
    const url = recordUrl();
    const nonce = 'abcDEF123456';
    const first = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, nonce }) } });
    expect(first.status).toBe(200);
    const second = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, nonce }) } });
    expect(second.status).toBe(401);
    expect(sim.stats().rejections.tba_nonce_reused).toBe(1);
    const bad = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets, nonce: 'a-b' }) } });
    expect(bad.status).toBe(401);
    expect(sim.stats().rejections.tba_nonce_invalid).toBe(1);
  });

  it('refuses unknown consumer, unknown token, wrong secrets', async () => {
    const url = recordUrl();
    const cases: Array<[Partial<TbaSecrets>, string]> = [
      [{ consumerKey: 'f'.repeat(64) }, 'tba_consumer_unknown'],
      [{ token: 'e'.repeat(64) }, 'tba_token_unknown'],
      [{ tokenSecret: 'd'.repeat(64) }, 'tba_signature_invalid'],
      [{ consumerSecret: 'c'.repeat(64) }, 'tba_signature_invalid'],
    ];
    for (const [override, reason] of cases) {
      const before = sim.stats().rejections[reason] ?? 0;
      const result = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url, realm, secrets: { ...secrets, ...override } }) } });
      expect(result.status).toBe(401);
      expect(result.body).toEqual(INVALID_LOGIN_BODY);
      expect(sim.stats().rejections[reason]).toBe(before + 1);
    }
  });

  it('refuses a malformed OAuth header', async () => {
    const url = recordUrl();
    const result = await call(url, { headers: { authorization: 'OAuth realm="1234567_SB1", oauth_consumer_key=unquoted' } });
    expect(result.status).toBe(401);
    expect(sim.stats().rejections.tba_malformed).toBe(1);
  });

  it('signs against the host the client used (the base string URI includes the port)', async () => {
    const url = recordUrl();
    const wrongHost = url.replace('127.0.0.1', 'localhost');
    const result = await call(url, { headers: { authorization: tbaHeader({ method: 'GET', url: wrongHost, realm, secrets }) } });
    expect(result.status).toBe(401);
    expect((await call(wrongHost, { headers: { authorization: tbaHeader({ method: 'GET', url: wrongHost, realm, secrets }) } })).status).toBe(200);
  });
});
