import { existsSync, readFileSync, statSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { GeneratorError } from '../GeneratorError.ts';

/** An OpenAPI 3 document whose `$ref`s are all resolved (circular ones become shared objects). */
export type ResolvedOpenApi = OpenAPIV3.Document;

/** A JSON pointer segment, escaped (RFC 6901). */
const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** Reads a saved catalog document from disk; every problem names the file. */
export function readOpenApiFile(file: string): unknown {
  if (!existsSync(file)) {
    throw new GeneratorError('METADATA_UNREADABLE', `${file} does not exist. Save the catalog first with \`npx netsuite-postman metadata --environment FILE --records … --out ${file}\`.`, file);
  }
  if (statSync(file).isDirectory()) throw new GeneratorError('METADATA_UNREADABLE', `${file} is a directory; name the saved OpenAPI document (a .json file).`, file);
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    throw new GeneratorError(
      'METADATA_NOT_OPENAPI3',
      `${file} is not JSON${where ? ` (at ${where})` : ''}; expected the OpenAPI 3 document the metadata catalog answers to Accept: application/swagger+json.`,
      file,
    );
  }
}

/** Every `$ref` in the document with the JSON pointer of the object holding it. */
function refsOf(value: unknown, pointer: string, out: Array<{ at: string; ref: unknown }>): void {
  if (Array.isArray(value)) {
    value.forEach((entry, index) => refsOf(entry, `${pointer}/${index}`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, member] of Object.entries(value)) {
    if (key === '$ref') out.push({ at: pointer || '/', ref: member });
    else refsOf(member, `${pointer}/${escapePointer(key)}`, out);
  }
}

function resolvePointer(document: unknown, ref: string): boolean {
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const segment = unescapePointer(decodeURIComponent(raw));
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

/**
 * Checks that `document` is an OpenAPI 3 document whose `$ref`s are local and resolve, validates it
 * with swagger-parser, and returns it dereferenced. `source` names the document in messages.
 */
export async function resolveOpenApi(document: unknown, source: string): Promise<ResolvedOpenApi> {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new GeneratorError('METADATA_NOT_OPENAPI3', `${source} is not an OpenAPI document (expected a JSON object with "openapi": "3.x").`, source);
  }
  const object = document as Record<string, unknown>;
  if (typeof object.openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(object.openapi)) {
    const found =
      typeof object.swagger === 'string'
        ? `Swagger ${object.swagger}`
        : 'openapi' in object
          ? `"openapi": ${JSON.stringify(object.openapi)}`
          : Array.isArray(object.items)
            ? 'the catalog index (asked without Accept: application/swagger+json)'
            : '$schema' in object
              ? 'a JSON Schema (asked with Accept: application/schema+json)'
              : 'no "openapi" member';
    throw new GeneratorError(
      'METADATA_NOT_OPENAPI3',
      `${source} is not an OpenAPI 3 document: found ${found}. Fetch the catalog with Accept: application/swagger+json (\`npx netsuite-postman metadata\` does).`,
      source,
    );
  }
  const refs: Array<{ at: string; ref: unknown }> = [];
  refsOf(document, '', refs);
  for (const { at, ref } of refs) {
    if (typeof ref !== 'string' || !ref.startsWith('#/')) {
      throw new GeneratorError(
        'METADATA_UNRESOLVED_REF',
        `${source}: $ref ${JSON.stringify(ref)} at ${at} is not a local reference (#/…); the metadata catalog only uses references inside the document, and nothing outside it is fetched.`,
        `${source}#${at}`,
      );
    }
    if (!resolvePointer(document, ref)) {
      throw new GeneratorError(
        'METADATA_UNRESOLVED_REF',
        `${source}: $ref "${ref}" at ${at} does not resolve: the document has nothing at ${ref.slice(1)}. Fetch the catalog again, or select the record types that schema belongs to.`,
        `${source}#${at}`,
      );
    }
  }
  try {
    return (await SwaggerParser.validate(structuredClone(document) as OpenAPIV3.Document, {
      resolve: { external: false },
      dereference: { circular: true },
    })) as ResolvedOpenApi;
  } catch (error) {
    const details = (error as Error).message.replace(/^Swagger schema validation failed\.\s*/, '').split('\n').map((line) => line.trim()).filter(Boolean);
    throw new GeneratorError(
      'METADATA_INVALID',
      `${source} is not a valid OpenAPI 3 document: ${details.slice(0, 5).join('; ')}${details.length > 5 ? `; and ${details.length - 5} more` : ''}.`,
      source,
    );
  }
}
