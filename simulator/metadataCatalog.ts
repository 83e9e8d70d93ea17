import { type FieldDef, RECORD_TYPES, type RecordTypeDef, recordType, type SublistDef } from './recordTypes.ts';

type Json = Record<string, unknown>;

export const COLLECTION_TYPE = 'application/vnd.oracle.resource+json; type=collection';
export const SINGULAR_TYPE = 'application/vnd.oracle.resource+json; type=singular';
export const ERROR_TYPE = 'application/vnd.oracle.resource+json; type=error';

/** The metadata catalog index (default `Accept`). */
export function metadataCatalogIndex(recordBase: string, types: string[]): Json {
  return {
    items: types.map((name) => ({
      name,
      links: [
        { rel: 'canonical', href: `${recordBase}/${name}`, mediaType: 'application/json' },
        { rel: 'alternate', href: `${recordBase}/metadata-catalog/${name}`, mediaType: 'application/swagger+json' },
        { rel: 'describes', href: `${recordBase}/metadata-catalog/${name}`, mediaType: 'application/schema+json' },
      ],
    })),
    links: [{ rel: 'self', href: `${recordBase}/metadata-catalog` }],
  };
}

const ref = (schema: string): Json => ({ $ref: `#/components/schemas/${schema}` });

function fieldSchema(owner: string, field: FieldDef): Json {
  const common: Json = { title: field.title };
  if (field.readOnly) common.readOnly = true;
  if (field.custom) common['x-ns-custom-field'] = true;
  switch (field.kind) {
    case 'reference':
      // NetSuite points every select field at the shared nsResource schema.
      return { ...common, ...ref('nsResource') };
    case 'enum':
      return { ...common, ...ref(`${owner}-${field.name}`) };
    case 'email':
      return { ...common, type: 'string', format: 'email' };
    case 'date':
      return { ...common, type: 'string', format: 'date' };
    case 'datetime':
      return { ...common, type: 'string', format: 'date-time' };
    case 'integer':
      return { ...common, type: 'integer', format: 'int64' };
    case 'number':
      return { ...common, type: 'number', format: 'double' };
    default:
      return { ...common, type: field.kind };
  }
}

