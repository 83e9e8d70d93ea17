import type { OpenAPIV3 } from 'openapi-types';

/** A schema after dereferencing (no `$ref` left, circular parts shared). */
export type Schema = OpenAPIV3.SchemaObject;

/** The internal id placed in example references; the request descriptions say to replace it. */
export const EXAMPLE_REFERENCE_ID = '1';

/** One writable top-level field of a record schema, as a request description lists it. */
export interface FieldInfo {
  name: string;
  title?: string;
  required: boolean;
  custom: boolean;
  /** Human-readable type: `string`, `date`, `reference`, `select (A, B)`, `sublist`, … */
  type: string;
}

const CUSTOM_FIELD = /^cust[a-z]*_/;

function isObjectSchema(schema: Schema | undefined): boolean {
  return !!schema && (schema.type === 'object' || (!!schema.properties && schema.type === undefined));
}

/** allOf merges, one per schema object, so a schema keeps one identity (the cycle check relies on it). */
const MERGED = new WeakMap<object, Schema>();

/** allOf merged into one object schema; the first of oneOf/anyOf; else the schema itself (NetSuite uses plain schemas). */
function effective(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  const cached = MERGED.get(schema);
  if (cached) return cached;
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = schema[key] as Schema[] | undefined;
    if (list && list.length > 0 && !schema.properties && !schema.type) {
      if (key === 'allOf') {
        const merged: Schema = { type: 'object', properties: {}, required: [] };
        MERGED.set(schema, merged);
        for (const part of list.map((entry) => effective(entry as Schema))) {
          Object.assign(merged.properties!, part?.properties ?? {});
          merged.required!.push(...(part?.required ?? []));
        }
        return merged;
      }
      return effective(list[0] as Schema);
    }
  }
  return schema;
}

const propertiesOf = (schema: Schema | undefined): Record<string, Schema> => (effective(schema)?.properties ?? {}) as Record<string, Schema>;

/** A reference to another record: an object with a string `id` and NetSuite's `refName`/`externalId`/`links`. */
export function isReference(schema: Schema | undefined): boolean {
  const properties = propertiesOf(schema);
  const id = effective(properties.id);
  return isObjectSchema(effective(schema)) && !!id && (id.type === 'string' || id.type === 'integer') && Object.keys(properties).every((key) => ['id', 'refName', 'externalId', 'links'].includes(key));
}

/** A sublist: an object whose `items` is an array of objects. */
export function sublistElement(schema: Schema | undefined): Schema | undefined {
  const items = effective(propertiesOf(schema).items);
  if (!items || items.type !== 'array') return undefined;
  const element = effective(items.items as Schema | undefined);
  return isObjectSchema(element) ? element : undefined;
}

export function isCustomField(name: string, schema: Schema | undefined): boolean {
  return (schema as Record<string, unknown> | undefined)?.['x-ns-custom-field'] === true || CUSTOM_FIELD.test(name);
}

function typeText(schema: Schema | undefined): string {
  const value = effective(schema);
  if (!value) return 'any';
  if (isReference(value)) {
    const values = effective(propertiesOf(value).id)?.enum;
    return values?.length ? `select: \`{ "id": … }\` with one of ${values.map((entry) => `\`${String(entry)}\``).join(', ')}` : 'reference: `{ "id": "<internal id>" }`';
  }
  if (sublistElement(value)) return 'sublist: `{ "items": [ … ] }`';
  if (value.enum?.length) return `one of ${value.enum.map((entry) => `\`${String(entry)}\``).join(', ')}`;
  if (value.type === 'array') return `array of ${typeText(value.items as Schema)}`;
  if (value.type === 'string' && value.format) return value.format === 'date-time' ? 'date-time' : value.format;
  return String(value.type ?? 'object');
}

/** The writable top-level fields of a record schema, in the schema's order. */
export function writableFields(schema: Schema | undefined): FieldInfo[] {
  const value = effective(schema);
  const required = new Set(value?.required ?? []);
  return Object.entries(propertiesOf(value))
    .filter(([, property]) => !effective(property)?.readOnly && !property.readOnly)
    .map(([name, property]) => ({
      name,
      ...(effective(property)?.title ?? property.title ? { title: (property.title ?? effective(property)?.title) as string } : {}),
      required: required.has(name),
      custom: isCustomField(name, property),
      type: typeText(property),
    }));
}

/** A typed placeholder for one value; `seen` stops at schemas that contain themselves. */
export function exampleValue(schema: Schema | undefined, name: string, seen: Set<object> = new Set()): unknown {
  const value = effective(schema);
  if (!value) return `netsuite-postman ${name}`;
  if (value.example !== undefined) return value.example;
  if (value.default !== undefined) return value.default;
  if (value.enum?.length) return value.enum[0];
  if (isReference(value)) {
    const values = effective(propertiesOf(value).id)?.enum;
    return { id: values?.length ? String(values[0]) : EXAMPLE_REFERENCE_ID };
  }
  if (seen.has(value)) return {};
  const inner = new Set(seen).add(value);
  const element = sublistElement(value);
  if (element) return { items: [requiredExample(element, inner)] };
  switch (value.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof value.minimum === 'number' && value.minimum > 1 ? value.minimum : 1;
    case 'array':
      return [exampleValue(value.items as Schema, name, inner)];
    case 'string':
      switch (value.format) {
        case 'email':
          return 'netsuite-postman@example.com';
        case 'date':
          return '2026-01-01';
        case 'date-time':
          return '2026-01-01T00:00:00Z';
        default:
          return `netsuite-postman ${name}`;
      }
    default:
      return isObjectSchema(value) ? requiredExample(value, inner) : `netsuite-postman ${name}`;
  }
}

/** An object with every required, writable property of `schema` set to a typed placeholder. */
export function requiredExample(schema: Schema | undefined, seen: Set<object> = new Set()): Record<string, unknown> {
  const value = effective(schema);
  const out: Record<string, unknown> = {};
  const properties = propertiesOf(value);
  for (const name of value?.required ?? []) {
    const property = properties[name];
    if (property && (property.readOnly || effective(property)?.readOnly)) continue;
    out[name] = exampleValue(property, name, seen);
  }
  return out;
}

/**
 * A small body for an update or a transform: the required plain fields (strings, numbers,
 * booleans), or else the first optional plain text field (a memo, a comment), so the example
 * changes something harmless. `{}` when the schema has neither.
 */
export function updateExample(schema: Schema | undefined): Record<string, unknown> {
  const value = effective(schema);
  const properties = propertiesOf(value);
  const plain = (property: Schema | undefined) => {
    const inner = effective(property);
    return !!inner && !inner.readOnly && !property?.readOnly && ['string', 'number', 'integer', 'boolean'].includes(String(inner.type));
  };
  const required = (value?.required ?? []).filter((name) => plain(properties[name]));
  if (required.length > 0) return Object.fromEntries(required.map((name) => [name, exampleValue(properties[name], name)]));
  const text = Object.entries(properties).find(
    ([name, property]) => plain(property) && effective(property)!.type === 'string' && !effective(property)!.format && !effective(property)!.enum && name !== 'externalId' && !isCustomField(name, property),
  );
  return text ? { [text[0]]: exampleValue(text[1], text[0]) } : {};
}
