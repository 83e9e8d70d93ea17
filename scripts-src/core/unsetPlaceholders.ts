/**
 * The collection's own variables (`nsp_…`) still written as `{{name}}` in text the engine has
 * already resolved: variables with no value anywhere. The engines send such a placeholder as it
 * is (in a URL, percent-encoded), so NetSuite would answer something unrelated to the cause.
 * Variables the collection creates only when it sets them (not declared: each declared variable is
 * copied into every script execution) show up here until then. Sorted, each name once.
 */
export function unsetPlaceholders(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    if (text.indexOf('{{nsp_') < 0) continue;
    const pattern = /\{\{(nsp_[A-Za-z0-9_]+)\}\}/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) names.add(match[1] as string);
  }
  return [...names].sort();
}
