/** Account ids as NetSuite shows them, and the two forms derived from them. */
export interface Account {
  /** The id as given (trimmed). */
  accountId: string;
  /** TBA realm: upper case with underscore, e.g. `1234567_SB1`. */
  realm: string;
  /** Host form: lower case with hyphen, e.g. `1234567-sb1`. */
  hostForm: string;
}

const ACCOUNT_PATTERN = /^(?:tstdrv)?\d+(?:[_-](?:sb\d+|rp))?$/i;

/** Parses `1234567`, `1234567_SB1`, `1234567-sb1`, `TSTDRV1234567`, in any case. */
export function parseAccountId(input: string): Account | undefined {
  const accountId = input.trim();
  if (!ACCOUNT_PATTERN.test(accountId)) return undefined;
  return {
    accountId,
    realm: accountId.toUpperCase().replace('-', '_'),
    hostForm: accountId.toLowerCase().replace('_', '-'),
  };
}

/** True when both ids name the same account (same realm). */
export function sameAccount(a: Account, b: Account): boolean {
  return a.realm === b.realm;
}
