import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { RunnerError } from './RunnerError.ts';
import { AUTH_METHODS, type AuthMethod } from '../scripts-src/core/authMethod.ts';
import type { ContractVariableDoc } from '../generator/contract.ts';
import { contractValues } from '../generator/contractValues.ts';

/** One value of a Postman environment as the runner hands it to Newman. */
export interface RunnerEnvironmentValue {
  key: string;
  value: string;
  type?: string;
  enabled?: boolean;
  description?: string;
}

export interface RunnerEnvironment {
  id?: string;
  name: string;
  values: RunnerEnvironmentValue[];
  _postman_variable_scope?: string;
}

export interface LoadedEnvironment {
  environment: RunnerEnvironment;
  /** The file as the user named it (for messages). */
  label: string;
  /** Variables whose value came from the process environment (names only, never values). */
  fromProcess: string[];
}

/**
 * Reads and checks a Postman environment file. Every problem is a usage error (exit 2) that names
 * the file and never quotes a value.
 */
export function readEnvironmentFile(file: string, cwd: string): RunnerEnvironment {
  const path = resolve(cwd, file);
  if (!existsSync(path)) {
    throw new RunnerError('NO_ENVIRONMENT', `environment file ${file} does not exist (looked at ${path}). Write one with \`npx netsuite-postman env\`.`);
  }
  if (statSync(path).isDirectory()) throw new RunnerError('NO_ENVIRONMENT', `environment file ${file} is a directory, not a file.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // JSON.parse messages quote a few characters of the input at most; keep only the position.
    const where = /position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    throw new RunnerError('INVALID_ENVIRONMENT', `environment file ${file} is not valid JSON${where ? ` (at ${where})` : ''}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RunnerError('INVALID_ENVIRONMENT', `environment file ${file} is not a Postman environment (expected a JSON object with a "values" array).`);
  }
  const object = parsed as Record<string, unknown>;
  if (!Array.isArray(object.values)) {
    const hint = Array.isArray(object.item) || typeof object.info === 'object' ? ' It looks like a collection; pass it with --collection, and an environment with --environment.' : '';
    throw new RunnerError('INVALID_ENVIRONMENT', `environment file ${file} has no "values" array, so it is not a Postman environment.${hint}`);
  }
  const values: RunnerEnvironmentValue[] = [];
  object.values.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { key?: unknown }).key !== 'string') {
      throw new RunnerError('INVALID_ENVIRONMENT', `environment file ${file}: values[${index}] has no string "key".`);
    }
    const raw = entry as { key: string; value?: unknown; type?: unknown; enabled?: unknown; description?: unknown };
    values.push({
      ...(raw as object),
      key: raw.key,
      value: raw.value === undefined || raw.value === null ? '' : String(raw.value),
      ...(typeof raw.type === 'string' ? { type: raw.type } : {}),
      enabled: raw.enabled !== false,
    } as RunnerEnvironmentValue);
  });
  return {
    ...(object as object),
    name: typeof object.name === 'string' ? object.name : relative(cwd, path),
    values,
  } as RunnerEnvironment;
}

export function getVariable(environment: RunnerEnvironment, key: string): string | undefined {
  const entry = environment.values.find((value) => value.key === key && value.enabled !== false);
  return entry?.value;
}

/** A copy with `key` set (added when absent). */
export function withVariable(environment: RunnerEnvironment, key: string, value: string, type = 'default'): RunnerEnvironment {
  const copy = structuredClone(environment);
  const entry = copy.values.find((candidate) => candidate.key === key);
  if (entry) {
    entry.value = value;
    entry.enabled = true;
  } else copy.values.push({ key, value, type, enabled: true });
  return copy;
}

/**
 * Fills the environment from process environment variables, named as `netsuite-postman env` reads
 * them (`account_id` or `NETSUITE_ACCOUNT_ID`). A value set in the process environment wins over
 * the file, so CI can keep secrets out of files and a committed template can be used as is.
 */
export function mergeProcessEnvironment(
  environment: RunnerEnvironment,
  processEnv: Readonly<Record<string, string | undefined>>,
  contract: readonly ContractVariableDoc[],
): { environment: RunnerEnvironment; fromProcess: string[] } {
  const { values } = contractValues(processEnv, contract);
  let merged = environment;
  const fromProcess: string[] = [];
  for (const variable of contract) {
    const value = values.get(variable.name);
    if (value === undefined) continue;
    merged = withVariable(merged, variable.name, value, variable.secret ? 'secret' : 'default');
    fromProcess.push(variable.name);
  }
  return { environment: merged, fromProcess };
}

