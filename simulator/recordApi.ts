import { emptyResponse, isJsonContentType, jsonResponse, parseJsonBody, type SimRequest, type SimResponse } from './httpTypes.ts';
import { COLLECTION_TYPE, SINGULAR_TYPE } from './metadataCatalog.ts';
import { restError } from './netsuiteErrors.ts';
import { pageOf, readPaging } from './paging.ts';
import type { RecordStore, StoredRecord } from './recordStore.ts';
import { type FieldDef, type RecordTypeDef, recordType, type SublistDef } from './recordTypes.ts';
import type { SimulatorState } from './simulatorState.ts';

const recordUrl = (state: SimulatorState, type: string, id?: string): string =>
  `${state.baseUrl}/services/rest/record/v1/${type}${id === undefined ? '' : `/${id}`}`;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const notFound = (): SimResponse =>
  restError(404, 'NONEXISTENT_ID', 'The record instance does not exist. Provide a valid record instance ID.', 'record_not_found');

const userError = (detail: string, path?: string): SimResponse => {
  const response = restError(400, 'USER_ERROR', detail, 'record_invalid');
  if (path && response.body) {
    const body = JSON.parse(response.body) as { 'o:errorDetails': Array<Record<string, string>> };
    body['o:errorDetails'][0]!['o:errorPath'] = path;
    response.body = JSON.stringify(body);
  }
  return response;
};

/**
 * `/services/rest/record/v1/<type>[/<id>[/<sublist> | /!transform/<target>]]` for every simulated
 * record type: list (paging), get (`expandSubResources`, `fields`), insert, update, delete, upsert
 * by external id (`eid:<externalId>`), transform. Writes are checked against the record type's
 * fields as the metadata catalog describes them.
 */
export function handleRecords(request: SimRequest, state: SimulatorState, path: string[]): SimResponse {
  const [typeName, id, third, fourth] = path as [string, string | undefined, string | undefined, string | undefined];
  const type = recordType(typeName);
  const store = type ? state.stores.get(type.name) : undefined;
  if (!type || !store) {
    return restError(404, 'INVALID_RECORD_TYPE', `Record type '${typeName}' does not exist or is not supported by the simulator.`, 'record_type_unknown');
  }
  if (id === undefined) return collection(request, state, type, store);
  if (id.startsWith('eid:') && path.length === 2) return byExternalId(request, state, type, store, id.slice(4));
  if (third === '!transform' && fourth !== undefined && path.length === 4) return transform(request, state, type, store, id, fourth);
  if (path.length === 3 && third !== undefined) return sublist(request, state, type, store, id, third);
  if (path.length > 2) return restError(404, 'INVALID_URL', `The request URL ${request.path} does not match any resource.`, 'not_found');
  return instance(request, state, type, store, id);
}

function collection(request: SimRequest, state: SimulatorState, type: RecordTypeDef, store: RecordStore): SimResponse {
  if (request.method === 'GET') {
    const paging = readPaging(request.query);
    if ('error' in paging) return restError(400, 'INVALID_PARAMETER', paging.error, 'paging_invalid');
    const items = store.list().map((record) => ({ links: [{ rel: 'self', href: recordUrl(state, type.name, record.id) }], id: record.id }));
    const page = pageOf(items, paging.limit, paging.offset, (limit, offset) => `${recordUrl(state, type.name)}?limit=${limit}&offset=${offset}`);
    return jsonResponse(200, page, COLLECTION_TYPE);
  }
  if (request.method === 'POST') {
    if (!type.creatable) {
      return restError(400, 'USER_ERROR', `A ${type.title} record can only be created by transforming another record (!transform).`, 'record_not_creatable');
    }
    const body = recordBody(request);
    if ('response' in body) return body.response;
    const problem = checkFields(state, type, body.value, 'create');
    if (problem) return problem;
    const newId = store.create(withComputed(type, body.value));
    state.stats.recordsCreated += 1;
    return emptyResponse(204, { location: recordUrl(state, type.name, newId) });
  }
  return restError(405, 'INVALID_METHOD', `${request.method} is not allowed on a record collection; use GET or POST.`, 'method_not_allowed');
}

