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
