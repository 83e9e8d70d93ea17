import { createHash, createHmac } from 'node:crypto';

export type GrantType = 'client_credentials' | 'authorization_code' | 'refresh_token';

export interface AccessToken {
  token: string;
  jti: string;
  clientId: string;
  scopes: string[];
  grantType: GrantType;
  issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

export interface RefreshToken {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
  revoked: boolean;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  expiresAtMs: number;
  used: boolean;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Key of a token in the store (the token itself never is a map key that could be logged). */
const keyOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Access tokens, refresh tokens and authorization codes. Access tokens look like NetSuite's
 * (a JWT), signed HS256 with a start-up secret; they are still looked up here so revocation works.
 */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    private readonly signingSecret: Buffer,
    private readonly issuerAccount: string,
    private readonly random: (bytes: number) => Buffer,
  ) {}

  issueAccessToken(input: {
    clientId: string;
    scopes: string[];
    grantType: GrantType;
    nowMs: number;
    lifetimeSeconds: number;
    audience: string;
  }): AccessToken {
    const jti = this.random(16).toString('hex');
    const iat = Math.floor(input.nowMs / 1000);
    const header = { kid: 'simulator', typ: 'JWT', alg: 'HS256' };
    const payload = {
      sub: `3;${this.issuerAccount}`,
      aud: [input.audience, input.clientId],
      scope: input.scopes,
      iss: 'https://system.netsuite.com',
      oit: iat,
      exp: iat + input.lifetimeSeconds,
      iat,
      jti,
      tid: input.grantType,
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = createHmac('sha256', this.signingSecret).update(signingInput).digest('base64url');
    const record: AccessToken = {
      token: `${signingInput}.${signature}`,
      jti,
      clientId: input.clientId,
      scopes: [...input.scopes],
      grantType: input.grantType,
      issuedAtMs: input.nowMs,
      expiresAtMs: input.nowMs + input.lifetimeSeconds * 1000,
      revoked: false,
    };
    this.access.set(keyOf(record.token), record);
    return record;
  }

  findAccessToken(token: string): AccessToken | undefined {
    return this.access.get(keyOf(token));
  }

  /** Revokes every access token issued so far; returns how many were active. */
  revokeAllAccessTokens(): number {
    let count = 0;
    for (const token of this.access.values()) {
      if (!token.revoked) count += 1;
      token.revoked = true;
    }
    return count;
  }

  issueRefreshToken(input: { clientId: string; scopes: string[]; nowMs: number; lifetimeSeconds: number }): RefreshToken {
    const record: RefreshToken = {
      token: this.random(48).toString('base64url'),
      clientId: input.clientId,
      scopes: [...input.scopes],
      expiresAtMs: input.nowMs + input.lifetimeSeconds * 1000,
      revoked: false,
    };
    this.refresh.set(keyOf(record.token), record);
    return record;
  }

  findRefreshToken(token: string): RefreshToken | undefined {
    return this.refresh.get(keyOf(token));
  }

  issueAuthorizationCode(input: Omit<AuthorizationCode, 'code' | 'used' | 'expiresAtMs'> & { nowMs: number }): AuthorizationCode {
    const record: AuthorizationCode = {
      code: this.random(32).toString('base64url'),
      clientId: input.clientId,
      redirectUri: input.redirectUri,
      scopes: [...input.scopes],
      codeChallenge: input.codeChallenge,
      expiresAtMs: input.nowMs + 10 * 60 * 1000,
      used: false,
    };
    this.codes.set(keyOf(record.code), record);
    return record;
  }

  findAuthorizationCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(keyOf(code));
  }
}
