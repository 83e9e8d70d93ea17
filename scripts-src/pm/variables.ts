import { NspError } from '../core/NspError';

/**
 * The environment-variable contract (fixed by the project's design contract; listed per auth method in each collection's description and in environments/). Every script reads variables only
 * through `readVariable` / `requireVariable` below; the generator reads this interface with
 * ts-morph to write the environment templates and the collection descriptions, so each property's
 * JSDoc is what users see. `@secret` marks values that templates keep empty and typed secret and
 * that no log line may show. The build fails when a script reads a variable without JSDoc here.
 */
export interface ContractVariables {
  /**
   * Account id as NetSuite shows it: `1234567`, `1234567_SB1`, `1234567-sb1`, `1234567_RP`,
   * `TSTDRV1234567`, any case. The scripts derive the TBA realm (`1234567_SB1`) and the host form
   * (`1234567-sb1`).
   * @authMethods m2m, tba, authcode
   */
  account_id: string;
  /**
   * `m2m` (OAuth 2.0 client credentials, the default), `tba` (OAuth 1.0a token-based auth) or
   * `authcode` (OAuth 2.0 authorization code with PKCE, then refresh tokens).
   * @default m2m
   */
  auth_method: string;
  /**
   * OAuth 2.0 client id (consumer key) of the integration record.
   * @authMethods m2m, authcode
   */
  client_id: string;
  /**
   * Certificate id shown on the M2M mapping (Setup > Integration > OAuth 2.0 Client Credentials
   * Setup); sent as the JWT `kid`.
   * @authMethods m2m
   */
  certificate_id: string;
  /**
   * PEM private key of the certificate uploaded for the M2M mapping: RSA 3072/4096 bits or EC
   * P-256/P-384/P-521, PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1/SEC1. Real newlines or literal `\n`
   * escapes both work.
   * @secret
   * @authMethods m2m
   */
  private_key: string;
  /**
   * JWT signing algorithm for the M2M client assertion: `PS256` (default), `PS384`, `PS512`,
   * `ES256`, `ES384`, `ES512`. `RS256` is refused: NetSuite stopped accepting it on 2025-03-01.
   * @default PS256
   * @authMethods m2m
   */
  jwt_algorithm: string;
  /**
   * Scopes requested for the token, comma-separated: `rest_webservices`, `restlets`,
   * `suite_analytics`; default `rest_webservices,restlets` (both collections work). A RESTlet
   * request needs `restlets`, a REST request `rest_webservices`: the collection refuses to send
   * one whose scope lacks it.
   * @default rest_webservices,restlets
   * @authMethods m2m, authcode
   */
  scope: string;
  /**
   * Client secret of the integration record (authorization code flow, confidential clients).
   * @secret
   * @authMethods authcode
   */
  client_secret: string;
  /**
   * Redirect URI registered on the integration record, matched exactly by NetSuite.
   * @authMethods authcode
   */
  redirect_uri: string;
  /**
   * Refresh token from a completed authorization-code exchange; lets CI use `authcode` without a
   * browser.
   * @secret
   * @authMethods authcode
   */
  refresh_token: string;
  /**
   * TBA consumer key of the integration record.
   * @secret
   * @authMethods tba
   */
  consumer_key: string;
  /**
   * TBA consumer secret of the integration record.
   * @secret
   * @authMethods tba
   */
  consumer_secret: string;
  /**
   * TBA token id (Setup > Users/Roles > Access Tokens).
   * @secret
   * @authMethods tba
   */
  token_id: string;
  /**
   * TBA token secret.
   * @secret
   * @authMethods tba
   */
  token_secret: string;
  /**
   * Script id of the RESTlet to call (`customscript_…` or its number).
   */
  restlet_script: string;
  /**
   * Deployment id of the RESTlet to call (`customdeploy_…` or its number).
   */
  restlet_deploy: string;
  /**
   * Optional override of `https://<host form>.suitetalk.api.netsuite.com`; the token endpoint and
   * the JWT `aud` follow it. Left empty, the scripts derive it from `account_id`.
   */
  suitetalk_base_url: string;
  /**
   * Optional override of `https://<host form>.restlets.api.netsuite.com`. Left empty, the scripts
   * derive it from `account_id`.
   */
  restlets_base_url: string;
  /**
   * Optional override of `https://<host form>.app.netsuite.com` (authorize endpoint). Left empty,
   * the scripts derive it from `account_id`.
   */
  app_base_url: string;
  /**
   * Refresh a cached token this many seconds before it expires.
   * @default 600
   */
  token_refresh_buffer_seconds: string;
  /**
   * `true` to allow writes (POST, PUT, PATCH, DELETE) to a production account. Anything else
   * refuses them before they are sent.
   * @default false
   */
  allow_production: string;
}

export type ContractVariable = keyof ContractVariables;

/** Variables whose values are secrets: never logged, empty and typed secret in templates. */
export const SECRET_VARIABLES: readonly ContractVariable[] = [
  'private_key',
  'client_secret',
  'refresh_token',
  'consumer_key',
  'consumer_secret',
  'token_id',
  'token_secret',
];

/** The slice of `pm` the accessor needs; tests pass a fake. */
export interface VariableSource {
  get(name: string): unknown;
}

/** A variable's value, trimmed; `undefined` when unset or blank. */
export function readVariable(source: VariableSource, name: ContractVariable): string | undefined {
  const value = source.get(name);
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A variable's value, or an NspError naming it and what it is needed for. */
export function requireVariable(source: VariableSource, name: ContractVariable, neededFor: string): string {
  const value = readVariable(source, name);
  if (value === undefined) {
    throw new NspError(
      'MISSING_VARIABLE',
      `The variable "${name}" is empty or missing; it is needed for ${neededFor}. Set it in the active environment.`,
      name,
    );
  }
  return value;
}

/**
 * Every secret variable's value, for redacting logs. The generator's extractor counts a call of
 * this function as a read of every variable in SECRET_VARIABLES.
 */
export function readSecretsForRedaction(source: VariableSource): string[] {
  const values: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = readVariable(source, name);
    if (value !== undefined) values.push(value);
  }
  return values;
}
