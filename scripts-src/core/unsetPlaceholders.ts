import { placeholders } from './placeholders';

/**
 * The collection's own variables (`nsp_…`) still written as `{{name}}` in text the engine has
 * already resolved: variables with no value anywhere. The engines send such a placeholder as it
 * is (in a URL, percent-encoded), so NetSuite would answer something unrelated to the cause.
 * Variables the collection creates only when it sets them (not declared: each declared variable is
 * copied into every script execution) show up here until then. Other names are left alone: a body
 * may hold `{{…}}` as the user's own text. Sorted, each name once.
 */
export function unsetPlaceholders(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    // Every request comes here: most texts have no such placeholder and cost one indexOf.
    if (text.indexOf('{{nsp_') < 0) continue;
    for (const name of placeholders(text)) if (name.indexOf('nsp_') === 0) names.add(name);
  }
  return [...names].sort();
}
