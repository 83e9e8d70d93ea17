/**
 * What every request of the generated collections must answer, checked by the collection-level
 * test script. Pure (no `pm`, no Node): runs in the Postman sandbox (ES2017) and in vitest.
 *
 * Keys are request names, unique across both collections (`pm.info.requestName` finds the entry).
 * The generator fails the build when a request has no entry here (requests with their own test
 * script, the Auth ones, may have none or `skip: true`) or when an entry names no request, and it
 * checks that `label` is "<folder> / <request name>".
 */

/** Response shapes NetSuite answers with (see docs/generator.md for each one's checks). */
export type ResponseShape =
  /** `{links, count, hasMore, items, offset, totalResults}` (record lists). */
  | 'netsuite-list'
  /** A record: `id` and `links`. */
  | 'record'
  /** A SuiteQL page: the list shape, items are row objects. */
  | 'suiteql-page'
  /** An OpenAPI 3.0.x document: `openapi` plus `paths` or `components`. */
  | 'openapi'
  /** The simulator's RESTlet echo: `method`, `query` or `parameters`, `body`. */
  | 'restlet-echo'
  /** An OAuth 2.0 token response: `access_token`, `token_type`, `expires_in`. */
  | 'token'
  /** M2M certificates: an array, or an object with an `items` array. */
  | 'certificate-list'
  /** Any JSON object (or no body at all, e.g. 204). */
  | 'json-object-or-empty'
  /** No body expected (204/202); not checked. */
  | 'none';

export interface Capture {
  /** Collection variable that receives the last path segment of the `Location` header. */
  fromLocationHeader?: string;
  /** Collection variable that receives the first of `paths` (top-level JSON keys) holding a string or number. */
  fromJson?: { variable: string; paths: string[] };
}

export interface Expectation {
  /** "<folder> / <request name>", the prefix of every test name. */
  label: string;
  /** The request has its own test script (Auth requests): the collection-level checks do nothing. */
  skip?: boolean;
  status: number | number[];
  shape?: ResponseShape;
  /** Response headers that must be present (any case), e.g. `Location`. */
  headers?: string[];
  /** For `restlet-echo`: the method the echo must report. */
  echoMethod?: string;
  capture?: Capture;
  /** A list or SuiteQL page whose every page a run reads (the `next` link while `hasMore`), reporting the total. */
  walk?: boolean;
}

export interface CheckedResponse {
  code: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body, or `undefined` when there is none or it is not JSON. */
  json: unknown;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

const CUSTOMER_ID = 'nsp_customer_id';
const CERTIFICATE_ID = 'nsp_uploaded_certificate_id';

export const EXPECTATIONS: Record<string, Expectation> = {
  'Mint M2M token': { label: 'Auth / Mint M2M token', skip: true, status: 200, shape: 'token' },
  'Authorize URL (PKCE)': { label: 'Auth / Authorize URL (PKCE)', skip: true, status: [200, 302, 303] },
  'Exchange authorization code': { label: 'Auth / Exchange authorization code', skip: true, status: 200, shape: 'token' },
  'Refresh access token': { label: 'Auth / Refresh access token', skip: true, status: 200, shape: 'token' },

  'List customers': { label: 'Records / List customers', status: 200, shape: 'netsuite-list', walk: true },
  'Create customer': {
    label: 'Records / Create customer',
    status: 204,
    shape: 'none',
    headers: ['Location'],
    capture: { fromLocationHeader: CUSTOMER_ID },
  },
  'Upsert customer by external id': {
    label: 'Records / Upsert customer by external id',
    status: 204,
    shape: 'none',
    headers: ['Location'],
  },
  'Get customer': { label: 'Records / Get customer', status: 200, shape: 'record' },
  'Update customer': { label: 'Records / Update customer', status: 204, shape: 'none' },
  'Delete customer': { label: 'Records / Delete customer', status: 204, shape: 'none' },
  'Delete upserted customer': { label: 'Records / Delete upserted customer', status: 204, shape: 'none' },

  'Run SuiteQL query': { label: 'SuiteQL / Run SuiteQL query', status: 200, shape: 'suiteql-page', walk: true },

  'Get metadata catalog (customer)': {
    label: 'Metadata / Get metadata catalog (customer)',
    status: 200,
    shape: 'openapi',
  },

  'List M2M certificates': { label: 'Certificates / List M2M certificates', status: 200, shape: 'certificate-list' },
  'Upload M2M certificate': {
    label: 'Certificates / Upload M2M certificate',
    status: [200, 201, 204],
    shape: 'json-object-or-empty',
    capture: { fromLocationHeader: CERTIFICATE_ID, fromJson: { variable: CERTIFICATE_ID, paths: ['certificateId', 'id'] } },
  },
  'Revoke M2M certificate': {
    label: 'Certificates / Revoke M2M certificate',
    status: [200, 204],
    shape: 'json-object-or-empty',
  },

  'RESTlet GET': { label: 'RESTlet / RESTlet GET', status: 200, shape: 'restlet-echo', echoMethod: 'GET' },
  'RESTlet POST': { label: 'RESTlet / RESTlet POST', status: 200, shape: 'restlet-echo', echoMethod: 'POST' },
  'RESTlet PUT': { label: 'RESTlet / RESTlet PUT', status: 200, shape: 'restlet-echo', echoMethod: 'PUT' },
  'RESTlet DELETE': { label: 'RESTlet / RESTlet DELETE', status: 200, shape: 'restlet-echo', echoMethod: 'DELETE' },
};

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  302: 'Found',
  303: 'See Other',
};

