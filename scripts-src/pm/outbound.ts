/** The current request as it will be sent: variables resolved, disabled parts left out. */
export interface Outbound {
  method: string;
  url: string;
  bodyEmpty: boolean;
  /** form-urlencoded body parameters (TBA signs them); empty for other body modes. */
  formParams: Array<[string, string]>;
}

export function currentOutbound(): Outbound {
  const request = pm.request;
  const url = pm.variables.replaceIn(request.url.toString());
  const body = request.body;
  const formParams: Array<[string, string]> = [];
  let bodyEmpty = true;
  if (body && body.mode === 'urlencoded' && body.urlencoded) {
    body.urlencoded.each((param) => {
      if (!param.disabled) formParams.push([pm.variables.replaceIn(param.key), pm.variables.replaceIn(String(param.value ?? ''))]);
    });
    bodyEmpty = formParams.length === 0;
  } else if (body && body.mode === 'raw') {
    bodyEmpty = pm.variables.replaceIn(body.raw ?? '').trim() === '';
  } else if (body && body.mode) {
    bodyEmpty = body.isEmpty();
  }
  return { method: request.method.toUpperCase(), url, bodyEmpty, formParams };
}
