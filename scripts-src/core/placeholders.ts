/** The `{{name}}` placeholders in `text`, each once, in order (dynamic `{{$guid}}`-style variables excluded). */
export function placeholders(text: string): string[] {
  const names: string[] = [];
  const pattern = /\{\{([A-Za-z0-9_]+)\}\}/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (names.indexOf(match[1] as string) < 0) names.push(match[1] as string);
  }
  return names;
}
