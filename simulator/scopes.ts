/** OAuth 2.0 scopes NetSuite knows. */
export const KNOWN_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'] as const;

/** Splits a scope string: NetSuite uses commas in assertions and spaces in authorize URLs; both accepted. */
export function parseScopes(value: unknown): { scopes: string[]; unknown: string[] } | undefined {
  if (Array.isArray(value)) value = value.join(',');
  if (typeof value !== 'string') return undefined;
  const scopes = value.split(/[\s,]+/).filter(Boolean);
  if (scopes.length === 0) return undefined;
  const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
  return { scopes: [...new Set(scopes)], unknown };
}
