export type Grant = 'client_credentials' | 'authorization_code' | 'refresh_token';

/** The grant_type the current token request sent (from its form body). */
export function grantOfRequest(): Grant | undefined {
  let grant: string | undefined;
  const body = pm.request.body;
  if (body && body.mode === 'urlencoded' && body.urlencoded) {
    body.urlencoded.each((param) => {
      if (!param.disabled && param.key === 'grant_type') grant = param.value;
    });
  }
  return grant === 'client_credentials' || grant === 'authorization_code' || grant === 'refresh_token' ? grant : undefined;
}
