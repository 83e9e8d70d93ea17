/** Replaces every secret value (and bearer tokens, cookies, signatures) with a fixed marker. */
export const REDACTED = '[redacted]';

const SHORTEST_SECRET = 4;

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  const sorted = secrets.filter((s) => s.length >= SHORTEST_SECRET).sort((a, b) => b.length - a.length);
  for (const secret of sorted) out = out.split(secret).join(REDACTED);
  return out
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`)
    .replace(/(oauth_signature=")[^"]*"/gi, `$1${REDACTED}"`)
    .replace(/-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g, `[PEM ${REDACTED}]`)
    .replace(/((?:client_assertion|access_token|refresh_token|code|code_verifier)=)[^&\s"]+/g, `$1${REDACTED}`)
    .replace(/("(?:access_token|refresh_token|client_assertion)"\s*:\s*")[^"]*"/g, `$1${REDACTED}"`);
}

const SECRET_HEADERS = /^(authorization|cookie|set-cookie|proxy-authorization)$/i;

/** Header lines safe to log: values of auth and cookie headers are never shown. */
export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name] as string;
    if (SECRET_HEADERS.test(name)) {
      const scheme = /^(Bearer|OAuth|Basic)\b/i.exec(value);
      out[name] = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
    } else {
      out[name] = redactText(value, secrets);
    }
  }
  return out;
}

/**
 * The shapes a secret value takes in logs and reports: as is, with its newlines escaped (a PEM in
 * JSON), URL-encoded (a form body), and each long line of a multi-line value (a PEM split over lines).
 */
export function secretVariants(secrets: readonly string[]): string[] {
  const pieces: string[] = [];
  for (const secret of secrets) {
    const variants = [secret, secret.replace(/\r?\n/g, '\\n'), encodeURIComponent(secret)];
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 16 && !/^-----/.test(trimmed)) variants.push(trimmed);
    }
    for (const variant of variants) if (pieces.indexOf(variant) < 0) pieces.push(variant);
  }
  return pieces;
}

/** The redaction policy for whole reports (JSON, HTML, XML) and console lines: every secret shape, tokens, auth and cookie header values. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const pieces = secretVariants(secrets);
  return (text) =>
    redactText(text, pieces).replace(
      /("key"\s*:\s*"(?:authorization|cookie|set-cookie|proxy-authorization)"\s*,\s*"value"\s*:\s*")(?:[^"\\]|\\.)*"/gi,
      `$1${REDACTED}"`,
    );
}
