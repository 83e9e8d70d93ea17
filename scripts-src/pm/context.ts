import type { AccountId } from '../core/accountId';
import { parseAccountId } from '../core/accountId';
import type { AuthMethod } from '../core/authMethod';
import { parseAuthMethod } from '../core/authMethod';
import { defaultBaseUrls, normalizeBaseUrl, tokenUrl } from '../core/baseUrls';
import { memoizeLast } from '../core/memoizeLast';
import { readVariable, requireVariable } from './variables';

// The same values request after request: parsed once while they stay the same (core/memoizeLast.ts).
const accountOf = memoizeLast((raw: string) => {
  const account = parseAccountId(raw);
  return { account, defaults: defaultBaseUrls(account) };
});
type BaseUrlName = 'suitetalk_base_url' | 'restlets_base_url' | 'app_base_url';
/** One memory per variable: the three are read one after another on every request. */
const normalizers: Record<BaseUrlName, (value: string, name: BaseUrlName) => string> = {
  suitetalk_base_url: memoizeLast(normalizeBaseUrl),
  restlets_base_url: memoizeLast(normalizeBaseUrl),
  app_base_url: memoizeLast(normalizeBaseUrl),
};
const authMethodOf = memoizeLast(parseAuthMethod);

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
  const { account, defaults } = accountOf(requireVariable(pm.variables, 'account_id', 'every request (it picks the NetSuite hosts)'));
  const pick = (name: BaseUrlName, value: string | undefined, fallback: string): string => {
    if (value !== undefined) return normalizers[name](value, name);
    pm.variables.set(name, fallback);
    return fallback;
  };
  const suitetalkBaseUrl = pick('suitetalk_base_url', readVariable(pm.variables, 'suitetalk_base_url'), defaults.suitetalk);
  const restletsBaseUrl = pick('restlets_base_url', readVariable(pm.variables, 'restlets_base_url'), defaults.restlets);
  const appBaseUrl = pick('app_base_url', readVariable(pm.variables, 'app_base_url'), defaults.app);
  return {
    account,
    method: authMethodOf(readVariable(pm.variables, 'auth_method')),
    suitetalkBaseUrl,
    restletsBaseUrl,
    appBaseUrl,
    tokenUrl: tokenUrl(suitetalkBaseUrl),
  };
}
