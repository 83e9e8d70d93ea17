import type { OpenAPIV3 } from 'openapi-types';
import type { HttpMethod } from '../definitions/types.ts';
import type { ResolvedOpenApi } from './readOpenApi.ts';

/** What an operation of NetSuite's record API does, told from its path and method. */
export type OperationKind =
  | 'list'
  | 'create'
  | 'get'
  | 'update'
  | 'replace'
  | 'upsert'
  | 'getByExternalId'
  | 'updateByExternalId'
  | 'deleteByExternalId'
  | 'transform'
  | 'other'
  | 'delete';

/** The order of requests in a record type's folder: a run creates, reads, changes, transforms, then deletes. */
export const KIND_ORDER: readonly OperationKind[] = [
  'list',
  'create',
  'get',
  'update',
  'replace',
  'upsert',
  'getByExternalId',
  'updateByExternalId',
  'transform',
  'other',
  'deleteByExternalId',
  'delete',
];

export interface RecordOperation {
  /** First path segment: `customer`, `salesorder`, `customrecord_x`. */
  recordType: string;
  kind: OperationKind;
  method: HttpMethod;
  /** The path as the document has it, e.g. `/salesorder/{id}/!transform/invoice`. */
  path: string;
  operation: OpenAPIV3.OperationObject;
  /** Path-level and operation-level parameters (the operation's win). */
  parameters: OpenAPIV3.ParameterObject[];
  /** For `transform`: the record type made. */
  target?: string;
}

const METHODS: Array<['get' | 'post' | 'put' | 'patch' | 'delete', HttpMethod]> = [
  ['get', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
];

const PARAM = /^\{[^{}]+\}$/;

function classify(segments: string[], method: HttpMethod): { kind: OperationKind; target?: string } {
  const [, second, third, fourth] = segments;
  if (segments.length === 1) return { kind: method === 'GET' ? 'list' : method === 'POST' ? 'create' : 'other' };
  if (segments.length === 2 && PARAM.test(second!)) {
    const kinds: Partial<Record<HttpMethod, OperationKind>> = { GET: 'get', PATCH: 'update', PUT: 'replace', DELETE: 'delete' };
    return { kind: kinds[method] ?? 'other' };
  }
  if (segments.length === 2 && /^eid:\{[^{}]+\}$/.test(second!)) {
    const kinds: Partial<Record<HttpMethod, OperationKind>> = { PUT: 'upsert', GET: 'getByExternalId', PATCH: 'updateByExternalId', DELETE: 'deleteByExternalId' };
    return { kind: kinds[method] ?? 'other' };
  }
  if (segments.length === 4 && PARAM.test(second!) && third === '!transform' && method === 'POST') return { kind: 'transform', target: fourth! };
  return { kind: 'other' };
}

function mergeParameters(pathItem: OpenAPIV3.PathItemObject, operation: OpenAPIV3.OperationObject): OpenAPIV3.ParameterObject[] {
  const merged = new Map<string, OpenAPIV3.ParameterObject>();
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])] as OpenAPIV3.ParameterObject[]) {
    merged.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...merged.values()];
}

/** Methods the document has that a Postman request of this project cannot carry (HEAD, OPTIONS, TRACE). */
export function unsupportedMethods(document: ResolvedOpenApi): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['head', 'options', 'trace']) if ((item as Record<string, unknown> | undefined)?.[method]) out.push(`${method.toUpperCase()} ${path}`);
  }
  return out;
}

/**
 * The document's operations grouped by record type, record types in the order the document first
 * names them, operations in KIND_ORDER (then path, then method).
 */
export function recordOperations(document: ResolvedOpenApi): Map<string, RecordOperation[]> {
  const byType = new Map<string, RecordOperation[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    const segments = path.split('/').filter(Boolean);
    if (segments.length === 0 || PARAM.test(segments[0]!)) continue;
    const recordType = decodeURIComponent(segments[0]!);
    for (const [key, method] of METHODS) {
      const operation = (item as Record<string, unknown>)[key] as OpenAPIV3.OperationObject | undefined;
      if (!operation) continue;
      const { kind, target } = classify(segments, method);
      const list = byType.get(recordType) ?? [];
      list.push({ recordType, kind, method, path, operation, parameters: mergeParameters(item, operation), ...(target ? { target } : {}) });
      byType.set(recordType, list);
    }
  }
  const rank = (operation: RecordOperation) => KIND_ORDER.indexOf(operation.kind);
  for (const list of byType.values()) {
    list.sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  }
  return byType;
}
