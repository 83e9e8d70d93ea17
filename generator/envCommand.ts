import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { CliIo, Command } from './cliTypes.ts';
import { CliError, EXIT } from './cliTypes.ts';
import { canonicalJson } from './canonicalJson.ts';
import { readContract, type ContractVariableDoc } from './contract.ts';
import { DotenvError, parseDotenv } from './dotenv.ts';
import { buildEnvironmentTemplate, fillEnvironment, shareableEnvironment, TEMPLATES, type TemplateName } from './environments.ts';
import { REPO_ROOT } from './generate.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

export const DEFAULT_ENV_OUT = 'local/netsuite.postman_environment.json';

const USAGE = [
  'Usage: netsuite-postman env [--from-dotenv FILE] [--out FILE] [--share FILE] [--template sandbox|production]',
  '',
  'Writes a filled Postman environment from process environment variables (or a .env file).',
  'Each contract variable is read as `account_id` or `NETSUITE_ACCOUNT_ID` (either spelling; if both',
  'are set they must agree). Empty values count as unset.',
  '',
  'Options:',
  '  --from-dotenv FILE  Read the variables from FILE instead of the process environment.',
  `  --out FILE          Where to write the filled environment (default: ${DEFAULT_ENV_OUT}, git-ignored).`,
  '                      Refused under environments/ when it would hold a secret.',
  '  --share FILE        Also write a copy with every secret value blanked, safe to hand to a team.',
  '  --template NAME     sandbox or production (default: production for a plain numeric account_id,',
  '                      sandbox otherwise).',
].join('\n');

/** The process-environment spelling of a contract variable: `NETSUITE_<NAME>`. */
export function prefixedName(name: string): string {
  return `NETSUITE_${name.toUpperCase()}`;
}

/** Contract values from a name → value source; fails when both spellings disagree. */
export function contractValues(
  source: Readonly<Record<string, string | undefined>> | ReadonlyMap<string, string>,
  contract: readonly ContractVariableDoc[],
): { values: Map<string, string>; unknown: string[] } {
  const get = (key: string) => (source instanceof Map ? source.get(key) : (source as Record<string, string | undefined>)[key]);
  const values = new Map<string, string>();
  for (const variable of contract) {
    const plain = get(variable.name);
    const prefixed = get(prefixedName(variable.name));
    const a = plain === undefined || plain === '' ? undefined : plain;
    const b = prefixed === undefined || prefixed === '' ? undefined : prefixed;
    if (a !== undefined && b !== undefined && a !== b) {
      throw new CliError(
        'CONFLICTING_VARIABLE',
        `both ${variable.name} and ${prefixedName(variable.name)} are set, to different values; keep one of them.`,
      );
    }
    const value = a ?? b;
    if (value !== undefined) values.set(variable.name, value);
  }
  const known = new Set(contract.map((variable) => prefixedName(variable.name)));
  const keys = source instanceof Map ? [...source.keys()] : Object.keys(source);
  const unknown = keys.filter((key) => key.startsWith('NETSUITE_') && !known.has(key)).sort();
  return { values, unknown };
}

/** `production` for a plain numeric account id, `sandbox` for everything else (…_SB1, TSTDRV…, _RP). */
export function inferTemplate(accountId: string | undefined): TemplateName {
  return accountId !== undefined && /^\s*\d+\s*$/.test(accountId) ? 'production' : 'sandbox';
}

function realpathOrResolve(path: string): string {
  let current = resolve(path);
  const tail: string[] = [];
  while (!existsSync(current) && dirname(current) !== current) {
    tail.unshift(current.slice(dirname(current).length + 1));
    current = dirname(current);
  }
  return join(realpathSync(current), ...tail);
}

function isInside(file: string, directory: string): boolean {
  const rel = relative(realpathOrResolve(directory), realpathOrResolve(file));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}

export const envCommand: Command = {
  name: 'env',
  summary: 'Write a filled environment from environment variables or a .env file (and a shareable copy).',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseCommandArgs(
      argv,
      { 'from-dotenv': { type: 'string' }, out: { type: 'string' }, share: { type: 'string' }, template: { type: 'string' } },
      USAGE,
    );
    if (values.template !== undefined && !(TEMPLATES as readonly string[]).includes(values.template)) {
      throw new CliError('USAGE', `--template must be ${TEMPLATES.join(' or ')}, not "${values.template}".`);
    }

    const contract = readContract(join(REPO_ROOT, 'scripts-src', 'pm', 'variables.ts')).variables;
    let source: Readonly<Record<string, string | undefined>> | Map<string, string> = io.env;
    let sourceName = 'the process environment';
    if (values['from-dotenv'] !== undefined) {
      const file = resolve(io.cwd, values['from-dotenv']);
      if (!existsSync(file)) throw new CliError('NO_DOTENV', `${values['from-dotenv']} does not exist.`);
      try {
        source = parseDotenv(readFileSync(file, 'utf8'));
      } catch (error) {
        if (error instanceof DotenvError) throw new CliError('BAD_DOTENV', `${values['from-dotenv']}: ${error.message}`);
        throw error;
      }
      sourceName = values['from-dotenv'];
    }
    const { values: filled, unknown } = contractValues(source, contract);
    for (const name of unknown) io.err(`warning: ${name} is not a contract variable; ignored.`);

    const template = (values.template as TemplateName | undefined) ?? inferTemplate(filled.get('account_id'));
    const base = buildEnvironmentTemplate(template, contract);
    const environment = fillEnvironment(base, filled, `NetSuite ${template} (local)`, `environment/${template}/local`);
    const secretsSet = contract.filter((variable) => variable.secret && filled.has(variable.name)).map((variable) => variable.name);

    const out = resolve(io.cwd, values.out ?? DEFAULT_ENV_OUT);
    if (secretsSet.length > 0) {
      for (const guarded of new Set([join(io.cwd, 'environments'), join(REPO_ROOT, 'environments')])) {
        if (isInside(out, guarded)) {
          throw new CliError(
            'SECRETS_UNDER_ENVIRONMENTS',
            `refusing to write ${relative(io.cwd, out)}: it would hold secret values (${secretsSet.join(', ')}) and environments/ is committed. ` +
              `Write it to ${DEFAULT_ENV_OUT} (git-ignored) and use --share for a copy without secrets.`,
          );
        }
      }
    }
    let share: string | undefined;
    if (values.share !== undefined) {
      share = resolve(io.cwd, values.share);
      if (share === out) throw new CliError('USAGE', '--share and --out must name different files.');
    }

    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, canonicalJson(environment), { mode: 0o600 });
    const set = contract.filter((variable) => filled.has(variable.name)).length;
    io.out(
      `wrote ${relative(io.cwd, out)} (${template} template, ${set} of ${contract.length} variables from ${sourceName}` +
        `${secretsSet.length ? `; secrets set: ${secretsSet.join(', ')}` : ''}).`,
    );
    if (share) {
      const copy = shareableEnvironment(environment, `NetSuite ${template} (shared)`, `environment/${template}/shared`);
      mkdirSync(dirname(share), { recursive: true });
      writeFileSync(share, canonicalJson(copy));
      io.out(`wrote ${relative(io.cwd, share)} (every secret blanked; safe to share).`);
    }
    return EXIT.ok;
  },
};