function instance(request: SimRequest, state: SimulatorState, type: RecordTypeDef, store: RecordStore, id: string): SimResponse {
  const record = /^\d+$/.test(id) ? store.get(id) : undefined;
  if (!record && ['GET', 'PATCH', 'DELETE'].includes(request.method)) return notFound();
  switch (request.method) {
    case 'GET':
      return readRecord(request, state, type, record!);
    case 'PATCH': {
      const body = recordBody(request);
      if ('response' in body) return body.response;
      const problem = checkFields(state, type, body.value, 'update');
      if (problem) return problem;
      store.update(id, withComputed(type, body.value));
      state.stats.recordsUpdated += 1;
      return emptyResponse(204, { location: recordUrl(state, type.name, id) });
    }
    case 'DELETE':
      store.delete(id);
      state.stats.recordsDeleted += 1;
      return emptyResponse(204);
    default:
      return restError(405, 'INVALID_METHOD', `${request.method} is not allowed on a record; use GET, PATCH or DELETE.`, 'method_not_allowed');
  }
}

/**
 * `PUT /<type>/eid:<externalId>` (NetSuite's upsert): updates the record with that external id, or
 * inserts one. GET, PATCH and DELETE address the record that has the external id.
 */
function byExternalId(request: SimRequest, state: SimulatorState, type: RecordTypeDef, store: RecordStore, externalId: string): SimResponse {
  if (externalId === '') return restError(400, 'INVALID_PARAMETER', 'The external id after eid: is empty.', 'external_id_invalid');
  const existing = store.findByExternalId(externalId);
  if (request.method === 'GET' || request.method === 'PATCH' || request.method === 'DELETE') {
    if (!existing) return notFound();
    return instance(request, state, type, store, existing);
  }
  if (request.method !== 'PUT') {
    return restError(405, 'INVALID_METHOD', `${request.method} is not allowed on eid:<externalId>; use PUT to insert or update.`, 'method_not_allowed');
  }
  if (!existing && !type.creatable) return restError(400, 'USER_ERROR', `A ${type.title} record can only be created by transforming another record.`, 'record_not_creatable');
  const body = recordBody(request);
  if ('response' in body) return body.response;
  const fields = { ...body.value, externalId };
  const problem = checkFields(state, type, fields, existing ? 'update' : 'create');
  if (problem) return problem;
  let id = existing;
  if (id) {
    store.update(id, withComputed(type, fields));
    state.stats.recordsUpdated += 1;
  } else {
    id = store.create(withComputed(type, fields));
    state.stats.recordsCreated += 1;
  }
  return emptyResponse(204, { location: recordUrl(state, type.name, id) });
}

/** `POST /<type>/<id>/!transform/<target>`: a new target record made from the source (its lines, customer, createdFrom). */
function transform(request: SimRequest, state: SimulatorState, type: RecordTypeDef, store: RecordStore, id: string, targetName: string): SimResponse {
  if (request.method !== 'POST') return restError(405, 'INVALID_METHOD', 'Transforms are sent with POST.', 'method_not_allowed');
  const target = recordType(targetName);
  if (!target || !type.transforms.includes(target.name)) {
    return restError(
      400,
      'INVALID_PARAMETER',
      `Transformation of a ${type.title} record to '${targetName}' is not supported. Supported: ${type.transforms.join(', ') || 'none'}.`,
      'transform_unsupported',
    );
  }
  const source = /^\d+$/.test(id) ? store.get(id) : undefined;
  if (!source) return notFound();
  const body = recordBody(request);
  if ('response' in body) return body.response;
  const problem = checkFields(state, target, body.value, 'update');
  if (problem) return problem;
  const lines = isObject(source.item) && Array.isArray(source.item.items) ? (source.item.items as Array<Record<string, unknown>>) : [];
  const copied: Record<string, unknown> = {
    entity: source.entity,
    createdFrom: { id: source.id },
    item: {
      items: lines.map((line) => ({
        ...structuredClone(line),
        ...(target.name === 'itemfulfillment' ? { itemReceive: true } : {}),
      })),
    },
    ...(target.name === 'itemfulfillment' ? { shipStatus: { id: '_picked' } } : {}),
  };
  const fields = { ...copied, ...body.value };
  const missing = missingRequired(target, fields);
  if (missing) return userError(`Error while accessing a resource. Please enter value(s) for: ${missing}.`);
  const newId = state.stores.get(target.name)!.create(withComputed(target, fields));
  state.stats.recordsCreated += 1;
  return emptyResponse(204, { location: recordUrl(state, target.name, newId) });
}

