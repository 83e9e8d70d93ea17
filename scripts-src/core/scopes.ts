import { NspError } from './NspError';

const KNOWN_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'];

/** `scope` as a list: comma- or space-separated; unset means `rest_webservices`. */
export function parseScopes(value: string | undefined): string[] {
  if (value === undefined) return ['rest_webservices'];
  const scopes = value.split(/[\s,]+/).filter((s) => s !== '');
  const unknown = scopes.filter((s) => KNOWN_SCOPES.indexOf(s) < 0);
  if (scopes.length === 0 || unknown.length > 0) {
    throw new NspError(
      'BAD_SCOPE',
      `The variable "scope" has ${unknown.length > 0 ? `unknown scope "${unknown.join('", "')}"` : 'no scope'}. Use rest_webservices, restlets or suite_analytics, comma-separated, matching the scopes ticked on the integration record.`,
      'scope',
    );
  }
  return scopes;
}
