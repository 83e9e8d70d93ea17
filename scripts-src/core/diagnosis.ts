/**
 * Turns a NetSuite refusal (401 INVALID_LOGIN, INVALID_LOGIN_ATTEMPT, invalid_grant,
 * invalid_client, 403, 429, SSS_REQUEST_LIMIT_EXCEEDED) into the layer that most likely failed and
 * its fix, from facts about the request that was actually sent. Pure: facts in, diagnosis out.
 * Layers in NetSuite's order: transport, headers, body, oauth, then (authenticated) governance
 * (concurrency limits) and permissions. Messages never contain a secret: facts carry none.
 */
import { needsBody, requestKind } from './requestKind';

export type DiagnosisLayer = 'transport' | 'headers' | 'body' | 'oauth' | 'governance' | 'permissions' | 'deployment';

export interface Diagnosis {
  layer: DiagnosisLayer;
  cause: string;
  fix: string;
}

export interface DiagnosisFacts {
  status: number;
  /** Response body text (only error codes are read from it). */
  body: string;
  method: string;
  /** The URL as sent. */
  url: string;
  /** `m2m`, `tba` or `authcode`. */
  authMethod: string;
  /** From account_id, when it parses. */
  account?: { hostForm: string; realm: string; kind: string };
  /** The account host form the URL addresses (accountHostFormInUrl), when it can tell. */
  urlHost?: string;
  cookie: boolean;
  bodyEmpty: boolean;
  /** Scheme of the Authorization header sent: `Bearer`, `OAuth`, `Basic`, other text, or ''. */
  authScheme: string;
  nowMs: number;
  /** The response's `Date` header, epoch ms. */
  serverDateMs?: number;
  /** Expiry of the Bearer token sent (cache entry or its JWT `exp`), epoch ms. */
  tokenExpiresAt?: number;
  /** Scopes the token was requested with. */
  scopes?: string[];
  /** Parameters of a sent OAuth 1.0a header (decoded), and whether its nonce was seen before. */
  tba?: { [param: string]: string };
  nonceReused?: boolean;
  /** Token request: grant type and the decoded client assertion (claims only, no signature). */
  grant?: string;
  assertion?: { alg?: unknown; kid?: unknown; aud?: unknown; iat?: unknown; exp?: unknown; signatureBits: number };
}

/**
 * The two spellings of an account id as the diagnosis compares them (host form `1234567-sb1`,
 * realm `1234567_SB1`); a compact twin of accountId.ts, which is too large (its messages) for the
 * every-response bundle. `undefined` when it is not an account id.
 */
export function accountForms(id: string | undefined): { hostForm: string; realm: string; kind: string } | undefined {
  const m = /^([0-9]+)(?:[_-](SB[1-9][0-9]*|RP))?$|^TSTDRV[0-9]+$/i.exec(String(id || '').trim());
  if (!m) return undefined;
  const realm = m[0].toUpperCase().replace('-', '_');
  return { realm, hostForm: realm.toLowerCase().replace('_', '-'), kind: m[2] ? 'sandbox' : m[1] ? 'production' : 'test-drive' };
}

/**
 * The account host form a URL addresses: the first label of a `*.netsuite.com` API host, or the
 * first path segment on a loopback host (the simulator); as accountHostFormInUrl in baseUrls.ts.
 */
