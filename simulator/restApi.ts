import { UUID_PATTERN } from './asyncJobs.ts';
import { handleCertificates } from './certificateApi.ts';
import { emptyResponse, jsonResponse, parseJsonBody, type SimRequest, type SimResponse } from './httpTypes.ts';
import { metadataCatalogIndex, recordJsonSchema, recordsOpenApi } from './metadataCatalog.ts';
import { REST_ERROR_CONTENT_TYPE, restError, restErrorBody } from './netsuiteErrors.ts';
import { pageOf, readPaging } from './paging.ts';
import { checkPermission } from './permissions.ts';
import { handleRecords } from './recordApi.ts';
import { RECORD_TYPES } from './recordTypes.ts';
import type { SimulatorState } from './simulatorState.ts';
import { parseSuiteQl, runSuiteQl, SuiteQlError } from './suiteql.ts';

const COLLECTION = 'application/vnd.oracle.resource+json; type=collection';
const RECORD_TYPE_NAMES = RECORD_TYPES.map((type) => type.name);

/** Tokens of the `Prefer` header (`transient`, `respond-async`, …), lower case. */
export function preferences(request: SimRequest): Set<string> {
  return new Set((request.headers.prefer ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean));
}

/** Dispatches an authenticated REST web services request (path after the account prefix). */
export function handleRest(request: SimRequest, state: SimulatorState, subPath: string): SimResponse {
  const segments = subPath.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
  // segments[0..1] = services, rest
  const [, , area, version, ...rest] = segments;
  if (area === 'record' && version === 'v1') {
    if (rest[0] === 'metadata-catalog') return metadataCatalog(request, state, rest[1]);
    if (rest.length >= 1 && rest.length <= 4) {
      const denied = checkPermission(rest[0]!, state);
      if (denied) return denied;
      return withAsync(request, state, () => handleRecords(request, state, rest));
    }
  }
  if (area === 'query' && version === 'v1' && rest.length === 1 && rest[0] === 'suiteql') return suiteQl(request, state);
  if (area === 'async' && version === 'v1' && rest[0] === 'job' && rest[1]) return asyncJob(request, state, rest.slice(1));
  if (area === 'auth' && version === 'oauth2' && rest[0] === 'v1' && rest[1] === 'clients' && rest[2] && rest[3] === 'certificates' && rest.length <= 6) {
    return handleCertificates(request, state, rest[2], rest[4], rest[5]);
  }
  return restError(404, 'INVALID_URL', `The request URL ${request.path} does not match any resource.`, 'not_found');
}

/**
 * `Prefer: respond-async` on a write: run it as a job, answer 202 with the job in `Location`. With
 * `X-NetSuite-Idempotency-Key` (a UUID) a key seen before is not executed again: 400
 * IDEMPOTENCY_ERROR with the earlier job in `Location` (Oracle's documented answer). Without
 * respond-async NetSuite ignores the key, and so does the simulator.
 */
function withAsync(request: SimRequest, state: SimulatorState, run: () => SimResponse): SimResponse {
  const rawKey = request.headers['x-netsuite-idempotency-key'];
  const isWrite = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method);
  const async = preferences(request).has('respond-async');
  if (!isWrite || !async) return run();
  const key = rawKey?.trim();
  if (key !== undefined && !UUID_PATTERN.test(key)) {
    return restError(400, 'INVALID_HEADER', 'X-NetSuite-Idempotency-Key must be a UUID (RFC 4122).', 'idempotency_key_invalid');
  }
  if (key !== undefined) {
    const previous = state.jobs.findByKey(key);
    if (previous) {
      state.stats.idempotencyRepeats += 1;
      // Oracle's example: status 400 with the title and type of a 409 Conflict.
      const body = {
        ...restErrorBody(400, 'IDEMPOTENCY_ERROR', 'A request with the same idempotency key is already submitted. See the "Location" header for a link to the previously submitted job'),
        type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.10',
        title: 'Conflict',
      };
      return {
        status: 400,
        headers: { 'content-type': REST_ERROR_CONTENT_TYPE, location: jobUrl(state, previous.id), 'preference-applied': 'respond-async' },
        body: JSON.stringify(body),
        reason: 'idempotency_repeat',
        outcome: 'error',
      };
    }
  }
  const result = run();
  const job = state.jobs.create(
    { status: result.status, ...(result.headers.location ? { location: result.headers.location } : {}), ...(result.body ? { body: result.body } : {}) },
    state.now(),
    key,
    state.faults.asyncPendingPolls,
  );
  return emptyResponse(202, { location: jobUrl(state, job.id), 'preference-applied': 'respond-async' });
}

const jobUrl = (state: SimulatorState, id: string): string => `${state.baseUrl}/services/rest/async/v1/job/${id}`;

