/** The current response as plain data for the pure checks. */
export interface ResponseView {
  code: number;
  headers: Record<string, string>;
  json: unknown;
  text: string;
}

export function currentResponse(): ResponseView {
  const headers: Record<string, string> = {};
  pm.response.headers.each((header) => {
    if (!header.disabled) headers[header.key.toLowerCase()] = String(header.value);
  });
  const text = pm.response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    json = undefined;
  }
  return { code: pm.response.code, headers, json, text };
}