function objectSchema(owner: string, fields: readonly FieldDef[], extra: Json = {}): Json {
  const properties: Json = {
    links: { title: 'Links', type: 'array', readOnly: true, items: ref('nsLink') },
  };
  for (const field of fields) properties[field.name] = fieldSchema(owner, field);
  Object.assign(properties, extra);
  const required = fields.filter((field) => field.required && !field.readOnly).map((field) => field.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** The schemas one record type contributes: the record, its list, its sublists and select lists. */
function recordSchemas(type: RecordTypeDef): Json {
  const schemas: Json = {};
  const sublistRefs: Json = {};
  const enums = (owner: string, fields: readonly FieldDef[]) => {
    for (const field of fields.filter((candidate) => candidate.kind === 'enum')) {
      schemas[`${owner}-${field.name}`] = {
        type: 'object',
        properties: {
          id: { title: 'Internal identifier', type: 'string', enum: field.values ?? [] },
          refName: { title: 'Reference Name', type: 'string', readOnly: true },
        },
      };
    }
  };
  enums(type.schema, type.fields);
  for (const sublist of type.sublists) {
    const element = `${type.schema}-${sublist.name}Element`;
    const collection = `${type.schema}-${sublist.name}Collection`;
    schemas[element] = objectSchema(`${type.schema}-${sublist.name}`, sublist.fields);
    enums(`${type.schema}-${sublist.name}`, sublist.fields);
    schemas[collection] = sublistCollection(element, sublist);
    sublistRefs[sublist.name] = { title: sublist.title, ...ref(collection) };
  }
  const record = objectSchema(type.schema, type.fields, sublistRefs);
  const required = [...((record.required as string[] | undefined) ?? []), ...type.sublists.filter((s) => s.required).map((s) => s.name)];
  schemas[type.schema] = { ...record, ...(required.length ? { required } : {}), ...(type.custom ? { 'x-ns-custom-record': true } : {}) };
  schemas[`${type.schema}Collection`] = {
    type: 'object',
    properties: {
      links: { type: 'array', readOnly: true, items: ref('nsLink') },
      count: { type: 'integer', format: 'int64', readOnly: true },
      hasMore: { type: 'boolean', readOnly: true },
      offset: { type: 'integer', format: 'int64', readOnly: true },
      totalResults: { type: 'integer', format: 'int64', readOnly: true },
      items: { type: 'array', readOnly: true, items: ref('nsResourceLink') },
    },
  };
  return schemas;
}

function sublistCollection(element: string, sublist: SublistDef): Json {
  return {
    type: 'object',
    title: sublist.title,
    properties: {
      links: { type: 'array', readOnly: true, items: ref('nsLink') },
      totalResults: { type: 'integer', format: 'int64', readOnly: true },
      count: { type: 'integer', format: 'int64', readOnly: true },
      hasMore: { type: 'boolean', readOnly: true },
      offset: { type: 'integer', format: 'int64', readOnly: true },
      items: { type: 'array', items: ref(element) },
    },
  };
}

/** Schemas every catalog document carries. */
function sharedSchemas(): Json {
  return {
    nsLink: {
      type: 'object',
      properties: { rel: { type: 'string', readOnly: true }, href: { type: 'string', readOnly: true } },
    },
    nsResource: {
      type: 'object',
      properties: {
        id: { title: 'Internal identifier', type: 'string' },
        refName: { title: 'Reference Name', type: 'string', readOnly: true },
        externalId: { title: 'External identifier', type: 'string' },
        links: { title: 'Links', type: 'array', readOnly: true, items: ref('nsLink') },
      },
    },
    nsResourceLink: {
      type: 'object',
      properties: { id: { type: 'string', readOnly: true }, links: { type: 'array', readOnly: true, items: ref('nsLink') } },
    },
    nsError: {
      type: 'object',
      properties: {
        type: { type: 'string', readOnly: true },
        title: { type: 'string', readOnly: true },
        status: { type: 'integer', readOnly: true },
        'o:errorDetails': { type: 'array', readOnly: true, items: ref('nsErrorDetail') },
      },
    },
    nsErrorDetail: {
      type: 'object',
      properties: {
        detail: { type: 'string', readOnly: true },
        'o:errorCode': { type: 'string', readOnly: true },
        'o:errorPath': { type: 'string', readOnly: true },
      },
    },
  };
}

const ERROR_RESPONSE = { description: 'Error response.', content: { [ERROR_TYPE]: { schema: ref('nsError') } } };
const LOCATION_HEADER = { Location: { description: 'URL of the record.', schema: { type: 'string' } } };

const idParameter = (description: string): Json => ({
  name: 'id',
  in: 'path',
  description,
  required: true,
  schema: { type: 'integer', format: 'int64' },
});

function recordPaths(type: RecordTypeDef): Json {
  const tags = [type.name];
  const body = (schema: string) => ({ required: true, content: { [SINGULAR_TYPE]: { schema: ref(schema) } } });
  const noContent = (description: string, location = false): Json => ({
    '204': { description, ...(location ? { headers: LOCATION_HEADER } : {}) },
    default: ERROR_RESPONSE,
  });
  const collectionPath: Json = {
    get: {
      tags,
      summary: 'Get list of records.',
      description: `Returns a page of ${type.title} records.`,
      parameters: [
        { name: 'q', in: 'query', description: 'Search query used to filter results.', schema: { type: 'string' } },
        { name: 'limit', in: 'query', description: 'The limit used to specify the number of results on a single page.', schema: { type: 'integer', default: 1000 } },
        { name: 'offset', in: 'query', description: 'The offset used for selecting a specific page of results.', schema: { type: 'integer', default: 0 } },
      ],
      responses: {
        '200': { description: 'Get list of records.', content: { [COLLECTION_TYPE]: { schema: ref(`${type.schema}Collection`) } } },
        default: ERROR_RESPONSE,
      },
    },
  };
  if (type.creatable) {
    collectionPath.post = {
      tags,
      summary: 'Insert record.',
      parameters: [{ name: 'replace', in: 'query', description: 'The names of sublists on this record to replace.', schema: { type: 'string' } }],
      requestBody: body(type.schema),
      responses: noContent('Inserted record.', true),
    };
  }
  const paths: Json = {
    [`/${type.name}`]: collectionPath,
    [`/${type.name}/{id}`]: {
      get: {
        tags,
        summary: 'Get record.',
        parameters: [
          idParameter('Internal identifier'),
          { name: 'expandSubResources', in: 'query', description: 'Set to true to automatically expand all sublists, sublist lines, and subrecords on this record.', schema: { type: 'boolean' } },
          { name: 'simpleEnumFormat', in: 'query', description: 'Set to true to return enumeration values in a format that only shows the internal ID value.', schema: { type: 'boolean' } },
          { name: 'fields', in: 'query', description: 'The names of the fields and sublists on the record. Only the selected fields and sublists will be returned in the response.', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'Get record.', content: { [SINGULAR_TYPE]: { schema: ref(type.schema) } } },
          default: ERROR_RESPONSE,
        },
      },
      patch: {
        tags,
        summary: 'Update record.',
        parameters: [
          idParameter('Internal identifier'),
          { name: 'replace', in: 'query', description: 'The names of sublists on this record to replace.', schema: { type: 'string' } },
        ],
        requestBody: body(type.schema),
        responses: noContent('Updated record.'),
      },
      delete: {
        tags,
        summary: 'Remove record.',
        parameters: [idParameter('Internal identifier')],
        responses: noContent('Removed record.'),
      },
    },
  };
  if (type.creatable) {
    paths[`/${type.name}/eid:{externalId}`] = {
      put: {
        tags,
        summary: 'Insert or update record.',
        parameters: [{ name: 'externalId', in: 'path', description: 'External identifier', required: true, schema: { type: 'string' } }],
        requestBody: body(type.schema),
        responses: noContent('Inserted or updated record.', true),
      },
    };
  }
  for (const target of type.transforms) {
    const targetType = recordType(target)!;
    paths[`/${type.name}/{id}/!transform/${target}`] = {
      post: {
        tags,
        summary: `Transform to ${targetType.name}.`,
        parameters: [idParameter(`Internal identifier of the ${type.title} to transform`)],
        requestBody: body(targetType.schema),
        responses: noContent(`Transformed record (the new ${targetType.title}).`, true),
      },
    };
  }
  return paths;
}

/** Record types whose schemas `types` need (transform targets included), in catalog order. */
function withTargets(types: readonly RecordTypeDef[]): RecordTypeDef[] {
  const names = new Set(types.flatMap((type) => [type.name, ...type.transforms]));
  return RECORD_TYPES.filter((type) => names.has(type.name));
}

/**
 * The OpenAPI 3.0 document the catalog answers to `Accept: application/swagger+json`, for the
 * selected record types (all when none is selected), in NetSuite's shape: one tag per record
 * type, list/get/insert/update/delete/upsert/transform paths, and `$ref`s between the record,
 * sublist, select-list and shared schemas.
 */
export function recordsOpenApi(serverUrl: string, selected: readonly string[] = []): Json {
  const types = selected.length ? RECORD_TYPES.filter((type) => selected.includes(type.name)) : [...RECORD_TYPES];
  const paths: Json = {};
  for (const type of types) Object.assign(paths, recordPaths(type));
  const schemas: Json = sharedSchemas();
  for (const type of withTargets(types)) Object.assign(schemas, recordSchemas(type));
  return {
    openapi: '3.0.1',
    info: {
      title: 'NetSuite REST Record API',
      version: 'v1',
      description: 'Metadata of the simulated account: record types, their fields (custom fields included), sublists and transforms.',
    },
    servers: [{ url: serverUrl }],
    tags: types.map((type) => ({ name: type.name, description: type.title })),
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) },
  };
}

/** The JSON Schema (`Accept: application/schema+json`) of one record type, its references under `definitions`. */
export function recordJsonSchema(name: string): Json {
  const type = recordType(name)!;
  const { components } = recordsOpenApi('', [type.name]) as { components: { schemas: Json } };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, member]) => [
          key,
          key === '$ref' && typeof member === 'string' ? member.replace('#/components/schemas/', '#/definitions/') : rewrite(member),
        ]),
      );
    }
    return value;
  };
  const { [type.schema]: record, ...definitions } = rewrite(components.schemas) as Json;
  return { $schema: 'http://json-schema.org/draft-06/schema#', title: type.schema, ...(record as Json), definitions };
}
