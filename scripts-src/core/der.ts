/**
 * Small, strict base64 and DER helpers for keys and JWTs. They work on hex strings (jsrsasign's
 * currency) and need no Buffer, TextEncoder or atob, so they run in postman-sandbox 4.7.1.
 * Nothing here throws NspError: callers turn `null` / DerError into messages that name the
 * variable. No function here ever puts input bytes into an error message.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX: { [ch: string]: number } = {};
for (let i = 0; i < B64.length; i += 1) B64_INDEX[B64.charAt(i)] = i;
B64_INDEX['-'] = 62;
B64_INDEX['_'] = 63;

function hex2(byte: number): string {
  return (byte < 16 ? '0' : '') + byte.toString(16);
}

/**
 * Decodes base64 (standard, or base64url when `url` is true) to a lower-case hex string.
 * Returns null when the text is not base64: a character outside the alphabet, `=` anywhere but
 * the end, or an impossible length. Padding is optional.
 */
export function base64ToHex(text: string, url = false): string | null {
  let body = text;
  let pad = 0;
  while (pad < 2 && body.length > 0 && body.charAt(body.length - 1) === '=') {
    body = body.slice(0, -1);
    pad += 1;
  }
  if (pad > 0 && text.length % 4 !== 0) return null;
  if (body.length % 4 === 1) return null;
  const alphabet = url ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*$/;
  if (!alphabet.test(body)) return null;
  let hex = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < body.length; i += 1) {
    buffer = (buffer << 6) | (B64_INDEX[body.charAt(i)] as number);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += hex2((buffer >> bits) & 0xff);
    }
    buffer &= 0xff;
  }
  return hex;
}

/** Decodes hex bytes as UTF-8; null when they are not valid UTF-8. */
export function hexToUtf8(hex: string): string | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  let escaped = '';
  for (let i = 0; i < hex.length; i += 2) escaped += '%' + hex.substr(i, 2);
  try {
    return decodeURIComponent(escaped);
  } catch (_e) {
    return null;
  }
}

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** One DER element: tag byte, value as hex, and where it ends in the enclosing hex string. */
export interface DerNode {
  tag: number;
  value: string;
  end: number;
}

/** Reads the TLV starting at hex offset `pos` (strict DER definite lengths only). */
export function readDer(hex: string, pos: number): DerNode {
  if (pos + 4 > hex.length) throw new DerError('truncated element');
  const tag = parseInt(hex.substr(pos, 2), 16);
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in keys');
  const lenByte = parseInt(hex.substr(pos + 2, 2), 16);
  let cursor = pos + 4;
  let length: number;
  if (lenByte < 0x80) {
    length = lenByte;
  } else {
    const count = lenByte & 0x7f;
    if (count === 0 || count > 3) throw new DerError('unsupported length encoding');
    if (cursor + count * 2 > hex.length) throw new DerError('truncated length');
    length = parseInt(hex.substr(cursor, count * 2), 16);
    if (length < 0x80 || (count > 1 && hex.substr(cursor, 2) === '00')) throw new DerError('non-minimal length');
    cursor += count * 2;
  }
  const end = cursor + length * 2;
  if (end > hex.length) throw new DerError('element runs past the end of the data');
  return { tag, value: hex.substring(cursor, end), end };
}

/** Reads all consecutive TLVs filling `hex` exactly (the children of a constructed element). */
export function readDerChildren(hex: string): DerNode[] {
  const children: DerNode[] = [];
  let pos = 0;
  while (pos < hex.length) {
    const node = readDer(hex, pos);
    children.push(node);
    pos = node.end;
  }
  return children;
}

/** Reads `hex` as exactly one element with the expected tag (no trailing bytes). */
export function readDerWhole(hex: string, tag: number): DerNode {
  const node = readDer(hex, 0);
  if (node.tag !== tag) throw new DerError('unexpected element');
  if (node.end !== hex.length) throw new DerError('trailing bytes after the key');
  return node;
}

/** The value of a DER INTEGER as unsigned hex without superfluous leading zero bytes ('00' for zero). */
export function derIntegerHex(node: DerNode): string {
  if (node.tag !== 0x02) throw new DerError('expected an INTEGER');
  if (node.value.length === 0) throw new DerError('empty INTEGER');
  if (parseInt(node.value.substr(0, 2), 16) >= 0x80) throw new DerError('negative INTEGER');
  let value = node.value;
  while (value.length > 2 && value.substr(0, 2) === '00') value = value.slice(2);
  return value;
}

/** Dotted form of an OBJECT IDENTIFIER value (hex), for messages and lookups. */
export function oidToDotted(hexValue: string): string {
  const parts: number[] = [];
  let acc = 0;
  for (let i = 0; i < hexValue.length; i += 2) {
    const byte = parseInt(hexValue.substr(i, 2), 16);
    acc = acc * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const first = acc < 80 ? Math.floor(acc / 40) : 2;
        parts.push(first, acc - first * 40);
      } else {
        parts.push(acc);
      }
      acc = 0;
    }
  }
  return parts.join('.');
}

/** Number of significant bits of an unsigned hex integer. */
export function hexBitLength(hex: string): number {
  const value = hex.replace(/^0+/, '');
  if (value.length === 0) return 0;
  const top = parseInt(value.charAt(0), 16);
  return (value.length - 1) * 4 + (top >= 8 ? 4 : top >= 4 ? 3 : top >= 2 ? 2 : 1);
}
