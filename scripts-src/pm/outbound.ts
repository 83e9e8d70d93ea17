import { unsetPlaceholders } from '../core/unsetPlaceholders';

/** The current request as it will be sent: variables resolved, disabled parts left out. */
export interface Outbound {
  method: string;
  url: string;
  bodyEmpty: boolean;
  /** form-urlencoded body parameters (TBA signs them); empty for other body modes. */
  formParams: Array<[string, string]>;
  /** The collection's own `{{nsp_…}}` placeholders nothing resolved (core/unsetPlaceholders.ts). */
  unsetVariables: string[];
}

/** `text` with `{{variables}}` resolved; text without `{{` is returned as is (replaceIn costs a sandbox call). */
export function resolved(text: string): string {
  return text.indexOf('{{') < 0 ? text : pm.variables.replaceIn(text);
}

export function currentOutbound(): Outbound {
  const request = pm.request;
  const url = resolved(request.url.toString());
  const body = request.body;
  const formParams: Array<[string, string]> = [];
  let bodyEmpty = true;
  let raw = '';
  if (body && body.mode === 'urlencoded' && body.urlencoded) {
    body.urlencoded.each((param) => {
      if (!param.disabled) formParams.push([resolved(param.key), resolved(String(param.value ?? ''))]);
    });
    bodyEmpty = formParams.length === 0;
  } else if (body && body.mode === 'raw') {
    raw = resolved(body.raw ?? '');
    bodyEmpty = raw.trim() === '';
  } else if (body && body.mode) {
    bodyEmpty = body.isEmpty();
  }
  const unsetVariables = unsetPlaceholders([url, raw, ...formParams.map(([key, value]) => `${key}=${value}`)]);
  return { method: request.method.toUpperCase(), url, bodyEmpty, formParams, unsetVariables };
}
