/** The simulator's own view of an HTTP exchange, independent of node:http. */
export interface SimRequest {
  method: string;
  /** Path and query exactly as received, e.g. `/1234567-sb1/services/rest/record/v1/customer?limit=5`. */
  rawUrl: string;
  /** Path without the query, not decoded. */
  path: string;
  /** Query parameters in order, duplicates kept. */
  query: URLSearchParams;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Scheme and authority the client used, e.g. `http://127.0.0.1:4000` (from the Host header). */
  origin: string;
  /** The client's IP address (IPv4-mapped IPv6 addresses shortened to IPv4). */
  remoteAddress?: string;
}

/** How a response counts in the statistics. */
export type Outcome = 'accepted' | 'rejected' | 'limited' | 'unavailable' | 'error';

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Stable reason code of a rejection (counted in stats and written to the log). */
  reason?: string;
  outcome: Outcome;
}

export function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
  extraHeaders: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': contentType, ...extraHeaders },
    body: JSON.stringify(body),
    outcome: status < 400 ? 'accepted' : 'error',
  };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, outcome: status < 400 ? 'accepted' : 'error' };
}

/** Parses a JSON body; undefined when it is not valid JSON. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