export function hostFormInUrl(url: string): string | undefined {
  const m = /^https?:\/\/(?:([^./?#:]+)\.(?:suitetalk\.api|restlets\.api|app)\.netsuite\.com|(?:127\.[0-9.]+|localhost|\[::1\])(?::[0-9]+)?\/([0-9]+(?:-sb[0-9]+|-rp)?|tstdrv[0-9]+)(?=[/?#]|$))/i.exec(url);
  return m ? (m[1] || m[2] || '').toLowerCase() : undefined;
}

const CODES = /INVALID_LOGIN_ATTEMPT|INVALID_LOGIN|invalid_grant|invalid_client|SSS_REQUEST_LIMIT_EXCEEDED|SSS_INVALID_SCRIPTLET_ID|INSUFFICIENT_PERMISSION/;

/** The error code the response names (or `HTTP <status>`); what the test name starts with. */
export function errorLabel(status: number, body: string): string {
  const match = CODES.exec(body);
  return match ? match[0] : `HTTP ${status}`;
}

/** True for the answers worth a diagnosis; cheap, so it can run on every response. A RESTlet's 405 (no such entry point) counts when `url` says it is one. */
export function isDiagnosable(status: number, body: string, url?: string): boolean {
  return status === 401 || status === 403 || status === 429 || (status >= 400 && CODES.test(body)) || (status === 405 && url !== undefined && requestKind(url) === 'restlet');
}

const d = (layer: DiagnosisLayer, cause: string, fix: string): Diagnosis => ({ layer, cause, fix });

const MINT = 'Mint a new token (run "Auth / Mint M2M token", or let the collection mint: it refreshes ~10 minutes early, token_refresh_buffer_seconds).';

function tokenEndpoint(f: DiagnosisFacts, code: string, skewS: number | undefined): Diagnosis {
  const a = f.assertion;
  const aud = f.url.replace(/[?#].*$/, '');
  if (f.grant === 'client_credentials' && a) {
    if (/^RS/.test(String(a.alg))) {
      return d('oauth', `the client assertion is signed with ${a.alg}`, 'NetSuite refuses RSA PKCS#1 v1.5 (RS256) since 2025-03-01: set jwt_algorithm to PS256 (RSA key) or ES256 (EC P-256 key).');
    }
    if (/^PS/.test(String(a.alg)) && a.signatureBits < 3000) {
      return d('oauth', `the assertion was signed with an RSA-${a.signatureBits} key`, 'NetSuite needs RSA 3072 or 4096 bits (or EC P-256/384/521): generate a new key (openssl req -x509 -newkey rsa:3072 …), upload its certificate to the M2M mapping, then update private_key and certificate_id.');
    }
    if (a.aud !== aud) {
      return d('oauth', `the assertion's aud is ${JSON.stringify(a.aud)} but the token request went to ${aud}`, 'aud must be exactly the token URL (lower-case host form, right sandbox suffix): fix account_id or suitetalk_base_url and let the "Mint M2M token" script sign the assertion for the URL it posts to.');
    }
    if (Number(a.exp) - Number(a.iat) >= 3600) {
      return d('oauth', 'the assertion lives 60 minutes or more (exp - iat)', 'Set exp less than 3600 s after iat.');
    }
    if (skewS !== undefined && Math.abs(Number(a.iat) - skewS) > 60) {
      return d('oauth', `the assertion's iat is ${Math.round(Number(a.iat) - skewS)} s off NetSuite's clock`, 'Synchronise this computer\'s clock (NTP); assertions are checked against NetSuite\'s time.');
    }
    if (code === 'invalid_client') {
      return d('oauth', `NetSuite does not accept certificate_id (kid ${JSON.stringify(a.kid)}) for this client_id`, 'Set certificate_id to the certificate id of this client\'s M2M mapping (Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup), not revoked or expired, with private_key matching its certificate; sandbox and production have separate mappings.');
    }
    // invalid_grant for an assertion whose claims are right: the wire does not say which of these it is.
    const clock = skewS === undefined ? ' (or this computer\'s clock: the answer had no Date header to compare)' : '';
    return d(
      'oauth',
      `NetSuite refused a well-formed assertion (kid ${JSON.stringify(a.kid)}): the integration record is disabled or its client credentials grant is off, or the certificate is expired, revoked or replaced, or private_key does not match it${clock}`,
      'Check in this order: 1) Setup > Integration > Manage Integrations > your integration: State Enabled and "Client Credentials (Machine to Machine) Grant" ticked; ' +
        '2) Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup: the mapping of certificate_id is listed, not revoked and not past its end date (2 years at most) — if it was replaced or expired, upload a new certificate (rotate with "Certificates / Upload M2M certificate") and set certificate_id to its id; ' +
        '3) private_key is the key of that certificate: `openssl pkey -in key.pem -pubout` must print the same key as `openssl x509 -in cert.pem -noout -pubkey`. A sandbox refresh removes M2M mappings: map the certificate again after one.',
    );
  }
  if (f.grant === 'refresh_token' && code === 'invalid_grant') {
    return d('oauth', 'the refresh token is expired or revoked', 'Run the authorization-code flow again ("Authorize URL (PKCE)", "Exchange authorization code") and store the new refresh_token.');
  }
  if (code === 'invalid_client') {
    return d('oauth', 'NetSuite does not know client_id / client_secret at this account', 'Check client_id and client_secret of the integration record of this account (sandbox and production differ).');
  }
  return d('oauth', `the token request was refused (${code})`, 'Start the authorization again: codes last ~10 minutes and work once, with the same redirect_uri and PKCE verifier.');
}

function tbaCause(f: DiagnosisFacts, skewS: number | undefined): Diagnosis {
  const t = f.tba as { [param: string]: string };
  const sigMethod = t.oauth_signature_method;
  if (sigMethod !== 'HMAC-SHA256') {
    return d('oauth', `the TBA header is signed with ${sigMethod || 'no oauth_signature_method'}`, 'NetSuite accepts only HMAC-SHA256 (HMAC-SHA1 is refused): sign with oauth_signature_method="HMAC-SHA256", or set auth_method to tba and let the collection sign.');
  }
  if (f.account && t.realm !== f.account.realm) {
    return d('oauth', `the TBA realm is ${JSON.stringify(t.realm)}, not ${f.account.realm}`, 'Set realm to the account id in upper case with underscore (e.g. 1234567_SB1).');
  }
  const ts = Number(t.oauth_timestamp);
  if (skewS !== undefined && !(Math.abs(ts - skewS) <= 300)) {
    return d('oauth', `oauth_timestamp is ${Math.round(ts - skewS)} s off NetSuite's clock (limit ±300 s)`, 'Sign each request when it is sent (do not reuse a copied Authorization header) and synchronise this computer\'s clock (NTP).');
  }
  if (f.nonceReused) {
    return d('oauth', `oauth_nonce ${JSON.stringify(t.oauth_nonce)} was already used`, 'Use a fresh oauth_nonce for every request: do not resend a copied Authorization header; let the collection sign (auth_method tba).');
  }
  return d(
    'oauth',
    'the TBA signature or token was refused',
    'Check consumer_key, consumer_secret, token_id and token_secret (a wrong secret gives a wrong signature); the token may be revoked, or its role lack "Log in using Access Tokens". ' +
      `${elsewhere(f)}See Setup > Users/Roles > View Login Audit Trail.`,
  );
}

/** Causes that answer the same 401 as bad credentials: the integration's Allowed IPs and, for a RESTlet, its deployment. */
function elsewhere(f: DiagnosisFacts): string {
  const ips = 'If the integration record has "Allowed IPs", this machine\'s public IP must be among them. ';
  if (requestKind(f.url) !== 'restlet') return ips;
  return `${ips}For a RESTlet: the script deployment (Customization > Scripting > Script Deployments) must have Status Released (Testing lets only logged-in users call it) and an Audience that includes the role of these credentials. `;
}

/** The most likely failed layer and its fix, checked in NetSuite's order. */
export function diagnose(f: DiagnosisFacts): Diagnosis {
  const code = errorLabel(f.status, f.body);
  const kind = requestKind(f.url);
  const skewS = f.serverDateMs === undefined ? undefined : f.serverDateMs / 1000;
  if (f.status === 403 || code === 'INSUFFICIENT_PERMISSION') {
    return d('permissions', 'authentication succeeded, but the role may not do this (403)', 'Give the token\'s role the permission for this record or action (Setup > Users/Roles > Manage Roles > Permissions); the credentials are fine.');
  }
  if (f.status === 429 || code === 'SSS_REQUEST_LIMIT_EXCEEDED') {
    return d('governance', 'the account\'s concurrency limit was exceeded, after the retries', 'Send fewer requests at once (CI max-parallel, other integrations of the account), or raise the account\'s concurrency limit.');
  }
  const a = f.account;
  if (a && f.urlHost !== undefined && f.urlHost !== a.hostForm) {
    return /^[0-9]+$/.test(f.urlHost) && a.kind !== 'production'
      ? d('transport', `${a.realm} credentials were sent to the production host "${f.urlHost}"`, 'Sandbox and production have separate integrations, certificates and tokens: point the base URLs at the sandbox (clear suitetalk_base_url/restlets_base_url to derive them from account_id).')
      : d('transport', `the URL addresses account "${f.urlHost}" but account_id is ${a.realm}`, 'Make account_id and suitetalk_base_url/restlets_base_url name the same account (clear the base URLs to derive them from account_id).');
  }
  if (f.cookie) {
    return d('headers', 'a Cookie header was sent', 'NetSuite treats a request with cookies as a browser session and rejects it before OAuth: remove the Cookie header and turn cookies off for NetSuite (request setting "Disable cookie jar", or clear the jar for the host).');
  }
  if (kind !== 'token' && f.authScheme === '') {
    return d('headers', 'no Authorization header was sent', 'Run the request with the collection\'s pre-request script (auth_method picks M2M, TBA or authcode), or add the header.');
  }
  if (kind !== 'token' && needsBody(f.method) && f.bodyEmpty) {
    return d('body', `the ${f.method} had an empty body`, 'NetSuite\'s gateway rejects an empty POST/PUT/PATCH before it checks credentials: send a JSON body ({} at least) with Content-Type: application/json.');
  }
  if (kind === 'restlet' && code === 'SSS_INVALID_SCRIPTLET_ID') {
    const q = (name: string) => (new RegExp(`[?&]${name}=([^&#]*)`).exec(f.url) || [])[1] || '';
    return d(
      'deployment',
      `script=${q('script')}&deploy=${q('deploy')} names no active RESTlet deployment (SSS_INVALID_SCRIPTLET_ID)`,
      'Set restlet_script and restlet_deploy to the ids on the deployment record (Customization > Scripting > Script Deployments: the script id customscript_… or its internal id, and the deployment id customdeploy_… or its internal id — not the file name); check the script and the deployment are not inactive, and that you deployed to this account (sandbox and production differ).',
    );
  }
  if (kind === 'restlet' && f.status === 405) {
    const entry = f.method.toLowerCase();
    return d(
      'deployment',
      `the RESTlet script has no ${entry} entry point (HTTP 405)`,
      `Add a ${entry} function to the object the script returns (define([...], () => ({ get, post, put, delete }))) and deploy the script again, or call the RESTlet with a method it implements. The echo RESTlet in suitescript/ implements all four.`,
    );
  }
  if (kind === 'token') return tokenEndpoint(f, code, skewS);
  if (f.tba) return tbaCause(f, skewS);
  if (f.tokenExpiresAt !== undefined && f.tokenExpiresAt <= (f.serverDateMs || f.nowMs)) {
    return d('oauth', `the access token expired ${Math.round(((f.serverDateMs || f.nowMs) - f.tokenExpiresAt) / 1000)} s ago`, `Tokens last 60 minutes; refresh at ~50. ${MINT}`);
  }
  const need = kind === 'restlet' ? 'restlets' : 'rest_webservices';
  if (f.scopes && f.scopes.indexOf(need) < 0) {
    return d('oauth', `the token's scope (${f.scopes.join(',')}) lacks ${need}`, `Add ${need} to scope (and tick it on the integration record), then mint a new token.`);
  }
  if (kind === 'restlet') {
    return d(
      'oauth',
      'the RESTlet refused an unexpired token with the restlets scope: its deployment (Testing status, audience without the role), the integration\'s Allowed IPs, or a revoked token',
      `${elsewhere(f)}Tokens are revoked when the integration, certificate or role change, or by a sandbox refresh. ${MINT}`,
    );
  }
  return d('oauth', 'the access token was refused though not expired: revoked or unknown, or the integration\'s Allowed IPs or state', `Tokens are revoked when the integration, certificate or role change, or by a sandbox refresh; a disabled integration refuses every token. ${elsewhere(f)}${MINT}`);
}
