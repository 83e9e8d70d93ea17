import type { OpenAPIV3 } from 'openapi-types';
import { EXPECTATIONS } from '../../scripts-src/core/expectations.ts';
import { restCollection } from '../definitions/restCollection.ts';
import type { CollectionDef, CollectionVariableDef, FolderDef, KeyValue, RequestDef } from '../definitions/types.ts';
import { GeneratorError } from '../GeneratorError.ts';
import { answerCheckScript, type AnswerCheck } from './answerCheckScript.ts';
import { EXAMPLE_REFERENCE_ID, exampleValue, type FieldInfo, requiredExample, type Schema, updateExample, writableFields } from './exampleBody.ts';
import type { ResolvedOpenApi } from './readOpenApi.ts';
import type { OperationKind, RecordOperation } from './recordOperations.ts';

export const DEFAULT_SLUG = 'netsuite-records';
const DEFAULT_BASE_PATH = '/services/rest/record/v1';
const JSON_HEADER: KeyValue = { key: 'Content-Type', value: 'application/json' };
const ACCEPT_JSON: KeyValue = { key: 'Accept', value: 'application/json' };
const LIST_LIMIT = 10;

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** `externalId` → `external_id`; anything else not a letter, digit or `_` → `_`. */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}

/** The collection variable that stands for a path parameter of a record type's paths. */
export function pathVariable(recordType: string, parameter: string): string {
  return `nsp_${snake(recordType)}_${snake(parameter)}`;
}

/** The record API's base path, from the document's server (its host is never used). */
function basePath(document: ResolvedOpenApi): string {
  const url = document.servers?.[0]?.url ?? '';
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
  const at = path.indexOf('/services/rest/');
  return at >= 0 ? path.slice(at) : DEFAULT_BASE_PATH;
}

function requestSchema(operation: OpenAPIV3.OperationObject): Schema | undefined {
  const content = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {};
  const media = Object.entries(content).find(([type]) => /json/i.test(type)) ?? Object.entries(content)[0];
  return media?.[1].schema as Schema | undefined;
}

function successStatuses(operation: OpenAPIV3.OperationObject): number[] {
  const codes = Object.keys(operation.responses ?? {})
    .filter((code) => /^2\d\d$/.test(code))
    .map(Number);
  if (codes.length > 0) return codes.sort((a, b) => a - b);
  return Object.keys(operation.responses ?? {}).some((code) => /^2XX$/i.test(code)) ? [200, 201, 202, 204] : [200, 204];
}

function requestName(operation: RecordOperation): string {
  const type = operation.recordType;
  const names: Record<Exclude<OperationKind, 'transform' | 'other'>, string> = {
    list: `List ${type} records`,
    create: `Create ${type} record`,
    get: `Get ${type} record`,
    update: `Update ${type} record`,
    replace: `Replace ${type} record`,
    upsert: `Upsert ${type} record by external id`,
    getByExternalId: `Get ${type} record by external id`,
    updateByExternalId: `Update ${type} record by external id`,
    deleteByExternalId: `Delete ${type} record by external id`,
    delete: `Delete ${type} record`,
  };
  if (operation.kind === 'transform') return `Transform ${type} record to ${operation.target}`;
  if (operation.kind === 'other') return `${operation.method} ${operation.path}`;
  return names[operation.kind];
}

function fieldLine(field: FieldInfo): string {
  return `- \`${field.name}\`${field.title ? ` — ${field.title}` : ''} (${field.type}${field.required ? ', required' : ''})`;
}

function parameterLines(parameters: OpenAPIV3.ParameterObject[], inUrl: ReadonlySet<string>, variableOf: ReadonlyMap<string, string>): string[] {
  return parameters.map((parameter) => {
    const schema = parameter.schema as Schema | undefined;
    const type = schema?.type ? `, ${schema.type}` : '';
    const variable = variableOf.get(parameter.name);
    const note = parameter.in === 'path' && variable ? `, \`{{${variable}}}\`` : inUrl.has(parameter.name) ? ', set in the URL' : '';
    return `- \`${parameter.name}\` (${parameter.in}${type}${parameter.required ? ', required' : ''}${note})${parameter.description ? ` — ${parameter.description}` : ''}`;
  });
}

