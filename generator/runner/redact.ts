/** Values shorter than this are not redacted (they would mangle ordinary words). */
const MIN_LENGTH = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function that replaces every secret value in a text with `[redacted]`. Multi-line values
 * (PEM keys) are also redacted line by line, and `\n`-escaped, so a key quoted in JSON or split
 * over lines never survives.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const pieces = new Set<string>();
  for (const secret of secrets) {
    for (const variant of [secret, secret.replace(/\r?\n/g, '\\n'), encodeURIComponent(secret)]) {
      if (variant.length >= MIN_LENGTH) pieces.add(variant);
    }
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 16 && !/^-----/.test(trimmed)) pieces.add(trimmed);
    }
  }
  if (pieces.size === 0) return (text) => text;
  const pattern = new RegExp([...pieces].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, '[redacted]');
}
