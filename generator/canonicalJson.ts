/**
 * Fixed formatting for every generated JSON file: keys in a stable order (the usual Postman order
 * for the keys people read first, then alphabetical), 2-space indentation, trailing newline.
 */
const KEY_ORDER = [
  'info',
  '_postman_id',
  'id',
  'name',
  'key',
  'value',
  'type',
  'enabled',
  'disabled',
  'listen',
  'schema',
  'version',
  'description',
  'values',
  'item',
  'request',
  'method',
  'header',
  'body',
  'url',
  'raw',
  'protocol',
  'host',
  'port',
  'path',
  'query',
  'response',
  'script',
  'exec',
  'event',
  'variable',
  'auth',
  'protocolProfileBehavior',
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a) ?? KEY_ORDER.length;
  const rb = RANK.get(b) ?? KEY_ORDER.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy with object keys in canonical order and `undefined` members dropped. */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((entry) => canonicalize(entry));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareKeys)) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = canonicalize(member);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}
