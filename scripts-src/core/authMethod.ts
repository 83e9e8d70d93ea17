import { NspError } from './NspError';

/** The auth methods of the contract, in the order descriptions list them (the one list of them). */
export const AUTH_METHODS = ['m2m', 'tba', 'authcode'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

const METHODS: readonly AuthMethod[] = AUTH_METHODS;

/** `auth_method` as the scripts use it; unset means `m2m`, NetSuite's recommended method. */
export function parseAuthMethod(value: string | undefined): AuthMethod {
  if (value === undefined) return 'm2m';
  const method = value.trim().toLowerCase();
  if ((METHODS as readonly string[]).indexOf(method) >= 0) return method as AuthMethod;
  throw new NspError(
    'BAD_AUTH_METHOD',
    `The variable "auth_method" is "${value}", which is not an auth method. Use m2m (OAuth 2.0 client credentials), tba (token-based authentication) or authcode (OAuth 2.0 authorization code with refresh tokens).`,
    'auth_method',
  );
}
