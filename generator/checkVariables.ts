import { parseAccountId } from '../scripts-src/core/accountId.ts';
import { parseAuthMethod } from '../scripts-src/core/authMethod.ts';
import { normalizeBaseUrl } from '../scripts-src/core/baseUrls.ts';
import { checkKeyFitsAlgorithm } from '../scripts-src/core/assertionClaims.ts';
import { parseJwtAlgorithm } from '../scripts-src/core/jwtAlgorithm.ts';
import { isNspError } from '../scripts-src/core/NspError.ts';
import { readPrivateKeyPem } from '../scripts-src/core/privateKeyPem.ts';
import { parseScopes } from '../scripts-src/core/scopes.ts';

/** One value the collections would refuse: the variable, the stable code and the message (never a secret). */
export interface VariableProblem {
  variable: string;
  code: string;
  message: string;
}

/**
 * Checks contract values the way the collection scripts will (the same core modules): account id,
 * auth method, JWT algorithm, private key against the algorithm, scope, base URL overrides. Only
 * what is set is checked; what is missing is for the run (or doctor) to report.
 */
export function checkVariables(values: ReadonlyMap<string, string>): VariableProblem[] {
  const problems: VariableProblem[] = [];
  const attempt = (variable: string, check: () => void) => {
    try {
      check();
    } catch (error) {
      if (!isNspError(error)) throw error;
      problems.push({ variable: error.variable ?? variable, code: error.code, message: error.message });
    }
  };
  const get = (name: string) => values.get(name);
  if (get('account_id') !== undefined) attempt('account_id', () => parseAccountId(get('account_id')!));
  if (get('auth_method') !== undefined) attempt('auth_method', () => parseAuthMethod(get('auth_method')));
  if (get('scope') !== undefined) attempt('scope', () => parseScopes(get('scope')));
  for (const name of ['suitetalk_base_url', 'restlets_base_url', 'app_base_url']) {
    if (get(name) !== undefined) attempt(name, () => normalizeBaseUrl(get(name)!, name));
  }
  let algorithmOk = true;
  if (get('jwt_algorithm') !== undefined) {
    const before = problems.length;
    attempt('jwt_algorithm', () => parseJwtAlgorithm(get('jwt_algorithm')));
    algorithmOk = problems.length === before;
  }
  if (get('private_key') !== undefined) {
    attempt('private_key', () => {
      const key = readPrivateKeyPem(get('private_key'));
      if (algorithmOk) checkKeyFitsAlgorithm(parseJwtAlgorithm(get('jwt_algorithm')), key);
    });
  }
  return problems;
}