/** The auth method the environment selects (the scripts' default is m2m). */
export function authMethodOf(environment: RunnerEnvironment): string {
  const value = getVariable(environment, 'auth_method')?.trim();
  return value === undefined || value === '' ? 'm2m' : value.toLowerCase();
}

/** `--auth-method` values (repeatable, comma-separated, or `all`) checked against the contract. */
export function parseAuthMethods(values: readonly string[]): AuthMethod[] | undefined {
  const wanted = values.flatMap((value) => value.split(',')).map((value) => value.trim().toLowerCase()).filter((value) => value !== '');
  if (wanted.length === 0) return undefined;
  if (wanted.includes('all')) return [...AUTH_METHODS];
  for (const value of wanted) {
    if (!(AUTH_METHODS as readonly string[]).includes(value)) {
      throw new RunnerError('UNKNOWN_AUTH_METHOD', `unknown auth method "${value}". Valid: ${AUTH_METHODS.join(', ')} (or all).`);
    }
  }
  return AUTH_METHODS.filter((method) => wanted.includes(method));
}

/**
 * Every value that must never be printed: the secret-typed values of the environment and the
 * values of the contract's secret variables.
 */
export function secretValues(environment: RunnerEnvironment, contract: readonly ContractVariableDoc[]): string[] {
  const secretNames = new Set(contract.filter((variable) => variable.secret).map((variable) => variable.name));
  return environment.values
    .filter((entry) => entry.type === 'secret' || secretNames.has(entry.key))
    .map((entry) => entry.value)
    .filter((value) => value.trim() !== '');
}

/** Keys that hold what a run derives and must not leave it: tokens, assertions, PKCE verifiers, codes. */
const DERIVED_SECRET = /(token|assertion|verifier|authorization_code|nonce|signature|cookie)/i;

/**
 * The environment as a run left it, safe to export (`--export-environment`): the variables the
 * input had keep their (possibly updated) values; anything the run added that holds a token,
 * assertion, verifier or code is dropped. The scripts keep tokens in collection variables, so this
 * is a second line of defence.
 */
export function exportableEnvironment(final: RunnerEnvironment, input: RunnerEnvironment): RunnerEnvironment {
  const inputKeys = new Set(input.values.map((entry) => entry.key));
  return {
    ...(input.id ? { id: input.id } : {}),
    name: input.name,
    values: final.values
      .filter((entry) => inputKeys.has(entry.key) || !DERIVED_SECRET.test(entry.key))
      .map(({ key, value, type, enabled }) => ({ key, value: String(value ?? ''), ...(type ? { type } : {}), enabled: enabled !== false })),
    _postman_variable_scope: 'environment',
  };
}

/**
 * `--env-var KEY=VALUE` (Newman's flag): sets non-secret variables. A secret contract variable is
 * refused — a command line is visible in process listings, shell history and CI logs — naming the
 * safe alternative.
 */
export function applyEnvVars(
  environment: RunnerEnvironment,
  assignments: readonly string[],
  contract: readonly ContractVariableDoc[],
): { environment: RunnerEnvironment; set: string[] } {
  let result = environment;
  const set: string[] = [];
  for (const assignment of assignments) {
    const at = assignment.indexOf('=');
    const key = at > 0 ? assignment.slice(0, at).trim() : '';
    if (!key) throw new RunnerError('BAD_ENV_VAR', `--env-var needs KEY=VALUE, got "${assignment.slice(0, 40)}${assignment.length > 40 ? '…' : ''}".`);
    const variable = contract.find((entry) => entry.name === key || `NETSUITE_${entry.name.toUpperCase()}` === key);
    const name = variable?.name ?? key;
    const existing = environment.values.find((entry) => entry.key === name);
    if (variable?.secret || existing?.type === 'secret') {
      throw new RunnerError(
        'SECRET_ENV_VAR',
        `--env-var ${name}=… refused: ${name} is a secret, and a command line is visible in process listings, shell history and CI logs. ` +
          `Export NETSUITE_${name.toUpperCase()} in the process environment (a CI secret) or put it in the --environment file (written by \`netsuite-postman env\`).`,
      );
    }
    result = withVariable(result, name, assignment.slice(at + 1));
    set.push(name);
  }
  return { environment: result, set };
}
