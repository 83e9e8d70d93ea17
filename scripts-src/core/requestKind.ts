/** What a request is, from its resolved URL: the scripts treat auth endpoints differently. */
export type RequestKind = 'token' | 'authorize' | 'restlet' | 'rest-read' | 'rest' | 'other';

const TOKEN_PATH = /\/services\/rest\/auth\/oauth2\/v1\/token\/?$/;
const AUTHORIZE_PATH = /\/app\/login\/oauth2\/authorize\.nl$/;
const RESTLET_PATH = /\/app\/site\/hosting\/restlet\.nl$/;
/** SuiteQL is a POST that only reads; writes to production guard it no more than a GET. */
const READ_ONLY_POST_PATH = /\/services\/rest\/query\/v1\/suiteql\/?$/;

export function pathOf(url: string): string {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = withoutScheme.search(/[?#]/);
  return end >= 0 ? withoutScheme.slice(0, end) : withoutScheme;
}

export function requestKind(url: string): RequestKind {
  const path = pathOf(url);
  if (TOKEN_PATH.test(path)) return 'token';
  if (AUTHORIZE_PATH.test(path)) return 'authorize';
  if (RESTLET_PATH.test(path)) return 'restlet';
  if (READ_ONLY_POST_PATH.test(path)) return 'rest-read';
  if (path.indexOf('/services/rest/') >= 0) return 'rest';
  return 'other';
}

/** True for methods NetSuite treats as writes. */
export function isWrite(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'POST' || upper === 'PUT' || upper === 'PATCH' || upper === 'DELETE';
}

/** True for methods whose body NetSuite's gateway requires (an empty one is a bare 401). */
export function needsBody(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'POST' || upper === 'PUT' || upper === 'PATCH';
}
