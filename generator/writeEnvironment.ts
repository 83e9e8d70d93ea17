import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { canonicalJson } from './canonicalJson.ts';
import { checkVariables } from './checkVariables.ts';
import type { ContractVariableDoc } from './contract.ts';
import { contractValues } from './contractValues.ts';
import { buildEnvironmentTemplate, fillEnvironment, shareableEnvironment, type TemplateName } from './environments.ts';
import { GeneratorError } from './GeneratorError.ts';
import { PACKAGE_ROOT } from './packageRoot.ts';
import { readScriptMetadata } from './scriptMetadataFile.ts';

export const DEFAULT_ENV_OUT = 'local/netsuite.postman_environment.json';

export interface WriteEnvironmentOptions {
  /** Variables by name: `account_id` or `NETSUITE_ACCOUNT_ID` (process.env, a parsed .env file, a Map). */
  source: Readonly<Record<string, string | undefined>> | ReadonlyMap<string, string>;
  /** Where to write the filled environment (mode 0600). Relative to `cwd`. Default: local/netsuite.postman_environment.json. */
  out?: string;
  /** Also write a copy with every secret blanked. Relative to `cwd`. */
  share?: string;
  /** sandbox or production; default: production for a plain numeric account_id, sandbox otherwise. */
  template?: TemplateName;
  cwd?: string;
  /** The variable contract; default: the build's. */
  contract?: readonly ContractVariableDoc[];
}

export interface WriteEnvironmentResult {
  out: string;
  share?: string;
  template: TemplateName;
  /** Contract variables set / in the contract. */
  set: number;
  total: number;
  /** Names (never values) of the secrets written. */
  secretsSet: string[];
  /** NETSUITE_* names that are not contract variables (ignored). */
  unknown: string[];
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

/**
 * Writes a filled Postman environment from contract variables — after checking every value the way
 * the collections would (an account id, auth method, algorithm or key they would refuse is refused
 * here, naming the variable) — and, with `share`, a copy without secrets. Refuses to write secrets
 * under an `environments/` folder (committed templates). Writes nothing when it throws.
 */
export function writeEnvironment(options: WriteEnvironmentOptions): WriteEnvironmentResult {
  const cwd = options.cwd ?? process.cwd();
  const contract = options.contract ?? readScriptMetadata().contract.variables;
  const { values: filled, unknown } = contractValues(options.source, contract);
  const problems = checkVariables(filled);
  if (problems.length > 0) {
    throw new GeneratorError(
      'INVALID_VARIABLE',
      `nothing written: ${problems.length === 1 ? 'a value the collections would refuse' : `${problems.length} values the collections would refuse`}:\n` +
        problems.map((problem) => `  ${problem.variable} (${problem.code}): ${problem.message}`).join('\n'),
      problems[0]!.variable,
    );
  }
  const template = options.template ?? inferTemplate(filled.get('account_id'));
  const base = buildEnvironmentTemplate(template, contract);
  const environment = fillEnvironment(base, filled, `NetSuite ${template} (local)`, `environment/${template}/local`);
  const secretsSet = contract.filter((variable) => variable.secret && filled.has(variable.name)).map((variable) => variable.name);

  const out = resolve(cwd, options.out ?? DEFAULT_ENV_OUT);
  if (secretsSet.length > 0) {
    for (const guarded of new Set([join(cwd, 'environments'), join(PACKAGE_ROOT, 'environments')])) {
      if (isInside(out, guarded)) {
        throw new GeneratorError(
          'SECRETS_UNDER_ENVIRONMENTS',
          `refusing to write ${relative(cwd, out)}: it would hold secret values (${secretsSet.join(', ')}) and environments/ is committed. ` +
            `Write it to ${DEFAULT_ENV_OUT} (git-ignored) and use --share for a copy without secrets.`,
          relative(cwd, out),
        );
      }
    }
  }
  const share = options.share === undefined ? undefined : resolve(cwd, options.share);
  if (share === out) throw new GeneratorError('INVALID_VARIABLE', 'the shared copy and the filled environment must be different files.');

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, canonicalJson(environment), { mode: 0o600 });
  if (share) {
    const copy = shareableEnvironment(environment, `NetSuite ${template} (shared)`, `environment/${template}/shared`);
    mkdirSync(dirname(share), { recursive: true });
    writeFileSync(share, canonicalJson(copy));
  }
  return {
    out,
    ...(share ? { share } : {}),
    template,
    set: contract.filter((variable) => filled.has(variable.name)).length,
    total: contract.length,
    secretsSet,
    unknown,
  };
}
