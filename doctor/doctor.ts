import { contractVariables } from '../runner/contractVariables.ts';
import { getVariable, mergeProcessEnvironment, readEnvironmentFile, type RunnerEnvironment } from '../runner/environmentFile.ts';
import { AUTH_METHODS, type AuthMethod } from '../scripts-src/core/authMethod.ts';
import { runDoctor, type CheckResult } from './checks.ts';
import { DoctorError } from './DoctorError.ts';

export interface DoctorOptions {
  /** A Postman environment file (relative to `cwd`), or an environment object. */
  environment: string | RunnerEnvironment;
  /** Contract variables from the process environment (`NETSUITE_CLIENT_ID` or `client_id`) override the file, as in `run`. */
  processEnv?: Readonly<Record<string, string | undefined>>;
  /** Default: the environment's auth_method, else m2m. */
  authMethod?: string;
  /** Per live request; default 15 s. */
  timeoutMs?: number;
  cwd?: string;
  now?: () => number;
}

export interface DoctorReport {
  authMethod: AuthMethod;
  /** Variables whose value came from the process environment (names only). */
  fromProcess: string[];
  results: CheckResult[];
  passed: number;
  warned: number;
  failed: number;
}

/**
 * The INVALID_LOGIN diagnostic sequence for an environment: offline checks, then live checks in
 * NetSuite's layer order. `onResult` gets each check as soon as it is known. Prints nothing.
 */
export async function doctor(options: DoctorOptions, onResult: (result: CheckResult) => void = () => {}): Promise<DoctorReport> {
  const cwd = options.cwd ?? process.cwd();
  const read = typeof options.environment === 'string' ? readEnvironmentFile(options.environment, cwd) : options.environment;
  const contract = contractVariables();
  const { environment, fromProcess } = mergeProcessEnvironment(read, options.processEnv ?? {}, contract);
  const variables = (name: string): string | undefined => {
    const value = getVariable(environment, name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const authMethod = (options.authMethod ?? variables('auth_method') ?? 'm2m').toLowerCase();
  if (!(AUTH_METHODS as readonly string[]).includes(authMethod)) {
    throw new DoctorError('UNKNOWN_AUTH_METHOD', `auth method must be ${AUTH_METHODS.join(', ')}, not "${authMethod}".`);
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!(timeoutMs > 0)) throw new DoctorError('BAD_TIMEOUT', 'the timeout must be a positive number of milliseconds.');
  const secretNames = contract.filter((variable) => variable.secret).map((variable) => variable.name);
  const results = await runDoctor({ variables, secretNames, authMethod, timeoutMs, ...(options.now ? { now: options.now } : {}) }, onResult);
  const failed = results.filter((r) => r.status === 'FAIL').length;
  const warned = results.filter((r) => r.status === 'WARN').length;
  return { authMethod: authMethod as AuthMethod, fromProcess, results, passed: results.length - failed - warned, warned, failed };
}