interface Built {
  request: RequestDef;
  variables: CollectionVariableDef[];
}

/** The record type whose new id an operation's `Location` names: a create's own type, a transform's target. */
function recordMadeBy(operation: RecordOperation): string | undefined {
  if (!successStatuses(operation.operation).includes(204)) return undefined;
  if (operation.kind === 'create') return operation.recordType;
  if (operation.kind === 'transform') return operation.target;
  return undefined;
}

/** The Postman request for one operation of the catalog. */
function buildRequest(
  operation: RecordOperation,
  folder: string,
  base: string,
  declared: ReadonlySet<string>,
  /** Per record type, the requests that set its id variable (its create, the transforms that make one). */
  setters: ReadonlyMap<string, string[]>,
  /** For a `get` with a `fields` parameter: the variant that asks for these fields only. */
  onlyFields?: string[],
): Built {
  const name = onlyFields ? `Get ${operation.recordType} record fields` : requestName(operation);
  const variables: CollectionVariableDef[] = [];
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  const variableOf = new Map<string, string>();
  const urlPath = operation.path.replace(/\{([^{}]+)\}/g, (_all, parameter: string) => {
    const variable = pathVariable(operation.recordType, parameter);
    variableOf.set(parameter, variable);
    return `{{${variable}}}`;
  });
  for (const [parameter, variable] of variableOf) {
    const declaredParameter = pathParams.find((candidate) => candidate.name === parameter);
    const isExternal = /external/i.test(parameter);
    variables.push({
      key: variable,
      value: isExternal ? `nsp-${operation.recordType}-1` : '',
      description: isExternal
        ? `External id of the ${operation.recordType} record the "by external id" requests insert or update (path parameter \`${parameter}\`). Change it to address another record.`
        : `${declaredParameter?.description ?? 'Internal id'} of the ${operation.recordType} record (path parameter \`${parameter}\`). ${
            setters.get(operation.recordType)?.length
              ? `Set from the \`Location\` header by ${setters.get(operation.recordType)!.map((setter) => `"${setter}"`).join(' or ')}; or put`
              : 'Set it to'
          } the internal id of a record of your account.`,
    });
  }

  const query: string[] = [];
  const usedQuery = new Set<string>();
  const has = (parameter: string) => operation.parameters.some((candidate) => candidate.in === 'query' && candidate.name === parameter);
  const set = (parameter: string, value: string) => {
    query.push(`${encodeURIComponent(parameter)}=${encodeURIComponent(value).replace(/%2C/g, ',')}`);
    usedQuery.add(parameter);
  };
  if (operation.kind === 'list' && has('limit')) set('limit', String(LIST_LIMIT));
  if (operation.kind === 'list' && has('offset')) set('offset', '0');
  if (onlyFields) set('fields', onlyFields.join(','));
  else if (operation.kind === 'get' && has('expandSubResources')) set('expandSubResources', 'true');
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query' && candidate.required && !usedQuery.has(candidate.name))) {
    set(parameter.name, String(exampleValue(parameter.schema as Schema, parameter.name)));
  }
  const headers: KeyValue[] = [];
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'header' && candidate.required)) {
    headers.push({ key: parameter.name, value: String(exampleValue(parameter.schema as Schema, parameter.name)), ...(parameter.description ? { description: parameter.description } : {}) });
  }

  const schema = requestSchema(operation.operation);
  let body: unknown;
  if (operation.operation.requestBody) {
    if (operation.kind === 'create' || operation.kind === 'upsert' || operation.kind === 'replace') {
      const example = requiredExample(schema);
      if (operation.kind === 'upsert') delete example.externalId;
      body = example;
    } else body = updateExample(schema);
  }
  // A write without a body is refused before it is sent (an empty body fails at NetSuite's gateway).
  if (body === undefined && ['POST', 'PUT', 'PATCH'].includes(operation.method)) body = {};
  if (body !== undefined) headers.unshift(JSON_HEADER);
  if (operation.method === 'GET') headers.unshift(ACCEPT_JSON);

  const statuses = successStatuses(operation.operation);
  const check: AnswerCheck = { label: `${folder} / ${name}`, status: statuses };
  if (operation.kind === 'list') check.json = 'list';
  else if (operation.kind === 'get' || operation.kind === 'getByExternalId') check.json = 'record';
  else if (operation.method === 'GET') check.json = 'object';
  if (['create', 'upsert', 'transform'].includes(operation.kind) && statuses.includes(204)) check.location = true;
  const made = recordMadeBy(operation);
  if (made && declared.has(pathVariable(made, 'id'))) check.capture = pathVariable(made, 'id');

  const summary = [operation.operation.summary, operation.operation.description].filter(Boolean).join(' ');
  const lines = [
    `${summary || `${operation.method} ${operation.path}`}`,
    '',
    `\`${operation.method} ${operation.path}\` in the metadata catalog. Answers ${statuses.map((code) => `\`${code}${REASONS[code] ? ` ${REASONS[code]}` : ''}\``).join(' or ')}.`,
  ];
  if (check.capture) {
    lines.push(`The new record's id (the last segment of \`Location\`) goes into the collection variable \`${check.capture}\`.`);
  }
  if (operation.kind === 'list') lines.push(`Paging: \`limit\` (1–1000) and \`offset\`; follow the \`next\` link of \`links\` while \`hasMore\` is \`true\`.`);
  if (onlyFields) {
    lines.push(`\`fields\` asks for these fields only (${onlyFields.map((field) => `\`${field}\``).join(', ')}); list any fields and sublists of the record, comma-separated.`);
  } else if (operation.kind === 'get') {
    lines.push('`expandSubResources=true` returns sublists with their lines instead of links.');
  }
  const fields = writableFields(schema);
  if (body !== undefined) {
    const setFields = Object.keys(body as object);
    lines.push(
      '',
      operation.kind === 'create' || operation.kind === 'upsert' || operation.kind === 'replace'
        ? `Body: the record's required fields with typed placeholders${setFields.length ? ` (${setFields.map((field) => `\`${field}\``).join(', ')})` : ''}; add any field listed below.`
        : `Body: ${setFields.length ? setFields.map((field) => `\`${field}\``).join(', ') : 'no field'} as an example; send only the fields to change.`,
    );
    if (JSON.stringify(body).includes(`"id":"${EXAMPLE_REFERENCE_ID}"`)) {
      lines.push(`References to other records are \`{ "id": "<internal id>" }\`; the example uses \`${EXAMPLE_REFERENCE_ID}\`: put an id that exists in your account.`);
    }
    const custom = fields.filter((field) => field.custom);
    if (custom.length > 0) lines.push('', 'Custom fields:', ...custom.map(fieldLine));
    const standard = fields.filter((field) => !field.custom);
    if (standard.length > 0) lines.push('', 'Fields:', ...standard.map(fieldLine));
  }
  const parameterText = parameterLines(operation.parameters, usedQuery, variableOf);
  if (parameterText.length > 0) lines.push('', 'Parameters:', ...parameterText);

  const request: RequestDef = {
    name,
    description: lines.join('\n'),
    method: operation.method,
    url: `{{suitetalk_base_url}}${base}${urlPath}${query.length ? `?${query.join('&')}` : ''}`,
    ...(headers.length ? { headers } : {}),
    ...(body !== undefined ? { body: { mode: 'json' as const, json: body } } : {}),
    testScript: answerCheckScript(check),
  };
  return { request, variables };
}

