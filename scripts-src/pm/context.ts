import type { AccountId } from '../core/accountId';
import { parseAccountId } from '../core/accountId';
import type { AuthMethod } from '../core/authMethod';
import { parseAuthMethod } from '../core/authMethod';
import { defaultBaseUrls, normalizeBaseUrl, tokenUrl } from '../core/baseUrls';
import { readVariable, requireVariable } from './variables';

export interface RunContext {
  account: AccountId;
  method: AuthMethod;
  suitetalkBaseUrl: string;
  restletsBaseUrl: string;
  appBaseUrl: string;
  tokenUrl: string;
}

/**
 * Reads the account and auth method, and fills the base URLs the environment leaves empty
 * (as request-local variables, so `{{suitetalk_base_url}}` resolves in this request's URL and
 * nothing is written to the environment).
 */
export function loadContext(): RunContext {
  const account = parseAccountId(requireVariable(pm.variables, 'account_id', 'every request (it picks the NetSuite hosts)'));
  const defaults = defaultBaseUrls(account);
  const pick = (name: 'suitetalk_base_url' | 'restlets_base_url' | 'app_base_url', value: string | undefined, fallback: string): string => {
    if (value !== undefined) return normalizeBaseUrl(value, name);
    pm.variables.set(name, fallback);
    return fallback;
  };
  const suitetalkBaseUrl = pick('suitetalk_base_url', readVariable(pm.variables, 'suitetalk_base_url'), defaults.suitetalk);
  const restletsBaseUrl = pick('restlets_base_url', readVariable(pm.variables, 'restlets_base_url'), defaults.restlets);
  const appBaseUrl = pick('app_base_url', readVariable(pm.variables, 'app_base_url'), defaults.app);
  return {
    account,
    method: parseAuthMethod(readVariable(pm.variables, 'auth_method')),
    suitetalkBaseUrl,
    restletsBaseUrl,
    appBaseUrl,
    tokenUrl: tokenUrl(suitetalkBaseUrl),
  };
}