/** `/async/v1/job/{id}[/task[/{taskId}[/result]]]`, in NetSuite's shapes; a job reads `pending` for its first polls when the fault asks. */
function asyncJob(request: SimRequest, state: SimulatorState, path: string[]): SimResponse {
  if (request.method !== 'GET') return restError(405, 'INVALID_METHOD', 'Async jobs are read with GET.', 'method_not_allowed');
  const job = state.jobs.get(path[0]!);
  if (!job) return restError(404, 'NONEXISTENT_ID', 'The job does not exist.', 'job_not_found');
  const url = jobUrl(state, job.id);
  const succeeded = job.result.status < 400;
  const taskUrl = `${url}/task/${job.taskId}`;
  if (path.length === 1) {
    const completed = state.jobs.poll(job.id);
    return jsonResponse(200, {
      links: [{ rel: 'self', href: url }],
      completed,
      id: job.id,
      progress: completed ? (succeeded ? 'succeeded' : 'failed') : 'pending',
      task: { links: [{ rel: 'self', href: `${url}/task` }] },
    });
  }
  if (!job.completed) return restError(404, 'NONEXISTENT_ID', 'The job has no task yet: it is still pending.', 'job_pending');
  if (path[1] !== 'task') return restError(404, 'INVALID_URL', 'Unknown job resource.', 'not_found');
  if (path.length === 2) {
    return jsonResponse(200, { links: [{ rel: 'self', href: `${url}/task` }], count: 1, hasMore: false, items: [{ links: [{ rel: 'self', href: taskUrl }], id: job.taskId }], offset: 0, totalResults: 1 }, COLLECTION);
  }
  if (path[2] !== job.taskId) return restError(404, 'NONEXISTENT_ID', 'The task does not exist.', 'job_not_found');
  if (path.length === 3) {
    return jsonResponse(200, { links: [{ rel: 'self', href: taskUrl }, { rel: 'result', href: `${taskUrl}/result` }], id: job.taskId, completed: true, progress: succeeded ? 'succeeded' : 'failed' });
  }
  if (path.length === 4 && path[3] === 'result') {
    const headers: Record<string, string> = job.result.location ? { location: job.result.location } : {};
    if (job.result.body) return { status: job.result.status, headers: { 'content-type': 'application/vnd.oracle.resource+json; type=error', ...headers }, body: job.result.body, outcome: 'accepted' };
    return emptyResponse(job.result.status, headers);
  }
  return restError(404, 'INVALID_URL', 'Unknown job resource.', 'not_found');
}

function suiteQl(request: SimRequest, state: SimulatorState): SimResponse {
  if (request.method !== 'POST') return restError(405, 'INVALID_METHOD', 'SuiteQL queries are sent with POST.', 'method_not_allowed');
  if (!preferences(request).has('transient')) {
    return restError(400, 'INVALID_PARAMETER', 'SuiteQL requests must carry the header Prefer: transient.', 'suiteql_transient_missing');
  }
  const body = parseJsonBody(request.body) as { q?: unknown } | undefined;
  if (!body || typeof body !== 'object' || typeof body.q !== 'string' || body.q.trim() === '') {
    return restError(400, 'INVALID_PARAMETER', 'The request body must be JSON {"q": "SELECT …"}.', 'suiteql_invalid');
  }
  const paging = readPaging(request.query);
  if ('error' in paging) return restError(400, 'INVALID_PARAMETER', paging.error, 'paging_invalid');
  try {
    const query = parseSuiteQl(body.q);
    const denied = checkPermission(query.table, state);
    if (denied) return denied;
    if (query.table !== 'customer') {
      throw new SuiteQlError(`Invalid search query. Detailed unprocessed description follows. Search error occurred: Record '${query.table}' was not found.`);
    }
    const rows = runSuiteQl(query, state.records.list());
    const url = `${state.baseUrl}/services/rest/query/v1/suiteql`;
    return jsonResponse(200, pageOf(rows, paging.limit, paging.offset, (limit, offset) => `${url}?limit=${limit}&offset=${offset}`));
  } catch (error) {
    if (error instanceof SuiteQlError) return restError(400, 'INVALID_PARAMETER', error.message, 'suiteql_invalid');
    throw error;
  }
}

function metadataCatalog(request: SimRequest, state: SimulatorState, typeInPath: string | undefined): SimResponse {
  if (request.method !== 'GET') return restError(405, 'INVALID_METHOD', 'The metadata catalog is read with GET.', 'method_not_allowed');
  const recordBase = `${state.baseUrl}/services/rest/record/v1`;
  const selected = [...new Set((typeInPath ?? request.query.get('select') ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean))];
  const unknown = selected.filter((type) => !RECORD_TYPE_NAMES.includes(type));
  if (unknown.length > 0) {
    return restError(400, 'INVALID_PARAMETER', `Unknown record type ${unknown.join(', ')} in select. Record types: ${RECORD_TYPE_NAMES.join(', ')}.`, 'metadata_invalid');
  }
  const denied = selected.map((type) => checkPermission(type, state)).find(Boolean);
  if (denied) return denied;
  const accept = (request.headers.accept ?? '').toLowerCase();
  if (accept.includes('application/swagger+json')) return jsonResponse(200, recordsOpenApi(recordBase, selected), 'application/swagger+json');
  if (accept.includes('application/schema+json')) {
    if (selected.length !== 1) {
      return restError(400, 'INVALID_PARAMETER', 'JSON Schema describes one record type: name exactly one (metadata-catalog/<type> or select=<type>).', 'metadata_invalid');
    }
    return jsonResponse(200, recordJsonSchema(selected[0]!), 'application/schema+json');
  }
  return jsonResponse(200, metadataCatalogIndex(recordBase, selected.length ? selected : RECORD_TYPE_NAMES));
}
