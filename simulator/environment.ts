import { createHash } from 'node:crypto';

export interface PostmanEnvironmentValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  enabled: true;
}

export interface PostmanEnvironment {
  id: string;
  name: string;
  values: PostmanEnvironmentValue[];
  _postman_variable_scope: 'environment';
}

export interface EnvironmentInput {
  accountId: string;
  baseUrl: string;
  clientId: string;
  certificateId: string;
  privateKeyPem: string;
  clientSecret: string;
  redirectUri: string;
  refreshToken: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  restletScript: string;
  restletDeploy: string;
  /** Certificate the collection's "Upload M2M certificate" request rotates to. */
  rotationCertificatePem: string;
}

export const ENVIRONMENT_NAME = 'netsuite-postman simulator';

/** The filled Postman environment for the running simulator (every contract variable of DESIGN.md). */
export function buildEnvironment(input: EnvironmentInput): PostmanEnvironment {
  const entries: Array<[string, string, 'default' | 'secret']> = [
    ['account_id', input.accountId, 'default'],
    ['auth_method', 'm2m', 'default'],
    ['client_id', input.clientId, 'default'],
    ['certificate_id', input.certificateId, 'default'],
    ['private_key', input.privateKeyPem, 'secret'],
    ['jwt_algorithm', 'PS256', 'default'],
    ['scope', 'rest_webservices,restlets', 'default'],
    ['client_secret', input.clientSecret, 'secret'],
    ['redirect_uri', input.redirectUri, 'default'],
    ['refresh_token', input.refreshToken, 'secret'],
    ['consumer_key', input.consumerKey, 'secret'],
    ['consumer_secret', input.consumerSecret, 'secret'],
    ['token_id', input.tokenId, 'secret'],
    ['token_secret', input.tokenSecret, 'secret'],
    ['restlet_script', input.restletScript, 'default'],
    ['restlet_deploy', input.restletDeploy, 'default'],
    ['suitetalk_base_url', input.baseUrl, 'default'],
    ['restlets_base_url', input.baseUrl, 'default'],
    ['app_base_url', input.baseUrl, 'default'],
    ['token_refresh_buffer_seconds', '600', 'default'],
    ['allow_production', 'false', 'default'],
    // Collection variables of the Certificates folder (not contract variables): the certificate to
    // upload, with its line breaks escaped because it is pasted into a JSON body, and the mapping.
    ['nsp_certificate_pem', input.rotationCertificatePem.trim().replace(/\r?\n/g, '\\n'), 'default'],
    ['nsp_certificate_entity', '7', 'default'],
    ['nsp_certificate_role', '3', 'default'],
  ];
  const digest = createHash('sha256').update(`netsuite-postman simulator ${input.baseUrl}`).digest('hex');
  // A UUID-shaped id derived from the base URL: stable for one port, no randomness.
  const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  return {
    id,
    name: ENVIRONMENT_NAME,
    values: entries.map(([key, value, type]) => ({ key, value, type, enabled: true })),
    _postman_variable_scope: 'environment',
  };
}