function sublist(request: SimRequest, state: SimulatorState, type: RecordTypeDef, store: RecordStore, id: string, name: string): SimResponse {
  const def = type.sublists.find((candidate) => candidate.name === name);
  if (!def) return restError(404, 'INVALID_URL', `The ${type.title} record has no sublist or subrecord '${name}'.`, 'not_found');
  if (request.method !== 'GET') return restError(405, 'INVALID_METHOD', 'Sublists are read with GET; change them with PATCH on the record.', 'method_not_allowed');
  const record = /^\d+$/.test(id) ? store.get(id) : undefined;
  if (!record) return notFound();
  return jsonResponse(200, expandedSublist(state, type, record, def), COLLECTION_TYPE);
}

function sublistUrl(state: SimulatorState, type: RecordTypeDef, id: string, name: string): string {
  return `${recordUrl(state, type.name, id)}/${name}`;
}

function expandedSublist(state: SimulatorState, type: RecordTypeDef, record: StoredRecord, def: SublistDef): Record<string, unknown> {
  const value = record[def.name];
  const items = isObject(value) && Array.isArray(value.items) ? (value.items as unknown[]) : [];
  return {
    links: [{ rel: 'self', href: sublistUrl(state, type, record.id, def.name) }],
    items: items.map((line) => ({ links: [], ...(line as object) })),
    totalResults: items.length,
    count: items.length,
    hasMore: false,
    offset: 0,
  };
}

/** GET of one record: sublists as links unless `expandSubResources=true`; `fields` limits the answer. */
function readRecord(request: SimRequest, state: SimulatorState, type: RecordTypeDef, record: StoredRecord): SimResponse {
  const expand = (request.query.get('expandSubResources') ?? '').toLowerCase() === 'true';
  const fieldsParam = request.query.get('fields');
  const known = new Set([...type.fields.map((field) => field.name), ...type.sublists.map((def) => def.name)]);
  let selected: Set<string> | undefined;
  if (fieldsParam !== null) {
    const names = fieldsParam.split(',').map((name) => name.trim()).filter(Boolean);
    const unknown = names.filter((name) => !known.has(name));
    if (names.length === 0 || unknown.length > 0) {
      return restError(
        400,
        'INVALID_PARAMETER',
        `Invalid value for the fields parameter: ${unknown.length ? unknown.join(', ') : '(empty)'}. Use field or sublist names of the ${type.title} record.`,
        'fields_invalid',
      );
    }
    selected = new Set(names);
  }
  const answer: Record<string, unknown> = { links: [{ rel: 'self', href: recordUrl(state, type.name, record.id) }] };
  for (const [key, value] of Object.entries(record)) {
    if (selected && key !== 'id' && !selected.has(key)) continue;
    const def = type.sublists.find((candidate) => candidate.name === key);
    if (def) answer[key] = expand ? expandedSublist(state, type, record, def) : { links: [{ rel: 'self', href: sublistUrl(state, type, record.id, key) }] };
    else answer[key] = value;
  }
  return jsonResponse(200, answer, SINGULAR_TYPE);
}

function recordBody(request: SimRequest): { value: Record<string, unknown> } | { response: SimResponse } {
  const value = isJsonContentType(request.headers['content-type']) ? parseJsonBody(request.body) : undefined;
  if (!isObject(value)) {
    return {
      response: restError(400, 'INVALID_CONTENT', 'The request body must be a JSON object sent with Content-Type: application/json.', 'body_invalid'),
    };
  }
  return { value };
}

