/**
 * Done-when of issue 12: the generated collections used as a Postman app user does — one Send at a
 * time, each a postman-runtime 7.56.1 run of that one request, collection variables and the
 * environment carried over, nothing else — for both collections and every auth method, from an
 * empty token cache, through a token revocation and a token ageing past its refresh buffer. Every
 * Send is authenticated except the one that met the revocation, and the simulator counts exactly
 * the tokens that had to be minted.
 */
import { describe, expect, it } from 'vitest';
import { committedCollection, environmentFor, useSimulator } from '../helpers/simulatorSuite';
import { AppSession, type SendResult } from '../helpers/appSend';


/** Requests that need nothing captured from an earlier one, in the order a user might Send them. */
const SENDS: Record<string, string[]> = {
  'netsuite-rest': ['Records/List customers', 'SuiteQL/Run SuiteQL query', 'Metadata/Get metadata catalog (customer)', 'Records/Create customer'],
  'netsuite-restlets': ['RESTlet/RESTlet GET', 'RESTlet/RESTlet POST', 'RESTlet/RESTlet PUT', 'RESTlet/RESTlet DELETE'],
};

/** The method's cached token in `nsp_session` (the collection's own JSON), if any. */
function cachedToken(session: AppSession, method: string): { key: string; accessToken: string; expiresAt: number } | undefined {
  const text = String(session.collectionVariable('nsp_session') ?? '');
  return text === '' ? undefined : JSON.parse(text)[method];
}
const GRANT: Record<string, 'client_credentials' | 'refresh_token'> = { m2m: 'client_credentials', authcode: 'refresh_token' };

const simulator = useSimulator();


function authenticated(send: SendResult): void {
  expect(send.failures, send.name).toEqual([]);
  expect(send.request, `${send.name} was sent`).toBeDefined();
  expect(send.request!.code, `${send.name}: ${send.request!.responseBody?.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
  expect(send.request!.code, send.name).toBeLessThan(300);
  expect(send.request!.headers.cookie, send.name).toBeUndefined();
}

function mints(method: string): number {
  return method === 'tba' ? simulator().stats().tokensMinted.total : simulator().stats().tokensMinted[GRANT[method]!];
}

describe.each(['netsuite-rest', 'netsuite-restlets'])('%s, Sent one request at a time in the app engine', (name) => {
  it.each(['m2m', 'authcode', 'tba'])('auth_method %s: empty cache, revocation, ageing', async (method) => {
    simulator().reset();
    const session = new AppSession(committedCollection(name), environmentFor(simulator(), method));
    const [first, second, third, fourth] = SENDS[name]! as [string, string, string, string];
    const oauth = method !== 'tba';
    expect(session.collectionVariable('nsp_session') ?? '').toBe('');

    // 1. Empty token cache: the first Send of an API request mints (m2m) or refreshes (authcode) by itself.
    const a = await session.send(first);
    authenticated(a);
    expect(mints(method)).toBe(oauth ? 1 : 0);
    if (oauth) expect(a.request!.headers.authorization).toMatch(/^Bearer /);
    else expect(a.request!.headers.authorization).toMatch(/^OAuth realm=/);

    // 2. Later Sends reuse the cached token.
    authenticated(await session.send(second));
    authenticated(await session.send(first));
    expect(mints(method)).toBe(oauth ? 1 : 0);

    // 3. NetSuite revokes the token: the Send that meets it is refused, drops the token and says
    //    plainly that the next Send mints a new one; it promises no retry and waits for none.
    expect(simulator().revokeAllTokens()).toBeGreaterThan(0);
    const refused = await session.send(third);
    if (oauth) {
      expect(refused.request!.code).toBe(401);
      expect(refused.failures.join('\n')).toMatch(/cached access token was refused .*It has been dropped: the next Send mints a new one\./);
      expect(refused.console.map((line) => line.text).join('\n')).not.toMatch(/once more|retry|waiting/i);
      expect(cachedToken(session, method)).toBeUndefined();
    } else {
      authenticated(refused); // TBA signs every request; there is no token to revoke.
    }

    // 4. The next Send mints (refreshes) and succeeds.
    authenticated(await session.send(third));
    expect(mints(method)).toBe(oauth ? 2 : 0);

    // 5. The cached token ages past its refresh buffer (600 s before expiry): the next Send mints again.
    if (oauth) {
      const stored = JSON.parse(String(session.collectionVariable('nsp_session')));
      expect(stored[method].accessToken).toEqual(expect.any(String));
      session.setCollectionVariable('nsp_session', JSON.stringify({ ...stored, [method]: { ...stored[method], expiresAt: Date.now() + 599_000 } }));
    }
    authenticated(await session.send(fourth));
    expect(mints(method)).toBe(oauth ? 3 : 0);
    authenticated(await session.send(second));
    expect(mints(method)).toBe(oauth ? 3 : 0);

    // 6. Token cache key: another scope (or certificate, account, client, method) mints a new token.
    session.environment.set('scope', 'restlets,rest_webservices,suite_analytics');
    authenticated(await session.send(first));
    expect(mints(method)).toBe(oauth ? 4 : 0);

    const stats = simulator().stats();
    // Only the Send that met the revocation was refused.
    expect(stats.requests.rejected).toBe(oauth ? 1 : 0);
  });
});

describe('a variable the collection does not declare, Sent one request at a time in the app engine', () => {
  it('"Get customer" before anything set nsp_customer_id is refused before sending, naming it; with the id added in the Variables tab it is sent', async () => {
    simulator().reset();
    const session = new AppSession(committedCollection('netsuite-rest'), environmentFor(simulator(), 'm2m'));
    expect(session.collectionVariable('nsp_customer_id')).toBeUndefined();

    const refused = await session.send('Records/Get customer');
    expect(refused.request, 'nothing was sent').toBeUndefined();
    expect(refused.failures.join('\n')).toMatch(/UNSET_VARIABLE: The request still contains \{\{nsp_customer_id\}\}: .*On a single Send, add it in the collection's Variables tab/s);

    // What the Records folder's description says to do: an id from "List customers".
    const list = await session.send('Records/List customers');
    authenticated(list);
    const id = String(JSON.parse(list.request!.responseBody!).items[0].id);
    session.setCollectionVariable('nsp_customer_id', id);
    const sent = await session.send('Records/Get customer');
    authenticated(sent);
    expect(sent.request!.url).toMatch(new RegExp(`/customer/${id}$`));
    expect(JSON.parse(sent.request!.responseBody!).id).toBe(id);
  });
});