/** For a get that takes `fields`: the record's required fields, else its first few writable ones. */
function fieldsToAsk(operation: RecordOperation): string[] | undefined {
  if (!operation.parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'fields')) return undefined;
  const response = Object.entries(operation.operation.responses ?? {}).find(([code]) => code === '200')?.[1] as OpenAPIV3.ResponseObject | undefined;
  const media = Object.entries(response?.content ?? {})[0]?.[1];
  const fields = writableFields(media?.schema as Schema | undefined);
  const required = fields.filter((field) => field.required).map((field) => field.name);
  const chosen = required.length > 0 ? required : fields.slice(0, 3).map((field) => field.name);
  return chosen.length > 0 ? chosen : undefined;
}

export interface MetadataCollectionInput {
  document: ResolvedOpenApi;
  operations: Map<string, RecordOperation[]>;
  /** Record types to include, in this order; all of the document's when omitted. */
  records?: readonly string[];
  /** File stem of the collection (default `netsuite-records`). */
  slug?: string;
  /** Where the document came from, for the collection description. */
  source: string;
}

/**
 * The collection definition for a metadata catalog: the REST collection's Auth folder and
 * collection-level scripts, then one folder per record type with a request per operation.
 */
export function metadataCollectionDef(input: MetadataCollectionInput): CollectionDef {
  const types = input.records ?? [...input.operations.keys()];
  const slug = input.slug ?? DEFAULT_SLUG;
  const auth = restCollection.folders.find((folder) => folder.name === 'Auth');
  if (!auth) throw new GeneratorError('BAD_DEFINITION', 'the REST collection has no Auth folder to reuse (generator/definitions/restCollection.ts).');
  const base = basePath(input.document);
  const setters = new Map<string, string[]>();
  for (const type of types) {
    for (const operation of input.operations.get(type) ?? []) {
      const made = recordMadeBy(operation);
      if (made && types.includes(made)) setters.set(made, [...(setters.get(made) ?? []), requestName(operation)]);
    }
  }

  // Path variables first, so create/transform requests know which id variables exist.
  const declared = new Set<string>();
  for (const type of types) {
    for (const operation of input.operations.get(type) ?? []) {
      for (const match of operation.path.matchAll(/\{([^{}]+)\}/g)) declared.add(pathVariable(type, match[1]!));
    }
  }

  const variables = new Map<string, CollectionVariableDef>();
  const folders: FolderDef[] = [auth];
  const reserved = new Set(Object.keys(EXPECTATIONS));
  for (const type of types) {
    const operations = input.operations.get(type) ?? [];
    const items: RequestDef[] = [];
    for (const operation of operations) {
      const variants = [buildRequest(operation, type, base, declared, setters)];
      const fields = operation.kind === 'get' ? fieldsToAsk(operation) : undefined;
      if (fields) variants.push(buildRequest(operation, type, base, declared, setters, fields));
      for (const built of variants) {
        if (reserved.has(built.request.name) || items.some((item) => item.name === built.request.name)) {
          throw new GeneratorError('BAD_DEFINITION', `${input.source}: two operations of ${type} would both be named "${built.request.name}".`, input.source);
        }
        items.push(built.request);
        for (const variable of built.variables) if (!variables.has(variable.key)) variables.set(variable.key, variable);
      }
    }
    const tag = input.document.tags?.find((candidate) => candidate.name === type);
    const custom = /^customrecord/.test(type);
    folders.push({
      name: type,
      description: [
        `${tag?.description ? `${tag.description} records` : `Records of type \`${type}\``}${custom ? ' (a custom record type)' : ''}: the ${operations.length} operation${operations.length === 1 ? '' : 's'} the metadata catalog lists, in an order that runs top to bottom: list, create, read, change, transform, delete.`,
        'Every request checks the statuses the catalog lists for it.',
      ].join(' '),
      items,
    });
  }

  const title = input.document.info?.title ?? 'NetSuite REST Record API';
  return {
    slug,
    name: slug === DEFAULT_SLUG ? 'NetSuite records' : slug,
    description: [
      `The record types of one NetSuite account (${types.map((type) => `\`${type}\``).join(', ')}), generated by \`netsuite-postman generate --metadata\` from the account's metadata catalog ("${title}", OpenAPI ${input.document.openapi}) — custom records and custom fields included.`,
      '',
      'It authenticates exactly like the REST web services collection: the environment chooses the method (`auth_method`: `m2m`, `tba` or `authcode`); the collection-level pre-request script mints and caches tokens or signs TBA, strips cookies and refuses requests that would fail with `INVALID_LOGIN`; the collection-level test script diagnoses refusals. The `Auth` folder holds the token requests.',
      '',
      'Every URL starts with `{{suitetalk_base_url}}` (filled from `account_id` when empty), never with the server named in the catalog. Path parameters are collection variables (`nsp_<record type>_id`, `nsp_<record type>_external_id`); "Create" requests set the id of the record they make. Example bodies carry the required fields with typed placeholders and references as `{ "id": "1" }`: change them to values of your account before writing. Writes to a production account are refused unless `allow_production` is `true`.',
    ].join('\n'),
    prerequest: restCollection.prerequest,
    test: restCollection.test,
    folders,
    variables: [...variables.values()],
  };
}
