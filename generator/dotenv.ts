/** A small `.env` reader: `KEY=value`, `export KEY=value`, `#` comments, single and double quotes. */

export class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'DotenvError';
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Parses `.env` text. Double-quoted values may span lines and understand `\n`, `\r`, `\t`, `\"`
 * and `\\` (so a PEM key fits on one line as `"-----BEGIN…-----\n…"`); single-quoted values are
 * literal and may span lines; unquoted values end at ` #`. Later keys win. Messages never
 * contain a value.
 */
export function parseDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const source = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  let index = 0;
  let line = 1;
  while (index < source.length) {
    let end = source.indexOf('\n', index);
    if (end === -1) end = source.length;
    const raw = source.slice(index, end);
    const startLine = line;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      index = end + 1;
      line += 1;
      continue;
    }
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/.exec(raw);
    if (!match) throw new DotenvError(`line ${startLine}: expected KEY=value`, startLine);
    const key = match[1]!;
    let position = index + match[0].length;
    const quote = source[position];
    if (quote === '"' || quote === "'") {
      position += 1;
      let value = '';
      let closed = false;
      while (position < source.length) {
        const char = source[position]!;
        if (char === quote) {
          closed = true;
          position += 1;
          break;
        }
        if (char === '\n') line += 1;
        if (quote === '"' && char === '\\' && position + 1 < source.length) {
          const next = source[position + 1]!;
          value += ESCAPES[next] ?? `\\${next}`;
          position += 2;
          continue;
        }
        value += char;
        position += 1;
      }
      if (!closed) throw new DotenvError(`line ${startLine}: the value of ${key} has no closing ${quote}`, startLine);
      let rest = source.indexOf('\n', position);
      if (rest === -1) rest = source.length;
      const trailing = source.slice(position, rest).trim();
      if (trailing !== '' && !trailing.startsWith('#')) {
        throw new DotenvError(`line ${line}: unexpected text after the quoted value of ${key}`, line);
      }
      values.set(key, value);
      index = rest + 1;
      line += 1;
      continue;
    }
    let value = source.slice(position, end);
    const comment = value.search(/\s#/);
    if (comment !== -1) value = value.slice(0, comment);
    values.set(key, value.trim());
    index = end + 1;
    line += 1;
  }
  return values;
}
