import { AUTH_METHODS, type AuthMethod } from '../scripts-src/core/authMethod.ts';
import type { ContractVariableDoc } from './contract.ts';

const METHOD_TITLES: Record<AuthMethod, string> = {
  m2m: '`m2m` (OAuth 2.0 client credentials)',
  tba: '`tba` (OAuth 1.0a token-based auth)',
  authcode: '`authcode` (OAuth 2.0 authorization code + PKCE)',
};

function mark(variable: ContractVariableDoc): string {
  const notes: string[] = [];
  if (variable.secret) notes.push('secret');
  if (variable.default !== undefined) notes.push(`default \`${variable.default}\``);
  return `\`${variable.name}\`${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** Contract variables among `used`, in contract order. */
function pick(contract: readonly ContractVariableDoc[], used: ReadonlySet<string>): ContractVariableDoc[] {
  return contract.filter((variable) => used.has(variable.name));
}

/** "Which variables each auth method needs" as Markdown lines. */
function byMethod(variables: ContractVariableDoc[], skipEmpty = false): string[] {
  const lines: string[] = [];
  for (const method of AUTH_METHODS) {
    const own = variables.filter((variable) => variable.authMethods.includes(method));
    if (skipEmpty && own.length === 0) continue;
    lines.push(`- ${METHOD_TITLES[method]}: ${own.length ? own.map(mark).join(', ') : 'nothing of its own'}`);
  }
  const common = variables.filter((variable) => variable.authMethods.length === 0);
  if (common.length) lines.push(`- every method: ${common.map(mark).join(', ')}`);
  return lines;
}

export interface DescribeInput {
  /** The hand-written part. */
  intro: string;
  contract: readonly ContractVariableDoc[];
  /** Contract variables the scripts and request templates read. */
  used: ReadonlySet<string>;
  /** Collection variables (non-contract) the requests use. */
  collectionVariables?: readonly string[];
}

/** A collection variable and what it is for (documented in the collection's description). */
export interface CollectionVariableDoc {
  key: string;
  description: string;
  /** `false`: listed here only, created when first set (definitions' `undeclared`). */
  declared?: boolean;
}

/**
 * A collection's description: the intro, the variables per auth method, then every variable with
 * its JSDoc text (the lines `- \`name\` — …` are what versioning reads back).
 */
export function describeCollection(input: Omit<DescribeInput, 'collectionVariables'> & { collectionVariables?: readonly CollectionVariableDoc[] }): string {
  const variables = pick(input.contract, input.used);
  const parts = [input.intro.trim(), '', '## Variables by auth method', ''];
  parts.push(
    'Set these in the active environment (templates in `environments/`, or `netsuite-postman env`).',
    'Secrets stay empty in the templates and in shared copies.',
    '',
    ...byMethod(variables),
    '',
    '## Variables',
    '',
    ...variables.map((variable) => `- \`${variable.name}\` — ${variable.description}`),
  );
  if (input.collectionVariables?.length) {
    // Here rather than on each variable: the app shows no variable descriptions (postman-app-support
    // #5977), and the engines copy every variable, description included, into each script
    // execution of every request (bench/RESULTS.md, section 7).
    const line = (variable: CollectionVariableDoc) => `- \`${variable.key}\` — ${variable.description}`;
    const declared = input.collectionVariables.filter((variable) => variable.declared !== false);
    const undeclared = input.collectionVariables.filter((variable) => variable.declared === false);
    parts.push('', '## Collection variables', '');
    if (declared.length) {
      parts.push('The scripts keep their state in these (the Variables tab lists them, empty until a script sets them):', '', ...declared.map(line), '');
    }
    if (undeclared.length) {
      parts.push(
        'These are not declared, because the engines copy every declared variable into every script execution of every request',
        '(about 30 µs each): the request that sets one creates it, and you add one in the Variables tab to set it yourself. A',
        'request that still contains one of them as `{{name}}` is refused before it is sent (`UNSET_VARIABLE`).',
        '',
        ...undeclared.map(line),
        '',
      );
    }
    parts.push(
      'What lasts only one run (a request being retried after a 401, a 429 or a token endpoint 5xx; a cookie that leaked through the jar) the scripts keep to themselves for that run, not in variables.',
    );
  }
  return `${parts.join('\n')}\n`;
}

/** A folder's description: the intro, then the variables its requests need per auth method. */
export function describeFolder(input: DescribeInput): string {
  const variables = pick(input.contract, input.used);
  const parts = [input.intro.trim(), '', '### Variables the requests in this folder use', ''];
  if (variables.length === 0 && !input.collectionVariables?.length) parts.push('None beyond the collection\'s.');
  else if (variables.length) parts.push(...byMethod(variables, true));
  if (input.collectionVariables?.length) {
    parts.push(`- collection variables: ${input.collectionVariables.map((name) => `\`${name}\``).join(', ')}`);
  }
  return `${parts.join('\n')}\n`;
}

/** The variable names a generated collection description lists (what versioning compares). */
export function variablesInDescription(description: string): string[] {
  const names = new Set<string>();
  for (const match of description.matchAll(/^- `([A-Za-z0-9_$]+)` — /gm)) names.add(match[1]!);
  return [...names].sort();
}

/**
 * What a Send of an API request (one without scripts of its own) really does, appended to its
 * description: the same text for every such request, so it stays true in one place.
 */
export const ON_SEND = [
  '**On Send.** The collection\'s pre-request script authenticates this request by itself, whatever',
  'was sent before: `m2m` reuses the cached token (in `nsp_session`) while it is fresh for this',
  'account, client, certificate id and scope, else mints one first (with Web Crypto in the Postman',
  'app; Newman has none, so there "Auth / Mint M2M token" runs earlier in the run); `authcode`',
  'refreshes with `refresh_token` when it has no fresh token; `tba` signs the request. If NetSuite',
  'refuses a cached token (401), the token is dropped: after a single Send the test says that the',
  'next Send mints a new one; in a collection run the request is sent once more at once. Secret',
  'variables may hold Postman Vault references (`{{vault:NAME}}`).',
].join('\n');
