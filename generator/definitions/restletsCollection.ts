import { mintM2mToken, refreshAccessToken } from './authRequests.ts';
import { RESTLETS_SESSION_VARIABLE } from './scriptVariables.ts';
import type { CollectionDef, KeyValue, RequestDef } from './types.ts';

const RESTLET = '{{restlets_base_url}}/app/site/hosting/restlet.nl?script={{restlet_script}}&deploy={{restlet_deploy}}';
const JSON_HEADER: KeyValue = { key: 'Content-Type', value: 'application/json' };

function restletRequest(method: RequestDef['method'], description: string, extra: Partial<RequestDef>): RequestDef {
  return { name: `RESTlet ${method}`, description, method, url: RESTLET, ...extra };
}

export const restletsCollection: CollectionDef = {
  slug: 'netsuite-restlets',
  name: 'NetSuite RESTlets',
  description: [
    'Calls one RESTlet (`restlet_script`, `restlet_deploy`) with GET, POST, PUT and DELETE, with',
    'every auth method. The environment chooses the method (`auth_method`: `m2m`, `tba` or',
    '`authcode`); the collection-level pre-request script authenticates each request (M2M and',
    'authorization-code tokens need the `restlets` scope) and strips cookies (RESTlets reject a',
    'request that carries both a session cookie and an Authorization header), and the',
    'collection-level test script checks every answer and explains failures.',
    '',
    'The RESTlet deployment must be released and reachable by the role. The project ships the',
    'RESTlet these requests expect: `suitescript/` (an SDF project; docs/real-account.md deploys',
    'it). Each answer must echo `{method, parameters, body}`: point `restlet_script` and',
    '`restlet_deploy` at your own RESTlet and adjust the checks (scripts-src/core/expectations.ts).',
    'Requests carry no auth of their own.',
  ].join('\n'),
  prerequest: 'collection-prerequest',
  test: 'collection-test',
  variables: [RESTLETS_SESSION_VARIABLE],
  folders: [
    {
      name: 'Auth',
      description: 'Token requests for the OAuth 2.0 methods; optional, since every RESTlet request authenticates on its own.',
      items: [mintM2mToken, refreshAccessToken],
    },
    {
      name: 'RESTlet',
      description: [
        'One request per HTTP method of the RESTlet deployment. GET and DELETE pass their input as',
        'query parameters (TBA signs them too); POST and PUT send a JSON body.',
      ].join('\n'),
      items: [
        restletRequest('GET', 'Calls the RESTlet\'s `get` function with the query parameters (here `id=42`; NetSuite passes `script` and `deploy` too). `Content-Type: application/json` makes NetSuite answer JSON.', {
          url: `${RESTLET}&id=42`,
          headers: [JSON_HEADER],
        }),
        restletRequest('POST', 'Calls the RESTlet\'s `post` function with a JSON body (`Content-Type: application/json`; an empty body is rejected before it is sent).', {
          headers: [JSON_HEADER],
          body: { mode: 'json', json: { action: 'create', record: { name: 'netsuite-postman example', quantity: 1 } } },
        }),
        restletRequest('PUT', 'Calls the RESTlet\'s `put` function with a JSON body.', {
          headers: [JSON_HEADER],
          body: { mode: 'json', json: { action: 'update', id: 42, record: { quantity: 2 } } },
        }),
        restletRequest('DELETE', 'Calls the RESTlet\'s `delete` function with the query parameters (here `id=42`).', {
          url: `${RESTLET}&id=42`,
          headers: [JSON_HEADER],
        }),
      ],
    },
  ],
};

