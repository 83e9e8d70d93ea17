import { NspError } from './NspError';

export type AccountKind = 'production' | 'sandbox' | 'release-preview' | 'test-drive';

/** A NetSuite account id in its two spellings. */
export interface AccountId {
  /** The value as given (untrimmed). */
  input: string;
  /** TBA realm: upper case with underscore, e.g. `1234567_SB1`. */
  realm: string;
  /** Host form: lower case with hyphen, e.g. `1234567-sb1`. */
  hostForm: string;
  kind: AccountKind;
}

const ACCEPTED_FORMS =
  'Accepted forms (any case, "_" or "-"): 1234567 (production), 1234567_SB1 or 1234567-sb1 (sandbox 1, also _SB2 …), ' +
  '1234567_RP or 1234567-rp (release preview), TSTDRV1234567 (test drive).';

const ACCOUNT_PATTERN = /^(?:([0-9]+)(?:[_-](?:SB([1-9][0-9]*)|(RP)))?|TSTDRV([0-9]+))$/i;

function tryParse(text: string): Omit<AccountId, 'input'> | undefined {
  const match = ACCOUNT_PATTERN.exec(text);
  if (!match) return undefined;
  const [, number, sandbox, releasePreview, testDrive] = match;
  if (testDrive !== undefined) {
    return { realm: `TSTDRV${testDrive}`, hostForm: `tstdrv${testDrive}`, kind: 'test-drive' };
  }
  if (number === undefined) return undefined;
  if (sandbox !== undefined) {
    return { realm: `${number}_SB${sandbox}`, hostForm: `${number}-sb${sandbox}`, kind: 'sandbox' };
  }
  if (releasePreview !== undefined) {
    return { realm: `${number}_RP`, hostForm: `${number}-rp`, kind: 'release-preview' };
  }
  return { realm: number, hostForm: number, kind: 'production' };
}

function quote(value: string): string {
  const shown = value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return JSON.stringify(shown);
}

/** When a host name or URL was pasted, the account id it names, if any. */
function accountFromPastedHost(text: string): Omit<AccountId, 'input'> | undefined {
  if (!/[./:]/.test(text)) return undefined;
  const withoutScheme = text.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const host = withoutScheme.split(/[/?#:@]/)[0] ?? '';
  if (!/\.netsuite\.com$/i.test(host)) return undefined;
  const label = host.split('.')[0] ?? '';
  return tryParse(label);
}

function hint(text: string): string {
  if (text === '') return 'It is empty.';
  if (/^[0-9]+[_-]SB$/i.test(text)) return 'A sandbox id needs its number, e.g. 1234567_SB1.';
  if (/^[_-]/.test(text)) return 'The account number before the suffix is missing.';
  if (/\s/.test(text)) return 'It contains whitespace inside.';
  if (/[/:]/.test(text) || /\.netsuite\.com/i.test(text)) {
    return 'It looks like a URL or host name; give only the account id (Setup > Company > Company Information > Account ID).';
  }
  return '';
}

/**
 * Parses an account id as users type it: `1234567`, `1234567_SB1`, `1234567-sb1`, `1234567_RP`,
 * `TSTDRV1234567`, any case, surrounding whitespace ignored. Throws `BAD_ACCOUNT_ID` (variable
 * `account_id`) for anything else, quoting the value (an account id is not a secret); when a
 * NetSuite host or URL was pasted the message names the account id to use instead.
 */
export function parseAccountId(input: string): AccountId {
  const text = String(input === undefined || input === null ? '' : input).trim();
  const parsed = tryParse(text);
  if (parsed) return { input, ...parsed };

  const fromHost = accountFromPastedHost(text);
  if (fromHost) {
    throw new NspError(
      'BAD_ACCOUNT_ID',
      `The variable "account_id" is ${quote(text)}, which is a NetSuite URL or host name, not an account id. ` +
        `Set account_id to ${fromHost.realm} (or ${fromHost.hostForm}); to send requests to a different host, ` +
        `use suitetalk_base_url, restlets_base_url or app_base_url instead. ${ACCEPTED_FORMS}`,
      'account_id',
    );
  }
  const why = hint(text);
  throw new NspError(
    'BAD_ACCOUNT_ID',
    `The variable "account_id" is ${quote(text)}, which is not a NetSuite account id.${why ? ` ${why}` : ''} ` +
      `${ACCEPTED_FORMS}`,
    'account_id',
  );
}
