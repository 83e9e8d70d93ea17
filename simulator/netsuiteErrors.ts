import type { Outcome, SimResponse } from './httpTypes.ts';

/** The detail NetSuite puts in every REST `INVALID_LOGIN` body. */
export const INVALID_LOGIN_DETAIL =
  'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

export const REST_ERROR_CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=error';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const TYPES: Record<number, string> = {
  // NETSUITE-FACTS.md quotes the 401 type without a fragment; kept exactly.
  401: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
  400: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
  403: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.4',
  404: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5',
  405: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.6',
  409: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.10',
  415: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.16',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1',
  503: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4',
};

export interface RestErrorBody {
  type: string;
  title: string;
  status: number;
  'o:errorDetails': Array<{ detail: string; 'o:errorCode': string; 'o:errorPath'?: string }>;
}

export function restErrorBody(status: number, code: string, detail: string, errorPath?: string): RestErrorBody {
  return {
    type: TYPES[status] ?? 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
    title: TITLES[status] ?? 'Error',
    status,
    'o:errorDetails': [{ detail, 'o:errorCode': code, ...(errorPath ? { 'o:errorPath': errorPath } : {}) }],
  };
}

/** A REST web services error in NetSuite's shape. */
export function restError(
  status: number,
  code: string,
  detail: string,
  reason: string,
  outcome: Outcome = 'error',
  extraHeaders: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': REST_ERROR_CONTENT_TYPE, ...extraHeaders },
    body: JSON.stringify(restErrorBody(status, code, detail)),
    reason,
    outcome,
  };
}

/** The REST 401 `INVALID_LOGIN`, the same body whatever the cause (the cause is only in `reason`). */
export function invalidLoginRest(reason: string): SimResponse {
  return restError(401, 'INVALID_LOGIN', INVALID_LOGIN_DETAIL, reason, 'rejected');
}

/** A RESTlet error: `{"error": {"code", "message"}}`. */
export function restletError(
  status: number,
  code: string,
  message: string,
  reason: string,
  outcome: Outcome = 'error',
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: { code, message } }),
    reason,
    outcome,
  };
}

/** The RESTlet 401 `INVALID_LOGIN_ATTEMPT`. */
export function invalidLoginRestlet(reason: string): SimResponse {
  return restletError(401, 'INVALID_LOGIN_ATTEMPT', 'Invalid login attempt.', reason, 'rejected');
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable';

/** An OAuth 2.0 error from the token endpoint (RFC 6749 §5.2). */
export function oauthError(
  status: number,
  error: OAuthErrorCode,
  description: string,
  reason: string,
  outcome: Outcome = 'rejected',
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache' },
    body: JSON.stringify({ error, error_description: description }),
    reason,
    outcome,
  };
}