function typeProblem(state: SimulatorState, field: FieldDef, value: unknown): string | undefined {
  if (value === null) return undefined;
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean';
    case 'integer':
      return Number.isInteger(value) ? undefined : 'an integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : 'a date (YYYY-MM-DD)';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'a date-time';
    case 'enum':
      return isObject(value) && typeof value.id === 'string' && (field.values ?? []).includes(value.id)
        ? undefined
        : `{ "id": … } with one of ${(field.values ?? []).join(', ')}`;
    case 'reference': {
      if (!isObject(value) || (typeof value.id !== 'string' && typeof value.externalId !== 'string')) return '{ "id": "<internal id>" }';
      if (field.target && typeof value.id === 'string' && !state.stores.get(field.target)?.get(value.id)) {
        return `the internal id of an existing ${recordType(field.target)?.title ?? field.target} (${value.id} does not exist)`;
      }
      return undefined;
    }
    default:
      return typeof value === 'string' ? undefined : 'a string';
  }
}

/** Type checks of the fields sent (unknown fields are ignored, as NetSuite does by default), then required fields on insert. */
function checkFields(state: SimulatorState, type: RecordTypeDef, fields: Record<string, unknown>, mode: 'create' | 'update'): SimResponse | undefined {
  for (const [name, value] of Object.entries(fields)) {
    const field = type.fields.find((candidate) => candidate.name === name);
    if (field) {
      if (field.readOnly) continue;
      const problem = typeProblem(state, field, value);
      if (problem) return userError(`Invalid Field Value ${JSON.stringify(value)} for the following field: ${name}. Expected ${problem}.`, name);
      continue;
    }
    const def = type.sublists.find((candidate) => candidate.name === name);
    if (!def) continue;
    if (!isObject(value) || !Array.isArray(value.items) || !value.items.every(isObject)) {
      return userError(`Invalid value for the sublist ${name}: send { "items": [ { … }, … ] }.`, name);
    }
    for (const [index, line] of (value.items as Array<Record<string, unknown>>).entries()) {
      for (const element of def.fields) {
        const path = `${name}.items[${index}].${element.name}`;
        if (line[element.name] === undefined) {
          if (element.required) return userError(`Error while accessing a resource. Please enter value(s) for: ${path}.`, path);
          continue;
        }
        if (element.readOnly) continue;
        const problem = typeProblem(state, element, line[element.name]);
        if (problem) return userError(`Invalid Field Value ${JSON.stringify(line[element.name])} for the following field: ${path}. Expected ${problem}.`, path);
      }
    }
  }
  if (mode === 'create') {
    const missing = missingRequired(type, fields);
    if (missing) return userError(`Error while accessing a resource. Please enter value(s) for: ${missing}.`);
  }
  return undefined;
}

/** Required fields (and sublists with at least one line) missing from an insert; fields with defaults count as set. */
function missingRequired(type: RecordTypeDef, fields: Record<string, unknown>): string | undefined {
  const empty = (value: unknown) => value === undefined || value === null || value === '';
  if (type.name === 'customer' && fields.isPerson === true) {
    // An individual needs a first and last name instead of a company name.
    const missing = ['firstName', 'lastName'].filter((name) => empty(fields[name]));
    return missing.length ? missing.join(', ') : undefined;
  }
  const defaulted = new Set(['subsidiary']);
  const missing = [
    ...type.fields.filter((field) => field.required && !field.readOnly && !defaulted.has(field.name) && empty(fields[field.name])).map((field) => field.name),
    ...type.sublists
      .filter((def) => def.required)
      .filter((def) => {
        const value = fields[def.name];
        return !isObject(value) || !Array.isArray(value.items) || value.items.length === 0;
      })
      .map((def) => def.name),
  ];
  return missing.length ? missing.join(', ') : undefined;
}

/** Lines get their `line` and `amount`, transactions their `total`, as NetSuite computes them. */
function withComputed(type: RecordTypeDef, fields: Record<string, unknown>): Record<string, unknown> {
  const item = fields.item;
  if (!type.sublists.some((def) => def.name === 'item') || !isObject(item) || !Array.isArray(item.items)) return fields;
  const computed = (item.items as Array<Record<string, unknown>>).map((line, index) => {
    const quantity = typeof line.quantity === 'number' ? line.quantity : 1;
    const rate = typeof line.rate === 'number' ? line.rate : 0;
    return { ...line, line: index + 1, quantity, rate, amount: Math.round(quantity * rate * 100) / 100 };
  });
  const total = computed.reduce((sum, line) => sum + (line.amount as number), 0);
  return { ...fields, item: { items: computed }, ...(type.fields.some((field) => field.name === 'total') ? { total } : {}) };
}