function statusText(status: number | number[]): string {
  const list = typeof status === 'number' ? [status] : status;
  const words = list.map((code) => (REASONS[code] ? `${code} ${REASONS[code]}` : String(code)));
  if (words.length <= 1) return words[0] || 'no status';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCodeOf(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  const details = json['o:errorDetails'];
  if (Array.isArray(details) && isObject(details[0]) && typeof details[0]['o:errorCode'] === 'string') {
    return details[0]['o:errorCode'] as string;
  }
  if (isObject(json.error) && typeof json.error.code === 'string') return json.error.code;
  if (typeof json.error === 'string') return json.error;
  return undefined;
}

/** Problems with a list-shaped page; empty when it is fine. */
function listProblems(json: unknown, rowsAreObjects: boolean): string[] {
  if (!isObject(json)) return ['the body is not a JSON object'];
  const problems: string[] = [];
  if (!Array.isArray(json.links)) problems.push('`links` is not an array');
  if (typeof json.count !== 'number') problems.push('`count` is not a number');
  if (typeof json.hasMore !== 'boolean') problems.push('`hasMore` is not a boolean');
  if (!Array.isArray(json.items)) problems.push('`items` is not an array');
  else if (rowsAreObjects && json.items.some((row) => !isObject(row))) problems.push('an item of `items` is not an object');
  if (typeof json.offset !== 'number') problems.push('`offset` is not a number');
  if (typeof json.totalResults !== 'number') problems.push('`totalResults` is not a number');
  return problems;
}

function shapeCheck(expectation: Expectation, json: unknown): { text: string; problems: string[] } | undefined {
  switch (expectation.shape) {
    case undefined:
    case 'none':
      return undefined;
    case 'netsuite-list':
      return {
        text: 'body is a NetSuite list (links, count, hasMore, items, offset, totalResults)',
        problems: listProblems(json, false),
      };
    case 'suiteql-page':
      return { text: 'body is a SuiteQL page (list fields, items are rows)', problems: listProblems(json, true) };
    case 'record': {
      const problems: string[] = [];
      if (!isObject(json)) problems.push('the body is not a JSON object');
      else {
        if (typeof json.id !== 'string' && typeof json.id !== 'number') problems.push('`id` is missing');
        if (!Array.isArray(json.links)) problems.push('`links` is not an array');
      }
      return { text: 'body is a record (id, links)', problems };
    }
    case 'openapi': {
      const problems: string[] = [];
      if (!isObject(json)) problems.push('the body is not a JSON object');
      else {
        if (typeof json.openapi !== 'string' || json.openapi.indexOf('3.0.') !== 0) problems.push('`openapi` is not 3.0.x');
        if (!isObject(json.paths) && !isObject(json.components)) problems.push('neither `paths` nor `components` is an object');
      }
      return { text: 'body is an OpenAPI 3.0 document', problems };
    }
    case 'restlet-echo': {
      const problems: string[] = [];
      if (!isObject(json)) problems.push('the body is not a JSON object');
      else {
        if (typeof json.method !== 'string') problems.push('`method` is missing');
        else if (expectation.echoMethod && json.method.toUpperCase() !== expectation.echoMethod) {
          problems.push(`\`method\` is ${json.method}, expected ${expectation.echoMethod}`);
        }
        if (!isObject(json.query) && !isObject(json.parameters)) problems.push('neither `query` nor `parameters` is an object');
        if (!('body' in json)) problems.push('`body` is missing');
      }
      return {
        text: `body echoes the RESTlet call${expectation.echoMethod ? ` (${expectation.echoMethod})` : ''}`,
        problems,
      };
    }
    case 'token': {
      const problems: string[] = [];
      if (!isObject(json)) problems.push('the body is not a JSON object');
      else {
        if (typeof json.access_token !== 'string' || json.access_token === '') problems.push('`access_token` is missing');
        if (typeof json.token_type !== 'string') problems.push('`token_type` is missing');
        if (typeof json.expires_in !== 'number' && typeof json.expires_in !== 'string') problems.push('`expires_in` is missing');
      }
      return { text: 'body is an OAuth 2.0 token response', problems };
    }
    case 'certificate-list': {
      const ok = Array.isArray(json) || (isObject(json) && Array.isArray(json.items));
      return { text: 'body lists certificates', problems: ok ? [] : ['neither an array nor an object with `items`'] };
    }
    case 'json-object-or-empty': {
      const ok = json === undefined || json === null || isObject(json);
      return { text: 'body is a JSON object or empty', problems: ok ? [] : ['the body is JSON but not an object'] };
    }
  }
  return undefined;
}

/** The `pm.test` results for one response; empty for `skip` entries. */
export function checkResponse(expectation: Expectation, response: CheckedResponse): CheckResult[] {
  if (expectation.skip) return [];
  const results: CheckResult[] = [];
  const allowed = typeof expectation.status === 'number' ? [expectation.status] : expectation.status;
  const headers = expectation.headers || [];
  const missing = headers.filter((name) => {
    const value = response.headers[name.toLowerCase()];
    return value === undefined || value === '';
  });
  const statusOk = allowed.indexOf(response.code) !== -1;
  let name = `${expectation.label}: ${statusText(expectation.status)}`;
  if (headers.length === 1) name += ` with a ${headers[0]} header`;
  else if (headers.length > 1) name += ` with ${headers.join(', ')} headers`;
  const details: string[] = [];
  if (!statusOk) {
    const code = errorCodeOf(response.json);
    details.push(`got ${response.code}${code ? ` (${code})` : ''}`);
  }
  if (missing.length > 0) details.push(`missing header${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
  const statusResult: CheckResult = { name, ok: statusOk && missing.length === 0 };
  if (details.length > 0) statusResult.detail = details.join('; ');
  results.push(statusResult);

  if (statusOk) {
    const shape = shapeCheck(expectation, response.json);
    if (shape) {
      const result: CheckResult = { name: `${expectation.label}: ${shape.text}`, ok: shape.problems.length === 0 };
      if (shape.problems.length > 0) result.detail = shape.problems.join('; ');
      results.push(result);
    }
  }
  return results;
}

function lastPathSegment(location: string): string | undefined {
  const path = location.split('#')[0]!.split('?')[0]!.replace(/\/+$/, '');
  const segment = path.slice(path.lastIndexOf('/') + 1);
  return segment === '' ? undefined : decodeURIComponent(segment);
}

/** Collection variables to set from a response (only for a status the expectation allows). */
export function captures(expectation: Expectation, response: CheckedResponse): Array<[string, string]> {
  const capture = expectation.capture;
  if (!capture) return [];
  const allowed = typeof expectation.status === 'number' ? [expectation.status] : expectation.status;
  if (allowed.indexOf(response.code) === -1) return [];
  const found: Array<[string, string]> = [];
  const taken: Record<string, true> = {};
  if (capture.fromJson && isObject(response.json)) {
    for (const path of capture.fromJson.paths) {
      const value = response.json[path];
      if (typeof value === 'string' || typeof value === 'number') {
        found.push([capture.fromJson.variable, String(value)]);
        taken[capture.fromJson.variable] = true;
        break;
      }
    }
  }
  if (capture.fromLocationHeader && !taken[capture.fromLocationHeader]) {
    const location = response.headers.location;
    const id = location ? lastPathSegment(location) : undefined;
    if (id !== undefined) found.push([capture.fromLocationHeader, id]);
  }
  return found;
}
