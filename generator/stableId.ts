import { createHash } from 'node:crypto';

/** RFC 4122 URL namespace; ids are UUID v5 of `netsuite-postman:<path>` in it. */
const NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * A UUID (v5, name-based) derived from a generated thing's path, e.g.
 * `netsuite-rest/Records/Create customer`: stable across runs and machines, unique per path.
 */
export function stableId(path: string): string {
  const namespace = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`netsuite-postman:${path}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
