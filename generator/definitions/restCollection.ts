import { authorizeUrl, exchangeCode, mintM2mToken, refreshAccessToken } from './authRequests.ts';
import { AUTHORIZATION_CODE_VARIABLE, SESSION_VARIABLE, UNDECLARED } from './scriptVariables.ts';
import type { CollectionDef, KeyValue } from './types.ts';

const RECORD = '{{suitetalk_base_url}}/services/rest/record/v1';
const CERTIFICATES = '{{suitetalk_base_url}}/services/rest/auth/oauth2/v1/clients/{{client_id}}/certificates';
const JSON_HEADER: KeyValue = { key: 'Content-Type', value: 'application/json' };
const ACCEPT_JSON: KeyValue = { key: 'Accept', value: 'application/json' };
const PREFER_ASYNC: KeyValue = { key: 'Prefer', value: 'respond-async' };
const IDEMPOTENCY_KEY: KeyValue = {
  key: 'X-NetSuite-Idempotency-Key',
  value: '{{nsp_idempotency_key}}',
  description: 'Filled by the collection: a fresh UUID per write, the same one when the write is sent again. Put a fixed UUID here to watch NetSuite refuse a repeat.',
};
const EXTERNAL_ID = 'netsuite-postman-example';

export const restCollection: CollectionDef = {
  slug: 'netsuite-rest',
  name: 'NetSuite REST web services',
  description: [
    'NetSuite REST web services (SuiteTalk REST) with every auth method: records, SuiteQL, the',
    'metadata catalog and M2M certificate rotation. The environment chooses the method',
    '(`auth_method`: `m2m`, `tba` or `authcode`); the collection-level pre-request script',
    'authenticates each request (minting and caching tokens, or signing TBA), strips cookies and',
    'refuses requests that would fail with `INVALID_LOGIN` before they are sent, and the',
    'collection-level test script checks every answer and explains failures.',
    '',
    'Requests carry no auth of their own. Run the whole collection top to bottom: it creates a',
    'customer, reads, updates and deletes it. Writes to a production account are refused unless',
    '`allow_production` is `true`.',
  ].join('\n'),
  prerequest: 'collection-prerequest',
  test: 'collection-test',
  variables: [
    SESSION_VARIABLE,
    AUTHORIZATION_CODE_VARIABLE,
    {
      key: 'nsp_idempotency_key',
      value: '',
      description:
        'The `X-NetSuite-Idempotency-Key` of the write being sent: the pre-request script sets it, for that request only, to a fresh UUID for each new create or upsert, and to the same one when it sends that write again (after a 401, a rate limit or no answer), so NetSuite never executes it twice. Set by the collection, not by you.',
      undeclared: { because: UNDECLARED },
    },
    {
      key: 'nsp_customer_id',
      value: '',
      description:
        'Internal id of the customer made by "Records / Create customer", taken from its `Location` header; used by Get, Update and Delete customer. Set by the collection, not by you.',
      undeclared: { because: UNDECLARED },
    },
    {
      key: 'nsp_certificate_pem',
      value: '',
      description:
        'The new certificate for "Certificates / Upload M2M certificate" (the public PEM, `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----`, line breaks written as `\\n`): add it in the Variables tab and paste it there, or paste it into the request body in its place. Never the private key.',
      undeclared: { because: UNDECLARED },
    },
    {
      key: 'nsp_certificate_entity',
      value: '',
      description: 'Internal id of the entity (employee) the uploaded certificate is mapped to: add it in the Variables tab, or write it into the request body.',
      undeclared: { because: UNDECLARED },
    },
    {
      key: 'nsp_certificate_role',
      value: '',
      description: 'Internal id of the role the uploaded certificate is mapped to: add it in the Variables tab, or write it into the request body.',
      undeclared: { because: UNDECLARED },
    },
    {
      key: 'nsp_uploaded_certificate_id',
      value: '',
      description:
        'Id of the certificate uploaded by "Certificates / Upload M2M certificate" (from its JSON answer or `Location` header); "Revoke M2M certificate" revokes it. Set by the collection, not by you.',
      undeclared: { because: UNDECLARED },
    },
  ],
  folders: [
    {
      name: 'Auth',
      description: [
        'Token requests, one per step of each OAuth 2.0 flow. They are optional: every other request',
        'authenticates on its own. Run them to watch a flow or to diagnose it. TBA needs no request',
        'here: each request is signed as it is sent.',
      ].join('\n'),
      items: [mintM2mToken, authorizeUrl, exchangeCode, refreshAccessToken],
    },
    {
      name: 'Records',
      description: [
        'Customer records through `/services/rest/record/v1`: list (every page), create and upsert by',
        'external id (asynchronous, with idempotency keys, followed to their result), get, update and',
        'delete. In this order a run cleans up after itself: the customer made by "Create customer"',
        'is the one read, updated and deleted, and the upserted one is deleted last. Sent one at a',
        'time, "Create customer" shows only its `202`: before "Get customer", "Update customer" or',
        '"Delete customer", add `nsp_customer_id` in the collection\'s Variables tab with a customer id',
        '(from "List customers"); until then they are refused with `UNSET_VARIABLE`.',
      ].join('\n'),
      items: [
        {
          name: 'List customers',
          description: [
            'Lists every customer, page by page: `limit=1000` (NetSuite\'s largest page). In a collection',
            'run the collection follows the `next` link of `links` while `hasMore` is `true` (each page',
            'is checked), then reports the total (a test compares the rows read with `totalResults`, and',
            'the console says how many pages). The walk stops after 1,000 pages or 14 minutes. NetSuite',
            'pages reach at most 1,000 pages and 100,000 results: beyond, narrow the query. A single',
            'Send (in the app, outside the Collection Runner) shows the first page only.',
          ].join('\n'),
          method: 'GET',
          url: `${RECORD}/customer?limit=1000`,
          headers: [ACCEPT_JSON],
        },
        {
          name: 'Create customer',
          description: [
            'Creates a customer asynchronously and exactly once: `Prefer: respond-async` with',
            '`X-NetSuite-Idempotency-Key` (NetSuite honours the key only on asynchronous requests). The',
            'collection puts a fresh UUID in `{{nsp_idempotency_key}}` for each new write and the same',
            'one when it sends the write again (a retry after a 401 or a rate limit, or a re-send after',
            'no answer), so NetSuite refuses the repeat (`400 IDEMPOTENCY_ERROR`, naming the first job)',
            'instead of creating a second customer. NetSuite answers `202 Accepted` with the job in',
            '`Location`; a collection run follows the job until it is done, reads its task and then the',
            'result: `204 No Content` with the new record URL in `Location`, whose id is kept in',
            '`nsp_customer_id`. A single Send shows the `202` only. Adjust `subsidiary` to one that',
            'exists in your account (OneWorld).',
          ].join('\n'),
          method: 'POST',
          url: `${RECORD}/customer`,
          headers: [JSON_HEADER, PREFER_ASYNC, IDEMPOTENCY_KEY],
          body: {
            mode: 'json',
            json: {
              companyName: 'netsuite-postman example {{$timestamp}}',
              email: 'netsuite-postman@example.com',
              subsidiary: { id: '1' },
              comments: 'Created by the netsuite-postman collection; safe to delete.',
            },
          },
        },
        {
          name: 'Upsert customer by external id',
          description: [
            'Creates or updates the customer with external id `netsuite-postman-example`: `PUT` on',
            '`customer/eid:<externalId>` is NetSuite\'s upsert. Sent asynchronously with an idempotency',
            'key like "Create customer", and followed to its result: `204 No Content` with the record',
            'URL in `Location`. "Delete upserted customer" removes it again.',
          ].join('\n'),
          method: 'PUT',
          url: `${RECORD}/customer/eid:${EXTERNAL_ID}`,
          headers: [JSON_HEADER, PREFER_ASYNC, IDEMPOTENCY_KEY],
          body: {
            mode: 'json',
            json: {
              companyName: 'netsuite-postman upsert example',
              email: 'netsuite-postman@example.com',
              subsidiary: { id: '1' },
              comments: 'Upserted by the netsuite-postman collection; safe to delete.',
            },
          },
        },
        {
          name: 'Get customer',
          description: 'Reads the customer made by "Create customer" (`nsp_customer_id`). Answers the record with `id` and `links`.',
          method: 'GET',
          url: `${RECORD}/customer/{{nsp_customer_id}}`,
          headers: [ACCEPT_JSON],
        },
        {
          name: 'Update customer',
          description: 'Changes fields of the customer made by "Create customer" with `PATCH` (only the fields sent change). Answers `204 No Content`.',
          method: 'PATCH',
          url: `${RECORD}/customer/{{nsp_customer_id}}`,
          headers: [JSON_HEADER],
          body: {
            mode: 'json',
            json: { phone: '555-0100', comments: 'Updated by the netsuite-postman collection.' },
          },
        },
        {
          name: 'Delete customer',
          description: 'Deletes the customer made by "Create customer". Answers `204 No Content`.',
          method: 'DELETE',
          url: `${RECORD}/customer/{{nsp_customer_id}}`,
        },
        {
          name: 'Delete upserted customer',
          description: 'Deletes the customer "Upsert customer by external id" made, by its external id (`DELETE` on `customer/eid:netsuite-postman-example`). Answers `204 No Content`.',
          method: 'DELETE',
          url: `${RECORD}/customer/eid:${EXTERNAL_ID}`,
        },
      ],
    },
    {
      name: 'SuiteQL',
      description: 'SuiteQL queries through `/services/rest/query/v1/suiteql` (needs the REST web services scope and the SuiteAnalytics Workbook permission for most tables).',
      items: [
        {
          name: 'Run SuiteQL query',
          description: [
            'Runs a SuiteQL query. `Prefer: transient` is required; the query goes in the JSON body as',
            '`q`. The answer has the list fields (`links`, `count`, `hasMore`, `items`, `offset`,',
            '`totalResults`) with one row per item, 1,000 rows a page at most (`limit=1000`). A collection',
            'run reads every page (the same POST at the `next` link while `hasMore`), checks each and',
            'reports the total, bounded like "List customers"; a single Send shows the first page. Past',
            '100,000 rows NetSuite stops paging: narrow the query (`WHERE id > <last id read>`).',
          ].join('\n'),
          method: 'POST',
          url: '{{suitetalk_base_url}}/services/rest/query/v1/suiteql?limit=1000',
          headers: [JSON_HEADER, { key: 'Prefer', value: 'transient' }],
          body: { mode: 'json', json: { q: 'SELECT id, companyname, email FROM customer ORDER BY id' } },
        },
      ],
    },
    {
      name: 'Metadata',
      description: 'The metadata catalog: OpenAPI 3.0 descriptions of record types, as your account (with its custom fields) has them.',
      items: [
        {
          name: 'Get metadata catalog (customer)',
          description: 'The OpenAPI 3.0 document of the customer record (`select=customer`; list several types comma-separated). `Accept: application/swagger+json` asks for OpenAPI rather than JSON Schema.',
          method: 'GET',
          url: `${RECORD}/metadata-catalog?select=customer`,
          headers: [{ key: 'Accept', value: 'application/swagger+json' }],
        },
      ],
    },
    {
      name: 'Certificates',
      description: [
        'M2M certificate rotation through `/services/rest/auth/oauth2/v1/clients/{client_id}/certificates`',
        '(NetSuite 2023.1 and later): list the certificates of the integration, upload a new one,',
        'revoke the one just uploaded. NetSuite accepts only OAuth 2.0 access tokens here (M2M or',
        'authorization code, REST web services scope) and the "Manage own OAuth 2.0 Client',
        'Credentials certificates" permission. Before "Upload M2M certificate", add the collection',
        'variables `nsp_certificate_pem` (the new certificate), `nsp_certificate_entity` and',
        '`nsp_certificate_role` in the Variables tab, or write the values into its body in their',
        'place; until then it is refused with `UNSET_VARIABLE`. At most 5 certificates may be active',
        'per integration; after rotating, set `certificate_id` and `private_key` to the new pair.',
      ].join('\n'),
      items: [
        {
          name: 'List M2M certificates',
          description: 'Lists the certificates of the integration record `client_id`, with their ids and validity.',
          method: 'GET',
          url: CERTIFICATES,
          headers: [ACCEPT_JSON],
        },
        {
          name: 'Upload M2M certificate',
          description: [
            'Uploads the certificate in `nsp_certificate_pem` (public part only) and maps it to',
            '`nsp_certificate_entity` and `nsp_certificate_role`. The body is JSON:',
            '`{"fileContent": "<PEM>", "entity": "<id>", "role": "<id>"}`. The new certificate id',
            '(from the JSON answer, or the `Location` header) is kept in',
            '`nsp_uploaded_certificate_id`.',
          ].join('\n'),
          method: 'POST',
          url: CERTIFICATES,
          headers: [JSON_HEADER],
          body: {
            mode: 'json',
            json: {
              fileContent: '{{nsp_certificate_pem}}',
              entity: '{{nsp_certificate_entity}}',
              role: '{{nsp_certificate_role}}',
            },
          },
        },
        {
          name: 'Revoke M2M certificate',
          description: [
            'Revokes the certificate uploaded by "Upload M2M certificate" (`nsp_uploaded_certificate_id`).',
            'Revoking cannot be undone: to revoke an older certificate, set the collection variable',
            'to its id (see "List M2M certificates"). Never revoke the certificate this run',
            'authenticates with.',
          ].join('\n'),
          method: 'POST',
          url: `${CERTIFICATES}/{{nsp_uploaded_certificate_id}}/revoke`,
          headers: [JSON_HEADER],
          body: { mode: 'json', json: {} },
        },
      ],
    },
  ],
};
